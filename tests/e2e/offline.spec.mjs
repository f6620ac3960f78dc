// After one visit the app works with the network cut (service worker), and a
// new build is announced and taken up only when the user asks: its files
// replace the old cache whole.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, withFreshBrowser, completeMemberCheck } from './harness.mjs';

// A copy of the build, so the spec can play "a new build was deployed" on it.
const site = mkdtempSync(join(tmpdir(), 'mofan-site-'));
cpSync(join(ROOT, 'dist'), site, { recursive: true });
const server = await serve(site, 0);
const url = `http://127.0.0.1:${server.address().port}/`;
after(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(site, { recursive: true, force: true });
});

const text = async (loc) => (await loc.textContent()).trim();
const cacheNames = (page) => page.evaluate(() => caches.keys());

test('works offline after one visit; a new build is offered and replaces the cache whole', () => withFreshBrowser(async ({ context, page }) => {
  await page.goto(url);
  await page.getByText('新建自查').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const firstCaches = await cacheNames(page);
  assert.equal(firstCaches.length, 1);
  // The manifest is valid and the browser finds nothing stopping installation.
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'manifest errors');
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.map((e) => e.errorId), [], 'installability errors');

  // The network goes away; the app still loads and a whole self-check gets done.
  await context.setOffline(true);
  await page.reload();
  const [done, all] = (await completeMemberCheck(page, '赵六')).split('/');
  assert.equal(done, all, 'every item answered while offline');
  await page.reload();
  await page.getByTestId('progress').filter({ hasText: `${all}/${all}` }).waitFor();
  // The desk's page, never opened online, comes from the cache too.
  await page.goto(`${url}#/branch`);
  await page.getByRole('heading', { name: '支部汇总' }).waitFor();
  // The files module, never used online, comes from the cache: a checklist exports as CSV.
  await page.goto(url);
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出CSV', exact: true }).click(),
  ]);
  assert.match(readFileSync(await exported.path(), 'utf8'), /^\uFEFF一级指标,/, 'CSV made offline');
  // And as Excel: the workbook code lives in that same module, from the cache.
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
  assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK', 'an .xlsx made offline');

  // Back online, a new build is deployed (here: a new service worker version).
  await context.setOffline(false);
  const sw = join(site, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'"));
  await page.goto(url);
  const banner = page.locator('.update-banner');
  await banner.waitFor({ timeout: 20_000 });
  assert.match(await text(banner), /新版本已下载/);
  // Until the user says so, the old build keeps serving.
  assert.deepEqual(await cacheNames(page).then((c) => c.filter((n) => firstCaches.includes(n))), firstCaches);
  await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '立即更新' }).click()]);
  await page.getByText('我的自查').waitFor();
  const now = await cacheNames(page);
  assert.equal(now.length, 1, `one cache after the update: ${now}`);
  assert.ok(now[0].endsWith('next'), `the new build's cache: ${now}`);
  assert.match(await text(page.locator('.saved-row').first()), /赵六/, 'the self-check is still there');
}));
