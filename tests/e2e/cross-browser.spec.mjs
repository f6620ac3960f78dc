// The flows members and secretaries depend on, each written once and run in
// every browser the test command checks (browsers.mjs): Debian's Chromium
// and the Firefox ESR of 信创 desktops (统信UOS, 麒麟). A self-check survives
// the browser closing mid-typing; the app works offline after one visit and
// takes a new build only when asked; a GBK CSV from Excel imports through the
// browser's own TextDecoder; a result file goes out, is reviewed and combined
// on the desk; the member page prints to A4 and reads back; and the
// single-file build works from file://.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, startServer } from './harness.mjs';
import { pdfPages } from './pdf.mjs';
import {
  BROWSER_NAMES, withProfile, download, named, filePicker, button, textOf, waitForText, choose, completeMemberCheck,
} from './browsers.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const SINGLE_FILE = join(ROOT, 'dist-single', 'mofan.html');
const BUTTON_TEXT = ['打印', '导出结果文件', '导出CSV', '导出Excel', '继续填写', '首页'];

/** Goes from the open self-check to its summary page. */
async function toSummary(page) {
  await (await button(page, '汇总 · 整改清单 · 打印')).click();
  await page.waitForSelector('[data-testid=summary-sheet]');
}

/** Serves a copy of the build that can be stopped (the network cut) and changed (a new build deployed). */
async function siteCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'mofan-site-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  let http = await serve(dir, 0);
  const port = http.address().port;
  const stop = () => new Promise((ok) => { http.closeAllConnections(); http.close(ok); });
  return {
    dir,
    url: `http://127.0.0.1:${port}/`,
    stop,
    restart: async () => { http = await serve(dir, port); },
    dispose: async () => { await stop().catch(() => {}); rmSync(dir, { recursive: true, force: true }); },
  };
}

for (const name of BROWSER_NAMES) {
  describe(name, () => {
    test('a self-check filled in, closed mid-typing and reopened', () => withProfile(name, async ({ start }) => {
      let { browser, page, problems } = await start();
      await page.goto(server.url);
      await (await named(page, '姓名')).type('孙七');
      await (await named(page, '评分表')).select('hege-dangyuan');
      await (await button(page, '开始自查')).click();
      await choose(page, 'xue-1', '达标');
      await choose(page, 'xue-2', '基本达标');
      const total = await textOf(page, '[data-testid=total]');
      const typed = '说明：参加了集中学习，笔记在册';
      await (await page.waitForSelector('.item[data-item="xue-2"] textarea.note')).type(typed);
      // Closed at once, the last keystrokes not yet saved by the debounce.
      assert.deepEqual(problems, []);
      await browser.close();

      ({ browser, page, problems } = await start());
      await page.goto(server.url);
      await (await button(page, '继续填写')).click();
      const note = await page.waitForSelector('.item[data-item="xue-2"] textarea.note');
      assert.equal(await note.evaluate((e) => e.value), typed, 'every keystroke, the last one too');
      assert.equal(await textOf(page, '[data-testid=total]'), total);
      const chosen = await page.$$eval('.item[data-item="xue-1"] .choice.chosen', (c) => c.map((e) => e.textContent.trim()));
      assert.deepEqual(chosen, ['达标']);
      assert.deepEqual(problems, []);
    }));

    test('offline after one visit; a new build is taken up only when asked', async () => {
      const site = await siteCopy();
      try {
        await withProfile(name, async ({ start, downloads }) => {
          const { page, problems } = await start();
          await page.goto(site.url);
          await page.waitForSelector('::-p-text(新建自查)');
          await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 30_000 });
          const caches = await page.evaluate(() => caches.keys());
          assert.equal(caches.length, 1);

          // The server goes away: the app reloads from the cache and a whole self-check gets done.
          await site.stop();
          await page.reload();
          const [done, all] = (await completeMemberCheck(page, '赵六')).split('/');
          assert.equal(done, all, 'every item answered offline');
          await page.reload();
          await waitForText(page, '[data-testid=progress]', new RegExp(`^${all}/${all}$`));
          // The files worker, never used online, comes from the cache too.
          await page.goto(site.url);
          const csv = await download(downloads, await button(page, '导出CSV'));
          assert.match(readFileSync(csv, 'utf8'), /^\uFEFF一级指标,/, 'a CSV made offline');

          // Back online, a new build is deployed; it waits until the user says so.
          const sw = join(site.dir, 'sw.js');
          writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'"));
          await site.restart();
          await page.goto(site.url);
          const banner = await page.waitForSelector('.update-banner', { timeout: 30_000 });
          assert.match(await banner.evaluate((e) => e.textContent), /新版本已下载/);
          assert.ok((await page.evaluate(() => caches.keys())).includes(caches[0]), 'the old build serves until then');
          const reloaded = page.waitForNavigation();
          await (await banner.$('::-p-text(立即更新)')).click();
          await reloaded;
          await page.waitForSelector('::-p-text(我的自查)');
          const now = await page.evaluate(() => caches.keys());
          assert.equal(now.length, 1, `one cache after the update: ${now}`);
          assert.ok(now[0].endsWith('next'), `the new build's cache: ${now}`);
          assert.match(await textOf(page, '.saved-row'), /赵六/, 'the self-check is still there');
          assert.deepEqual(problems, []);
        });
      } finally {
        await site.dispose();
      }
    });

    test('a GBK CSV template from Excel imports through the browser\'s TextDecoder', () => withProfile(name, async ({ start, downloads }) => {
      const { page, problems } = await start();
      await page.goto(server.url);
      // As Excel on Chinese Windows saves it (GBK), under the name it gives it.
      const table = join(downloads, '支部党建考核细则.csv');
      copyFileSync(join(FIXTURES, '支部党建考核细则-gbk.csv'), table);
      await (await filePicker(page, '选择评分表文件')).uploadFile(table);
      await waitForText(page, '[data-testid=import-preview]', /3个一级指标，6项，满分100分/);
      assert.match(await textOf(page, '[data-testid=import-preview]'), /“三会一课”按期召开/);
      await (await button(page, '保存评分表')).click();
      await page.waitForSelector('::-p-text(已保存“支部党建考核细则”第1版)');

      await (await named(page, '支部书记 / 支部委员')).click();
      const picked = await page.$eval('select[aria-label="评分表"]', (select) => {
        const option = [...select.options].find((o) => o.textContent.startsWith('支部党建考核细则'));
        return option?.value;
      });
      assert.ok(picked, 'the imported checklist is offered');
      await (await named(page, '评分表')).select(picked);
      await (await named(page, '姓名')).type('赵书记');
      await (await button(page, '开始自查')).click();
      await waitForText(page, 'main h1', /^支部党建考核细则$/);
      const before = await textOf(page, '[data-testid=total]');
      await choose(page, 's1-1', '达标');
      await page.waitForFunction((b) => document.querySelector('[data-testid=total]').textContent.trim() !== b, {}, before);
      assert.deepEqual(problems, []);
    }));

    test('a result file exported, reviewed and combined on the branch desk', () => withProfile(name, async (member) => {
      const m = await member.start();
      await m.page.goto(server.url);
      await completeMemberCheck(m.page, '张三');
      const own = await textOf(m.page, '[data-testid=total]');
      await toSummary(m.page);
      const file = await download(member.downloads, await button(m.page, '导出结果文件'));
      assert.match(file, /-张三-.*\.json$/);
      assert.deepEqual(m.problems, []);

      await withProfile(name, async (secretary) => {
        const { page, problems } = await secretary.start();
        await page.goto(server.url);
        await (await named(page, '支部书记 / 支部委员')).click();
        await (await filePicker(page, '选择要审核的结果文件')).uploadFile(file);
        await waitForText(page, 'main h1', /^审核：/);
        await (await button(page, '未审核的项目按自评确认')).click();
        await waitForText(page, '[data-testid=total]', new RegExp(`^${own}$`));
        await choose(page, 'xue-1', '基本达标');
        await page.waitForFunction((o) => document.querySelector('[data-testid=total]').textContent.trim() !== o, {}, own);
        const reviewed = await textOf(page, '[data-testid=total]');
        await toSummary(page);
        assert.equal(await textOf(page, '[data-testid=sheet-total]'), own);
        assert.equal(await textOf(page, '[data-testid=sheet-review-total]'), reviewed);
        const back = await download(secretary.downloads, await button(page, '导出审核后的结果文件'));
        assert.match(back, /-已审核\.json$/);

        await page.goto(`${server.url}#/branch`);
        await (await filePicker(page, '选择结果文件')).uploadFile(back);
        await waitForText(page, '[data-testid=desk-count]', /^已导入 1 份自查，未接受 0 个文件$/);
        const row = await page.$$eval('[data-testid=branch-table] tbody tr:first-child td', (cells) => cells.map((c) => c.textContent.trim()));
        assert.equal(row[0], '张三');
        assert.ok(row.includes(own) && row.includes(reviewed), `自评 ${own} and 审核 ${reviewed} in ${row.join('|')}`);
        assert.deepEqual(problems, []);
      });
    }));

    test('the member page printed to PDF and read back', () => withProfile(name, async ({ start }) => {
      const { page, problems } = await start();
      await page.goto(server.url);
      await completeMemberCheck(page, '钱八');
      await toSummary(page);
      const total = await textOf(page, '[data-testid=sheet-total]');
      const grade = await textOf(page, '[data-testid=sheet-grade]');
      const pages = await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      const all = pages.join('\n');
      for (const s of ['合格党员', '钱八', '总分', total, grade, '整改清单', '本人签字', '支部书记签字', '日期']) {
        assert.ok(all.includes(s), `the printed page shows ${s}`);
      }
      for (const b of BUTTON_TEXT) assert.ok(!all.includes(b), `no "${b}" on paper`);
      // Page numbers come from the stylesheet's @page margin box, which
      // Firefox does not draw (the README says what a Firefox user gets).
      if (name === 'chromium') assert.ok(pages.every((p, i) => p.includes(`第${i + 1}页/共${pages.length}页`)), 'every page is numbered');
      assert.deepEqual(problems, []);
    }));

    test('the single-file build from file://, kept after the browser is closed', () => withProfile(name, async ({ start, downloads }) => {
      assert.ok(existsSync(SINGLE_FILE), 'dist-single/mofan.html is missing: run `bash scripts/build.sh` first');
      const url = pathToFileURL(SINGLE_FILE).href;
      let { browser, page, problems } = await start();
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url);
      // The files worker starts from a blob inside the page: a checklist exports as CSV.
      const csv = await download(downloads, await button(page, '导出CSV'));
      assert.match(readFileSync(csv, 'utf8'), /^\uFEFF一级指标,/);
      const [done, all] = (await completeMemberCheck(page, '王五')).split('/');
      assert.equal(done, all);
      const total = await textOf(page, '[data-testid=total]');
      assert.ok(requests.every((r) => /^(file|data|blob):/.test(r)), `only the file itself was read: ${requests.join(', ')}`);
      assert.deepEqual(problems, []);
      await browser.close();

      ({ browser, page, problems } = await start());
      await page.goto(url);
      await waitForText(page, '.saved-row', new RegExp(`王五.*${total.replace('.', '\\.')} 分`));
      assert.deepEqual(problems, []);
    }));
  });
}
