// A new round of the same checklist keeps the old one, and the two compare
// section by section, up or down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, withFreshBrowser } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const exact = { exact: true };

async function round(page, name, answers) {
  await page.goto(server.url);
  await page.getByLabel('姓名', exact).fill('冯一');
  await page.getByLabel('轮次', exact).fill(name);
  await page.getByLabel('评分表', exact).selectOption('hege-dangyuan');
  await page.getByRole('button', { name: '开始自查' }).click();
  const items = page.locator('.section .item');
  for (const [i, label] of answers) await items.nth(i).getByRole('radio', { name: label, exact: true }).check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
}

test('the next round keeps the last one and compares with it per section', () => withFreshBrowser(async ({ page }) => {
  await round(page, '2025年', [[0, '达标']]);
  await round(page, '2026年', [[0, '达标'], [1, '基本达标']]);
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
  const compare = page.getByTestId('round-compare');
  await compare.waitFor();
  assert.equal(await compare.getByLabel('对比轮次').inputValue().then((id) => id.length > 0), true);
  const cells = async (row) => (await row.locator('td').allTextContents()).map((c) => c.trim());
  // 学 (6-point checks): 6 last round; 6 + 3 = 9 now.
  assert.deepEqual(await cells(compare.locator('tbody tr').first()), ['学：打牢思想根基', '6', '9', '↑ 3']);
  assert.deepEqual(await cells(compare.locator('tbody tr').nth(1)), ['做：践行“四讲四有”', '0', '0', '持平']);
  assert.equal((await cells(compare.locator('tbody tr').last()))[0], '总分');
  const [before, now] = await compare.locator('tbody tr').last().locator('td.num').allTextContents();
  const trend = await compare.locator('tbody tr').last().locator('td').last().textContent();
  const diff = Number(now) - Number(before);
  assert.equal(trend.trim(), diff > 0 ? `↑ ${+diff.toFixed(2)}` : diff < 0 ? `↓ ${+(-diff).toFixed(2)}` : '持平');
  // Both rounds are kept.
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelectorAll('.saved-row').length === 2);
}));

test('the round is offered in the checklist\'s period, and one the member typed stays', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  const now = await page.evaluate(() => ({ year: new Date().getFullYear(), month: new Date().getMonth() + 1 }));
  const half = `${now.year}年${now.month <= 6 ? '上半年' : '下半年'}`;
  const field = page.getByLabel('轮次', exact);
  const checklist = page.getByLabel('评分表', exact);
  // 四讲四有 is done once a year; 从严作风 each half-year.
  await checklist.selectOption('hege-dangyuan');
  assert.equal(await field.inputValue(), `${now.year}年`);
  await checklist.selectOption('congyan-zuofeng');
  assert.equal(await field.inputValue(), half);
  await field.fill('2025年下半年');
  await checklist.selectOption('hege-dangyuan');
  assert.equal(await field.inputValue(), '2025年下半年');
}));
