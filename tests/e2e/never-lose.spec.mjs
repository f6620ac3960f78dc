// Faults a careless or hostile user runs into, none of which may cost an
// answer or mislead: odd ids in files, a template version that is missing,
// answers from storage that no rule can take, a full disk while leaving,
// a restore that does not fit, and names that look alike on the desk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, withFreshBrowser, startMemberCheck, completeMemberCheck } from './harness.mjs';

let server;
let files;
before(async () => {
  server = await startServer();
  files = mkdtempSync(join(tmpdir(), 'mofan-never-lose-'));
});
after(async () => {
  await server?.close();
  rmSync(files, { recursive: true, force: true });
});

const text = async (loc) => (await loc.textContent()).trim();

/** A member's result file, exported from the summary page after every item is answered. */
async function exportedResult(page, name) {
  await page.goto(server.url);
  await completeMemberCheck(page, name);
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出结果文件' }).click()]);
  const path = join(files, `${name}.json`);
  await download.saveAs(path);
  return path;
}

/**
 * The same result file with its content changed by `edit` (on the content's
 * compact JSON text) and signed again, as another program could: the
 * checksum is right, so only the app's own checks can refuse it.
 */
function resigned(path, edit, to) {
  const file = readFileSync(path, 'utf8');
  const start = file.indexOf('"content":') + '"content":'.length;
  const end = file.lastIndexOf(',"sha256":');
  const content = edit(file.slice(start, end));
  const sha = createHash('sha256').update(content).digest('hex');
  const out = join(files, to);
  writeFileSync(out, `${file.slice(0, start)}${content},"sha256":"${sha}"}`);
  return out;
}

test('a self-check whose id holds a space, a quote, / # and ? opens from its file and from the list', () => withFreshBrowser(async ({ page }) => {
  const original = await exportedResult(page, '周九');
  const id = JSON.parse(readFileSync(original, 'utf8')).content.assessment.id;
  const odd = 'a b"c/d#e?f';
  const file = resigned(original, (c) => c.replace(`"id":"${id}"`, `"id":${JSON.stringify(odd)}`), 'odd-id.json');
  // A secretary's browser: the file opens for review.
  await page.evaluate(() => localStorage.clear());
  await page.goto(server.url);
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  await page.getByLabel('选择要审核的结果文件').setInputFiles(file);
  await page.getByRole('heading', { name: /审核：/ }).waitFor();
  assert.equal(await page.getByText('没有找到这份自查').count(), 0);
  // And again from the home list, after a reload.
  await page.goto(server.url);
  await page.reload();
  // A member's file taken in opens for review only.
  await page.locator('.saved-row').first().getByRole('button', { name: '审核', exact: true }).click();
  await page.locator('.section .item').first().waitFor();
  assert.equal(await page.getByText('没有找到这份自查').count(), 0);
  await page.reload();
  await page.locator('.section .item').first().waitFor();
  await page.goto(server.url);
  await page.locator('.saved-row').first().getByRole('link', { name: '汇总·打印' }).click();
  await page.getByTestId('summary-sheet').waitFor();
  assert.match(await text(page.getByTestId('summary-sheet')), /周九/);
}));

test('a self-check whose template version is missing says which, never opens under another, and opens once it is imported', () => withFreshBrowser(async ({ page }) => {
  const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', '支部党建考核细则.csv'), 'utf8');
  const v1 = join(files, '支部党建考核细则.csv');
  writeFileSync(v1, fixture);
  await page.goto(server.url);
  await page.getByLabel('选择评分表文件').setInputFiles(v1);
  await page.getByRole('button', { name: '保存评分表' }).click();
  await page.getByText(/已保存“支部党建考核细则”第1版/).waitFor();
  // A self-check made with version 2 of it (from a backup, say): this browser has only version 1.
  const raw = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('mofan.template.'));
    const templateId = key.slice('mofan.template.'.length).replace(/\.v1$/, '');
    const record = JSON.stringify({ schema: 2, kind: 'assessment', data: {
      id: 'made-with-v2', template_id: templateId, template_version: 2,
      respondent: { unit: '', branch: '', name: '吴十' }, round: '2026年上半年',
      answers: { 's1-1': { response: 'met' } }, created_at: 1, updated_at: 2 } });
    localStorage.setItem('mofan.assessment.made-with-v2', record);
    return record;
  });
  await page.reload();
  const row = page.locator('.saved-row').first();
  assert.match(await text(row), /本机没有所用的评分表第2版/);
  await row.getByRole('button', { name: '继续填写' }).click();
  const why = page.locator('.missing-version');
  await why.waitFor();
  assert.match(await text(why), /第2版.*本机只有第1版.*不会换用其他版本/);
  assert.equal(await page.locator('.section .item').count(), 0, 'not opened under version 1');
  const [download] = await Promise.all([page.waitForEvent('download'), why.getByRole('button', { name: '下载原始记录' }).click()]);
  assert.equal(readFileSync(await download.path(), 'utf8'), raw, 'the raw record, byte for byte');
  // The missing version is imported right here: the corrected table becomes version 2, and the self-check opens with its answer.
  mkdirSync(join(files, 'v2'), { recursive: true });
  const v2 = join(files, 'v2', '支部党建考核细则.csv');
  writeFileSync(v2, fixture.replace(',20,达标,', ',25,达标,').replace(',30,打分,', ',25,打分,'));
  await page.getByLabel('选择评分表文件').setInputFiles(v2);
  await page.getByRole('button', { name: '保存评分表' }).click();
  await page.locator('.section .item').first().waitFor();
  assert.match(await text(page.getByTestId('progress')), /^1\//);
  assert.equal(await page.locator('.missing-version').count(), 0);
}));

test('answers from storage that no rule can take are named by item, not used, and the record as found is kept', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  const raw = await page.evaluate(() => {
    const record = JSON.stringify({ schema: 2, kind: 'assessment', data: {
      id: 'hand-edited', template_id: 'hege-dangyuan', template_version: 1,
      respondent: { unit: '', branch: '', name: '冯十二' }, round: '2026年上半年',
      answers: {
        'xue-1': { response: 'met' },
        'xue-3': { response: { count: 99 } },
        'gai-2': { response: { score: 999 }, note: '说明还在' },
        'zuo-v': { response: 'not_applicable' },
      },
      created_at: 1, updated_at: 2 } });
    localStorage.setItem('mofan.assessment.hand-edited', record);
    return record;
  });
  await page.reload();
  // Made with an older built-in version, which the app fetches from the files worker when a record needs it.
  await page.locator('.saved-row').first().filter({ hasText: '3 个答案不符合评分规则' }).waitFor();
  await page.locator('.saved-row').first().getByRole('button', { name: '继续填写' }).click();
  const notice = page.locator('.set-aside');
  await notice.waitFor();
  const listed = await notice.locator('li').allTextContents();
  assert.equal(listed.length, 3, listed.join(' | '));
  assert.match(listed[0], /^第1\.3项“.*自评答案“99次”不符合评分规则（次数不能超过12次）/);
  assert.match(listed[1], /^第2\.5项“.*不允许选择“不适用”/);
  assert.match(listed[2], /^第3\.2项“.*“999分”.*分数应在0到8分之间/);
  assert.match(await text(page.getByTestId('progress')), /^1\//, 'only the answer that fits counts');
  // The record as found is kept in the quarantine, byte for byte; the one in use is untouched until an edit.
  assert.equal(await page.evaluate(() => localStorage.getItem('mofan.assessment.hand-edited')), raw);
  const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('mofan.quarantine.')).map(([, v]) => v));
  assert.deepEqual(kept, [raw]);
  // Opening again keeps no second copy.
  await page.reload();
  await notice.waitFor();
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mofan.quarantine.')).length), 1);
  // An answer given now is saved without the ones that did not fit; the note stays.
  await page.locator('.section .item').nth(1).getByRole('radio').first().check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('mofan.assessment.hand-edited')).data.answers);
  assert.deepEqual(saved, { 'xue-1': { response: 'met' }, 'xue-2': { response: 'met' }, 'gai-2': { note: '说明还在' } });
  await page.goto(server.url);
  await page.getByText('打开这份自查时，其中有答案不符合评分规则而没有采用').waitFor();
}));

/** Fills the origin's localStorage to the last byte with filler keys. */
const fillStorage = (page) => page.evaluate(() => {
  let chunk = 'x'.repeat(1 << 20);
  let n = 0;
  while (chunk.length > 0) {
    try { localStorage.setItem(`filler.${n}`, chunk); n++; } catch { chunk = chunk.slice(0, chunk.length >> 1); }
  }
  return n;
});
const freeStorage = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));

test('with the storage full, answers survive leaving by ← 首页: kept aside, offered back at the next start, and all there', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  const items = await startMemberCheck(page, '陈十三');
  await items.nth(0).getByRole('radio').first().check();
  const badge = page.getByTestId('save-status');
  await badge.filter({ hasText: '已保存' }).waitFor();
  assert.ok(await fillStorage(page) > 0);

  // Another answer, changed, and a note, none of which localStorage will take.
  await items.nth(1).getByRole('radio').first().check();
  await page.getByTestId('save-problem').filter({ hasText: '本地存储空间已满' }).waitFor();
  await items.nth(1).getByRole('radio').nth(1).check();
  await items.nth(0).getByLabel(/说明/).first().fill('暂存也要留下');
  await page.getByTestId('kept-aside').filter({ hasText: '暂存在浏览器的备用存储' }).waitFor();
  await page.getByRole('link', { name: '← 首页' }).click();
  const notice = page.locator('.kept-copies');
  await notice.waitFor();
  assert.match(await text(notice), /有 1 份自查的最近修改/);

  // Space is freed, the app is opened again: the copy is offered and written back.
  await freeStorage(page);
  await page.reload();
  await notice.waitFor();
  await notice.getByRole('button', { name: '写回本地存储' }).click();
  await page.getByText('已写回 1 份自查的修改').waitFor();
  assert.equal(await page.locator('.kept-copies').count(), 0);
  const stored = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('mofan.assessment.'));
    return JSON.parse(localStorage.getItem(key)).data.answers;
  });
  assert.deepEqual(Object.keys(stored).sort(), ['xue-1', 'xue-2']);
  assert.equal(stored['xue-1'].note, '暂存也要留下');
  assert.equal(stored['xue-2'].response, 'partial', 'the last change, not the first');
  await page.locator('.saved-row').first().getByRole('button', { name: '继续填写' }).click();
  await items.first().waitFor();
  assert.match(await text(page.getByTestId('progress')), /^2\//);
  assert.equal(await items.nth(0).getByLabel(/说明/).first().inputValue(), '暂存也要留下');
}));

test('with the storage full, reopening a self-check shows the kept answers and stores them once there is room; closing warns first', () => withFreshBrowser(async ({ page, context }) => {
  await page.goto(server.url);
  const items = await startMemberCheck(page, '褚十四');
  await items.nth(0).getByRole('radio').first().check();
  const badge = page.getByTestId('save-status');
  await badge.filter({ hasText: '已保存' }).waitFor();
  await fillStorage(page);
  await items.nth(1).getByRole('radio').first().check();
  await page.getByTestId('kept-aside').filter({ hasText: '暂存在浏览器的备用存储' }).waitFor();
  // Closing the tab now: the browser asks first.
  const asked = new Promise((ok) => page.once('dialog', (d) => { ok(d.type()); d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, 'beforeunload');
  // Opened again in a new tab, with room again: the kept answers are there and stored at once.
  const again = await context.newPage();
  await again.goto(server.url);
  await freeStorage(again);
  await again.reload();
  await again.locator('.saved-row').first().getByRole('button', { name: '继续填写' }).click();
  await again.locator('.section .item').first().waitFor();
  assert.match(await text(again.getByTestId('progress')), /^2\//);
  await again.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  const answers = await again.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('mofan.assessment.'));
    return Object.keys(JSON.parse(localStorage.getItem(key)).data.answers);
  });
  assert.equal(answers.length, 2);
  await again.goto(server.url);
  await again.getByText('新建自查').waitFor();
  assert.equal(await again.locator('.kept-copies').count(), 0, 'the copy is gone once stored');
}));
