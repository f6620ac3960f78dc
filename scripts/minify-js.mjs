// Minifies the JavaScript trunk leaves as it is: wasm-bindgen's glue module
// (trunk's own JS minifier cannot parse it), the single-file build's script
// and the service worker. Export names and property names are kept, so the
// wasm's imports and the start-up script's `import` still find what they need.
import { minify } from 'terser';

export async function minifyJs(code, { module = true } = {}) {
  const out = await minify(code, {
    module,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (typeof out.code !== 'string' || out.code.length === 0) throw new Error('terser returned no code');
  return out.code;
}
