// A secretary imports her organisation's 评分细则 (saved from Excel as CSV),
// which uses every kind of scoring rule but 民主测评 (see poll.spec.mjs):
// check, veto, per-occurrence deduction, ladder, free score and bonus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, withFreshBrowser, enter } from './harness.mjs';

let server;
const files = mkdtempSync(join(tmpdir(), 'mofan-rules-'));
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); rmSync(files, { recursive: true, force: true }); });

const item = (page, id) => page.locator(`.item[data-item="${id}"]`);
const text = async (loc) => (await loc.textContent()).trim();
const earned = (page, id) => text(item(page, id).getByTestId('item-earned'));
const tab = (page, n) => page.locator('.section-tab').nth(n).click();

test('every scoring rule: check, veto, deduction, ladder, free score and bonus add up as by hand', () => withFreshBrowser(async ({ page }) => {
  const table = join(files, '支部党建考核细则.csv');
  writeFileSync(table, readFileSync(join(ROOT, 'tests', 'fixtures', '支部党建考核细则.csv')));
  await page.goto(server.url);
  await page.getByLabel('选择评分表文件').setInputFiles(table);
  await page.getByRole('button', { name: '保存评分表' }).click();
  await page.getByText(/已保存“支部党建考核细则”第1版/).waitFor();
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  const id = await page.locator('.template-field option', { hasText: '支部党建考核细则' }).getAttribute('value');
  await page.getByLabel('评分表', { exact: true }).selectOption(id);
  await page.getByLabel('姓名', { exact: true }).fill('李书记');
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.getByRole('heading', { name: '支部党建考核细则' }).waitFor();

  // 政治建设: check 20 → 达标
  await item(page, 's1-1').getByRole('radio', { name: '达标', exact: true }).check();
  assert.equal(await earned(page, 's1-1'), '得20分');

  // The veto: triggered shows the reason and forces the lowest grade; cleared, it goes away.
  await item(page, 's1-2').getByRole('radio', { name: '触发一票否决' }).check();
  assert.match(await text(page.getByTestId('veto')), /一票否决：严守政治纪律和政治规矩。等次定为不合格。/);
  await item(page, 's1-2').getByRole('radio', { name: '未触发' }).check();
  assert.equal(await page.getByTestId('veto').count(), 0);

  // 组织生活: 三会一课 缺3次 × 1 off 30 → 27; nonsense and too many are refused in Chinese.
  await tab(page, 1);
  const meetings = item(page, 's2-1').getByLabel('发生次数（次）');
  await enter(meetings, 'abc');
  await item(page, 's2-1').getByText('请输入0或正整数（次数）').waitFor();
  assert.equal(await earned(page, 's2-1'), '未作答');
  await enter(meetings, '31');
  await item(page, 's2-1').getByText('次数不能超过30次').waitFor();
  assert.equal(await earned(page, 's2-1'), '未作答');
  await enter(meetings, '3');
  assert.equal(await earned(page, 's2-1'), '得27分');
  assert.equal(await item(page, 's2-1').locator('.item-problem').count(), 0);
  // ladder 好20/较好14/一般8/差0 → 较好
  await item(page, 's2-2').getByRole('radio', { name: '较好（14分）' }).check();
  assert.equal(await earned(page, 's2-2'), '得14分');

  // 作用发挥: free score 0–30 in halves → 24.5; bonus up to 4 → 1.5, shown apart from the base
  await tab(page, 2);
  const free = item(page, 's3-1').getByLabel('评分（分）');
  await enter(free, '24.3');
  await item(page, 's3-1').getByText('分数应为0.5分的整数倍').waitFor();
  await enter(free, '24.5');
  assert.equal(await earned(page, 's3-1'), '得24.5分');
  const bonus = item(page, 's3-2').getByLabel('加分（分）');
  await enter(bonus, '1.5');
  assert.equal(await earned(page, 's3-2'), '加1.5分');

  // By hand: base 20 + 27 + 14 + 24.5 = 85.5 of 100; plus bonus 1.5 → 87
  assert.equal(await text(page.getByTestId('bonus')), '基础分 85.5 + 加分 1.5 = 总分 87');
  assert.equal(await text(page.getByTestId('total')), '87');
  assert.equal(await text(page.getByTestId('progress')), '6/6');

  // All of it survives a reload.
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await page.reload();
  await page.getByTestId('total').waitFor();
  assert.equal(await text(page.getByTestId('total')), '87');
  await tab(page, 1);
  assert.equal(await item(page, 's2-1').getByLabel('发生次数（次）').inputValue(), '3');
}));
