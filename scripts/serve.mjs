// A small static file server for the release build, bound to 127.0.0.1 only.
// Everything but images goes out gzip-compressed to browsers that accept it
// (each file compressed once, at level 9, and kept in memory).
// Usage: node scripts/serve.mjs <dir> [port]   (port 0 picks a free one)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

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

/** Already compressed: gzip would only add bytes. */
const STORED_AS_IS = new Set(['.png', '.ico']);

/** Whether the request's Accept-Encoding allows gzip (and does not refuse it with q=0). */
function acceptsGzip(header = '') {
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export function serve(dir, port = 0) {
  const root = resolve(dir);
  /** file → { etag, body } of its gzip form, made on first request. */
  const gzipped = new Map();
  const gzipOf = (file, etag, body) => {
    const known = gzipped.get(file);
    if (known?.etag === etag) return known.body;
    const small = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
    gzipped.set(file, { etag, body: small });
    return small;
  };
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const info = await stat(file);
      const compress = !STORED_AS_IS.has(extname(file)) && acceptsGzip(req.headers['accept-encoding']);
      // Revalidated on every use (no-cache), answered 304 when unchanged, so
      // the service worker's precache does not download the build twice.
      // The gzip form is another representation, with its own ETag.
      const version = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`;
      const etag = `"${version}${compress ? '-gz' : ''}"`;
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        etag,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      let body = await readFile(file);
      if (compress) {
        body = gzipOf(file, etag, body);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`模范已启动：http://127.0.0.1:${server.address().port}/  （Ctrl+C 停止）`);
}
