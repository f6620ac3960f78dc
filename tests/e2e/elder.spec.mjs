// 长辈模式: a whole self-check done with the big buttons only, on a 360 px
// phone (touch) and a 1366×768 laptop: large type, answers 56 px tall and
// full width on the phone, text at 7:1 contrast (axe-core's AAA rule on),
// one item a screen with where the member is, the mode switched off and on
// mid-way with every answer there, remembered after a reload, and the
// printout in large type.
//
// axe-core is injected as a script; the page's CSP forbids that, so these
// contexts bypass the CSP (a test-only setting: users' pages keep it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer, withFreshBrowser } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS = [
  ['a 360×740 phone', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, bypassCSP: true }],
  ['a 1366×768 laptop', { viewport: { width: 1366, height: 768 }, bypassCSP: true }],
];
const TOGGLE = { name: '长辈模式（大字、一次一项、可朗读）' };
const text = async (loc) => (await loc.textContent()).trim();

/** axe-core's violations with the AAA contrast rule (7:1) switched on: none expected. */
async function axeAAA(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'], rules: { 'color-contrast-enhanced': { enabled: true } } });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/** Sizes a member meets on the item on screen, in CSS pixels. */
const sizes = (page) => page.evaluate(() => {
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const choices = [...document.querySelectorAll('.elder-choice')].map((c) => c.getBoundingClientRect());
  const box = document.querySelector('.elder-choices').getBoundingClientRect();
  return {
    body: Math.min(...[...document.querySelectorAll('.elder-item p, .elder-choice span:last-child')].map(px)),
    title: px(document.querySelector('.elder-title')),
    tallest: Math.max(...choices.map((c) => c.height)),
    lowest: Math.min(...choices.map((c) => c.height)),
    narrowest: Math.min(...choices.map((c) => c.width)),
    row: box.width,
    nav: Math.min(...[...document.querySelectorAll('.elder-nav > *')].map((b) => b.getBoundingClientRect().height)),
  };
});

for (const [where, options] of SCREENS) {
  test(`长辈模式 on ${where}: a whole self-check with the big buttons, switched off and on mid-way`, () => withFreshBrowser(async ({ page }) => {
    await page.goto(server.url);
    const toggle = page.getByRole('button', TOGGLE);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    // The AAA rule bites: the normal palette's grey hints are under 7:1.
    assert.ok((await axeAAA(page)).some((v) => v.startsWith('color-contrast-enhanced')), 'axe-core checks 7:1');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match(await text(toggle), /已开启/, 'on, in words as well');
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')));
    assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.role-pick .hint')).fontSize)) >= 20, 'the home page in large type');
    assert.deepEqual(await axeAAA(page), [], 'home page, AAA contrast');

    await page.getByLabel('姓名', { exact: true }).fill('老党员');
    await page.getByLabel('评分表', { exact: true }).selectOption('hege-dangyuan');
    await page.getByRole('button', { name: '开始自查' }).click();
    const progress = page.getByTestId('elder-progress');
    await progress.filter({ hasText: '第 1 项，共 13 项' }).waitFor();
    assert.equal(await page.locator('.section .item').count(), 0, 'one item a screen, not the parts');

    const s = await sizes(page);
    assert.ok(s.body >= 20, `body text ${s.body} px`);
    assert.ok(s.title >= 24, `item title ${s.title} px`);
    assert.ok(s.lowest >= 56, `answer buttons ${s.lowest} px tall`);
    assert.ok(s.nav >= 56, `上一项 / 下一项 ${s.nav} px tall`);
    assert.ok(s.narrowest >= s.row - 1, `answers as wide as their row (${s.narrowest} of ${s.row} px)`);
    assert.deepEqual(await axeAAA(page), [], 'an item, AAA contrast');
    assert.ok(await page.getByRole('button', { name: '读给我听' }).isVisible());
    if (process.env.MOFAN_E2E_OUT) await page.screenshot({ path: `${process.env.MOFAN_E2E_OUT}/elder-${options.viewport.width}.png`, fullPage: true });

    const answerAt = async (n) => {
      await progress.filter({ hasText: `第 ${n} 项，共 13 项` }).waitFor();
      // The first, best answer: 达标, 好, 没有发生（0次）, 不加分.
      const first = page.locator('.elder-choice').first();
      await first.click();
      await page.getByTestId('elder-earned').filter({ hasText: '已选' }).waitFor();
      assert.ok(await first.locator('input').isChecked());
      assert.match(await text(first), /^✓/, 'the choice is marked, not in colour alone');
    };
    for (let n = 1; n <= 6; n++) {
      await answerAt(n);
      await page.getByRole('button', { name: '下一项 →' }).click();
    }
    await progress.filter({ hasText: '第 7 项，共 13 项' }).waitFor();
    assert.equal(await text(page.getByTestId('progress')), '6/13');

    // Switched off mid-way: the normal view has every answer.
    await page.getByRole('button', TOGGLE).click();
    await page.locator('.section .item').first().waitFor();
    let answered = 0;
    for (let part = 0; part < (await page.locator('.section-tab').count()); part++) {
      await page.locator('.section-tab').nth(part).click();
      await page.locator('.section .item').first().waitFor();
      answered += await page.locator('.section .item.answered').count();
    }
    assert.equal(answered, 6, 'the six answers, in the normal view');
    assert.equal(await text(page.getByTestId('progress')), '6/13');
    // And on again: it goes on from the first item still open.
    await page.getByRole('button', TOGGLE).click();
    await page.locator('.section-tab').first().waitFor({ state: 'detached' });
    // (From the last part's first item still open; back to the start with 上一项.)
    const at = Number((await text(progress)).match(/第 (\d+) 项/)[1]);
    assert.ok(at >= 7, `goes on at an open item (${at})`);
    while (Number((await text(progress)).match(/第 (\d+) 项/)[1]) > 7) {
      await page.getByRole('button', { name: '← 上一项' }).click();
    }
    for (let n = 7; n <= 13; n++) {
      await answerAt(n);
      if (n < 13) await page.getByRole('button', { name: '下一项 →' }).click();
    }
    assert.equal(await text(page.getByTestId('progress')), '13/13');
    const total = await text(page.getByTestId('total'));
    await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();

    // Remembered: a reload opens the same self-check in 长辈模式, at the
    // first item of the part in the address (all answered: nothing open).
    await page.reload();
    await progress.filter({ hasText: '第 12 项，共 13 项' }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')));
    await page.getByRole('button', { name: '下一项 →' }).click();
    await page.getByRole('link', { name: '完成，查看得分 →' }).click();
    await page.getByTestId('summary-sheet').waitFor();
    assert.equal(await text(page.getByTestId('sheet-total')), total);
    // The printout in large type too: 14 pt body text, against 10.5 pt in
    // the normal mode, and its tables in proportion (12.6 px in the normal mode).
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => [document.documentElement, document.querySelector('[data-testid=sheet-total]')]
      .map((e) => parseFloat(getComputedStyle(e).fontSize)));
    assert.ok(printed[0] >= 18.6, `printed in large type (${printed[0]} px)`);
    assert.ok(printed[1] >= 16, `its tables too (${printed[1]} px)`);
    await page.emulateMedia({ media: 'screen' });
  }, options));
}
