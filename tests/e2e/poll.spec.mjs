// 民主测评 in a 述职评议: two branches record the votes their members cast
// on the secretary's report, the organ committee reviews one tally, combines
// both and prints. The item scores the vote-weighted average of the steps
// (好 30 / 较好 24 / 一般 18 / 差 0); blank ballots are counted, not scored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, freshProfile, launch, closeAll, enter, withFreshBrowser, pickRound, exportResultFile } from './harness.mjs';
import { pdfPages } from './pdf.mjs';

let server;
const files = mkdtempSync(join(tmpdir(), 'mofan-poll-'));
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); rmSync(files, { recursive: true, force: true }); });

const exact = { exact: true };
const text = async (loc) => (await loc.textContent()).trim();
const poll = (page) => page.locator('.item[data-item="py-1"]');

/** Types the votes per step (好, 较好, 一般, 差) and the blank ballots into the 民主测评 item. */
async function vote(page, [good, fair, middling, poor], blank) {
  const item = poll(page);
  for (const [label, n] of [['好', good], ['较好', fair], ['一般', middling], ['差', poor], ['弃权或空白', blank]]) {
    await enter(item.getByLabel(`${label}（票）`, exact), String(n));
  }
}

/** A branch's 述职评议: every other item at its best, the votes as given; returns the result file. */
async function branchReport(page, branch, votes, blank) {
  await page.goto(server.url);
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  await page.getByLabel('评分表', exact).selectOption('shuji-shuzhi');
  await page.getByLabel('单位', exact).fill('西安分行');
  await page.getByLabel('支部', exact).fill(branch);
  await page.getByLabel('姓名', exact).fill(`${branch}书记`);
  await pickRound(page, 2026, '全年');
  await page.getByRole('button', { name: '开始自查' }).click();
  const sections = page.locator('.section-tab');
  await sections.first().waitFor();
  for (let s = 0; s < await sections.count(); s++) {
    await sections.nth(s).click();
    const items = page.locator('.section .item');
    await items.first().waitFor();
    for (let i = 0; i < await items.count(); i++) {
      const id = await items.nth(i).getAttribute('data-item');
      if (id === 'py-1' || id === 'sz-b') continue; // the votes below; the bonus left blank
      // A count or score is typed (0 occurrences: full points); the rest take their first, best choice.
      const number = items.nth(i).locator('.number-answer input');
      if (await number.count()) await enter(number.first(), '0');
      else await items.nth(i).getByRole('radio').first().check();
    }
  }
  await vote(page, votes, blank);
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  return exportResultFile(page, files);
}

test('a 述职评议 poll is filled in, reviewed, combined and printed', async () => {
  const branches = freshProfile();
  const committee = freshProfile();
  try {
    const b = await launch(branches.dir);
    const page = b.context.pages()[0] ?? (await b.context.newPage());

    // 第一支部: 14 好, 4 较好, 1 一般, 1 差, 2 blank → (420 + 96 + 18 + 0) ÷ 20 = 26.7; with 70 elsewhere, 96.7 (好).
    const first = await branchReport(page, '第一支部', [14, 4, 1, 1], 2);
    assert.equal(await text(page.getByTestId('sheet-total')), '96.7');
    assert.equal(await text(page.getByTestId('sheet-grade')), '好');
    const paper = (await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).join('');
    for (const s of ['民主测评', '好14票、较好4票、一般1票、差1票，弃权或空白2票', '26.7', '考评方式：民主测评', '96.7']) {
      assert.ok(paper.includes(s), `the printout shows ${s}`);
    }

    // 第二支部: 6 好, 6 较好, 6 一般, 2 差 → (180 + 144 + 108 + 0) ÷ 20 = 21.6; 91.6 (好).
    const second = await branchReport(page, '第二支部', [6, 6, 6, 2], 0);
    assert.equal(await text(page.getByTestId('sheet-total')), '91.6');
    assert.deepEqual(b.problems, []);
    await b.context.close();

    // ---- the organ committee reviews 第一支部's tally: a recount moves one 差 to 一般.
    const c = await launch(committee.dir);
    const desk = c.context.pages()[0] ?? (await c.context.newPage());
    await desk.goto(server.url);
    await desk.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
    await desk.getByLabel('选择要审核的结果文件').setInputFiles(first);
    await desk.getByRole('heading', { name: /审核：/ }).waitFor();
    await desk.locator('.section-tab').last().click();
    assert.match(await text(poll(desk).getByTestId('member-answer')), /好14票、较好4票、一般1票、差1票，弃权或空白2票 · 得26.7分/);
    await desk.getByRole('button', { name: '未审核的项目按自评确认' }).click();
    await vote(desk, [14, 4, 2, 0], 2); // (420 + 96 + 36) ÷ 20 = 27.6
    await poll(desk).getByLabel('审核意见').fill('复核计票：1张差票实为一般');
    assert.equal(await text(poll(desk).getByTestId('item-earned')), '得27.6分');
    assert.equal(await text(desk.getByTestId('total')), '97.6');
    await desk.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
    await desk.getByTestId('summary-sheet').waitFor();
    assert.equal(await text(desk.getByTestId('sheet-total')), '96.7', "the branch's own score is untouched");
    assert.equal(await text(desk.getByTestId('sheet-review-total')), '97.6');
    const [dl] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: '导出审核后的结果文件' }).click()]);
    const reviewed = join(files, '第一支部-审核.json');
    await dl.saveAs(reviewed);

    // ---- combined: the reviewed 第一支部 and 第二支部.
    await desk.goto(`${server.url}#/branch`);
    await desk.getByLabel('选择结果文件').setInputFiles([reviewed, second]);
    await desk.getByTestId('branch-table').waitFor();
    assert.equal(await text(desk.getByTestId('desk-count')), '已导入 2 份自查，未接受 0 个文件');
    const rows = desk.getByTestId('branch-table').locator('tbody tr');
    const totals = async (i) => (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim()).slice(-4);
    // 总分 自评, 审核, then 等次 自评, 审核.
    assert.deepEqual(await totals(0), ['96.7', '97.6', '好', '好']);
    assert.deepEqual(await totals(1), ['91.6', '—', '好', '—']);
    const branchPaper = (await pdfPages(await desk.pdf({ preferCSSPageSize: true, printBackground: true }))).join('');
    for (const s of ['第一支部', '第二支部', '96.7', '97.6', '91.6']) assert.ok(branchPaper.includes(s), `the branch table prints ${s}`);
    assert.deepEqual(c.problems, []);
  } finally {
    await closeAll();
    branches.dispose();
    committee.dispose();
  }
});

test('a tally with no scored vote is refused in Chinese and changes nothing; one vote is enough', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  await page.getByLabel('评分表', exact).selectOption('shuji-shuzhi');
  await page.getByLabel('姓名', exact).fill('计票员');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.locator('.section-tab').last().click();
  const item = poll(page);
  await enter(item.getByLabel('弃权或空白（票）', exact), '20');
  await item.getByRole('alert').filter({ hasText: '还没有有效票' }).waitFor();
  assert.equal(await text(item.getByTestId('item-earned')), '未作答');
  assert.match(await text(page.getByTestId('progress')), /^0\//);
  await enter(item.getByLabel('一般（票）', exact), 'x');
  await item.getByText('票数应为0或正整数').waitFor();
  await enter(item.getByLabel('一般（票）', exact), '1');
  assert.equal(await text(item.getByTestId('item-earned')), '得18分');
  assert.equal(await item.getByRole('alert').count(), 0, 'the messages go');
  assert.match(await text(page.getByTestId('progress')), /^1\//);
  // Stored by step name, blank ballots apart.
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  const stored = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('mofan.assessment.'));
    return JSON.parse(localStorage.getItem(key)).data.answers['py-1'].response;
  });
  assert.deepEqual(stored, { votes: { steps: [{ name: '好', votes: 0 }, { name: '较好', votes: 0 }, { name: '一般', votes: 1 }, { name: '差', votes: 0 }], blank: 20 } });
}));
