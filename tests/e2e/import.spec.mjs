// A secretary imports the branch's own 评分细则 saved from Excel: a broken
// table is refused line by line with nothing saved; the GBK-encoded table is
// previewed, saved, filled in and totalled; templates export back out. The
// same table as LibreOffice saves it in .xlsx (two sheets, merged 一级指标)
// imports too, and goes out to Excel and back in unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, withFreshBrowser, enter, ROOT } from './harness.mjs';
import ExcelJS from 'exceljs';

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
    page.getByRole('button', { name: '导出CSV', exact: true }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '支部党建考核细则.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeff一级指标,二级指标/考核内容,评分标准,分值,评分方式,考评方式,佐证材料'), csv.slice(0, 80));
  assert.match(csv, /扣分：1，最多30次/);
}));

test('import the table as LibreOffice saved it in .xlsx: the sheet chosen, merged 一级指标, then Excel back out and in again', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  const picker = page.getByLabel('选择评分表文件');
  // Two sheets: the first holds a note, the second the table with its 一级指标 merged.
  await picker.setInputFiles(join(FIXTURES, '支部党建考核细则-合并单元格.xlsx'));
  const choice = page.getByTestId('sheet-choice');
  await choice.waitFor();
  assert.deepEqual(await choice.getByLabel('工作表').locator('option').allTextContents(), ['填表说明', '评分细则']);
  // The note sheet is no checklist: said by row, nothing saved.
  await choice.getByRole('button', { name: '读取这张工作表' }).click();
  await page.locator('.import-problems').filter({ hasText: '未保存任何内容' }).waitFor();
  assert.equal(await storedTemplates(page), 0);
  await picker.setInputFiles(join(FIXTURES, '支部党建考核细则-合并单元格.xlsx'));
  await choice.getByLabel('工作表').selectOption('评分细则');
  await choice.getByRole('button', { name: '读取这张工作表' }).click();
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await text(preview), /3个一级指标，6项，满分100分；适用：党支部/);
  const firsts = (await preview.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
  assert.deepEqual(firsts, ['政治建设', '', '组织生活', '', '作用发挥', ''], 'each merged cell heads its items');
  await page.getByRole('button', { name: '保存评分表' }).click();
  await page.getByText('已保存“支部党建考核细则-合并单元格”第1版').waitFor();

  // Out as Excel, and in again: the same checklist, so nothing new is saved.
  await page.getByLabel('评分表', { exact: true }).selectOption({ label: '支部党建考核细则-合并单元格（党支部，6项，满分100）' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
  assert.equal(download.suggestedFilename(), '支部党建考核细则-合并单元格.xlsx');
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a real workbook (a zip)');
  await picker.setInputFiles({ name: '支部党建考核细则-合并单元格.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByText('无需重复导入').waitFor();
  assert.equal(await storedTemplates(page), 1);

  // Filled in, and out as a workbook whose cells hold what the page shows.
  await page.getByLabel('姓名', { exact: true }).fill('王支书');
  await page.getByRole('button', { name: '开始自查' }).click();
  const items = page.locator('.section .item');
  await items.first().waitFor();
  for (let s = 0; s < 3; s++) {
    await page.locator('.section-tab').nth(s).click();
    for (let i = 0; i < (await items.count()); i++) {
      const number = items.nth(i).locator('.number-answer input');
      if (await number.count()) await enter(number.first(), '0');
      else await items.nth(i).getByRole('radio').first().check();
    }
  }
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  const total = Number(await text(page.getByTestId('total')));
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await sheet.path());
  const page1 = book.getWorksheet('自查评分表');
  let totalRow;
  page1.eachRow((row) => { if (row.getCell(2).value === '总分') totalRow = row; });
  assert.equal(totalRow.getCell(5).value, total, 'the total as a number, as on screen');
  assert.equal(page1.getCell('G2').value, '王支书');
}));
