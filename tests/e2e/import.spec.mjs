// A secretary imports the branch's own 评分细则 saved from Excel: a broken
// table is refused line by line with nothing saved; the GBK-encoded table is
// previewed, saved, filled in and totalled; templates export back out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, withFreshBrowser, enter, ROOT } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const item = (page, id) => page.locator(`.item[data-item="${id}"]`);
const text = async (loc) => (await loc.textContent()).trim();
const storedTemplates = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mofan.template.')).length);

test('import a CSV template: errors by line, then GBK table saved, answered and exported', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  const picker = page.getByLabel('选择评分表文件');

  // A broken table: every problem with its line, and nothing saved.
  await picker.setInputFiles(join(FIXTURES, 'broken-template.csv'));
  const errors = page.locator('.import-problems');
  await errors.waitFor();
  assert.match(await text(errors), /未保存任何内容/);
  assert.match(await text(errors), /第4行：分值“三十”不是有效数字/);
  assert.match(await text(errors), /第5行：无法识别的评分方式“看情况”/);
  assert.equal(await page.getByRole('button', { name: '保存评分表' }).count(), 0);
  assert.equal(await storedTemplates(page), 0);

  // A JSON template with a syntax error: the line and column are named.
  await picker.setInputFiles({ name: '本单位评分表.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": "mofan-template",\n  oops\n}') });
  await page.getByText('第3行第3列：文件不是有效的JSON格式').waitFor();
  assert.equal(await storedTemplates(page), 0);

  // The real table, as Excel on Chinese Windows saves it (GBK).
  await picker.setInputFiles({
    name: '支部党建考核细则.csv',
    mimeType: 'text/csv',
    buffer: readFileSync(join(FIXTURES, '支部党建考核细则-gbk.csv')),
  });
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await text(preview), /3个一级指标，6项，满分100分；适用：党支部；等次：优秀≥90，良好≥80，合格≥60，不合格≥0/);
  assert.equal(await preview.locator('tbody tr').count(), 6);
  assert.match(await text(preview.locator('tbody tr').nth(2)), /“三会一课”按期召开30每发生1次扣1分/);
  await page.getByRole('button', { name: '保存评分表' }).click();
  await page.getByText('已保存“支部党建考核细则”第1版').waitFor();
  assert.equal(await storedTemplates(page), 1);

  // Importing the same file again saves nothing new.
  await picker.setInputFiles({ name: '支部党建考核细则.csv', mimeType: 'text/csv', buffer: readFileSync(join(FIXTURES, '支部党建考核细则.csv')) });
  await page.getByText('无需重复导入').waitFor();
  assert.equal(await storedTemplates(page), 1);

  // Fill it in.
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  await page.getByLabel('评分表', { exact: true }).selectOption({ label: '支部党建考核细则（党支部，6项，满分100）' });
  await page.getByLabel('姓名', { exact: true }).fill('赵书记');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.getByRole('heading', { name: '支部党建考核细则' }).waitFor();
  await item(page, 's1-1').getByRole('radio', { name: '达标', exact: true }).check();
  await item(page, 's1-2').getByRole('radio', { name: '未触发' }).check();
  await page.locator('.section-tab').nth(1).click();
  await enter(item(page, 's2-1').getByLabel('发生次数（次）'), '3');
  await item(page, 's2-2').getByRole('radio', { name: '较好（14分）' }).check();
  await page.locator('.section-tab').nth(2).click();
  await enter(item(page, 's3-1').getByLabel('评分（分）'), '25');
  await enter(item(page, 's3-2').getByLabel('加分（分）'), '2');
  // By hand: 20 + (30 − 3×1) + 14 + 25 = 86, plus 2 bonus = 88 → 良好
  assert.equal(await text(page.getByTestId('total')), '88');
  assert.equal(await text(page.getByTestId('grade')), '良好');

  // After a reload the imported checklist and the answers are both there.
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await page.reload();
  await page.getByTestId('total').waitFor();
  assert.equal(await text(page.getByTestId('total')), '88');

  // Export the checklist back out as CSV for Excel.
  await page.getByRole('link', { name: '← 首页' }).click();
  await page.getByLabel('评分表', { exact: true }).selectOption({ label: '支部党建考核细则（党支部，6项，满分100）' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出CSV（Excel）' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '支部党建考核细则.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeff一级指标,二级指标/考核内容,评分标准,分值,评分方式,考评方式,佐证材料'), csv.slice(0, 80));
  assert.match(csv, /扣分：1，最多30次/);
}));
