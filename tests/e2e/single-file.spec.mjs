// The single-file build (dist-single/mofan.html) opened straight from disk,
// as from a USB stick: no server at all. A member completes a self-check and
// finds it again after closing the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, freshProfile, launch, closeAll, completeMemberCheck } from './harness.mjs';

const FILE = join(ROOT, 'dist-single', 'mofan.html');
const text = async (loc) => (await loc.textContent()).trim();

test('mofan.html works from file:// with no server, and keeps the answers', async () => {
  assert.ok(existsSync(FILE), 'dist-single/mofan.html is missing: run `bash scripts/build.sh` first');
  const url = pathToFileURL(FILE).href;
  const profile = freshProfile();
  try {
    let { context, problems } = await launch(profile.dir);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    // The files worker runs from inside the page too (a blob): a checklist exports as CSV.
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出CSV', exact: true }).click(),
    ]);
    assert.match(readFileSync(await exported.path(), 'utf8'), /^\uFEFF一级指标,/, 'CSV made from file://');
    // Excel too: the file carries the workbook code inside the same worker.
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
    assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK', 'an .xlsx made from file://');
    const progress = await completeMemberCheck(page, '王五');
    const [done, all] = progress.split('/');
    assert.equal(done, all, `every item answered (${progress})`);
    const total = await text(page.getByTestId('total'));
    assert.equal(await text(page.getByTestId('save-status')).then((s) => s.includes('失败')), false);
    assert.deepEqual(problems, []);
    assert.ok(requests.every((r) => r.startsWith('file:') || r.startsWith('data:') || r.startsWith('blob:')), `only the file itself was read: ${requests.join(', ')}`);
    await context.close();

    ({ context, problems } = await launch(profile.dir));
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.locator('.saved-row').first().waitFor();
    assert.match(await text(page.locator('.saved-row').first()), new RegExp(`王五.*${total.replace('.', '\\.')} 分`));
    // The 支部汇总 desk is the other app inside the same file, and back.
    await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
    await page.getByRole('link', { name: '支部汇总（导入多份结果文件）' }).click();
    await page.getByRole('heading', { name: '支部汇总' }).waitFor();
    await page.getByRole('link', { name: '← 首页' }).click();
    await page.locator('.saved-row').first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await closeAll();
    profile.dispose();
  }
});
