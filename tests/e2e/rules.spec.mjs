// A secretary fills in the 党支部标准化 checklist, which uses every kind of
// scoring rule: ladder, per-occurrence deduction, free score, veto and bonus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, withFreshBrowser, enter } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const item = (page, id) => page.locator(`.item[data-item="${id}"]`);
const text = async (loc) => (await loc.textContent()).trim();
const earned = (page, id) => text(item(page, id).getByTestId('item-earned'));
const tab = (page, n) => page.locator('.section-tab').nth(n).click();

test('every scoring rule: ladder, deduction, free score, veto and bonus add up as by hand', () => withFreshBrowser(async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  await page.getByLabel('评分表', { exact: true }).selectOption('dzb-biaozhunhua');
  await page.getByLabel('姓名', { exact: true }).fill('李书记');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.getByRole('heading', { name: '党支部标准化规范化建设自查评分表' }).waitFor();

  // 组织建设: check 6 → 达标; ladder 好6/较好4/一般2/差0 → 较好
  await item(page, 'zz-1').getByRole('radio', { name: '达标', exact: true }).check();
  await item(page, 'zz-2').getByRole('radio', { name: '较好（4分）' }).check();
  assert.equal(await earned(page, 'zz-2'), '得4分');

  // The veto: triggered shows the reason and forces the lowest grade; cleared, it goes away.
  await item(page, 'zz-3').getByRole('radio', { name: '触发一票否决' }).check();
  assert.match(await text(page.getByTestId('veto')), /一票否决：支部被列为软弱涣散党组织且未按期完成整顿。等次定为不合格。/);
  await item(page, 'zz-3').getByRole('radio', { name: '未触发' }).check();
  assert.equal(await page.getByTestId('veto').count(), 0);

  // 组织生活: 三会一课 缺3次 × 0.5 off 10 → 8.5; nonsense and too many are refused in Chinese.
  await tab(page, 2);
  const meetings = item(page, 'zs-1').getByLabel('发生次数（次）');
  await enter(meetings, 'abc');
  await item(page, 'zs-1').getByText('请输入0或正整数（次数）').waitFor();
  assert.equal(await earned(page, 'zs-1'), '未作答');
  await enter(meetings, '41');
  await item(page, 'zs-1').getByText('次数不能超过40次').waitFor();
  assert.equal(await earned(page, 'zs-1'), '未作答');
  await enter(meetings, '3');
  assert.equal(await earned(page, 'zs-1'), '得8.5分');
  assert.equal(await item(page, 'zs-1').locator('.item-problem').count(), 0);

  // 作用发挥: free score 0–6 in halves → 4.5
  await tab(page, 3);
  const free = item(page, 'zy-2').getByLabel('评分（分）');
  await enter(free, '4.3');
  await item(page, 'zy-2').getByText('分数应为0.5分的整数倍').waitFor();
  await enter(free, '4.5');
  assert.equal(await earned(page, 'zy-2'), '得4.5分');

  // 机制运行: bonus up to 3 → 1.5, shown apart from the base
  await tab(page, 5);
  const bonus = item(page, 'jz-b').getByLabel('加分（分）');
  await enter(bonus, '1.5');
  assert.equal(await earned(page, 'jz-b'), '加1.5分');

  // By hand: base 6 + 4 + 8.5 + 4.5 = 23 of 100 → 23; plus bonus 1.5 → 24.5
  assert.equal(await text(page.getByTestId('bonus')), '基础分 23 + 加分 1.5 = 总分 24.5');
  assert.equal(await text(page.getByTestId('total')), '24.5');
  assert.equal(await text(page.getByTestId('progress')), '6/20');

  // All of it survives a reload.
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await page.reload();
  await page.getByTestId('total').waitFor();
  assert.equal(await text(page.getByTestId('total')), '24.5');
  await tab(page, 2);
  assert.equal(await item(page, 'zs-1').getByLabel('发生次数（次）').inputValue(), '3');
}));
