// Storage faults a member can run into: the browser's quota fills up while
// answering. The answer stays on screen, the last stored copy is not
// damaged, the member is offered a retry and an export, and after space is
// freed the answer is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, withFreshBrowser, startMemberCheck, completeMemberCheck } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const text = async (loc) => (await loc.textContent()).trim();
const storedAnswers = (page) => page.evaluate(() => {
  const key = Object.keys(localStorage).find((k) => k.startsWith('mofan.assessment.'));
  return Object.keys(JSON.parse(localStorage.getItem(key)).data.answers);
});

test('a full quota: warning, answers kept on screen and in the last good copy, export offered, saved once space is freed', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  const items = await startMemberCheck(page, '钱七');
  await items.nth(0).getByRole('radio').first().check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  const before = await storedAnswers(page);
  assert.equal(before.length, 1);

  // Something else fills the origin's storage to the last byte.
  const fillers = await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let n = 0;
    while (chunk.length > 0) {
      try { localStorage.setItem(`filler.${n}`, chunk); n++; } catch { chunk = chunk.slice(0, chunk.length >> 1); }
    }
    return n;
  });
  assert.ok(fillers > 0);

  await items.nth(1).getByRole('radio').first().check();
  const badge = page.getByTestId('save-status');
  const problem = page.getByTestId('save-problem');
  await badge.filter({ hasText: '未能保存' }).waitFor();
  await problem.filter({ hasText: '本地存储空间已满' }).waitFor();
  assert.equal(await items.nth(1).getByRole('radio').first().isChecked(), true, 'the answer stays on screen');
  assert.equal(await text(page.getByTestId('progress')).then((p) => p.startsWith('2/')), true);
  assert.deepEqual(await storedAnswers(page), before, 'the last good copy is intact');

  // The member can take the self-check away as a file, answers included.
  const [download] = await Promise.all([page.waitForEvent('download'), problem.getByRole('button', { name: '导出结果文件' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(Object.keys(exported.content.assessment.answers).length, 2);

  // Space is freed; trying again stores the answer.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await problem.getByRole('button', { name: '重试保存' }).click();
  await badge.filter({ hasText: '已保存' }).waitFor();
  assert.equal((await storedAnswers(page)).length, 2);
  await page.reload();
  await page.getByTestId('progress').filter({ hasText: /^2\// }).waitFor();
}));

test('two tabs on the same self-check see each other\'s changes and neither overwrites the other', () => withFreshBrowser(async ({ context, page: a }) => {
  await a.goto(server.url);
  await startMemberCheck(a, '孙八');
  // The second part (做：践行“四讲四有”) has four items; B opens the same address, the same part.
  await a.locator('.section-tab').nth(1).click();
  await a.locator('.section[data-section="zuo"]').waitFor();
  const b = await context.newPage();
  await b.goto(a.url());
  const item = (page, n) => page.locator('.section .item').nth(n);
  await b.locator('.section[data-section="zuo"]').waitFor();
  await item(b, 3).waitFor();

  // An answer in A shows in B, with B's total.
  await item(a, 0).getByRole('radio').first().check();
  await item(b, 0).getByRole('radio').first().and(b.locator(':checked')).waitFor();
  assert.equal(await text(b.getByTestId('total')), await text(a.getByTestId('total')));
  // A note typed in B shows in A.
  await item(b, 1).locator('textarea.note').fill('B页签写的说明');
  await a.waitForFunction(() => document.querySelectorAll('.section .item textarea.note')[1].value === 'B页签写的说明');

  // B is still typing (not yet saved) when A answers another item: both survive.
  await item(b, 2).locator('textarea.note').pressSequentially('未保存的字');
  await item(a, 3).getByRole('radio').first().check();
  await b.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await a.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await item(b, 3).getByRole('radio').first().and(b.locator(':checked')).waitFor();
  const stored = await a.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('mofan.assessment.'));
    return JSON.parse(localStorage.getItem(key)).data.answers;
  });
  const ids = await a.locator('.section .item').evaluateAll((els) => els.map((e) => e.dataset.item));
  assert.ok(stored[ids[0]]?.response, 'A\'s first answer stored');
  assert.equal(stored[ids[1]]?.note, 'B页签写的说明');
  assert.equal(stored[ids[2]]?.note, '未保存的字', 'B\'s typing was merged, not lost');
  assert.ok(stored[ids[3]]?.response, 'A\'s later answer was not overwritten by B');
  await b.close();
}));

// Something other than this tab (another tab's crash mid-write, a hand edit)
// leaves the stored copy of the open self-check damaged or in a newer
// version's form. The next save must not write over it without keeping it.
const startSelfCheck = async (page, name) => {
  await page.goto(server.url);
  const items = await startMemberCheck(page, name);
  await items.first().getByRole('radio').first().check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  return page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('mofan.assessment.')));
};

test('a stored copy damaged behind the editor is moved to the quarantine before the next save writes', () => withFreshBrowser(async ({ page }) => {
  const key = await startSelfCheck(page, '周九');
  const damaged = '{"schema":2,"kind":"assessment","data":{"id":"cut off';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, damaged]);

  await page.locator('.section .item').nth(1).getByRole('radio').first().check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  assert.equal((await storedAnswers(page)).length, 2, 'this tab\'s copy, both answers, is stored again');
  const quarantined = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('mofan.quarantine.')));
  assert.equal(quarantined.length, 1);
  assert.equal(quarantined[0][0].endsWith(`.${key}`), true);
  assert.equal(quarantined[0][1], damaged, 'the damaged text is kept exactly as found');

  // The member is told on the home page and can download it.
  await page.goto(server.url);
  await page.getByText('有 1 条本地记录无法读取').waitFor();
  assert.match(await text(page.locator('.bad-records li')), /数据已损坏/);
}));

test('a copy stored by a newer version is not written over; the answers stay on screen with an export', () => withFreshBrowser(async ({ page }) => {
  const key = await startSelfCheck(page, '吴十');
  const newer = '{"schema":9,"kind":"assessment","data":{}}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, newer]);

  const second = page.locator('.section .item').nth(1).getByRole('radio').first();
  await second.check();
  const problem = page.getByTestId('save-problem');
  await problem.filter({ hasText: '较新版本' }).waitFor();
  assert.equal(await second.isChecked(), true, 'the answer stays on screen');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), newer, 'the newer copy is untouched');
  await problem.getByRole('button', { name: '重试保存' }).click();
  await problem.filter({ hasText: '较新版本' }).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), newer);
  const [download] = await Promise.all([page.waitForEvent('download'), problem.getByRole('button', { name: '导出结果文件' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(Object.keys(exported.content.assessment.answers).length, 2);
}));

test('storage blocked by the browser: the app starts, says why in Chinese, and the branch desk still combines files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mofan-blocked-'));
  try {
    const file = join(dir, 'result.json');
    await withFreshBrowser(async ({ page }) => {
      await page.goto(server.url);
      await completeMemberCheck(page, '孙八');
      await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出结果文件' }).click()]);
      await download.saveAs(file);
    });
    await withFreshBrowser(async ({ page }) => {
      // As a site policy or a private mode does: touching localStorage throws.
      await page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
        });
      });
      await page.goto(server.url);
      await page.getByRole('alert').filter({ hasText: '浏览器禁止了本地存储' }).first().waitFor();
      await page.goto(`${server.url}#/branch`);
      await page.getByLabel('选择结果文件').setInputFiles(file);
      await page.getByTestId('branch-table').waitFor();
      assert.equal(await text(page.getByTestId('branch-members')), '1');
      assert.equal(await text(page.getByTestId('branch-table').locator('tbody tr td').first()), '孙八');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
