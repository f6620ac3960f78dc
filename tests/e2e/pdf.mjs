// Text of a PDF, page by page, read with pdf.js (no browser needed).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Returns an array with the text of each page (spaces between runs removed). */
export async function pdfPages(buffer) {
  const doc = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((i) => i.str).join('').replace(/\s+/g, ''));
  }
  await doc.destroy();
  return pages;
}
