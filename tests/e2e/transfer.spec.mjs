// What a member's browser downloads on the first visit: the server that
// `bash scripts/run.sh` starts sends the app compressed, and the page still
// starts from it. A browser that does not accept gzip gets the files as they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT, startServer, withFreshBrowser } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const dist = join(ROOT, 'dist');
const wasmName = readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
const wasmBytes = readFileSync(join(dist, wasmName));

const get = (path, headers) => new Promise((ok, fail) => {
  const req = request(new URL(path, server.url), { headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  });
  req.on('error', fail);
  req.end();
});

test('the first visit downloads the app gzip-compressed and starts from it', () => withFreshBrowser(async ({ page }) => {
  const wasmResponse = page.waitForResponse((r) => r.url().endsWith(wasmName));
  await page.goto(server.url);
  await page.getByText('新建自查').waitFor();
  const wasm = await wasmResponse;
  assert.equal(await wasm.headerValue('content-encoding'), 'gzip');
  await wasm.finished();
  const onWire = (await wasm.request().sizes()).responseBodySize;
  assert.ok(onWire < wasmBytes.length * 0.45, `the wasm crossed the wire as ${onWire} of ${wasmBytes.length} bytes`);
}));

test('gzip only for browsers that accept it, with its own ETag and the same bytes inside', async () => {
  const zipped = await get(wasmName, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'accept-encoding');
  assert.deepEqual(gunzipSync(zipped.body), wasmBytes);

  const plain = await get(wasmName, { 'accept-encoding': 'gzip;q=0, identity' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, wasmBytes);
  assert.notEqual(plain.headers.etag, zipped.headers.etag);

  // Revalidation answers 304 for the representation the browser holds.
  const again = await get(wasmName, { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag });
  assert.equal(again.status, 304);
  // A PNG is already compressed and goes out as it is.
  const icon = await get('icon-192.png', { 'accept-encoding': 'gzip' });
  assert.equal(icon.headers['content-encoding'], undefined);
});
