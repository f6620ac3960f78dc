// What a member's browser downloads on the first visit: the server that
// `bash scripts/run.sh` starts sends the app brotli-compressed (the copies
// the build made), and the page still starts from it. A browser that accepts
// only gzip gets gzip; one that accepts neither gets the files as they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { request, createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { ROOT, startServer, withFreshBrowser, freshProfile, launch, closeAll } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const dist = join(ROOT, 'dist');
const wasmName = readdirSync(dist).find((f) => /^mofan-[0-9a-f]+_bg\.wasm$/.test(f));
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

test('the first visit downloads the app brotli-compressed and starts from it', () => withFreshBrowser(async ({ page }) => {
  const wasmResponse = page.waitForResponse((r) => r.url().endsWith(wasmName));
  await page.goto(server.url);
  await page.getByText('新建自查').waitFor();
  const wasm = await wasmResponse;
  assert.equal(await wasm.headerValue('content-encoding'), 'br');
  await wasm.finished();
  const onWire = (await wasm.request().sizes()).responseBodySize;
  assert.ok(onWire < wasmBytes.length * 0.35, `the wasm crossed the wire as ${onWire} of ${wasmBytes.length} bytes`);
}));

test('the files module, the Excel module and the desk are not downloaded before the app is ready; each comes when first asked for', () => withFreshBrowser(async ({ page }) => {
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(server.url);
  await page.getByText('新建自查').waitFor();
  const deskOrModule = (p) => ['mofan-files', 'mofan-excel', 'mofan-pile', 'desk', 'branch'].some((part) => p.includes(part));
  assert.deepEqual(asked.filter(deskOrModule), [],
    'nothing of the files module, the Excel module or the desk at start');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出CSV', exact: true }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^\uFEFF一级指标,二级指标\/考核内容,评分标准,分值/);
  assert.ok(asked.includes('/mofan-files_bg.wasm'), `the files module was fetched on first use: ${asked.join(' ')}`);
  // The Excel module comes only with the first workbook, not with CSV.
  assert.ok(!asked.some((p) => p.includes('mofan-excel')), `no Excel module for a CSV: ${asked.join(' ')}`);
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
  assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK');
  assert.ok(asked.includes('/mofan-excel_bg.wasm'), `the Excel module was fetched on first use: ${asked.join(' ')}`);
  // The desk's worker, with the combining, is the desk's page's alone.
  assert.ok(!asked.some((p) => p.includes('mofan-pile')), `no desk worker for a member: ${asked.join(' ')}`);
  const deskWorker = page.waitForRequest((r) => r.url().endsWith('/mofan-pile_bg.wasm'));
  await page.goto(`${server.url}#/branch`);
  await page.getByLabel('选择结果文件').waitFor();
  await deskWorker;
}));

test('brotli, else gzip, else the bytes as they are, each with its own ETag and the same bytes inside', async () => {
  const br = await get(wasmName, { 'accept-encoding': 'gzip, deflate, br, zstd' });
  assert.equal(br.status, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'accept-encoding');
  assert.deepEqual(brotliDecompressSync(br.body), wasmBytes);
  // The copy the build wrote is what goes out: nothing is compressed per request.
  assert.deepEqual(br.body, readFileSync(join(dist, `${wasmName}.br`)));

  const zipped = await get(wasmName, { 'accept-encoding': 'gzip, br;q=0' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.deepEqual(gunzipSync(zipped.body), wasmBytes);
  assert.ok(br.body.length < zipped.body.length, `brotli ${br.body.length} < gzip ${zipped.body.length}`);

  const plain = await get(wasmName, { 'accept-encoding': 'gzip;q=0, identity' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, wasmBytes);
  assert.equal(new Set([br.headers.etag, zipped.headers.etag, plain.headers.etag]).size, 3, 'three ETags');

  // Revalidation answers 304 for the representation the browser holds.
  const again = await get(wasmName, { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag });
  assert.equal(again.status, 304);
  const stale = await get(wasmName, { 'accept-encoding': 'br', 'if-none-match': zipped.headers.etag });
  assert.equal(stale.status, 200, 'a gzip ETag does not validate the brotli copy');
  // A PNG is already compressed and goes out as it is.
  const icon = await get('icon-192.png', { 'accept-encoding': 'gzip' });
  assert.equal(icon.headers['content-encoding'], undefined);
});

test('documents and worker scripts carry the CSP with frame-ancestors and no-referrer, everything nosniff, and another site cannot frame the app', async () => {
  for (const path of ['', 'index.html', 'mofan-files_loader.js', 'sw.js', 'no-such-file.txt']) {
    const r = await get(path, { 'accept-encoding': 'br' });
    assert.match(r.headers['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'.*frame-ancestors 'none'/, path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    assert.equal(r.headers['referrer-policy'], 'no-referrer', path);
  }
  for (const path of [wasmName, 'icon-192.png']) {
    const r = await get(path, { 'accept-encoding': 'br' });
    assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
  }
  // A page of another origin (another port) puts the app in a frame.
  const other = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><title>别的网站</title><iframe src="${server.url}"></iframe>`);
  });
  await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
  const profile = freshProfile();
  try {
    const { context, problems } = await launch(profile.dir);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${other.address().port}/`);
    await page.waitForFunction(() => document.querySelector('iframe') !== null);
    // The browser refuses to show it: the frame never holds the app.
    await page.waitForFunction(() => window.frames.length === 1);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    await framed.waitForLoadState('domcontentloaded').catch(() => {});
    assert.notEqual(framed.url(), server.url, 'the frame did not load the app');
    assert.equal(await framed.locator('text=新建自查').count().catch(() => 0), 0);
    assert.ok(problems.some((p) => /frame-ancestors/.test(p)), `the refusal is reported: ${problems.join(' | ')}`);
  } finally {
    await closeAll();
    profile.dispose();
    await new Promise((ok) => other.close(ok));
  }
});
