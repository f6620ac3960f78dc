// Builds the single-file version: one mofan.html with the CSS, the JS and the
// wasm inside it, that runs opened straight from disk (file://) with no
// server, for a USB stick or intranet mail. Its Content-Security-Policy names
// the inline script and style by hash; nothing else may run or load. The
// workers (files, the desk's, Excel) are inside it too: a worker cannot be
// loaded from file://, so the page starts each from a blob
// (`mofanFilesWorker`, `mofanPileWorker`, `mofanExcelWorker`, see
// src/files_module.rs).
// Both apps are inside, the member's and the 支部汇总 desk's, each in its own
// scope; the address picks one when the page loads (#/branch: the desk), and
// going between them reloads (src/ui/route.rs).
//   node scripts/single-file.mjs [dist] [out-file]
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { minifyJs } from './minify-js.mjs';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? join('dist-single', 'mofan.html');
const files = readdirSync(dist);
const one = (re) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`expected one file like ${re} in ${dist}, found ${found.length}`);
  return join(dist, found[0]);
};

const css = readFileSync(one(/^main-.*\.css$/), 'utf8');
const icon = readFileSync(one(/^icon\.svg$/));
const wasm = readFileSync(one(/^mofan-[0-9a-f]+_bg\.wasm$/));
const deskWasm = readFileSync(one(/^mofan-desk-[0-9a-f]+_bg\.wasm$/));
// The workers (files, the desk's, Excel): wasm-bindgen's no-modules glue (it defines `wasm_bindgen`) and its wasm.
const workers = ['files', 'pile', 'excel'].map((name) => ({
  name,
  glue: readFileSync(one(new RegExp(`^mofan-${name}\\.js$`))),
  wasm: readFileSync(one(new RegExp(`^mofan-${name}_bg\\.wasm$`))),
}));
/**
 * A wasm-bindgen glue module as trunk wrote it (run this before
 * postbuild.mjs minifies it), made into the body of a function that returns
 * its start function: its exports become local names, its own.
 */
function scoped(file) {
  const glue = readFileSync(file, 'utf8');
  if (!/^async function __wbg_init\b/m.test(glue)) {
    throw new Error('the glue module is already minified (postbuild.mjs ran): run scripts/build.sh, which builds the single file first');
  }
  const bindings = glue
    .replace(/^export (class|function|const|let|async function) /gm, '$1 ')
    .replace(/^export \{[^}]*\};?\s*$/gm, '');
  if (/^export /m.test(bindings)) throw new Error('an export form the single-file build does not handle');
  return `(() => {\n${bindings}\nreturn __wbg_init;\n})()`;
}

const script = await minifyJs(`const startMember = ${scoped(one(/^mofan-[0-9a-f]+\.js$/))};
const startDesk = ${scoped(one(/^mofan-desk-[0-9a-f]+\.js$/))};
const inPage = (id) => document.getElementById(id).textContent.trim();
const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const worker = (name) => () => {
  const glue = new TextDecoder().decode(bytes(inPage(\`mofan-\${name}-js\`)));
  const start = \`wasm_bindgen({ module_or_path: Uint8Array.from(atob("\${inPage(\`mofan-\${name}-wasm\`)}"), (c) => c.charCodeAt(0)) });\`;
  return new Worker(URL.createObjectURL(new Blob([glue, ';', start], { type: 'text/javascript' })));
};
globalThis.mofanFilesWorker = worker('files');
globalThis.mofanPileWorker = worker('pile');
globalThis.mofanExcelWorker = worker('excel');
const desk = location.hash === '#/branch';
await (desk ? startDesk : startMember)({ module_or_path: bytes(inPage(desk ? 'mofan-desk-wasm' : 'mofan-wasm')) });
`);
const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  // The workers, started from blobs made of the page's own data.
  "worker-src blob:",
  `style-src ${hash(css)}`,
  "img-src data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>模范 · 自查自评</title>
<link rel="icon" href="data:image/svg+xml;base64,${icon.toString('base64')}">
<style>${css}</style>
<script type="application/octet-stream" id="mofan-wasm">${wasm.toString('base64')}</script>
<script type="application/octet-stream" id="mofan-desk-wasm">${deskWasm.toString('base64')}</script>
${workers.map((w) => `<script type="application/octet-stream" id="mofan-${w.name}-js">${w.glue.toString('base64')}</script>
<script type="application/octet-stream" id="mofan-${w.name}-wasm">${w.wasm.toString('base64')}</script>`).join('\n')}
<script type="module">${script}</script>
</head>
<body>
<noscript>模范需要启用 JavaScript 和 WebAssembly 才能运行。</noscript>
</body>
</html>
`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`single-file build: ${out} (${(html.length / 1024).toFixed(0)} KB)`);
