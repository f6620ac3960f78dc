// The browsers the test command checks, driven the same way: Debian's
// Chromium (over the DevTools protocol) and Debian's Firefox ESR (over
// WebDriver BiDi), both with npm puppeteer-core and nothing downloaded. The
// cross-browser spec writes each flow once and runs it in both; the rest of
// the specs drive Chromium with playwright-core (harness.mjs).
import puppeteer from 'puppeteer-core';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './harness.mjs';

/** How each browser is started; `downloads` is the folder its downloads go to. */
const BROWSERS = {
  chromium: (profile, downloads) => ({
    browser: 'chrome',
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--lang=zh-CN'],
    downloadBehavior: { policy: 'allow', downloadPath: downloads },
  }),
  firefox: (profile, downloads) => ({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    extraPrefsFirefox: {
      'intl.accept_languages': 'zh-CN',
      // Downloads go straight to the folder, as with Chromium's behaviour above.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.start_downloads_in_tmp_dir': false,
    },
  }),
};

/** The browsers to run (MOFAN_BROWSERS=firefox runs one); all of them by default. */
export const BROWSER_NAMES = process.env.MOFAN_BROWSERS?.split(',') ?? Object.keys(BROWSERS);

/**
 * Starts `name` (chromium or firefox) on `profileDir`, a folder that keeps
 * its data across a restart. Returns `{ browser, page, problems, downloads }`:
 * `problems` collects page errors, console errors and any request that
 * leaves 127.0.0.1 (or the file itself, for the single-file build).
 */
export async function openBrowser(name, profileDir, downloads) {
  const browser = await puppeteer.launch({ headless: true, userDataDir: profileDir, ...BROWSERS[name](profileDir, downloads) });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 1100, height: 900 });
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (!['http:', 'https:'].includes(u.protocol)) return;
    if (u.hostname !== '127.0.0.1') problems.push(`request left the machine: ${req.url()}`);
  });
  return { browser, page, problems, downloads };
}

/**
 * A fresh profile and download folder for one flow in browser `name`;
 * `run({ start, profile, downloads })` may start the browser on them as
 * often as it likes (`start()` returns what `openBrowser` does). Every
 * browser is closed and both folders removed afterwards.
 */
export async function withProfile(name, run) {
  const profile = mkdtempSync(join(tmpdir(), `mofan-${name}-`));
  const downloads = mkdtempSync(join(tmpdir(), `mofan-${name}-downloads-`));
  const open = [];
  try {
    const start = async () => {
      const b = await openBrowser(name, profile, downloads);
      open.push(b.browser);
      return b;
    };
    await run({ start, profile, downloads });
  } finally {
    await Promise.all(open.map((b) => b.close().catch(() => {})));
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    rmSync(downloads, { recursive: true, force: true, maxRetries: 5 });
  }
}

/**
 * Waits until `check()` returns something other than null or undefined and
 * returns it, looking every 50 ms for `ms` at most: for what the user would
 * see outside the page (a file in the downloads folder).
 */
async function until(check, what, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found !== null && found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Clicks `button` and returns the path of the file it downloads into `downloads`, once complete. */
export async function download(downloads, button) {
  const before = new Set(readdirSync(downloads));
  await button.click();
  const path = await until(() => {
    const now = readdirSync(downloads);
    // Chromium writes .crdownload and Firefox .part until the file is whole.
    if (now.some((f) => /\.(crdownload|part)$/.test(f))) return null;
    const added = now.filter((f) => !before.has(f));
    return added.length === 1 ? join(downloads, added[0]) : null;
  }, 'the download');
  return path;
}

/** The element named `name` (its accessible name: label, aria-label or text). */
export const named = (page, name) => page.waitForSelector(`::-p-aria(${name})`);

/** The file input labelled `label` (hidden behind its button, so not found by its role). */
export const filePicker = (page, label) => page.waitForSelector(`input[type=file][aria-label="${label}"]`);

/** The button or link whose text is `text`. */
export const button = (page, text) => page.waitForSelector(`::-p-text(${text})`);

/** The trimmed text of the first element matching `selector`, once it is there. */
export async function textOf(page, selector) {
  const el = await page.waitForSelector(selector);
  return (await el.evaluate((e) => e.textContent)).trim();
}

/** Waits until the element matching `selector` has text matching `re`. */
export async function waitForText(page, selector, re) {
  await page.waitForFunction(
    (sel, source) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''),
    {},
    selector,
    re.source,
  );
}

/** Chooses the answer labelled `label` (达标, 好（10分）…) on item `id`. */
export async function choose(page, id, label) {
  await page.waitForSelector(`.item[data-item="${id}"] .choice`);
  for (const choice of await page.$$(`.item[data-item="${id}"] .choice`)) {
    if ((await choice.evaluate((e) => e.textContent.trim())).startsWith(label)) {
      await (await choice.$('input')).click();
      return;
    }
  }
  assert.fail(`no answer ${label} on item ${id}`);
}

/**
 * Types `value` into an answer box and presses Enter, as a user does to
 * confirm it (the app reads it on change). Not Tab: a headless Firefox
 * driven over BiDi moves the focus without the blur, so no change comes.
 */
export async function enter(page, input, value) {
  await input.click({ count: 3 });
  await input.type(value);
  await page.keyboard.press('Enter');
}

/**
 * Starts a self-check of 合格党员 as `name` and answers every item with its
 * best answer (0 occurrences for a deduction), part by part; returns the
 * progress shown afterwards, e.g. `13/13`.
 */
export async function completeMemberCheck(page, name) {
  const who = await named(page, '姓名');
  await who.click({ count: 3 });
  await who.type(name);
  await (await named(page, '评分表')).select('hege-dangyuan');
  await (await button(page, '开始自查')).click();
  await page.waitForSelector('.section .item');
  const parts = (await page.$$('.section-tab')).length;
  for (let s = 0; s < parts; s++) {
    await (await page.$$('.section-tab'))[s].click();
    await page.waitForSelector(`.section-tab:nth-child(${s + 1})[aria-current]`);
    for (const item of await page.$$('.section .item')) {
      // A count or a score is typed (0 occurrences: full points); the rest take their first, best choice.
      const number = await item.$('.number-answer input');
      if (number) await enter(page, number, '0');
      else await (await item.$('.choices input[type=radio]')).click();
    }
  }
  await waitForText(page, '[data-testid=save-status]', /已保存/);
  return textOf(page, '[data-testid=progress]');
}
