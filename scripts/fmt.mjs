// Formats the Rust sources as the test command checks them: view! code by
// leptosfmt, then everything by rustfmt (rustfmt.toml), again until nothing
// changes (the two settle in two passes). Without view! code a file is
// simply rustfmt's.
//   node scripts/fmt.mjs           format in place
//   node scripts/fmt.mjs --check   name the files that are not formatted, exit 1
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const check = process.argv.includes('--check');
const rustFiles = (dir) => readdirSync(dir).flatMap((f) => {
  const path = join(dir, f);
  return statSync(path).isDirectory() ? rustFiles(path) : f.endsWith('.rs') ? [path] : [];
});

function pass(text, file) {
  const out = spawnSync('leptosfmt', ['--quiet', '--stdin', '--rustfmt'], { input: text, encoding: 'utf8' });
  if (out.status !== 0 || !out.stdout) throw new Error(`leptosfmt could not format ${file}:\n${out.stderr}`);
  return out.stdout;
}

function settled(text, file) {
  for (let i = 0; i < 4; i++) {
    const next = pass(text, file);
    if (next === text) return text;
    text = next;
  }
  throw new Error(`${file}: leptosfmt and rustfmt do not settle`);
}

const files = [...rustFiles('src'), ...rustFiles('tests'), 'build.rs'];
const unformatted = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const formatted = settled(text, file);
  if (formatted === text) continue;
  unformatted.push(file);
  if (!check) writeFileSync(file, formatted);
}
if (check && unformatted.length) {
  console.error(`not formatted (run node scripts/fmt.mjs):\n  ${unformatted.join('\n  ')}`);
  process.exit(1);
}
if (!check) console.log(`formatted ${unformatted.length} of ${files.length} files`);
