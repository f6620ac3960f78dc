// A member does a real self-check of the built-in 六个模范 checklist, closes
// the browser mid-typing, comes back, and finds everything as left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, freshProfile, launch, closeAll, withFreshBrowser, pickRound } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const exact = { exact: true };
const item = (page, id) => page.locator(`.item[data-item="${id}"]`);
const choose = (page, id, label) => item(page, id).getByRole('radio', { name: label, exact: true }).check();
const text = async (loc) => (await loc.textContent()).trim();

test('member fills in a self-check, closes the browser mid-note, and finds it all on return', async () => {
  const profile = freshProfile();
  try {
    // ---- first visit: start a self-check
    let { context, problems } = await launch(profile.dir);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByText('还没有自查记录').waitFor();
    assert.match(await page.locator('html').getAttribute('lang'), /^zh-CN$/);
    // The app asks for persistent storage and says what the browser answered.
    await page.getByTestId('persistence').filter({ hasText: /持久保存本站数据/ }).waitFor();

    // Starting without a name is refused, in Chinese, and saves nothing.
    await page.getByLabel('姓名', exact).fill('');
    await page.getByRole('button', { name: '开始自查' }).click();
    await page.getByText('请填写姓名').waitFor();

    // Members see member checklists first; a secretary sees the branch ones first, and the choice is remembered.
    const firstOption = () => page.locator('.template-field option').first().textContent();
    assert.match(await firstOption(), /党员个人/);
    await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
    assert.match(await firstOption(), /六个模范.*党支部/);
    await page.reload();
    await page.getByText('新建自查').waitFor();
    assert.ok(await page.getByRole('radio', { name: '支部书记 / 支部委员' }).isChecked());
    assert.equal(await page.getByLabel('评分表', { exact: true }).inputValue(), 'liuge-mofan');

    await page.getByLabel('单位', exact).fill('西安分行');
    await page.getByLabel('支部', exact).fill('办公室党支部');
    await page.getByLabel('姓名', exact).fill('张三');
    await pickRound(page, 2026, '上半年');
    await page.getByRole('button', { name: '开始自查' }).click();
    await page.getByRole('heading', { name: '模范机关创建“六个模范”自查评分表' }).waitFor();
    assert.equal(await text(page.getByTestId('total')), '0');
    assert.equal(await text(page.getByTestId('progress')), '0/25');

    // ---- section 1 (做政治过硬的模范, four items of 4 points)
    await choose(page, 'zzgy-1', '达标');      // 4
    await choose(page, 'zzgy-2', '基本达标');  // 2 of 4
    await choose(page, 'zzgy-3', '未达标');    // 0 of 4
    await choose(page, 'zzgy-4', '不适用');    // leaves the denominator: 4 points
    assert.equal(await text(page.getByTestId('section-subtotal')), '已答 4/4 · 小计 6 / 12 分');
    assert.equal(await text(item(page, 'zzgy-2').getByTestId('item-earned')), '得2分');
    assert.equal(await text(item(page, 'zzgy-4').getByTestId('item-earned')), '不计入');
    await item(page, 'zzgy-3').locator('textarea.note').fill('1项该报未报');
    await item(page, 'zzgy-3').locator('textarea.evidence').fill('请示报告记录');

    // ---- section 2 (做理论武装的模范, 5/4/4/3)
    await page.getByRole('button', { name: '下一部分 →' }).click();
    await page.getByRole('heading', { name: '二、做理论武装的模范' }).waitFor();
    // Nothing typed or chosen in section 1 shows up on the items of section 2.
    assert.equal(await item(page, 'llwz-3').locator('textarea.note').inputValue(), '');
    assert.equal(await item(page, 'llwz-2').getByRole('radio', { name: '基本达标' }).isChecked(), false);
    await choose(page, 'llwz-2', '达标');      // 4
    await choose(page, 'llwz-3', '达标');      // 4
    // By hand: earned 4+2+0 + 4+4 = 14 of (100 − 4 不适用) = 96 → 14 ÷ 96 × 100 = 14.583… → 14.58
    assert.equal(await text(page.getByTestId('total')), '14.58');
    assert.equal(await text(page.getByTestId('grade')), '未完成', 'not a 不合格 while items are still to answer');
    assert.equal(await text(page.getByTestId('progress')), '6/25');
    const tab1 = page.locator('.section-tab').nth(0);
    assert.match(await text(tab1), /4\/4 项 · 6\/12 分/);

    // Type a note and close the browser at once, well inside the 300 ms debounce.
    const note = item(page, 'llwz-2').locator('textarea.note');
    await note.click();
    await note.pressSequentially('三个专题均已讨论', { delay: 5 });
    await page.close({ runBeforeUnload: true }); // the user closes the tab…
    await context.close();                       // …and the browser
    assert.deepEqual(problems, []);

    // ---- second visit, same profile: everything as left
    ({ context, problems } = await launch(profile.dir));
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    const row = page.locator('.saved-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.match(await text(row), /六个模范/);
    assert.match(await text(row), /2026年上半年/);
    assert.match(await text(row), /已答 6\/25 项 · 14\.58 分 · 未完成/);
    assert.match(await text(row), /最近编辑 \d{4}-\d\d-\d\d \d\d:\d\d/);

    await row.getByRole('button', { name: '继续填写' }).click();
    await page.getByTestId('total').waitFor();
    assert.equal(await text(page.getByTestId('total')), '14.58');
    // The last keystrokes before the browser closed are there.
    await page.locator('.section-tab').nth(1).click();
    assert.equal(await item(page, 'llwz-2').locator('textarea.note').inputValue(), '三个专题均已讨论');
    assert.ok(await item(page, 'llwz-2').getByRole('radio', { name: '达标', exact: true }).isChecked());
    await page.locator('.section-tab').nth(0).click();
    assert.ok(await item(page, 'zzgy-4').getByRole('radio', { name: '不适用' }).isChecked());
    assert.equal(await item(page, 'zzgy-3').locator('textarea.evidence').inputValue(), '请示报告记录');

    // A reload keeps the section on screen.
    await page.locator('.section-tab').nth(1).click();
    await page.reload();
    await page.getByRole('heading', { name: '二、做理论武装的模范' }).waitFor();

    // ---- start another, then delete one with confirmation
    await page.getByRole('link', { name: '← 首页' }).click();
    await pickRound(page, 2026, '下半年');
    assert.equal(await page.getByLabel('姓名', exact).inputValue(), '张三'); // prefilled from the last one
    await page.getByRole('button', { name: '开始自查' }).click();
    await page.getByTestId('total').waitFor();
    await page.getByRole('link', { name: '← 首页' }).click();
    await row.nth(1).waitFor();
    assert.equal(await row.count(), 2);

    const second = row.filter({ hasText: '2026年下半年' });
    await second.getByRole('button', { name: '删除' }).click();
    await second.getByRole('button', { name: '取消' }).click();
    assert.equal(await row.count(), 2, 'cancel keeps the self-check');
    await second.getByRole('button', { name: '删除' }).click();
    await second.getByText('删除后无法恢复').waitFor();
    await second.getByRole('button', { name: '确认删除' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.saved-row').length === 1);
    await page.reload();
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.match(await text(row), /2026年上半年/);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await closeAll();
    profile.dispose();
  }
});

test('a corrupt stored record is quarantined whole; the rest keeps working', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  await page.getByText('还没有自查记录').waitFor();
  // One good self-check first.
  await page.getByLabel('姓名', exact).fill('王五');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.locator('.item').first().getByRole('radio').first().check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  const goodTotal = (await page.getByTestId('total').textContent()).trim();
  await page.goto(server.url);
  // Then a record damaged by hand.
  const raw = '{"schema":2,"kind":"assessment","data":{"id":"x","templ';
  await page.evaluate((raw) => localStorage.setItem('mofan.assessment.x', raw), raw);
  await page.reload();
  await page.getByText('有 1 条本地记录无法读取').waitFor();
  const entry = page.locator('.bad-records li');
  assert.match(await entry.textContent(), /mofan\.assessment\.x：数据已损坏，无法解析（内容在中途被截断/);
  // Moved to the quarantine exactly as it was.
  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.includes('.x'))));
  const keys = Object.keys(stored);
  assert.equal(keys.length, 1);
  assert.match(keys[0], /^mofan\.quarantine\.\d+\.mofan\.assessment\.x$/);
  assert.equal(stored[keys[0]], raw);
  // The raw text can be downloaded exactly as it was stored.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    entry.getByRole('button', { name: '下载原始内容' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'mofan.assessment.x.txt');
  assert.equal(readFileSync(await download.path(), 'utf8'), raw);
  // The other self-check is intact and opens.
  const row = page.locator('.saved-row');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), new RegExp(`王五.*${goodTotal} 分`));
  // Once saved elsewhere, the quarantined copy can be deleted, after confirming.
  await entry.getByRole('button', { name: '删除' }).click();
  await entry.getByRole('button', { name: '确认删除' }).click();
  await page.locator('.bad-records').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mofan.quarantine.')).length), 0);
  await row.getByRole('button', { name: '继续填写' }).click();
  await page.getByTestId('total').filter({ hasText: goodTotal }).waitFor();
}));
