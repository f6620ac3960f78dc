// A new round of the same checklist keeps the old one, and the two compare
// section by section, up or down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, withFreshBrowser, pickRound } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const exact = { exact: true };

async function round(page, year, answers) {
  await page.goto(server.url);
  await page.getByLabel('姓名', exact).fill('冯一');
  await page.getByLabel('评分表', exact).selectOption('hege-dangyuan');
  await pickRound(page, year, '全年');
  await page.getByRole('button', { name: '开始自查' }).click();
  const items = page.locator('.section .item');
  for (const [i, label] of answers) await items.nth(i).getByRole('radio', { name: label, exact: true }).check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
}

test('the next round keeps the last one and compares with it per section', () => withFreshBrowser(async ({ page }) => {
  await round(page, 2025, [[0, '达标']]);
  await round(page, 2026, [[0, '达标'], [1, '基本达标']]);
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

test('the round is offered in the checklist\'s period, one the member picked stays, and picked twice it is one round', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  const now = await page.evaluate(() => ({ year: new Date().getFullYear(), month: new Date().getMonth() + 1 }));
  const year = page.getByLabel('轮次：年份', exact);
  const part = page.getByLabel('轮次：期间', exact);
  const checklist = page.getByLabel('评分表', exact);
  // 四讲四有 is done once a year; 从严作风 each half-year.
  await checklist.selectOption('hege-dangyuan');
  assert.deepEqual([await year.inputValue(), await part.inputValue()], [String(now.year), '全年']);
  await checklist.selectOption('congyan-zuofeng');
  assert.equal(await part.inputValue(), now.month <= 6 ? '上半年' : '下半年');
  await pickRound(page, 2025, '下半年');
  await checklist.selectOption('hege-dangyuan');
  assert.deepEqual([await year.inputValue(), await part.inputValue()], ['2025', '下半年']);
  // Picked the same way twice: one round, written the same, so the two self-checks are rounds alike.
  await page.getByLabel('姓名', exact).fill('冯一');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.locator('.round').filter({ hasText: '2025年下半年' }).waitFor();
  await page.getByRole('link', { name: '← 首页' }).click();
  await pickRound(page, 2025, '下半年');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.locator('.round').filter({ hasText: '2025年下半年' }).waitFor();
  await page.getByRole('link', { name: '← 首页' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.saved-row').length === 2);
  assert.deepEqual((await page.locator('.saved-round').allTextContents()).map((t) => t.trim()), ['2025年下半年', '2025年下半年']);
}));

test('who and when are corrected after starting, and the answers stay', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  await page.getByLabel('姓名', exact).fill('冯一');
  await page.getByLabel('评分表', exact).selectOption('hege-dangyuan');
  await pickRound(page, 2026, '全年');
  await page.getByRole('button', { name: '开始自查' }).click();
  const items = page.locator('.section .item');
  await items.first().getByRole('radio', { name: '达标', exact: true }).check();
  await page.getByRole('button', { name: '修改填报信息' }).click();
  const form = page.getByRole('form', { name: '修改填报信息' });
  await form.getByLabel('姓名', exact).fill('  ');
  await form.getByRole('button', { name: '保存填报信息' }).click();
  await form.getByText('请填写姓名').waitFor();
  await form.getByLabel('姓名', exact).fill('冯一\u200b鸣');
  await form.getByLabel('支部', exact).fill('机关第一党支部');
  await pickRound(form, 2025, '全年');
  await form.getByRole('button', { name: '保存填报信息' }).click();
  await page.locator('.who').filter({ hasText: '冯一鸣' }).filter({ hasText: '2025年' }).waitFor();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await page.reload();
  await page.locator('.who').filter({ hasText: '机关第一党支部' }).filter({ hasText: '冯一鸣' }).waitFor();
  assert.ok(await items.first().getByRole('radio', { name: '达标', exact: true }).isChecked(), 'the answer stays');
}));
