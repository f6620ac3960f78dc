// The secretary's desk: two members fill in 六个模范 and export result files;
// the secretary reviews one, combines both into the branch table, and both
// the member page and the branch page print to A4 PDFs that carry the
// totals, the grade and the signature lines and no buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, freshProfile, launch, closeAll, enter, pickRound } from './harness.mjs';
import { pdfPages } from './pdf.mjs';
import ExcelJS from 'exceljs';

let server;
const files = mkdtempSync(join(tmpdir(), 'mofan-files-'));
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); rmSync(files, { recursive: true, force: true }); });

const exact = { exact: true };
const item = (page, id) => page.locator(`.item[data-item="${id}"]`);
const choose = (page, id, label) => item(page, id).getByRole('radio', { name: label, exact: true }).check();
const text = async (loc) => (await loc.textContent()).trim();
const BUTTON_TEXT = ['打印', '导出结果文件', '导出CSV', '导出Excel', '继续填写', '首页', '清空', '导出汇总文件'];

/** Starts a 六个模范 self-check and answers every item with its best answer: 满意 from all 10 who vote on ddzw-6. */
async function fillAllBest(page, name) {
  await page.goto(server.url);
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  await page.getByLabel('单位', exact).fill('西安分行');
  await page.getByLabel('支部', exact).fill('办公室党支部');
  await page.getByLabel('姓名', exact).fill(name);
  await pickRound(page, 2026, '上半年');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.getByTestId('progress').filter({ hasText: '0/25' }).waitFor();
  for (let s = 0; s < 6; s++) {
    const items = page.locator('.section .item');
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      const first = items.nth(i).getByRole('radio').first();
      const id = await items.nth(i).getAttribute('data-item');
      if (id === 'zfjs-b') continue; // the bonus is typed, left blank
      if (id === 'ddzw-6') await enter(items.nth(i).getByLabel('满意（票）', exact), '10'); // 民主测评
      else if (await items.nth(i).locator('.number-answer input').count()) await enter(items.nth(i).locator('.number-answer input'), '0');
      else await first.check();
    }
    if (s < 5) await page.getByRole('button', { name: '下一部分 →' }).click();
  }
}

async function goToSummary(page) {
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
  await page.getByTestId('summary-sheet').waitFor();
}

async function download(page, buttonName, saveAs) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  const path = join(files, saveAs ?? dl.suggestedFilename());
  await dl.saveAs(path);
  return { path, name: dl.suggestedFilename() };
}

/** A downloaded workbook, read with exceljs. */
async function readWorkbook(path) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** The row of `sheet` whose column `col` (1-based) holds `value`. */
function rowWith(sheet, col, value) {
  let found;
  sheet.eachRow((row) => { if (!found && row.getCell(col).value === value) found = row; });
  assert.ok(found, `a row with ${value}`);
  return found;
}

// Set MOFAN_E2E_OUT to a directory (outside the repository) to keep the PDFs and screenshots for a look.
const KEEP = process.env.MOFAN_E2E_OUT;

async function pdfText(page, name) {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  if (KEEP) {
    writeFileSync(join(KEEP, `${name}.pdf`), pdf);
    await page.screenshot({ path: join(KEEP, `${name}.png`), fullPage: true });
  }
  return pdfPages(pdf);
}

test('two members export, the secretary reviews, combines and prints', async () => {
  const members = freshProfile();
  const secretary = freshProfile();
  try {
    // ---- members (one shared office PC): 张三 and 李四
    const m = await launch(members.dir);
    const page = m.context.pages()[0] ?? (await m.context.newPage());

    await fillAllBest(page, '张三');
    // 100 at best; 基本达标 on zzgy-2 (2 of 4) and 未达标 on zrls-3 (0 of 5): 93, 优秀.
    await page.locator('.section-tab').nth(0).click();
    await choose(page, 'zzgy-2', '基本达标');
    await page.locator('.section-tab').nth(3).click();
    await choose(page, 'zrls-3', '未达标');
    assert.equal(await text(page.getByTestId('total')), '93');
    await goToSummary(page);
    assert.equal(await text(page.getByTestId('sheet-total')), '93');
    assert.equal(await text(page.getByTestId('sheet-grade')), '优秀');
    // 整改清单: the two shortfalls, with a measure, owner and deadline saved with the self-check.
    const actions = page.getByTestId('actions').locator('tbody tr');
    assert.equal(await actions.count(), 2);
    assert.match(await text(actions.nth(0)), /基本达标，得2分（满分4分）/);
    await page.getByLabel('整改措施（第2条）').fill('补齐责任清单');
    await page.getByLabel('责任人（第2条）').fill('张三');
    await page.getByLabel('完成时限（第2条）').fill('2026年12月底');
    await page.getByLabel('状态（第2条）').selectOption({ label: '已完成' });
    await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
    await page.reload();
    assert.equal(await page.getByLabel('整改措施（第2条）').inputValue(), '补齐责任清单', 'actions survive a reload');

    const memberPdf = await pdfText(page, 'member');
    const all = memberPdf.join('\n');
    for (const s of ['六个模范', '张三', '西安分行', '办公室党支部', '2026年上半年', '总分', '93', '优秀',
      '整改清单', '补齐责任清单', '已完成', '本人签字', '支部书记签字', '日期', '第1页/共']) {
      assert.ok(all.includes(s), `member PDF shows ${s}`);
    }
    for (const b of BUTTON_TEXT) assert.ok(!all.includes(b), `no "${b}" on paper`);
    console.log(`# 六个模范 member page: ${memberPdf.length} A4 pages`);
    assert.ok(memberPdf.length >= 2 && memberPdf.length <= 6, `page count ${memberPdf.length}`);
    assert.ok(memberPdf.every((p, i) => p.includes(`第${i + 1}页/共${memberPdf.length}页`)), 'every page is numbered');
    // The item table runs over several pages; its header row is printed again at the top of each.
    const itemHeader = '序号考核内容分值自评自评分审核审核分审核意见';
    assert.ok(memberPdf.filter((p) => p.includes('小计')).every((p) => p.includes(itemHeader)), 'item table headers repeat on each page');
    // The signatures never stand alone on a page: they sign what is above them.
    const signed = memberPdf.find((p) => p.includes('本人签字'));
    assert.ok(signed.replace(/第\d+页\/共\d+页/g, '').length > 40, `the signatures share their page: ${signed}`);

    const zhang = await download(page, '导出结果文件');
    assert.equal(zhang.name, '六个模范-张三-2026年上半年.json');
    const csv = await download(page, '导出CSV（Excel）');
    // The same as an Excel workbook laid out as the printed page, read back cell by cell.
    const memberBook = await download(page, '导出Excel');
    assert.equal(memberBook.name, '六个模范-张三-2026年上半年.xlsx');
    const mb = await readWorkbook(memberBook.path);
    assert.deepEqual(mb.worksheets.map((w) => w.name), ['自查评分表', '整改清单']);
    const sheet = mb.getWorksheet('自查评分表');
    assert.equal(sheet.getCell('A1').value, '模范机关创建“六个模范”自查评分表');
    assert.equal(sheet.getCell('G2').value, '张三');
    const totalRow = rowWith(sheet, 2, '总分');
    assert.deepEqual([totalRow.getCell(3).value, totalRow.getCell(5).value], [100, 93], 'scores stored as numbers');
    assert.equal(rowWith(sheet, 2, '等次').getCell(5).value, '优秀');
    assert.equal(rowWith(mb.getWorksheet('整改清单'), 3, '补齐责任清单').getCell(6).value, '已完成');
    assert.deepEqual([...readFileSync(csv.path)].slice(0, 3), [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');

    await fillAllBest(page, '李四');
    // 李四: 基本达标 on ddzw-1..3 (1.5 of 3 each, −4.5); 未达标 on llwz-2 (−4) and zzjq-2 (−5): 86.5, 良好.
    await page.locator('.section-tab').nth(4).click();
    for (const id of ['ddzw-1', 'ddzw-2', 'ddzw-3']) await choose(page, id, '基本达标');
    await page.locator('.section-tab').nth(1).click();
    await choose(page, 'llwz-2', '未达标');
    await page.locator('.section-tab').nth(2).click();
    await choose(page, 'zzjq-2', '未达标');
    assert.equal(await text(page.getByTestId('total')), '86.5');
    assert.equal(await text(page.getByTestId('grade')), '良好');
    await goToSummary(page);
    const li = await download(page, '导出结果文件');
    assert.deepEqual(m.problems, []);
    await m.context.close();

    // A copy of 李四's file with a score edited by hand must be refused.
    const tampered = join(files, '李四-改过.json');
    const liText = readFileSync(li.path, 'utf8');
    const edited = liText.replace('"llwz-2":{"response":"not_met"}', '"llwz-2":{"response":"met"}');
    assert.notEqual(edited, liText, 'the spec really edits an answer');
    writeFileSync(tampered, edited);

    // ---- the secretary, on her own PC
    const s = await launch(secretary.dir);
    const desk = s.context.pages()[0] ?? (await s.context.newPage());
    await desk.goto(server.url);
    // Review is offered to a secretary only.
    assert.equal(await desk.getByLabel('选择要审核的结果文件').count(), 0, 'a 党员 is not offered review');
    await desk.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
    await desk.getByLabel('选择要审核的结果文件').setInputFiles(tampered);
    await desk.getByText('文件内容与校验码不符').waitFor();
    assert.equal(await desk.locator('.saved-row').count(), 0, 'a refused file saves nothing');

    await desk.getByLabel('选择要审核的结果文件').setInputFiles(zhang.path);
    await desk.getByRole('heading', { name: /审核：/ }).waitFor();
    assert.match(await text(desk.getByTestId('own-total')), /93 分 · 优秀/);
    assert.match(await text(item(desk, 'zzgy-2').getByTestId('member-answer')), /基本达标 · 得2分/);
    await desk.getByRole('button', { name: '未审核的项目按自评确认' }).click();
    assert.equal(await text(desk.getByTestId('total')), '93');
    await choose(desk, 'zzgy-1', '基本达标');            // 4 → 2
    await item(desk, 'zzgy-1').getByLabel('审核意见').fill('学习记录不全');
    assert.equal(await text(desk.getByTestId('total')), '91');
    assert.match(await text(desk.getByTestId('own-total')), /93 分/, "the member's own score is untouched");
    await goToSummary(desk);
    assert.equal(await text(desk.getByTestId('sheet-total')), '93');
    assert.equal(await text(desk.getByTestId('sheet-review-total')), '91');
    const reviewed = await download(desk, '导出审核后的结果文件', '张三-审核.json');
    assert.equal(reviewed.name, '六个模范-张三-2026年上半年-已审核.json', 'named apart from the original');
    const reviewedData = JSON.parse(readFileSync(reviewed.path, 'utf8'));
    assert.equal(reviewedData.content.assessment.answers['zzgy-1'].response, 'met', 'review never changes the member answer');
    assert.equal(reviewedData.content.assessment.answers['zzgy-1'].review.comment, '学习记录不全');

    // ---- combining the branch: reviewed 张三, 李四, the original 张三 again (a duplicate) and the tampered file
    await desk.goto(`${server.url}#/branch`);
    await desk.getByLabel('应参加名单').fill('张三、李四、王五');
    await desk.getByLabel('应参加名单').blur();
    await desk.getByLabel('选择结果文件').setInputFiles([zhang.path, reviewed.path, li.path, tampered]);
    await desk.getByTestId('branch-table').waitFor();
    assert.equal(await text(desk.getByTestId('desk-count')), '已导入 3 份自查，未接受 1 个文件');
    assert.match(await text(desk.getByTestId('desk-refusals')), /李四-改过\.json：文件内容与校验码不符/);
    const rows = desk.getByTestId('branch-table').locator('tbody tr');
    assert.equal(await rows.count(), 2);
    const row = async (i) => (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim());
    // Sorted by total, highest first; 自评 and 审核 in columns of their own. Sections: 张三
    // 14/16/20/11/18/14 (review 12 in the first), 李四 16/12/15/16/13.5/14, not reviewed.
    assert.deepEqual(await row(0), ['张三', '办公室党支部', '14', '12', '16', '16', '20', '20', '11', '11', '18', '18', '14', '14', '93', '91', '优秀', '优秀']);
    assert.deepEqual(await row(1), ['李四', '办公室党支部', '16', '—', '12', '—', '15', '—', '16', '—', '13.5', '—', '14', '—', '86.5', '—', '良好', '—']);
    const heads = (await desk.getByTestId('branch-table').locator('thead th').allInnerTexts()).map((t) => t.trim());
    assert.ok(heads.some((h) => /^政治过硬（满分\d+）/.test(h)), heads.join('|'));
    assert.ok(heads.some((h) => h.startsWith('总分（满分100）')), heads.join('|'));
    assert.equal(heads.filter((h) => h === '自评').length, 8, 'a 自评 column under every score');
    assert.equal(heads.filter((h) => h.startsWith('审核')).length, 8, 'and a 审核 column');
    assert.equal(await text(desk.getByTestId('branch-average')), '89.75');
    assert.equal(await text(desk.getByTestId('branch-review-average')), '91');
    const foot = (await desk.getByTestId('branch-table').locator('tfoot th').allTextContents()).map((t) => t.trim());
    assert.deepEqual(foot, ['自评平均（2人）', '审核平均（1人）'], 'each average says how many it counts');
    const dist = (await desk.getByTestId('distribution').locator('tbody tr').allTextContents()).map((t) => t.trim());
    // grade, self count, review count: 张三 优秀 (reviewed 优秀), 李四 良好 (not reviewed).
    assert.deepEqual(dist, ['优秀11', '良好10', '合格00', '不合格00']);
    const weakest = await desk.getByTestId('weakest').locator('tbody tr').allTextContents();
    assert.match(weakest[0], /50%/);
    assert.match(await text(desk.getByTestId('missing')), /未提交（1）：王五/);
    assert.match(await text(desk.getByTestId('duplicates')), /张三.*保留“张三-审核\.json”，未计入“六个模范-张三-2026年上半年\.json”/);
    // Sorting by name puts 李四 first.
    await desk.getByRole('button', { name: /^姓名/ }).click();
    assert.equal((await row(0))[0], '李四');

    const branchPdf = await pdfText(desk, 'branch');
    const paper = branchPdf.join('\n');
    for (const t of ['汇总表', '张三', '李四', '93', '86.5', '89.75', '等次分布', '薄弱项目', '王五', '汇总人签字', '支部书记签字', '日期',
      '自评平均（2人）', '审核平均（1人）', '“自评”为党员自评分，“审核”为支部书记审核分', '总分（满分100）']) {
      assert.ok(paper.includes(t), `branch PDF shows ${t}`);
    }
    for (const b of BUTTON_TEXT) assert.ok(!paper.includes(b), `no "${b}" on the branch paper`);
    console.log(`# branch summary: ${branchPdf.length} A4 pages`);

    // The branch workbook: a sheet per table, 自评 and 审核 in columns of their own, numbers as numbers.
    const branchBook = await readWorkbook((await download(desk, '导出Excel')).path);
    assert.deepEqual(branchBook.worksheets.map((w) => w.name), ['成员得分', '一级指标平均', '等次分布', '薄弱项目']);
    const memberSheet = branchBook.getWorksheet('成员得分');
    const bookHeads = memberSheet.getRow(3).values.slice(1);
    const totalAt = bookHeads.indexOf('总分（满分100）自评') + 1;
    const zhangRow = rowWith(memberSheet, 1, '张三');
    assert.deepEqual([zhangRow.getCell(totalAt).value, zhangRow.getCell(totalAt + 1).value], [93, 91]);
    assert.equal(rowWith(memberSheet, 1, '自评平均（2人）').getCell(totalAt).value, 89.75);

    // The branch summary file itself opens in the same desk (the committee's view).
    const branchFile = await download(desk, '导出汇总文件');
    await desk.getByRole('button', { name: '清空' }).click();
    await desk.getByLabel('选择结果文件').setInputFiles(branchFile.path);
    await desk.getByTestId('branch-table').waitFor();
    assert.equal(await text(desk.getByTestId('branch-members')), '2');

    // Files dragged from the desktop and dropped on the desk are taken the same way.
    await desk.getByRole('button', { name: '清空' }).click();
    const dropped = await desk.evaluateHandle(([name, body]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([body], name, { type: 'application/json' }));
      return dt;
    }, ['李四.json', readFileSync(li.path, 'utf8')]);
    await desk.locator('.branch-desk > section').first().dispatchEvent('drop', { dataTransfer: dropped });
    await desk.getByTestId('desk-count').filter({ hasText: '已导入 1 份自查' }).waitFor();
    assert.deepEqual((await desk.getByTestId('branch-table').locator('tbody tr td').first().textContent()).trim(), '李四');
    assert.deepEqual(s.problems, []);
  } finally {
    await closeAll();
    members.dispose();
    secretary.dispose();
  }
});
