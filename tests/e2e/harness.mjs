// Shared set-up for end-to-end specs: serve the release build (dist/) on
// 127.0.0.1 and drive Debian's Chromium with playwright-core.
import { chromium } from 'playwright-core';
import { deepEqual } from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Serves dist/ (or `dir`) on a free loopback port; returns { url, close }. */
export async function startServer(dir = DIST) {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir} has no index.html: run \`bash scripts/build.sh\` (the test command does) first`);
  }
  const server = await serve(dir, 0);
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

const open = new Set();

/** A fresh browser profile directory, removed by `dispose`. */
export function freshProfile() {
  const dir = mkdtempSync(join(tmpdir(), 'mofan-e2e-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }) };
}

/** Closes every browser a test left open (after a failure), so the run ends. */
export async function closeAll() {
  await Promise.all([...open].map((c) => c.close().catch(() => {})));
  open.clear();
}

/**
 * Launches Chromium on a profile directory (so data survives a restart),
 * failing the test on any page error or any request that leaves 127.0.0.1.
 * `options` go to playwright (a phone's viewport and touch, say).
 */
export async function launch(profileDir, options = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
    locale: 'zh-CN',
    ...options,
  });
  open.add(context);
  context.on('close', () => open.delete(context));
  const problems = [];
  context.on('request', (req) => {
    const u = new URL(req.url());
    if (!['127.0.0.1', ''].includes(u.hostname) && !u.protocol.startsWith('data')) {
      problems.push(`request left the machine: ${req.url()}`);
    }
  });
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  context.setDefaultTimeout(10_000);
  function watch(page) {
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  }
  return { context, problems };
}

/**
 * Runs `fn` with a fresh profile and browser (launched with `options`): `{ context, page, problems, profile }`.
 * Fails if the page logged an error or anything left 127.0.0.1; always cleans up.
 */
export async function withFreshBrowser(fn, options = {}) {
  const profile = freshProfile();
  try {
    const { context, problems } = await launch(profile.dir, options);
    const page = context.pages()[0] ?? (await context.newPage());
    await fn({ context, page, problems, profile });
    deepEqual(problems, [], 'page errors or requests that left 127.0.0.1');
  } finally {
    await closeAll();
    profile.dispose();
  }
}

/** From the open self-check, goes to its summary and exports the result file into `dir`; returns the file's path. */
export async function exportResultFile(page, dir) {
  await page.getByRole('link', { name: '汇总 · 整改清单 · 打印' }).click();
  await page.getByTestId('summary-sheet').waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出结果文件' }).click()]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  return path;
}

/** Chooses the round on the form in view: a year (2026) and 上半年, 下半年 or 全年. */
export async function pickRound(page, year, part) {
  await page.getByLabel('轮次：年份', { exact: true }).selectOption(String(year));
  await page.getByLabel('轮次：期间', { exact: true }).selectOption(part);
}

/** Types a value into an answer box and leaves it, as a user does (the app reads it on change). */
export async function enter(input, value) {
  await input.fill(value);
  await input.press('Tab');
}

/**
 * Starts a self-check of the member checklist 合格党员 as `name` from the home
 * screen, and resolves with the open section's items once the first one shows.
 */
export async function startMemberCheck(page, name) {
  await page.getByLabel('姓名', { exact: true }).fill(name);
  await page.getByLabel('评分表', { exact: true }).selectOption('hege-dangyuan');
  await page.getByRole('button', { name: '开始自查' }).click();
  const items = page.locator('.section .item');
  await items.first().waitFor();
  return items;
}

/**
 * Starts a self-check of the member checklist 合格党员 as `name` and answers
 * every item with its best answer (0 occurrences for a deduction), section by section. Returns the
 * progress shown afterwards, e.g. `12/12`.
 */
export async function completeMemberCheck(page, name) {
  const items = await startMemberCheck(page, name);
  const sections = await page.locator('.section-tab').count();
  for (let s = 0; s < sections; s++) {
    await page.locator('.section-tab').nth(s).click();
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      // A count or score is typed (0 occurrences: full points); the rest take their first, best choice.
      const number = items.nth(i).locator('.number-answer input');
      if (await number.count()) await enter(number.first(), '0');
      else await items.nth(i).getByRole('radio').first().check();
    }
  }
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  return (await page.getByTestId('progress').textContent()).trim();
}

/**
 * Writes `count` variants of the result file `base` (parsed JSON) of
 * `template` into `dir`: other names, branches (20 of them) and answers,
 * each with its own correct checksum. Returns their paths, in order.
 */
export function writeVariants(base, template, dir, count, { from = 0 } = {}) {
  const items = template.sections.flatMap((s) => s.items).filter((i) => i.rule.kind === 'check').map((i) => i.id).sort();
  const levels = ['met', 'partial', 'not_met'];
  const paths = [];
  for (let n = from; n < from + count; n++) {
    const content = structuredClone(base.content);
    const a = content.assessment;
    a.id = `bench-${n}`;
    a.respondent.name = `党员${n + 1}`;
    a.respondent.branch = `第${(n % 20) + 1}支部`;
    a.answers = Object.fromEntries(items.map((id, i) => [id, { response: levels[(n + i) % 7 === 0 ? 2 : (n * 3 + i) % 5 === 0 ? 1 : 0] }]));
    const sha256 = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    const path = join(dir, `result-${n}.json`);
    writeFileSync(path, JSON.stringify({ format: base.format, schema: base.schema, exported_at: base.exported_at, content, sha256 }));
    paths.push(path);
  }
  return paths;
}
