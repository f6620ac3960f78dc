// A small static file server for the release build, bound to 127.0.0.1 only.
// Everything but images goes out compressed: brotli to browsers that accept
// it, gzip to those that accept only gzip, as is to the rest. The compressed
// copies are the .br and .gz files the build wrote beside each file
// (scripts/compress.mjs); a file without them is compressed once, in memory.
// Usage: node scripts/serve.mjs <dir> [port]   (port 0 picks a free one)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import Negotiator from 'negotiator';
import { STORED_AS_IS, ENCODINGS, brotli, gzip } from './compress.mjs';
import { CSP } from './csp.mjs';

/**
 * Sent with every response: no content-type sniffing.
 */
export const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff' };

/**
 * Sent with documents and with the scripts that start a worker (whose own
 * policy comes from its script's response). The page carries the same CSP
 * in a <meta> tag, so a copy opened without this server keeps it, but only
 * a header can forbid other sites to frame the app. A policy on a wasm,
 * CSS or module file means nothing, so it is not sent there.
 */
export const DOCUMENT_HEADERS = {
  ...SECURITY_HEADERS,
  'content-security-policy': `${CSP}; frame-ancestors 'none'`,
  'referrer-policy': 'no-referrer',
};

/** Whether `file` is a document or a worker's script. */
const isDocumentOrWorker = (file) => ['.html', ''].includes(extname(file)) || /(_loader|\/sw)\.js$/.test(file);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The encoding to send for a request's Accept-Encoding, as negotiator reads
 * it (q-values, `*`, refusals): brotli, else gzip, else none; on equal q,
 * brotli.
 */
export function pickEncoding(header) {
  const offered = [...ENCODINGS.map((e) => e.name), 'identity'];
  const request = { headers: header === undefined ? {} : { 'accept-encoding': header } };
  const chosen = new Negotiator(request).encoding(offered, { preferred: offered });
  return ENCODINGS.find((e) => e.name === chosen) ?? null;
}

export function serve(dir, port = 0) {
  const root = resolve(dir);
  /** file and encoding → { etag, body } made in memory, for files without copies on disk. */
  const made = new Map();
  /** The compressed form of `file`: its copy on disk if as new as the file, else made once. */
  const compressed = async (file, info, encoding, etag) => {
    const copy = await stat(file + encoding.suffix).catch(() => null);
    if (copy?.isFile() && copy.mtimeMs >= info.mtimeMs) return readFile(file + encoding.suffix);
    const key = `${encoding.name} ${file}`;
    if (made.get(key)?.etag !== etag) {
      const body = await readFile(file);
      made.set(key, { etag, body: encoding.name === 'br' ? brotli(body, file) : gzip(body) });
    }
    return made.get(key).body;
  };
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403, DOCUMENT_HEADERS).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const info = await stat(file);
      const encoding = STORED_AS_IS.has(extname(file)) ? null : pickEncoding(req.headers['accept-encoding']);
      // Revalidated on every use (no-cache), answered 304 when unchanged, so
      // the service worker's precache does not download the build twice.
      // Each compressed form is another representation, with its own ETag.
      const version = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`;
      const etag = `"${version}${encoding ? `-${encoding.name}` : ''}"`;
      const headers = {
        ...(isDocumentOrWorker(file) ? DOCUMENT_HEADERS : SECURITY_HEADERS),
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        etag,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      const body = encoding ? await compressed(file, info, encoding, etag) : await readFile(file);
      if (encoding) headers['content-encoding'] = encoding.name;
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...DOCUMENT_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`模范已启动：http://127.0.0.1:${server.address().port}/  （Ctrl+C 停止）`);
}
