// The desk with a committee's thousands of files: it reads them a batch at
// a time in the files worker, says how far it has got (已读 N / M), lists
// bad files as it finds them, and a cancel drops the whole pick, changing
// nothing. The member table comes a page at a time. A whole folder can be
// chosen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, withFreshBrowser, completeMemberCheck, exportResultFile, writeVariants, ROOT } from './harness.mjs';

let server;
const dir = mkdtempSync(join(tmpdir(), 'mofan-desk-scale-'));
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); rmSync(dir, { recursive: true, force: true }); });

const member = JSON.parse(readFileSync(join(ROOT, 'templates', 'hege-dangyuan.json'), 'utf8'));

// One member's result file, exported once from the app, for the tests to vary.
let exported;
async function memberResult(page) {
  if (!exported) {
    await page.goto(server.url);
    await page.getByRole('radio', { name: '支部书记 / 支部委员' }).check();
    await completeMemberCheck(page, '样本');
    exported = JSON.parse(readFileSync(await exportResultFile(page, dir), 'utf8'));
  }
  return exported;
}

// The desk, empty, in a fresh profile; its count of what it holds.
async function openDesk(page) {
  await page.goto(server.url + '#/branch');
  const count = page.getByTestId('desk-count');
  await count.filter({ hasText: '已导入 0 份自查，未接受 0 个文件' }).waitFor();
  return count;
}

// `files` chosen on an old PC: the page's thread four times slower, so the
// reading takes long enough to watch. The DevTools session, to end it.
async function chooseThrottled(context, page, files) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.getByLabel('选择结果文件').setInputFiles(files);
  return cdp;
}

// `paths` (files or folders) dropped on the desk with the browser's own drag
// and drop (CDP), as from the file manager: a folder arrives as one entry,
// not as its files.
async function dropOnDesk(page, cdp, paths) {
  const box = await page.getByRole('heading', { name: '支部汇总' }).boundingBox();
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await cdp.send('Input.dispatchDragEvent', { type, x: box.x + 10, y: box.y + 5, data });
  }
}

test('thousands of files: progress, bad files as found, cancel changes nothing, then pages of rows', async () => {
  await withFreshBrowser(async ({ context, page }) => {
    const base = await memberResult(page);

    // Two bad files first, so the first batch finds them.
    const tampered = join(dir, '改过的.json');
    const changed = structuredClone(base);
    changed.content.assessment.respondent.name = '改名';
    writeFileSync(tampered, JSON.stringify(changed));
    const broken = join(dir, '坏文件.json');
    writeFileSync(broken, '{ 不是 JSON');
    const many = [tampered, broken, ...writeVariants(base, member, dir, 4000)];

    const count = await openDesk(page);
    const cdp = await chooseThrottled(context, page, many);
    const reading = page.getByTestId('desk-reading');
    await reading.filter({ hasText: /已读 [1-9][\d,]* \/ 4,002/ }).waitFor({ timeout: 60_000 });
    const bar = reading.getByRole('progressbar');
    assert.equal(await bar.getAttribute('max'), '4002');
    const found = reading.getByTestId('desk-found');
    await found.filter({ hasText: '已发现 2 个文件不能接受' }).waitFor({ timeout: 60_000 });
    assert.match(await found.textContent(), /改过的\.json：文件内容与校验码不符/);
    assert.match(await found.textContent(), /坏文件\.json：不是有效的结果文件/);
    // The page answers while it reads: the roster box takes typing.
    await page.getByLabel('应参加名单').fill('党员1');
    await reading.getByRole('button', { name: '取消导入' }).click();
    await reading.waitFor({ state: 'detached', timeout: 60_000 });
    assert.equal((await count.textContent()).trim(), '已导入 0 份自查，未接受 0 个文件', 'a cancelled pick brings nothing in');
    assert.equal(await page.getByTestId('branch-sheet').count(), 0);
    assert.equal(await page.getByTestId('desk-refusals').count(), 0, 'nor its bad files');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // A pick read to the end: every file counted or listed, the rows in pages of 100.
    await page.getByLabel('选择结果文件').setInputFiles(many.slice(0, 252));
    await count.filter({ hasText: '已导入 250 份自查，未接受 2 个文件' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('desk-refusals').filter({ hasText: '改过的.json' }).waitFor();
    const table = page.getByTestId('branch-table');
    assert.equal(await table.locator('tbody tr').count(), 100);
    const pager = page.getByTestId('pager');
    assert.match(await pager.textContent(), /第 1–100 行，共 250 行/);
    assert.equal(await page.getByTestId('branch-members').textContent(), '250');
    // The files worker sorts: by name in the browser's zh-CN collation, then the other way.
    const names = table.locator('tbody .row-name');
    const collated = Array.from({ length: 250 }, (_, i) => `党员${i + 1}`).sort(new Intl.Collator('zh-CN').compare);
    await table.getByRole('button', { name: /^姓名/ }).click();
    await names.first().filter({ hasText: /^党员1$/ }).waitFor();
    assert.deepEqual(await names.allTextContents(), collated.slice(0, 100), 'the first page, every row in its place');
    await table.getByRole('button', { name: /^姓名/ }).click();
    await names.first().filter({ hasText: /^党员99$/ }).waitFor();
    assert.deepEqual(await names.allTextContents(), collated.toReversed().slice(0, 100));
    assert.match(await pager.textContent(), /第 1–100 行，共 250 行/, 'another order, as many rows');
    const firstPage = await names.allTextContents();
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.filter({ hasText: '第 101–200 行，共 250 行' }).waitFor();
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.filter({ hasText: '第 201–250 行，共 250 行' }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 50);
    assert.ok(await pager.getByRole('button', { name: '下一页' }).isDisabled());
    const lastPage = await table.locator('tbody .row-name').allTextContents();
    assert.equal(new Set([...firstPage, ...lastPage]).size, 150, 'each page shows other members');
    // On paper every row is there (the browser says it is printing before it lays out the page).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await table.locator('tbody tr').nth(249).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 250);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await table.locator('tbody tr').nth(50).waitFor({ state: 'detached' });
  });
});

test('a folder: its result files to the bottom, the others counted and not read', async () => {
  await withFreshBrowser(async ({ page }) => {
    const base = await memberResult(page);
    const folder = join(dir, '各支部');
    mkdirSync(join(folder, '一支部'), { recursive: true });
    mkdirSync(join(folder, '二支部', '补交'), { recursive: true });
    writeVariants(base, member, join(folder, '一支部'), 2);
    writeVariants(base, member, join(folder, '二支部', '补交'), 1, { from: 2 });
    writeFileSync(join(folder, '二支部', '坏文件.json'), '{ 不是 JSON');
    writeFileSync(join(folder, '照片.jpg'), '不是照片');
    writeFileSync(join(folder, '二支部', '说明.txt'), '说明');

    const count = await openDesk(page);
    await page.getByLabel('选择文件夹').setInputFiles(folder);
    await count.filter({ hasText: '已导入 3 份自查，未接受 1 个文件' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('branch-members').textContent(), '3');
    // A bad file is named by its path in the folder, so it can be found.
    assert.match(await page.getByTestId('desk-refusals').textContent(), /各支部\/二支部\/坏文件\.json：不是有效的结果文件/);
    const note = page.getByTestId('pick-note');
    assert.equal((await note.textContent()).trim(), '文件夹中另有 2 个文件不是结果文件（.json），未读取');

    // A folder with nothing to read says so, and the desk keeps what it has.
    const photos = join(dir, '照片');
    mkdirSync(photos);
    writeFileSync(join(photos, '合影.jpg'), '不是照片');
    await page.getByLabel('选择文件夹').setInputFiles(photos);
    await note.filter({ hasText: '文件夹中的 1 个文件都不是结果文件（.json），没有读取' }).waitFor();
    assert.equal((await count.textContent()).trim(), '已导入 3 份自查，未接受 1 个文件');
    // Files chosen one by one afterwards: the folder's word goes.
    await page.getByLabel('选择结果文件').setInputFiles(writeVariants(base, member, dir, 1, { from: 3 }));
    await count.filter({ hasText: '已导入 4 份自查，未接受 1 个文件' }).waitFor({ timeout: 60_000 });
    assert.equal(await note.count(), 0);
  });
});

test('a folder dropped on the desk is read as if chosen', async () => {
  await withFreshBrowser(async ({ context, page }) => {
    const base = await memberResult(page);
    const folder = join(dir, '拖入的');
    mkdirSync(join(folder, '一支部', '补交'), { recursive: true });
    writeVariants(base, member, join(folder, '一支部'), 1, { from: 10 });
    writeVariants(base, member, join(folder, '一支部', '补交'), 1, { from: 11 });
    writeFileSync(join(folder, '一支部', '补交', '坏文件.json'), '{ 不是 JSON');
    writeFileSync(join(folder, '名单.xlsx'), '不是工作簿');

    const count = await openDesk(page);
    const cdp = await context.newCDPSession(page);
    await dropOnDesk(page, cdp, [folder]);
    await count.filter({ hasText: '已导入 2 份自查，未接受 1 个文件' }).waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('desk-refusals').textContent(), /拖入的\/一支部\/补交\/坏文件\.json：不是有效的结果文件/);
    assert.equal((await page.getByTestId('pick-note').textContent()).trim(), '文件夹中另有 1 个文件不是结果文件（.json），未读取');
    assert.equal(await page.getByTestId('branch-members').textContent(), '2');

    // A bigger folder: the desk says how far the browser has got handing
    // over its files (2,000 at a time), then reads them.
    const bigger = join(dir, '机关');
    mkdirSync(bigger);
    writeVariants(base, member, bigger, 1200, { from: 100 });
    // Every word the count says is kept: the listing can pass quicker than
    // a look at the page.
    await page.evaluate(() => {
      const said = document.querySelector('[data-testid=desk-count]');
      window.__deskSaid = [];
      new MutationObserver(() => window.__deskSaid.push(said.textContent)).observe(said, { childList: true, subtree: true, characterData: true });
    });
    await dropOnDesk(page, cdp, [bigger]);
    await count.filter({ hasText: '已导入 1202 份自查，未接受 1 个文件' }).waitFor({ timeout: 60_000 });
    const said = await page.evaluate(() => window.__deskSaid);
    assert.ok(said.some((t) => /正在列出拖入的文件夹中的文件：0 \/ 1,200/.test(t)), said.join(' | '));
    assert.equal(await page.getByTestId('pick-note').count(), 0, 'nothing but result files in it');
  });
});

test('files dropped while others are read are not read, and the desk says so', async () => {
  await withFreshBrowser(async ({ context, page }) => {
    const base = await memberResult(page);
    const many = join(dir, '很多');
    mkdirSync(many);
    const paths = writeVariants(base, member, many, 3000, { from: 5000 });
    const late = writeVariants(base, member, dir, 1, { from: 9000 });

    const count = await openDesk(page);
    const cdp = await chooseThrottled(context, page, paths);
    await page.getByTestId('desk-reading').filter({ hasText: /已读 [1-9][\d,]* \/ 3,000/ }).waitFor({ timeout: 60_000 });
    // Nothing more can be chosen meanwhile.
    assert.ok(await page.getByLabel('选择结果文件').isDisabled());
    assert.ok(await page.getByLabel('选择文件夹').isDisabled());
    await dropOnDesk(page, cdp, late);
    const note = page.getByTestId('pick-note');
    await note.filter({ hasText: '上一批文件还在读取，这次选择或拖入的文件没有读取' }).waitFor();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await count.filter({ hasText: '已导入 3000 份自查，未接受 0 个文件' }).waitFor({ timeout: 60_000 });
    // Chosen once the pick is read, it is read; the word goes.
    assert.ok(await page.getByLabel('选择结果文件').isEnabled());
    await page.getByLabel('选择结果文件').setInputFiles(late);
    await count.filter({ hasText: '已导入 3001 份自查，未接受 0 个文件' }).waitFor({ timeout: 60_000 });
    assert.equal(await note.count(), 0);
  });
});
