// Text typed by users or carried in imported files is shown as text: markup in
// a name, a note, an imported checklist or a result file never runs and never
// becomes elements, on any screen that shows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, withFreshBrowser } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1;alert(1)">';
const SCRIPT = '<script>window.__xss=99;alert(2)</script>';
const csvCell = (s) => `"${s.replaceAll('"', '""')}"`;

/** Fails if markup from the data became elements or ran. */
async function nothingRan(page, where) {
  const found = await page.evaluate(() => ({
    ran: window.__xss,
    imgs: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('body script')].filter((s) => s.textContent.includes('__xss')).length,
  }));
  assert.deepEqual(found, { ran: undefined, imgs: 0, scripts: 0 }, `markup ran or was inserted on ${where}`);
}

test('the page runs only its own files: a CSP without inline script', () => withFreshBrowser(async ({ page, problems }) => {
  await page.goto(server.url);
  await page.getByText('新建自查').waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  // A script element slipped into the page does not run; the browser reports the refusal.
  // Waits for the browser's refusal (securitypolicyviolation), then asks whether the script ran.
  const ran = await page.evaluate(() => new Promise((ok) => {
    document.addEventListener('securitypolicyviolation', () => ok(window.__inline ?? null), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  }));
  assert.equal(ran, null, 'an inline script ran despite the CSP');
  const refused = problems.filter((p) => /Content Security Policy/.test(p));
  assert.ok(refused.length >= 1, 'the CSP refusal was reported');
  problems.splice(0, problems.length, ...problems.filter((p) => !refused.includes(p)));
}));

test('markup in names, notes, imported checklists and result files stays text everywhere', () => withFreshBrowser(async ({ page }) => {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(server.url);

  // An imported checklist whose section, items and criteria carry markup.
  const csv = [
    '一级指标,二级指标/考核内容,评分标准,分值',
    `${csvCell(`组织${IMG}`)},${csvCell(`学习${SCRIPT}`)},${csvCell(IMG)},50`,
    `,${csvCell(`会议${IMG}`)},有记录,50`,
  ].join('\r\n');
  await page.getByLabel('选择评分表文件').setInputFiles({ name: 'X<b>粗体</b>细则.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-preview').waitFor();
  assert.ok((await page.getByTestId('import-preview').textContent()).includes(`学习${SCRIPT}`), 'the preview shows the markup as text');
  await nothingRan(page, 'the import preview');
  await page.getByRole('button', { name: '保存评分表' }).click();
  await page.getByText('已保存').waitFor();

  // A self-check with markup in who it is and in a note.
  await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
  const option = await page.locator('.template-field option', { hasText: '粗体' }).getAttribute('value');
  await page.getByLabel('评分表', { exact: true }).selectOption(option);
  await page.getByLabel('单位', { exact: true }).fill(SCRIPT);
  await page.getByLabel('姓名', { exact: true }).fill(`张三${IMG}`);
  await page.getByRole('button', { name: '开始自查' }).click();
  await page.locator('.item').first().waitFor();
  assert.ok((await page.locator('.item-title').first().textContent()).includes(SCRIPT));
  await page.locator('.item').first().getByRole('radio', { name: '基本达标', exact: true }).check();
  await page.locator('.item textarea.note').first().fill(`说明${IMG}${SCRIPT}`);
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  await nothingRan(page, 'the editor');

  // The summary page shows all of it, plus the 整改清单 built from item titles.
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
  await page.getByTestId('summary-sheet').waitFor();
  assert.ok((await page.getByTestId('sheet-name').textContent()).includes(IMG));
  await page.getByLabel('整改措施（第1条）').fill(IMG);
  await nothingRan(page, 'the summary page');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出结果文件' }).click()]);
  const resultFile = await dl.path();
  assert.ok(readFileSync(resultFile, 'utf8').includes('onerror'), 'the file keeps the text as typed');

  // Reviewing shows the member's note as text.
  await page.getByRole('link', { name: '审核' }).click();
  await page.getByTestId('member-answer').first().waitFor();
  assert.ok((await page.getByTestId('member-answer').first().textContent()).includes(SCRIPT));
  await nothingRan(page, 'the review screen');

  // The branch desk shows the name from the file as text.
  await page.goto(`${server.url}#/branch`);
  await page.getByLabel('选择结果文件').setInputFiles(resultFile);
  await page.getByTestId('branch-table').waitFor();
  assert.ok((await page.getByTestId('branch-table').textContent()).includes(`张三${IMG}`));
  await nothingRan(page, 'the branch desk');

  // And the home list, after a reload.
  await page.goto(server.url);
  await page.reload();
  await page.locator('.saved-row').first().waitFor();
  assert.ok((await page.locator('.saved-row').first().textContent()).includes(SCRIPT));
  await nothingRan(page, 'the home page');
  assert.deepEqual(dialogs, [], 'no dialog opened');
}));
