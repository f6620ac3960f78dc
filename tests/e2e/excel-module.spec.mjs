// The Excel module is fetched on first use: on a slow link the page says it
// is loading; when it cannot be had at all, the page says so and offers CSV,
// and CSV still works.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, startServer, withFreshBrowser, freshProfile, launch, closeAll } from './harness.mjs';

const sites = [];
after(async () => {
  for (const { server, dir } of sites) {
    await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on a slow link the page says the Excel module is loading, then the workbook comes', async () => {
  const site = await startServer();
  try {
    await withFreshBrowser(async ({ page, context }) => {
      await page.goto(site.url);
      await page.getByText('新建自查').waitFor();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      // About 3G: 400 ms latency, 100 KB/s down.
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 100 * 1024, uploadThroughput: 50 * 1024 });
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByRole('button', { name: '导出Excel' }).click();
      await page.getByTestId('working').filter({ hasText: '首次使用需先加载Excel模块' }).waitFor();
      const workbook = await download;
      assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK');
      await page.getByTestId('working').waitFor({ state: 'detached' });
    });
  } finally {
    await site.close();
  }
});

test('when the Excel module cannot be loaded, the page says so and offers CSV, which still works', async () => {
  // A site without the Excel module (as if it could not be fetched).
  const dir = mkdtempSync(join(tmpdir(), 'mofan-no-excel-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  for (const f of readdirSync(dir).filter((f) => f.startsWith('mofan-excel_bg.wasm'))) rmSync(join(dir, f));
  const server = await serve(dir, 0);
  sites.push({ server, dir });
  const profile = freshProfile();
  try {
    const { context, problems } = await launch(profile.dir);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.getByText('新建自查').waitFor();
    await page.getByRole('button', { name: '导出Excel' }).click();
    await page.getByRole('alert').filter({ hasText: '无法加载Excel模块' }).filter({ hasText: '改用CSV' }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出CSV', exact: true }).click()]);
    assert.match(readFileSync(await csv.path(), 'utf8'), /^\uFEFF一级指标,/);
    // The missing module is the only thing the browser complains of.
    assert.ok(problems.every((p) => /404|Failed to load|mofan-excel/.test(p)), problems.join('\n'));
  } finally {
    await closeAll();
    profile.dispose();
  }
});
