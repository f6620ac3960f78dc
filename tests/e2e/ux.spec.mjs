// A self-check as a member meets it on a 360 px phone (touch) and a
// secretary on a 1366×768 laptop at 150% zoom (911×512 CSS pixels), by
// keyboard: the slim score bar, where the focus and the scroll go, touch
// targets, nothing wider than the phone, 整改清单 as cards, roles kept apart,
// the desk kept across a reload, and axe-core on every screen.
//
// axe-core is injected as a script; the page's CSP forbids that, so these
// contexts bypass the CSP (a test-only setting: users' pages keep it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, withFreshBrowser, freshProfile, launch, closeAll, completeMemberCheck, pickRound, exportResultFile } from './harness.mjs';

let server;
const files = mkdtempSync(join(tmpdir(), 'mofan-ux-'));
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); rmSync(files, { recursive: true, force: true }); });

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, bypassCSP: true };
const LAPTOP_150 = { viewport: { width: 911, height: 512 }, deviceScaleFactor: 1.5, bypassCSP: true };
const exact = { exact: true };
const LONG_UNIT = '国家金融监督管理总局某某省监管局机关党委办公室所属第一党支部所在单位';
const LONG_NAME = '欧阳长名字测试用户甲乙丙丁';

/** axe-core's violations on the page as it is now, as readable lines: none expected. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return violations;
}

async function assertAxeClean(page, where) {
  assert.deepEqual(await axeViolations(page), [], `axe-core on ${where}`);
}

/** Controls smaller than 44 × 44 CSS pixels (WCAG 2.5.5), as readable lines: none expected. */
function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll(
    'button, a.button, a.back, select, textarea, input[type=text], input:not([type]), input[type=file], label.choice, .role label',
  )]
    .filter((e) => e.getClientRects().length > 0 && !e.closest('.print-only'))
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.height < 43.5 || r.width < 43.5)
    .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} “${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 16)}” ${Math.round(r.width)}×${Math.round(r.height)}`));
}

/** What is wider than the window, or than its panel: none expected. */
function overflows(page) {
  return page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const p of document.querySelectorAll('.panel, .sheet, .notice')) {
      if (p.scrollWidth > p.clientWidth + 1) out.push(`${p.className} ${p.scrollWidth} > ${p.clientWidth}`);
    }
    return out;
  });
}

/** The score bar's box, and where the window's top is free of it. */
const barBox = (page) => page.locator('.score-bar').boundingBox();

/** Where the focused element is, against the window and the bar. */
const focusedBox = (page) => page.evaluate(() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  return { tag: e.tagName, text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 20), top: r.top, bottom: r.bottom, height: r.height };
});

test('on a 360 px phone: a slim bar that stays, the next part in view, big targets, 整改清单 as cards, no overflow', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  await page.getByText('新建自查').waitFor();
  assert.deepEqual(await overflows(page), [], 'home at 360 px');
  assert.deepEqual(await smallTargets(page), [], 'home touch targets');
  await assertAxeClean(page, 'home (phone)');
  // The check itself can fail: an image without a text alternative is reported.
  await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img id="no-alt" src="data:,">'));
  assert.ok((await axeViolations(page)).some((v) => v.startsWith('image-alt')), 'axe-core reports a real violation');
  await page.evaluate(() => document.getElementById('no-alt').remove());

  await page.getByLabel('单位', exact).fill(LONG_UNIT);
  await page.getByLabel('支部', exact).fill(LONG_UNIT);
  const progress = await completeMemberCheck(page, LONG_NAME);
  assert.match(progress, /^(\d+)\/\1$/);
  await page.locator('.section-tab').nth(0).click();
  // One shortfall, for the 整改清单.
  await page.locator('.section .item').first().getByRole('radio', { name: '未达标', exact: true }).check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();

  // The bar is one line whatever the title and the name, and stays at the top while answering.
  const bar = await barBox(page);
  assert.ok(bar.height <= 48, `score bar ${bar.height}px tall`);
  await page.evaluate(() => window.scrollTo(0, 1500));
  await page.waitForFunction(() => Math.abs(document.querySelector('.score-bar').getBoundingClientRect().top) < 1);
  assert.match(await page.locator('.score-bar').innerText(), /总分.*等次.*进度/s);
  assert.deepEqual(await overflows(page), [], 'editor at 360 px');
  assert.deepEqual(await smallTargets(page), [], 'editor touch targets');
  await assertAxeClean(page, 'editor (phone)');

  // 下一部分: the new part starts at its heading, which has the focus, with its first question in view below the bar.
  await page.getByRole('button', { name: '下一部分 →' }).tap();
  await page.waitForFunction(() => document.activeElement?.matches('.section-head h2'));
  assert.match(await page.evaluate(() => document.activeElement.textContent), /^二、/);
  const heading = await focusedBox(page);
  assert.ok(heading.top >= bar.height - 1, `heading at ${heading.top}, under the bar (${bar.height})`);
  const first = await page.locator('.section .item').first().locator('.item-title').boundingBox();
  assert.ok(first.y >= bar.height && first.y + first.height <= 740, `first question at ${first.y}`);

  // 整改清单: a card per row, each cell under its label, 整改措施 on several lines, 状态 visible.
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).tap();
  await page.getByTestId('summary-sheet').waitFor();
  const card = page.getByTestId('actions').locator('tbody tr').first();
  assert.equal(await card.evaluate((tr) => getComputedStyle(tr).display), 'block');
  const labels = await card.locator('td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content));
  assert.deepEqual(labels, ['"序号"', '"问题"', '"整改措施"', '"责任人"', '"完成时限"', '"状态"']);
  const measure = page.getByLabel('整改措施（第1条）');
  assert.equal(await measure.evaluate((e) => e.tagName), 'TEXTAREA');
  assert.ok((await measure.boundingBox()).width >= 280, 'the measure takes the card\'s width');
  const status = page.getByLabel('状态（第1条）');
  assert.ok((await status.boundingBox()).width >= 280);
  assert.equal(await status.evaluate((s) => s.selectedOptions[0].textContent), '未完成');
  await measure.fill('第一行\n第二行');
  assert.deepEqual(await overflows(page), [], 'summary at 360 px');
  assert.deepEqual(await smallTargets(page), [], 'summary touch targets');
  await assertAxeClean(page, 'summary (phone)');
  // After the export: the file's name and where it goes, and the phone's share sheet with the file itself.
  await page.evaluate(() => {
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.length > 0;
    navigator.share = async (data) => { window.shared = await Promise.all(data.files.map(async (f) => [f.name, (await f.text()).length])); };
  });
  await page.getByRole('button', { name: '导出结果文件' }).tap();
  await page.getByTestId('exported').filter({ hasText: '请把这个文件发给支部书记审核' }).waitFor();
  await page.getByRole('button', { name: '分享…' }).tap();
  await page.waitForFunction(() => window.shared);
  const [[sharedName, sharedSize]] = await page.evaluate(() => window.shared);
  assert.match(sharedName, new RegExp(`^四讲四有-${LONG_NAME}-\\d{4}年\\.json$`));
  assert.ok(sharedSize > 500, 'the whole result file is shared');
  // Radar labels are short and at least 12 px.
  const radar = await page.locator('.radar .axis-label').evaluateAll((ls) => ls.map((l) => [l.textContent, parseFloat(getComputedStyle(l).fontSize)]));
  assert.ok(radar.length >= 3 && radar.every(([, size]) => size >= 12), JSON.stringify(radar));

  // The branch desk fits the phone too.
  await page.goto(`${server.url}#/branch`);
  await page.getByRole('heading', { name: '支部汇总' }).waitFor();
  assert.deepEqual(await overflows(page), [], 'branch desk at 360 px');
  assert.deepEqual(await smallTargets(page), [], 'branch desk touch targets');
}, PHONE));

test('on a laptop at 150%: the bar stays small and the keyboard\'s focus is never under it', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  await page.getByLabel('单位', exact).fill(LONG_UNIT);
  await page.getByLabel('姓名', exact).fill(LONG_NAME);
  await pickRound(page, 2026, '上半年');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.getByTestId('progress').filter({ hasText: '0/25' }).waitFor();
  const bar = await barBox(page);
  assert.ok(bar.height <= 0.12 * 512, `score bar ${bar.height}px of a 512px window`);

  // Tab through the first part's questions: each control that takes the focus is in view, below the bar.
  await page.locator('.section .item').first().getByRole('radio').first().focus();
  let checked = 0;
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedBox(page);
    if (f.tag === 'BODY') break; // past the last control: the focus leaves the page
    if (f.height === 0) continue;
    const barNow = await barBox(page);
    assert.ok(f.top >= barNow.y + barNow.height - 1 && f.bottom <= 512 + 1,
      `Tab ${i + 1}: ${f.tag} “${f.text}” at ${Math.round(f.top)}–${Math.round(f.bottom)}, bar ends at ${barNow.y + barNow.height}`);
    checked += 1;
  }
  assert.ok(checked >= 12, `the keyboard went through the part's controls (${checked} checked)`);
  // 下一部分 by keyboard: its heading takes the focus, its first question in view.
  await page.getByRole('button', { name: '下一部分 →' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.matches('.section-head h2'));
  const heading = await focusedBox(page);
  assert.ok(heading.top >= bar.height, `heading at ${heading.top}`);
  const first = await page.locator('.section .item').first().locator('.item-title').boundingBox();
  assert.ok(first.y + first.height <= 512, `first question at ${first.y}`);
  await assertAxeClean(page, 'editor (laptop 150%)');
}, LAPTOP_150));

/** Starts a 合格党员 self-check in `branch`, answers it all, exports it; returns the file's path. */
async function memberFile(page, name, branch) {
  await page.goto(server.url);
  await page.getByLabel('支部', exact).fill(branch);
  await completeMemberCheck(page, name);
  return exportResultFile(page, files);
}

test('roles kept apart: a member is offered no review; a member\'s file is reviewed, never edited; the desk stays', async () => {
  const memberProfile = freshProfile();
  const secretaryProfile = freshProfile();
  try {
    const m = await launch(memberProfile.dir, LAPTOP_150);
    const page = m.context.pages()[0] ?? (await m.context.newPage());
    const zhao = await memberFile(page, '赵一', '第一党支部');
    // A 党员 sees no review anywhere.
    assert.equal(await page.getByRole('link', { name: '审核', exact: true }).count(), 0, 'summary offers no review');
    await page.getByRole('link', { name: '继续填写' }).click();
    await page.getByTestId('progress').waitFor();
    assert.equal(await page.getByRole('link', { name: '审核（支部书记）' }).count(), 0, 'editor offers no review');
    await page.goto(server.url);
    assert.equal(await page.getByRole('heading', { name: '支部书记：审核与汇总' }).count(), 0, 'home offers no review');
    const qian = await memberFile(page, '钱二', '第二党支部');
    assert.deepEqual(m.problems, []);
    await m.context.close();

    const s = await launch(secretaryProfile.dir, LAPTOP_150);
    const desk = s.context.pages()[0] ?? (await s.context.newPage());
    await desk.goto(server.url);
    await desk.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
    await desk.getByLabel('选择要审核的结果文件').setInputFiles(zhao);
    await desk.getByRole('heading', { name: /^审核：/ }).waitFor();
    await desk.getByTestId('received-note').filter({ hasText: '赵一' }).waitFor();
    assert.equal(await desk.getByRole('link', { name: '回到自评' }).count(), 0);
    assert.equal(await desk.getByRole('button', { name: '修改填报信息' }).count(), 0);
    await assertAxeClean(desk, 'review');
    // The address of the member's own form opens the review all the same.
    const id = await desk.evaluate(() => decodeURIComponent(location.hash.split('/')[2]));
    await desk.goto(`${server.url}#/check/${encodeURIComponent(id)}/0`);
    await desk.getByRole('heading', { name: /^审核：/ }).waitFor();
    await desk.goto(server.url);
    const row = desk.locator('.saved-row.received');
    await row.locator('.review-state').filter({ hasText: '待审核' }).waitFor();
    assert.equal(await row.getByRole('button', { name: '继续填写' }).count(), 0);
    await assertAxeClean(desk, 'home (secretary)');
    await row.getByRole('button', { name: '审核' }).click();
    await desk.getByRole('button', { name: '未审核的项目按自评确认' }).click();
    await desk.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
    await desk.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
    await desk.getByTestId('summary-sheet').waitFor();
    assert.equal(await desk.getByRole('link', { name: '继续填写' }).count(), 0);
    await desk.getByRole('button', { name: '导出审核后的结果文件' }).waitFor();
    await assertAxeClean(desk, 'summary (secretary)');
    await desk.goto(server.url);
    await row.locator('.review-state').filter({ hasText: '已审核' }).waitFor();

    // The desk: files from two branches stay rows of members, and the difference is said.
    await desk.getByRole('link', { name: '支部汇总（导入多份结果文件）' }).click();
    await desk.getByLabel('选择结果文件').setInputFiles([zhao, qian]);
    await desk.getByTestId('branch-table').waitFor();
    assert.equal(await desk.getByLabel('汇总层级').inputValue(), 'member');
    await desk.getByTestId('branch-mix').filter({ hasText: '第一党支部（1人）、第二党支部（1人）' }).waitFor();
    await desk.getByLabel('支部名称（用于导出和打印）').fill('机关联合党支部');
    await assertAxeClean(desk, 'branch desk');
    // A reload, and a visit to the home page, lose nothing.
    await desk.reload();
    await desk.getByTestId('desk-restored').filter({ hasText: '2 份自查' }).waitFor();
    // Handed back to the files worker, combined there again.
    await desk.getByTestId('branch-table').locator('tbody tr').nth(1).waitFor();
    assert.equal(await desk.getByTestId('branch-table').locator('tbody tr').count(), 2);
    assert.equal(await desk.getByLabel('支部名称（用于导出和打印）').inputValue(), '机关联合党支部');
    await desk.getByRole('link', { name: '← 首页' }).click();
    await desk.getByText('新建自查').waitFor();
    await desk.goBack();
    await desk.getByTestId('branch-table').waitFor();
    assert.equal(await desk.getByTestId('desk-count').textContent(), '已导入 2 份自查，未接受 0 个文件');
    // 清空 empties it for good.
    await desk.getByRole('button', { name: '清空' }).click();
    await desk.reload();
    await desk.getByTestId('desk-count').filter({ hasText: '已导入 0 份自查' }).waitFor();
    assert.equal(await desk.getByTestId('desk-restored').count(), 0);
    assert.deepEqual(s.problems, []);
  } finally {
    await closeAll();
    memberProfile.dispose();
    secretaryProfile.dispose();
  }
});
