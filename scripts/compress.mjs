// After postbuild: writes a brotli (.br, quality 11) and a gzip (.gz,
// level 9) copy beside every file of the build that compresses, so the
// server sends them without compressing anything per request. Images that
// are already compressed are left alone.
//   node scripts/compress.mjs [dist]
import { readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/** Already compressed: another pass would only add bytes. */
export const STORED_AS_IS = new Set(['.png', '.ico']);
/** The suffixes of the compressed copies, best first. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

export const isCompressedCopy = (file) => ENCODINGS.some((e) => file.endsWith(e.suffix));

/** The brotli form of `body`: the largest window, and text mode for text. */
export function brotli(body, file) {
  const text = !['.wasm', '.png', '.ico'].includes(extname(file));
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

export const gzip = (body) => gzipSync(body, { level: constants.Z_BEST_COMPRESSION });

export function compressAll(dist) {
  const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile());
  // Copies left by an earlier run are made again from their file.
  for (const f of files.filter(isCompressedCopy)) rmSync(join(dist, f));
  const written = [];
  for (const f of files.filter((f) => !isCompressedCopy(f))) {
    const path = join(dist, f);
    if (STORED_AS_IS.has(extname(f))) continue;
    const body = readFileSync(path);
    writeFileSync(path + '.br', brotli(body, f));
    writeFileSync(path + '.gz', gzip(body));
    written.push(f);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  compressAll(process.argv[2] ?? 'dist');
}
