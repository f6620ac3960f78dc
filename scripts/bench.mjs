// Benchmarks the release build in dist/ in headless Chromium and prints a
// table (also written to bench-results.json, not committed):
//   1. raw, gzip -9 and brotli (quality 11) size of every file in dist/ (the
//      .br and .gz copies the build writes aside), and the total;
//   2. cold start, navigation → checklist interactive, for the largest
//      built-in checklist and a generated 500-item one (fresh profile each run),
//      and the bytes on the wire until then; and the browser's floors (a
//      static page, no script; and one that first fetches the app's files
//      without running them), so the app's share shows on a slow day;
//   3. answer latency on the 500-item checklist: click → score on screen and
//      record saved, timed inside the page with performance.now and a forced layout;
//   4. keystroke time in a note on the 500-item checklist;
//   5. import and summarise 1,000 and 10,000 result files on the secretary's
//      desk (generated from one file the app exports, each with its own
//      checksum), with the JS heap after 10,000, the browser's floor
//      (a bare page reading the same files), and another order of the rows
//      (a click on a column → the table redrawn);
//   6. JS heap after step 3 (CDP Performance.getMetrics);
//   7. Excel on first use;
//   8. steps 2 and 3 on the 500-item checklist again under Chromium's 4× CPU
//      throttling (CDP Emulation.setCPUThrottlingRate), for an old office PC;
//   9. the command line, `mofan combine` of 100,000 generated result files.
// Steps 3 and 4 take 50 samples in each of 3 fresh profiles, pooled.
//
//   node scripts/bench.mjs [--runs N] [--smoke] [--trace FILE] [--only 2,3,5,8,9] [--files 1000,10000]
//
// --trace FILE records a Chromium performance trace of steps 3 and 4 into
// FILE (open it in DevTools → Performance) and prints what the browser did
// during the slowest answers and keystrokes; and of step 5's first run of
// 1,000 files (or the first count --files gives) into FILE with -desk
// before its extension, printing how busy
// the page's thread and each worker were while the files were summarised.
// Both traces carry V8's JS samples (call stacks in DevTools).
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync, existsSync, cpSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { brotli, gzip, isCompressedCopy } from './compress.mjs';
import { startServer, freshProfile, launch, closeAll, withFreshBrowser, writeVariants, ROOT } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const runs = smoke ? 1 : Number(args[args.indexOf('--runs') + 1]) || 7;
const samples = smoke ? 5 : 50;
const sessions = smoke ? 1 : 3;
const traceFile = args.includes('--trace') ? args[args.indexOf('--trace') + 1] : null;
if (traceFile === undefined || traceFile?.startsWith('--')) {
  console.error('--trace needs a file name, e.g. --trace /tmp/mofan-trace.json');
  process.exit(2);
}
const DIST = join(ROOT, 'dist');
// --files: how many result files step 5 summarises, in turn; its trace is
// of the first.
const fileCounts = args.includes('--files') ? args[args.indexOf('--files') + 1].split(',').map(Number) : [1000, 10000];
// --only: the steps to run (the size table always runs); all by default.
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',').map(Number)) : null;
const step = (n) => !only || only.has(n);
// The CPU slowdown every fresh page gets (step 8 sets 4).
let cpuThrottle = 1;

function sizes() {
  const rows = readdirSync(DIST)
    .filter((f) => statSync(join(DIST, f)).isFile() && !isCompressedCopy(f))
    .map((f) => {
      const buf = readFileSync(join(DIST, f));
      return { file: f, bytes: buf.length, gzip: gzip(buf).length, brotli: brotli(buf, f).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const sum = (key) => rows.reduce((s, r) => s + r[key], 0);
  rows.push({ file: 'TOTAL', bytes: sum('bytes'), gzip: sum('gzip'), brotli: sum('brotli') });
  return rows;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { n: s.length, min: s[0], median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
};

const envelope = (kind, schema, data) => JSON.stringify({ schema, kind, data });

/** A checklist of `sections` × `perSection` check items, 100 points in all. */
function generatedTemplate(sections = 10, perSection = 50) {
  const points = 100 / (sections * perSection);
  return {
    format: 'mofan-template', format_version: 1, id: generatedId(sections, perSection), version: 1,
    title: `基准测试评分表（${sections * perSection}项）`, short_title: `基准${sections * perSection}`, audience: 'branch', total: 100,
    grades: [{ name: '优秀', min: 90 }, { name: '良好', min: 80 }, { name: '合格', min: 60 }, { name: '不合格', min: 0 }],
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `s${s + 1}`, title: `第${s + 1}部分`,
      items: Array.from({ length: perSection }, (_, i) => ({
        id: `s${s + 1}-${i + 1}`, title: `考核内容 ${s + 1}.${i + 1}：按规定开展并留有记录`, points,
        rule: { kind: 'check' }, criteria: '有记录且完整为达标；记录不全为基本达标；无记录为未达标',
        evidence: '会议记录、台账',
      })),
    })),
  };
}

const generatedId = (sections, perSection) => `bench-${sections}x${perSection}`;

/**
 * A fresh profile's storage holding a generated checklist and one self-check
 * of it; `answered`: every item already answered 基本达标, with a note (the
 * record every save then writes is about 200 KB for 2,000 items).
 */
function generatedStorage(sections, perSection, { answered = false } = {}) {
  const t = generatedTemplate(sections, perSection);
  const answers = !answered ? {} : Object.fromEntries(t.sections.flatMap((s) => s.items.map((i) => [i.id, { response: 'partial', note: '已有说明，长度接近实际填写的一句话' }])));
  return seed(t.id, 1, { [`mofan.template.${t.id}.v1`]: envelope('template', 1, t) }, answers);
}

/** The storage a fresh profile gets: one self-check of `templateId` (with `answers`), plus any extra records. */
function seed(templateId, version, extra = {}, answers = {}) {
  return {
    'mofan.assessment.bench': envelope('assessment', 2, {
      id: 'bench', template_id: templateId, template_version: version,
      respondent: { unit: '基准单位', branch: '基准支部', name: '基准' }, round: '2026年上半年',
      answers, created_at: 1, updated_at: 1,
    }),
    ...extra,
  };
}

/** Opens the seeded self-check in a fresh profile; returns { context, page, interactiveAt }. */
async function openFresh(url, storage, profile) {
  const { context } = await launch(profile.dir);
  await context.addInitScript((entries) => {
    for (const [k, v] of Object.entries(entries)) if (!localStorage.getItem(k)) localStorage.setItem(k, v);
    new MutationObserver((_, obs) => {
      if (document.querySelector('.item input')) {
        window.__interactiveAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, storage);
  const page = context.pages()[0] ?? (await context.newPage());
  if (cpuThrottle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
  }
  // Bytes on the wire for the page's own requests (headers and compressed
  // bodies), as Chromium counts them, until the checklist is interactive.
  // A request that finishes after the checklist is interactive is not
  // counted; its sizes() would reject once the context closes, so the
  // listener goes before anything closes and no promise is left unheard.
  const finished = [];
  const onFinished = (request) => finished.push(request.sizes().catch(() => null));
  page.on('requestfinished', onFinished);
  await page.goto(url + '#/check/bench');
  await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 30_000 });
  page.off('requestfinished', onFinished);
  const interactiveAt = await page.evaluate(() => window.__interactiveAt);
  const measured = await Promise.all(finished);
  if (measured.includes(null)) throw new Error('a request the page made before it was interactive could not be measured');
  const wire = measured.reduce((sum, s) => sum + s.responseHeadersSize + s.responseBodySize, 0);
  return { context, page, interactiveAt, wire, requests: finished.length };
}

async function coldStarts(url, storage) {
  const times = [];
  let wire;
  for (let i = 0; i < runs; i++) {
    const profile = freshProfile();
    try {
      const opened = await openFresh(url, storage, profile);
      times.push(opened.interactiveAt);
      wire ??= { bytes: opened.wire, requests: opened.requests };
      await opened.context.close();
    } finally {
      await closeAll();
      profile.dispose();
    }
  }
  return { ...stats(times), wire };
}

/**
 * The browser's own share of a cold start on this machine, in the same
 * fresh profiles: a static page that is interactive once parsed (one input,
 * no script, no other file); and the same page made interactive only once
 * it has fetched the files the app's page fetches before it runs (its
 * script, styles and module, served as the app's are), none of them run.
 * What a cold start takes above the first is the app's: its files fetched,
 * its module compiled, its code run; above the second, only compiling and
 * running.
 */
async function browserFloors() {
  const dir = mkdtempSync(join(tmpdir(), 'mofan-bench-floor-'));
  const input = '<div class="item"><input type="radio" aria-label="floor"></div>';
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>floor</title>${input}</html>`);
  // The app's page's own files, with their compressed copies and their times
  // (the server sends a copy only when it is as new as its file).
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const fetched = [...new Set([...html.matchAll(/(?:href|src)=["']?\.\/([^"'\s>]+\.(?:js|css|wasm))/g)].map((m) => m[1]))];
  for (const f of fetched.flatMap((f) => [f, f + '.br', f + '.gz'])) {
    if (existsSync(join(DIST, f))) cpSync(join(DIST, f), join(dir, f), { preserveTimestamps: true });
  }
  writeFileSync(join(dir, 'fetch.js'), `await Promise.all(${JSON.stringify(fetched)}.map((f) => fetch(f).then((r) => r.arrayBuffer())));
document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(input)});`);
  // Each file asked for from the page's head, as the app's page asks for
  // them, not only once fetch.js has come; fetch() then takes the preload.
  const preloads = fetched.map((f) => `<link rel="preload" as="fetch" crossorigin href="${f}">`).join('');
  writeFileSync(join(dir, 'fetched.html'), `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>floor</title>${preloads}<script type="module" src="fetch.js"></script><body></html>`);
  const server = await startServer(dir);
  try {
    return { page: await coldStarts(server.url, {}), fetched: await coldStarts(server.url + 'fetched.html', {}), files: fetched.length };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The browser's own share of reading picked files on this machine: a page
 * with nothing but a file input reads every file picked, all at once
 * (File.arrayBuffer), in the same fresh profiles as step 5. What the desk
 * takes above it is the app's: checking, combining, drawing.
 */
async function readingFloor(paths) {
  const dir = mkdtempSync(join(tmpdir(), 'mofan-bench-reading-'));
  // An icon of its own, so the browser asks for no /favicon.ico (a 404 it would log as an error).
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>floor</title><link rel="icon" href="data:,"><input type="file" multiple aria-label="选择结果文件"><script src="read.js"></script></html>');
  writeFileSync(join(dir, 'read.js'), `document.querySelector('input').addEventListener('change', async (e) => {
  const t0 = performance.now();
  await Promise.all([...e.target.files].map((f) => f.arrayBuffer()));
  window.__read = performance.now() - t0;
});`);
  const server = await startServer(dir);
  const times = [];
  try {
    for (let i = 0; i < Math.min(runs, 5); i++) {
      await withFreshBrowser(async ({ page }) => {
        await page.goto(server.url);
        await page.getByLabel('选择结果文件').setInputFiles(paths);
        await page.waitForFunction(() => window.__read !== undefined, null, { timeout: 600_000 });
        times.push(await page.evaluate(() => window.__read));
      });
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return stats(times);
}

// Inside the page: let the microtasks run in which Leptos updates the DOM
// after an event. Only microtasks: a task (setTimeout, MessageChannel) would
// let the browser slip in whatever else is due (a frame for earlier changes,
// timers, idle GC), and the sample would measure that instead of the answer.
// The answer loop checks that the screen did change within the drain.
const IN_PAGE_HELPERS = `
  window.__settle = async () => { for (let i = 0; i < 100; i++) await null; };
`;

/** Starts a CDP trace of `page`; the function it returns stops it and returns the events. */
async function startTrace(context, page, file = traceFile) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'v8.wasm', 'blink.user_timing', 'toplevel', 'disabled-by-default-v8.cpu_profiler'] },
  });
  return async () => {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    return events;
  };
}

/**
 * How busy each of the page's threads (the page's own and its workers') was
 * within the trace's `mofan-summarise` measure, and on what: the time under
 * each kind of event two levels below the thread's tasks.
 */
function explainDesk(events, file) {
  const [begin, end] = ['b', 'e'].map((ph) => events.find((e) => e.name === 'mofan-summarise' && e.ph === ph)?.ts);
  if (begin === undefined || end === undefined) {
    console.log('   trace: no mofan-summarise measure recorded');
    return;
  }
  const page = events.find((e) => e.name === 'mofan-summarise').pid;
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === page).map((e) => [e.tid, e.args.name]));
  console.log(`\n   trace: ${((end - begin) / 1000).toFixed(1)} ms summarising ${fileCounts[0].toLocaleString('en')} files; each thread's busy time in it, and on what`);
  for (const [tid, name] of names) {
    const inside = events
      .filter((e) => e.pid === page && e.tid === tid && e.ph === 'X' && e.ts < end && e.ts + e.dur > begin)
      .sort((x, y) => x.ts - y.ts || y.dur - x.dur);
    const open = [];
    const under = new Map();
    let busy = 0;
    for (const e of inside) {
      while (open.length && open[open.length - 1] <= e.ts) open.pop();
      const spent = Math.min(e.ts + e.dur, end) - Math.max(e.ts, begin);
      if (open.length === 0) busy += spent;
      if (open.length === 2) under.set(e.name, (under.get(e.name) ?? 0) + spent);
      open.push(e.ts + e.dur);
    }
    if (busy < 1000) continue;
    const top = [...under].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`);
    console.log(`   ${name.padEnd(24)} busy ${(busy / 1000).toFixed(1).padStart(6)} ms: ${top.join(' · ')}`);
  }
  console.log(`   trace written: ${file}`);
}

/**
 * For the five slowest answers and keystrokes, the page's main-thread work
 * inside each: every trace event of 0.3 ms or more, indented by nesting.
 */
function explainSlowest(events) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur >= 300);
  for (const name of ['mofan-answer', 'mofan-keystroke']) {
    // The measures never overlap: pair each begin with the next end.
    const marks = (ph) => events.filter((e) => e.name === name && e.ph === ph).map((e) => e.ts).sort((x, y) => x - y);
    const ends = marks('e');
    const spans = marks('b')
      .map((start, i) => ({ start, end: ends[i] }))
      .sort((x, y) => (y.end - y.start) - (x.end - x.start))
      .slice(0, 5);
    console.log(`\n   trace: slowest ${name.slice(6)}s (events ≥ 0.3 ms on the page's main thread)`);
    for (const sp of spans) {
      console.log(`   ${((sp.end - sp.start) / 1000).toFixed(1)} ms`);
      const inside = onMain.filter((e) => e.ts < sp.end && e.ts + e.dur > sp.start).sort((x, y) => x.ts - y.ts || y.dur - x.dur);
      const open = [];
      for (const e of inside) {
        while (open.length && open[open.length - 1] <= e.ts) open.pop();
        console.log(`      ${'  '.repeat(open.length)}${e.name} ${(e.dur / 1000).toFixed(1)} ms`);
        open.push(e.ts + e.dur);
      }
    }
  }
  console.log(`   trace written: ${traceFile}`);
}

/**
 * Steps 3 and 4 in `sessions` fresh profiles, `samples` answers and
 * keystrokes each, pooled. One session's p95 of 50 is its third-slowest
 * sample, so three stalls of the machine (another process on one of the two
 * cores) would decide it; pooled, the p95 is the app's.
 */
async function interactions(url, storage, { keystrokes = true, items } = {}) {
  const answer = [];
  const keystroke = [];
  const saved = [];
  const p95s = { answer: [], keystroke: [] };
  let heapMB = 0;
  for (let i = 0; i < sessions; i++) {
    const one = await interaction(url, storage, keystrokes && i === 0 && traceFile, keystrokes, items);
    answer.push(...one.answer);
    keystroke.push(...one.keystroke);
    p95s.answer.push(stats(one.answer).p95);
    p95s.keystroke.push(stats(one.keystroke).p95);
    saved.push(one.saved);
    heapMB = Math.max(heapMB, one.heapMB);
  }
  return { answer: { ...stats(answer), p95s: p95s.answer }, keystroke: { ...stats(keystroke), p95s: p95s.keystroke }, saved, heapMB };
}

async function interaction(url, storage, trace, keystrokes, items) {
  const profile = freshProfile();
  try {
    const { context, page } = await openFresh(url, storage, profile);
    // Measure the steady state: every item of the part built (a long part
    // shows its first screenful first), and the first visit's background
    // precache (service worker) done.
    await page.waitForFunction((n) => document.querySelectorAll('.section .item').length === n, items, { timeout: 60_000 });
    await page.evaluate(() => navigator.serviceWorker?.ready);
    await page.evaluate(IN_PAGE_HELPERS);
    const stopTrace = trace ? await startTrace(context, page) : null;
    const answer = await page.evaluate(async (n) => {
      const times = [];
      const total = document.querySelector('[data-testid=total]');
      const items = [...document.querySelectorAll('.item')];
      for (let i = 0; i < n; i++) {
        const radio = items[i % items.length].querySelectorAll('.choices input[type=radio]')[i < items.length ? 0 : 1];
        const before = total.textContent;
        const t0 = performance.now();
        radio.click();
        await window.__settle();
        void document.body.offsetHeight; // force layout
        times.push(performance.now() - t0);
        performance.measure('mofan-answer', { start: t0 });
        if (total.textContent === before) throw new Error('the total did not change after an answer');
        if (!radio.closest('.choice').classList.contains('chosen')) throw new Error('the answer was not marked as chosen');
      }
      return times;
    }, samples);
    const saved = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('mofan.assessment.bench')).data.answers).length);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const keystroke = !keystrokes ? [0] : await page.evaluate(async (n) => {
      const note = document.querySelector('.item textarea.note');
      note.focus();
      const times = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        note.value += '字';
        note.dispatchEvent(new InputEvent('input', { bubbles: true, data: '字', inputType: 'insertText' }));
        await window.__settle();
        void document.body.offsetHeight;
        times.push(performance.now() - t0);
        performance.measure('mofan-keystroke', { start: t0 });
      }
      return times;
    }, samples);
    if (stopTrace) explainSlowest(await stopTrace());
    await context.close();
    return { answer, saved, heapMB: heap / 1048576, keystroke };
  } finally {
    await closeAll();
    profile.dispose();
  }
}

/**
 * Exports one result file of `template` from the app, then writes `count`
 * variants of it (other names, other answers) with correct checksums.
 * Returns the directory and the file paths.
 */
async function resultFiles(url, template, count) {
  const profile = freshProfile();
  const dir = mkdtempSync(join(tmpdir(), 'mofan-bench-files-'));
  let base;
  try {
    const { context } = await launch(profile.dir);
    await context.addInitScript((entries) => {
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, seed(template.id, template.version));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url + '#/summary/bench');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出结果文件' }).click()]);
    base = JSON.parse(readFileSync(await dl.path(), 'utf8'));
    await context.close();
  } finally {
    await closeAll();
    profile.dispose();
  }
  return { dir, paths: writeVariants(base, template, dir, count), base };
}

/**
 * Imports every file on the branch desk; returns the time the page measures
 * (files chosen → summary laid out) and the time Playwright sees, which adds
 * its own transfer of the files into the page.
 */
async function summarise(url, paths) {
  const times = { inPage: [], shown: [], longest: [], heap: [], sort: [] };
  for (let i = 0; i < Math.min(runs, 5); i++) {
    const profile = freshProfile();
    try {
      const { context } = await launch(profile.dir);
      // The longest task on the page's thread while the files are read: how
      // long the page could not answer a click. Counted from the desk's
      // mark that the files were chosen: the task it ends is the browser
      // taking the files' paths from Playwright (DevTools'
      // DOM.setFileInputFiles, 4.4 s for 10,000), before the page hears of
      // them; the app's code starts at the mark.
      await context.addInitScript(() => {
        window.__tasks = [];
        new PerformanceObserver((list) => window.__tasks.push(...list.getEntries())).observe({ type: 'longtask' });
      });
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url + '#/branch');
      await page.getByLabel('选择结果文件').waitFor();
      const traced = traceFile && paths.length === fileCounts[0] && i === 0 && traceFile.replace(/(\.[^./]*)?$/, '-desk$1');
      const stopTrace = traced ? await startTrace(context, page, traced) : null;
      const t0 = Date.now();
      await page.getByLabel('选择结果文件').setInputFiles(paths);
      await page.getByTestId('desk-count').filter({ hasText: `已导入 ${paths.length} 份自查，未接受 0 个文件` }).waitFor({ timeout: 600_000 });
      await page.getByTestId('branch-table').waitFor();
      times.shown.push(Date.now() - t0);
      await page.waitForFunction(() => performance.getEntriesByName('mofan-summarise').length > 0);
      times.inPage.push(await page.evaluate(() => performance.getEntriesByName('mofan-summarise').at(-1).duration));
      if (stopTrace) explainDesk(await stopTrace(), traced);
      times.longest.push(
        await page.evaluate(() => {
          const chosen = performance.getEntriesByName('mofan-files-chosen').at(-1).startTime;
          return Math.max(0, ...window.__tasks.map((t) => t.startTime + t.duration - Math.max(t.startTime, chosen)));
        }),
      );
      // Another order for every row: a click on 姓名, then on 总分 again.
      for (const column of ['姓名', '总分']) times.sort.push(await page.evaluate(resort, column));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      times.heap.push((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1048576);
      await context.close();
    } finally {
      await closeAll();
      profile.dispose();
    }
  }
  return { inPage: stats(times.inPage), shown: stats(times.shown), longest: stats(times.longest), sort: stats(times.sort), heapMB: Math.max(...times.heap) };
}

/**
 * In the page: a click on the desk's column `column` (姓名, 总分) → the
 * table's first row is another (the rows sorted again by the desk's worker
 * and drawn), with a forced layout; in ms.
 */
async function resort(column) {
  const body = document.querySelector('[data-testid=branch-table] tbody');
  const first = () => body.querySelector('.row-name')?.textContent;
  const before = first();
  const button = [...document.querySelectorAll('[data-testid=branch-table] thead button.sort')].find((b) => b.textContent.startsWith(column));
  const t0 = performance.now();
  const redrawn = new Promise((resolve, reject) => {
    const seen = new MutationObserver(() => {
      if (first() !== before) {
        seen.disconnect();
        resolve();
      }
    });
    seen.observe(body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => reject(new Error(`sorting by ${column} did not change the first row`)), 60_000);
  });
  button.click();
  await redrawn;
  void document.body.offsetHeight;
  return performance.now() - t0;
}

/**
 * The Excel module's first use: on a fresh profile, 导出Excel on the home
 * page → the workbook downloaded. The Excel worker (calamine and
 * rust_xlsxwriter inside) is fetched, compiled and run in that time.
 */
async function excelFirstUse(url) {
  const times = [];
  for (let i = 0; i < Math.min(runs, 5); i++) {
    const profile = freshProfile();
    try {
      const { context } = await launch(profile.dir);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await page.getByRole('button', { name: '导出Excel' }).waitFor();
      const t0 = Date.now();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
      await dl.path();
      times.push(Date.now() - t0);
      await context.close();
    } finally {
      await closeAll();
      profile.dispose();
    }
  }
  return stats(times);
}

/**
 * `mofan combine` of `count` result files written from `base`, the native
 * program (built for speed with `cargo build --profile cli --bin mofan` for
 * the figures; the smoke run takes the debug build cargo test made).
 */
function commandLine(base, template, count) {
  const bin = join(ROOT, 'target', smoke ? 'debug' : 'cli', 'mofan');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build ${smoke ? '' : '--profile cli '}--bin mofan`);
  const dir = mkdtempSync(join(tmpdir(), 'mofan-bench-cli-'));
  try {
    writeVariants(base, template, dir, count);
    const times = [];
    let said = '';
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const t0 = performance.now();
      const out = spawnSync(bin, ['combine', dir, '--csv', join(dir, 'out.csv')], { encoding: 'utf8', maxBuffer: 1 << 28 });
      times.push(performance.now() - t0);
      if (out.status !== 0) throw new Error(`mofan combine failed:\n${out.stderr.slice(0, 2000)}`);
      said = out.stdout.split('\n')[0];
    }
    if (!said.includes(`导入 ${count} 份自查，未接受 0 个文件`)) throw new Error(`mofan combine read: ${said}`);
    return { ...stats(times), said };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The built-in checklist with the most items, in its newest version: what a
 * member starts today. (An older version is fetched from the files worker
 * for the self-checks made with it, and would time that too.)
 */
function largestBuiltin() {
  const dir = join(ROOT, 'templates');
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  return all
    .filter((t) => !all.some((o) => o.id === t.id && o.version > t.version))
    .map((t) => ({ t, n: t.sections.reduce((s, x) => s + x.items.length, 0) }))
    .sort((a, b) => b.n - a.n)[0];
}

const f1 = (x) => x.toFixed(1);
const navigatorCores = () => availableParallelism();
const row = (label, s, unit = 'ms') =>
  `${label.padEnd(52)} min ${f1(s.min).padStart(7)} · median ${f1(s.median).padStart(7)} · p95 ${f1(s.p95).padStart(7)} · max ${f1(s.max).padStart(7)} ${unit}`;

const server = await startServer();
const results = { date: new Date().toISOString(), smoke, runs, samples, sessions };
const budgets = [];
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const budget = (text, value, ok) => budgets.push(`   ${text}: ${value} → ${verdict(ok)}`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
try {
  const size = sizes();
  results.size = size;
  console.log('\n1. Release build (dist/)');
  console.log('   ' + 'file'.padEnd(44), 'bytes'.padStart(10), 'gzip -9'.padStart(10), 'brotli'.padStart(10));
  for (const r of size) {
    console.log('   ' + r.file.padEnd(44), ...[r.bytes, r.gzip, r.brotli].map((n) => String(n).padStart(10)));
  }
  const module = (re) => size.find((r) => re.test(r.file));
  const main = module(/^mofan-[0-9a-f]+_bg\.wasm$/);
  const files = module(/^mofan-files_bg\.wasm$/);
  const excelModule = module(/^mofan-excel_bg\.wasm$/);
  const pile = module(/^mofan-pile_bg\.wasm$/);
  const desk = module(/^mofan-desk-[0-9a-f]+_bg\.wasm$/);
  console.log(`   main module ${main.bytes} B, ${main.brotli} B brotli; files worker (fetched on first use) ${files.bytes} B, ${files.brotli} B brotli; Excel worker (fetched on first workbook) ${excelModule.bytes} B, ${excelModule.brotli} B brotli`);
  console.log(`   the desk's page: its module ${desk.bytes} B, ${desk.brotli} B brotli; its worker ${pile.bytes} B, ${pile.brotli} B brotli`);

  const big = largestBuiltin();
  const genStorage = generatedStorage(10, 50);
  if (step(2)) {
    console.log(`\n2. Cold start, navigation → checklist interactive, ${runs} fresh profile(s) each`);
    const coldBuiltin = await coldStarts(server.url, seed(big.t.id, big.t.version));
    console.log('   ' + row(`${big.t.short_title} (${big.n} items, built-in)`, coldBuiltin));
    const cold500 = await coldStarts(server.url, genStorage);
    console.log('   ' + row('generated (500 items, 10 sections of 50)', cold500));
    const floors = await browserFloors();
    const floor = floors.page;
    console.log('   ' + row('the browser alone: a static page, no script', floor));
    console.log('   ' + row(`the same, once it has fetched the app's ${floors.files} files`, floors.fetched));
    console.log(`   so the app's share of the 500-item cold start: ${f1(cold500.median - floor.median)} ms (median minus median), of which fetching its files ${f1(floors.fetched.median - floor.median)} ms`);
    console.log(`   on the wire until interactive (${big.t.short_title}, first run): ${kb(coldBuiltin.wire.bytes)} in ${coldBuiltin.wire.requests} requests`);
    console.log('   (the page\'s requests, headers included, as Chromium counts them; scripts/serve.mjs sends brotli)');
    results.coldStart = { builtin: { template: big.t.id, items: big.n, ...coldBuiltin }, generated500: cold500, browserFloor: floor, browserFetchingFloor: floors.fetched };
    const wire = coldBuiltin.wire.bytes;
    budget('on the wire until the first checklist is interactive ≤ 250 KB', kb(wire), wire <= 250 * 1024);
    budget('cold start 500 items ≤ 200 ms median', `${f1(cold500.median)} ms`, cold500.median <= 200);
  }

  const each = `${samples} in each of ${sessions} fresh profile(s)`;
  const eachP95 = (s) => `   p95 in each profile: ${s.p95s.map(f1).join(' / ')} ms`;
  if (step(3)) {
    const inter = await interactions(server.url, genStorage, { items: 50 });
    console.log(`\n3. Answer latency on 500 items, click → total updated and record saved (${each})`);
    console.log('   ' + row('answer', inter.answer));
    console.log(eachP95(inter.answer));
    console.log(`   answers in the stored record afterwards: ${inter.saved.join(', ')}`);
    budget('answer ≤ 4 ms p95 (500 items)', `${f1(inter.answer.p95)} ms`, inter.answer.p95 <= 4);
    // Very large checklists: an answer must stay within a frame whatever the layout.
    const large = {};
    for (const [label, sections, perSection, answered] of [
      ['2,000 items in one section', 1, 2000, false],
      ['2,000 items, 20 sections of 100', 20, 100, false],
      ['2,000 in one section, all answered', 1, 2000, true],
    ]) {
      large[label] = await interactions(server.url, generatedStorage(sections, perSection, { answered }), { keystrokes: false, items: perSection });
      console.log('   ' + row(`answer, ${label}`, large[label].answer));
      console.log(eachP95(large[label].answer));
      budget(`answer within a frame (≤ 16 ms p95), ${label}`, `${f1(large[label].answer.p95)} ms`, large[label].answer.p95 <= 16);
    }
    console.log(`\n4. Typing in a note on 500 items (${each})`);
    console.log('   ' + row('keystroke', inter.keystroke));
    console.log(eachP95(inter.keystroke));
    console.log(`\n6. JS heap after step 3: ${f1(inter.heapMB)} MB (CDP JSHeapUsedSize, the largest of the profiles)`);
    budget('keystroke ≤ 4 ms p95', `${f1(inter.keystroke.p95)} ms`, inter.keystroke.p95 <= 4);
    Object.assign(results, {
      answer: inter.answer, savedAnswers: inter.saved, keystroke: inter.keystroke, heapMB: inter.heapMB,
      largeAnswer: Object.fromEntries(Object.entries(large).map(([k, v]) => [k, v.answer])),
    });
  }

  const six = JSON.parse(readFileSync(join(ROOT, 'templates', 'liuge-mofan.json'), 'utf8'));
  let base;
  if (step(5) || step(9)) {
    const counts = smoke ? [20] : step(5) ? fileCounts : [1];
    results.summarise = {};
    for (const count of counts) {
      const generated = await resultFiles(server.url, six, count);
      base = generated.base;
      if (!step(5)) {
        rmSync(generated.dir, { recursive: true, force: true });
        break;
      }
      let summary;
      let reading;
      try {
        summary = await summarise(server.url, generated.paths);
        reading = await readingFloor(generated.paths);
      } finally {
        rmSync(generated.dir, { recursive: true, force: true });
      }
      results.summarise[count] = { ...summary, readingFloor: reading };
      console.log(`\n5. Import and summarise ${count} result files (${six.short_title}, ${Math.min(runs, 5)} run(s))`);
      console.log('   ' + row('files chosen → summary on screen, in the page', summary.inPage));
      console.log('   ' + row('the same, seen from Playwright (incl. file transfer)', summary.shown));
      console.log('   ' + row('longest task on the page\'s thread meanwhile', summary.longest));
      console.log('   ' + row('another order (a click on 姓名 or 总分) → rows redrawn', summary.sort));
      console.log('   ' + row('the browser alone reading the same files (no app)', reading));
      console.log(`   so the app's share: ${f1(summary.inPage.median - reading.median)} ms (median minus median)`);
      console.log(`   JS heap afterwards: ${f1(summary.heapMB)} MB (the largest of the runs)`);
      if (count === 1000) budget('1,000 result files summarised ≤ 300 ms median', `${f1(summary.inPage.median)} ms`, summary.inPage.median <= 300);
      if (count === 10000) budget('10,000 result files summarised ≤ 3 s median', `${f1(summary.inPage.median)} ms`, summary.inPage.median <= 3000);
    }
  }

  if (step(7)) {
    const excel = await excelFirstUse(server.url);
    console.log(`\n7. Excel on first use: 导出Excel on a fresh profile → workbook downloaded (the Excel module, ${kb(excelModule.brotli)} brotli, fetched and started; ${Math.min(runs, 5)} run(s))`);
    console.log('   ' + row('click → download', excel));
    results.excelFirstUse = excel;
  }

  if (step(8)) {
    cpuThrottle = 4;
    try {
      console.log(`\n8. An old office PC: 500 items under 4× CPU throttling (CDP Emulation.setCPUThrottlingRate)`);
      const cold = await coldStarts(server.url, genStorage);
      console.log('   ' + row('cold start, navigation → checklist interactive', cold));
      const inter = await interactions(server.url, genStorage, { keystrokes: false, items: 50 });
      console.log('   ' + row('answer', inter.answer));
      console.log(eachP95(inter.answer));
      results.throttled = { rate: 4, coldStart: cold, answer: inter.answer };
      budget('4× throttled: cold start 500 items ≤ 800 ms median', `${f1(cold.median)} ms`, cold.median <= 800);
      budget('4× throttled: answer ≤ 16 ms p95 (500 items)', `${f1(inter.answer.p95)} ms`, inter.answer.p95 <= 16);
    } finally {
      cpuThrottle = 1;
    }
  }

  if (step(9)) {
    const count = smoke ? 200 : 100_000;
    const cli = commandLine(base, six, count);
    console.log(`\n9. The command line: mofan combine of ${count.toLocaleString('en')} result files (${navigatorCores()} cores, ${Math.min(runs, 3)} run(s))`);
    console.log('   ' + row('files written → combined and CSV written', cli));
    console.log(`   it said: ${cli.said}`);
    results.commandLine = { files: count, ...cli };
  }

  console.log('\nBudgets');
  for (const b of budgets) console.log(b);
  writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify(results, null, 2));
  console.log('\nwritten: bench-results.json');
} finally {
  await server.close();
}
