// After `trunk build`: for each page (index.html, branch.html), moves trunk's
// inline start-up script into its own file and adds a
// Content-Security-Policy, so the page runs only the app's own files: no
// inline script, nothing from another origin; and minifies the page's
// wasm-bindgen glue module (and its integrity hash in the page). Minifies the
// files worker's glue. Then writes the service worker with the list of every
// file of this build.
//   node scripts/postbuild.mjs [dist]
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minifyJs } from './minify-js.mjs';
import { isCompressedCopy } from './compress.mjs';
import { CSP } from './csp.mjs';

const dist = process.argv[2] ?? 'dist';
const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

/** Makes one page run only the app's own files, and minifies its glue module. */
async function securePage(page) {
  const indexPath = join(dist, page);
  let html = readFileSync(indexPath, 'utf8');

  // Trunk minifies the HTML in release builds, so attribute quotes may be gone.
  const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
  const found = html.match(inline);
  if (found) {
    const code = found[1].trim() + '\n';
    const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(dist, name), code);
    html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
  }
  if (!html.includes('Content-Security-Policy')) {
    const charset = /<meta charset="?utf-8"?>/i;
    if (!charset.test(html)) throw new Error(`${page} has no <meta charset=utf-8> to put the CSP after`);
    html = html.replace(charset, (meta) => `${meta}<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  }
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
    throw new Error(`${page} still has an inline script; the CSP would block it`);
  }

  // The page's glue module (the start-up script imports it), minified once:
  // its subresource-integrity hash in the page must then be the new file's.
  const glueName = found?.[1].match(/from ['"]\.\/([\w-]+\.js)['"]/)?.[1];
  if (!glueName) throw new Error(`no wasm-bindgen glue module imported by ${page}'s start-up script`);
  const gluePath = join(dist, glueName);
  const glue = readFileSync(gluePath, 'utf8');
  if (!html.includes(sri(glue))) throw new Error(`${page} has no integrity hash for ${glueName}`);
  const small = await minifyJs(glue);
  writeFileSync(gluePath, small);
  html = html.replace(sri(glue), sri(small));
  writeFileSync(indexPath, html);
}

for (const page of ['index.html', 'branch.html']) await securePage(page);

// The workers' glue (files, the desk's and Excel): no page names it with a hash, so it is only minified.
for (const name of ['mofan-files', 'mofan-pile', 'mofan-excel']) {
  const workerGlue = join(dist, `${name}.js`);
  // A classic script (wasm-bindgen's no-modules target): its global `wasm_bindgen` must keep its name.
  writeFileSync(workerGlue, await minifyJs(readFileSync(workerGlue, 'utf8'), { module: false }));
  // Trunk's loader starts the module with a promise nobody awaits: a module
  // that cannot be fetched or compiled would leave the page waiting for ever.
  // Rethrown outside the promise, the failure reaches the page as the
  // Worker's error event, and the page says the module could not be loaded.
  const loader = join(dist, `${name}_loader.js`);
  const expected = `importScripts("./${name}.js");wasm_bindgen("./${name}_bg.wasm");`;
  if (readFileSync(loader, 'utf8').trim() !== expected) throw new Error(`trunk's loader ${loader} is not the one this script knows`);
  writeFileSync(loader, `importScripts("./${name}.js");wasm_bindgen("./${name}_bg.wasm").catch((e)=>setTimeout(()=>{throw e;}));\n`);
}

// The service worker, listing every file of this build (sw.js itself aside).
const files = readdirSync(dist)
  .filter((f) => f !== 'sw.js' && !isCompressedCopy(f) && statSync(join(dist, f)).isFile())
  .sort();
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(dist, f)));
const worker = readFileSync('assets/sw.template.js', 'utf8')
  .replace('__VERSION__', version.digest('hex').slice(0, 16))
  .replace('__FILES__', JSON.stringify(['./', ...files.map((f) => `./${f}`)]));
writeFileSync(join(dist, 'sw.js'), worker);
