// Benchmarks the release build in dist/: size of every file (raw and gzip -9)
// and cold start (navigation → checklist interactive) in headless Chromium,
// each run in a fresh browser profile. Prints a table and writes
// bench-results.json (not committed).
//
//   node scripts/bench.mjs [--runs N] [--smoke]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer, freshProfile, launch, closeAll, ROOT } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const runs = smoke ? 1 : Number(args[args.indexOf('--runs') + 1]) || 5;
const DIST = join(ROOT, 'dist');

function sizes() {
  const rows = readdirSync(DIST)
    .filter((f) => statSync(join(DIST, f)).isFile())
    .map((f) => {
      const buf = readFileSync(join(DIST, f));
      return { file: f, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  rows.push({ file: 'TOTAL', bytes: rows.reduce((s, r) => s + r.bytes, 0), gzip: rows.reduce((s, r) => s + r.gzip, 0) });
  return rows;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, min: s[0], median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
};

// A stored self-check of a built-in template, so start-up opens the checklist.
function seedRecord(templateId) {
  return JSON.stringify({
    schema: 1, kind: 'assessment',
    data: { id: 'bench', template_id: templateId, template_version: 2,
      respondent: { unit: '基准单位', branch: '基准支部', name: '基准' }, round: '2026年上半年',
      answers: {}, created_at: 1, updated_at: 1 },
  });
}

/** Milliseconds from navigation start to the first answer control existing (handlers are attached on creation). */
async function coldStart(url, record) {
  const profile = freshProfile();
  try {
    const { context } = await launch(profile.dir);
    await context.addInitScript((rec) => {
      if (!localStorage.getItem('mofan.assessment.bench')) localStorage.setItem('mofan.assessment.bench', rec);
      new MutationObserver((_, obs) => {
        if (document.querySelector('.item input[type=radio]')) {
          window.__interactiveAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, record);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url + '#/check/bench');
    await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 30_000 });
    const t = await page.evaluate(() => window.__interactiveAt);
    await context.close();
    return t;
  } finally {
    await closeAll();
    profile.dispose();
  }
}

const server = await startServer();
try {
  const size = sizes();
  console.log('\nRelease build (dist/)');
  console.log('file'.padEnd(44), 'bytes'.padStart(10), 'gzip -9'.padStart(10));
  for (const r of size) console.log(r.file.padEnd(44), String(r.bytes).padStart(10), String(r.gzip).padStart(10));

  const times = [];
  for (let i = 0; i < runs; i++) times.push(await coldStart(server.url, seedRecord('liuge-mofan')));
  const cold = stats(times);
  const f = (x) => x.toFixed(1);
  console.log(`\nCold start, 六个模范 (33 items), navigation → interactive, ${runs} fresh profile(s):`);
  console.log(`  min ${f(cold.min)} ms · median ${f(cold.median)} ms · max ${f(cold.max)} ms`);
  console.log('\nNot measured yet: 500-item checklist, answer latency, keystroke time, 1,000 result files (need template import and the secretary desk).');

  writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify({ date: new Date().toISOString(), smoke, size, coldStart: { template: 'liuge-mofan', ms: times, ...cold } }, null, 2));
  console.log('\nwritten: bench-results.json');
} finally {
  await server.close();
}
