// 备份与恢复: a reminder while changes are in no file, one backup file with
// everything, and a restore that shows what it will do, brings back what is
// missing and keeps what is newer here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, withFreshBrowser } from './harness.mjs';

let server;
const dir = mkdtempSync(join(tmpdir(), 'mofan-backup-'));
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); rmSync(dir, { recursive: true, force: true }); });

const exact = { exact: true };
const text = async (loc) => (await loc.textContent()).trim();

async function start(page, name, answers) {
  await page.goto(server.url);
  await page.getByLabel('姓名', exact).fill(name);
  await page.getByLabel('评分表', exact).selectOption('hege-dangyuan');
  await page.getByRole('button', { name: '开始自查' }).click();
  const items = page.locator('.section .item');
  for (let i = 0; i < answers; i++) await items.nth(i).getByRole('radio').first().check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await page.goto(server.url);
}

test('back up everything, lose and change things, restore with a preview that keeps newer work', () => withFreshBrowser(async ({ page }) => {
  await start(page, '周九', 1);
  await start(page, '吴十', 2);
  const reminder = page.getByTestId('backup-reminder');
  assert.match(await text(reminder), /有 2 份自查的修改还没有备份或导出/);

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '备份全部（一个文件）' }).click()]);
  assert.match(dl.suggestedFilename(), /^模范备份-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = join(dir, 'backup.json');
  await dl.saveAs(backup);
  await reminder.filter({ hasText: '所有自查的修改都已在备份或导出的文件中' }).waitFor();

  // 吴十's self-check is deleted; 周九 answers one more item after the backup.
  const rows = page.locator('.saved-row');
  const wu = rows.filter({ hasText: '吴十' });
  await wu.getByRole('button', { name: '删除' }).click();
  await wu.getByRole('button', { name: '确认删除' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.saved-row').length === 1);
  await rows.filter({ hasText: '周九' }).getByRole('button', { name: '继续填写' }).click();
  await page.locator('.section .item').nth(1).getByRole('radio').first().check();
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await page.goto(server.url);
  assert.match(await text(reminder), /有 1 份自查的修改还没有备份/);

  // A hand-edited backup is refused and changes nothing.
  const tampered = join(dir, 'tampered.json');
  writeFileSync(tampered, readFileSync(backup, 'utf8').replace('吴十', '郑十一'));
  await page.getByLabel('选择备份文件').setInputFiles(tampered);
  await page.getByText('未恢复：文件内容与校验码不符').waitFor();
  assert.equal(await rows.count(), 1);

  // The real backup: the preview says what will happen, then restoring does it.
  await page.getByLabel('选择备份文件').setInputFiles(backup);
  const plan = page.getByTestId('restore-plan');
  await plan.waitFor();
  const lines = (await plan.locator('tbody tr').allTextContents()).map((l) => l.trim());
  assert.ok(lines.some((l) => /^自查.*周九.*本机的较新，保留本机$/.test(l)), lines.join(' | '));
  assert.ok(lines.some((l) => /^自查.*吴十.*新增$/.test(l)), lines.join(' | '));
  await plan.getByRole('button', { name: '恢复（写入 1 项）' }).click();
  await page.getByText('已全部恢复：自查 1 份、评分表 0 份、设置 0 项。').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.saved-row').length === 2);
  assert.match(await text(rows.filter({ hasText: '吴十' })), /已答 2\//, '吴十 is back with both answers');
  assert.match(await text(rows.filter({ hasText: '周九' })), /已答 2\//, "周九's newer answer was kept");
}));
