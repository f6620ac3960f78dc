// After `trunk build`: moves trunk's inline start-up script into its own file
// and adds a Content-Security-Policy to index.html, so the page runs only the
// app's own files: no inline script, nothing from another origin. Then writes
// the service worker with the list of every file of this build.
//   node scripts/postbuild.mjs [dist]
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'", // wasm-unsafe-eval: compiling the app's own wasm
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (found) {
  const code = found[1].trim() + '\n';
  const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dist, name), code);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
}
if (!html.includes('Content-Security-Policy')) {
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  throw new Error('index.html still has an inline script; the CSP would block it');
}
writeFileSync(indexPath, html);

// The service worker, listing every file of this build (sw.js itself aside).
const files = readdirSync(dist).filter((f) => f !== 'sw.js' && statSync(join(dist, f)).isFile()).sort();
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(dist, f)));
const worker = readFileSync('assets/sw.template.js', 'utf8')
  .replace('__VERSION__', version.digest('hex').slice(0, 16))
  .replace('__FILES__', JSON.stringify(['./', ...files.map((f) => `./${f}`)]));
writeFileSync(join(dist, 'sw.js'), worker);
