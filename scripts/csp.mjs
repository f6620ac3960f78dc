// The page's Content-Security-Policy: only the app's own files run or load,
// nothing from another origin. postbuild.mjs puts it in index.html's <meta>;
// serve.mjs also sends it as a header, with frame-ancestors (which only a
// header can carry).
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
