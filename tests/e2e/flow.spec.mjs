// A member's self-check as a screen reader and a Chinese input method meet
// it: every page has its h1, 下一未答项 finds what is left, every answer group and text box is named by its
// item, full-width digits count, a box shows one message at a time, a bonus
// offers no 不适用, and what was typed as 佐证材料 reaches paper. After an
// export the member is told the file's name and where it goes next.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, withFreshBrowser, startMemberCheck, enter } from './harness.mjs';
import { pdfPages } from './pdf.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const exact = { exact: true };
const text = async (loc) => (await loc.textContent()).trim();
const item = (page, id) => page.locator(`.item[data-item="${id}"]`);

test('names, typed digits, one message per box, no 不适用 on a bonus, evidence on paper, and where the export goes', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: '新建自查' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'the home page has its h1');
  // The start form's errors are a list inside the alert.
  await page.getByRole('button', { name: '开始自查' }).click();
  const alert = page.locator('.start').getByRole('alert');
  await alert.getByRole('listitem').filter({ hasText: '请填写姓名' }).waitFor();

  await startMemberCheck(page, '郑一');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'the editor has its h1');
  // Each answer group and text box carries its item's number and title.
  const group = page.getByRole('radiogroup', { name: /^1\.1 重温入党初心/ });
  await group.getByRole('radio', { name: '达标', exact: true }).check();
  await page.getByRole('textbox', { name: /^佐证材料：1\.1 重温入党初心/ }).fill('学习笔记第3页');
  assert.equal(await page.getByRole('textbox', { name: /^说明：1\.2 / }).count(), 1);

  // 下一未答项: to 1.2 in this part, then, with 1.2 answered, to the first item of the next part.
  const focused = () => page.evaluate(() => document.activeElement?.closest('.item')?.dataset.item ?? null);
  assert.equal(await text(page.getByTestId('grade')), '未完成');
  await page.getByRole('button', { name: '下一未答项' }).click();
  await page.waitForFunction(() => document.activeElement?.closest('.item')?.dataset.item === 'xue-2');
  await page.keyboard.press('Space'); // the focused first choice: 达标
  await item(page, 'xue-2').getByRole('radio', { name: '达标', exact: true }).and(page.locator(':checked')).waitFor();
  await page.getByRole('button', { name: '下一未答项' }).click();
  await page.locator('.section[data-section="zuo"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('.item')?.dataset.item === 'zuo-1');
  assert.equal(await focused(), 'zuo-1');
  await page.locator('.section-tab').nth(0).click();

  // 组织生活: a count typed with a Chinese input method's digits; one message at a time.
  await page.locator('.section-tab').nth(4).click();
  const meetings = item(page, 'zz-1').getByLabel('发生次数（次）');
  await enter(meetings, '九十九');
  await item(page, 'zz-1').getByRole('alert').filter({ hasText: '请输入0或正整数（次数）' }).waitFor();
  await enter(meetings, '９');
  await item(page, 'zz-1').getByRole('alert').filter({ hasText: '次数不能超过6次' }).waitFor();
  assert.equal(await item(page, 'zz-1').getByRole('alert').count(), 1, 'only the current message');
  await enter(meetings, '２');
  assert.equal(await text(item(page, 'zz-1').getByTestId('item-earned')), '得8分'); // 12 − 2 × 2
  assert.equal(await item(page, 'zz-1').getByRole('alert').count(), 0);

  // 完成 with items left lists them first; 继续填写 stays.
  await page.getByRole('button', { name: '完成，返回首页' }).click();
  const left = page.getByTestId('still-open');
  assert.match(await text(left.locator('p')), /^还有 9 项未作答/); // 13 items, 3 answered, the bonus not counted
  assert.ok((await left.getByRole('listitem').allTextContents()).includes('5.2 按月足额交纳党费'));
  await left.getByRole('button', { name: '继续填写' }).click();
  assert.equal(await left.count(), 0);

  // 促: the bonus is typed or left blank; 不适用 is not on offer.
  await page.locator('.section-tab').nth(3).click();
  assert.equal(await item(page, 'cu-b').getByRole('radio').count(), 0);
  assert.equal(await item(page, 'cu-1').getByRole('radio', { name: '不适用' }).count(), 1);

  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
  await page.getByTestId('summary-sheet').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'the summary has its h1');
  const paper = (await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).join('');
  assert.ok(paper.includes('佐证材料：学习笔记第3页'), 'the evidence is printed with its item');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出结果文件' }).click()]);
  const name = download.suggestedFilename();
  assert.match(name, /^四讲四有-郑一-\d{4}年\.json$/);
  assert.equal(await text(page.getByTestId('exported')), `已导出“${name}”。请把这个文件发给支部书记审核。`);
}));

test('a new screen starts with the focus on its heading; 下一部分 starts the next part at its heading with its first question in view, on a phone and below the stuck score bar on a laptop', () => withFreshBrowser(async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(server.url);
  await page.getByRole('heading', { name: '新建自查' }).waitFor();
  await startMemberCheck(page, '王二');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /四讲四有/);

  await page.getByRole('button', { name: '下一部分 →' }).click();
  await page.locator('.section[data-section="zuo"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), '二、做：践行“四讲四有”');
  const first = await page.locator('.section .item').first().boundingBox();
  assert.ok(first.y >= 0 && first.y + 40 < 740, `the first question is in view (y = ${first.y})`);

  // On a laptop the score bar stays at the top; the heading comes out below it, not under it.
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.getByRole('button', { name: '下一部分 →' }).click();
  await page.locator('.section[data-section="gai"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent.trim() === '三、改：把问题找准改实');
  const [bar, heading] = await page.evaluate(() => [
    document.querySelector('.sheet-head').getBoundingClientRect().bottom,
    document.activeElement.getBoundingClientRect().top,
  ]);
  assert.ok(heading >= bar, `the heading (top ${heading}) is below the stuck bar (bottom ${bar})`);
}));

test('in forced-colours mode the chosen answer is still marked', () => withFreshBrowser(async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(server.url);
  const items = await startMemberCheck(page, '李三');
  await items.first().getByRole('radio', { name: '达标', exact: true }).check();
  const outline = (name) => items.first().locator('label.choice').filter({ hasText: new RegExp(`^${name}$`) }).evaluate((l) => {
    const s = getComputedStyle(l);
    return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  });
  assert.ok(await outline('达标') >= 3, 'the chosen answer has an outline');
  assert.equal(await outline('未达标'), 0, 'the others do not');
}));
