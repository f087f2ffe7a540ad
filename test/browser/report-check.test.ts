/**
 * 年报检查 in a real browser: a member of the public opens the check from the portal, uploads the
 * 2020 Pingtan report and sees the 三（七） totals highlighted with stated vs computed values, the
 * highlighted cell leading to its explanation; a supervisor uploads a batch and downloads the
 * findings as XLSX, which is opened again. Both pages pass axe (WCAG 2.1 AA). Screenshots go to
 * /tmp/gongkai-shots.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { addUser, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';
import {
  assertAccessible,
  CHROMIUM,
  HAVE_CHROMIUM,
  launchChromium,
  logInAs,
  SHOTS,
} from '../support/browser.ts';
import { REAL, withPictures } from '../support/page-dom.ts';

/** copies of ../shared/examples/reports kept in the repository, so that a clone tests alone */
const EXAMPLES = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));

let db: TestDb | undefined;
let t: TestApp | undefined;
let browser: Browser | undefined;
let base = '';

before(async () => {
  if (!HAVE_CHROMIUM) return;
  db = await engines()[0]!.create();
  t = await startApp(db);
  await addUser(t, 'check.supervisor', 'supervisor', 'office');
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await t?.close();
  await db?.drop();
});

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser!.newContext({
    baseURL: base,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    // axe-core is injected as a script, which the pages' CSP would refuse
    bypassCSP: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

const axe = assertAccessible;

test('public: upload the 2020 Pingtan report, see 三（七） highlighted', async (c) => {
  if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
  const { page, errors } = await newPage();
  await page.goto('/');
  await page.getByRole('link', { name: '年报检查' }).click();
  await page.waitForURL('**/report-check');
  await page.getByLabel('年度报告文件').setInputFiles(`${EXAMPLES}2020_pingtan.txt`);
  await Promise.all([
    page.waitForURL('**/report-check'),
    page.getByRole('button', { name: '检查', exact: true }).click(),
  ]);
  await page.getByRole('heading', { name: '检查结果' }).waitFor();
  await page.getByText('发现 2 个错误').waitFor();

  const row = page.locator('table.report-table3 tr', {
    has: page.locator('th', { hasText: /^（七）总计$/ }),
  });
  const cells = row.locator('td');
  assert.equal(await cells.count(), 7);
  const natural = cells.nth(0);
  const total = cells.nth(6);
  for (const [cell, stated, computed] of [
    [natural, '20', '26'],
    [total, '21', '27'],
  ] as const) {
    assert.match((await cell.getAttribute('class')) ?? '', /flag-error/);
    assert.equal(await cell.getByRole('link').innerText(), stated);
    assert.equal(await cell.locator('.flag-note').innerText(), `应为 ${computed}`);
    // the highlight is visible: a red outline, not only a class
    const outline = await cell.evaluate((el) => getComputedStyle(el).outlineColor);
    assert.equal(outline, 'rgb(179, 38, 30)');
  }
  for (const i of [1, 2, 3, 4, 5])
    assert.doesNotMatch((await cells.nth(i).getAttribute('class')) ?? '', /flag/);
  await page.screenshot({ path: `${SHOTS}/report-check-public.png`, fullPage: true });

  // the highlighted cell leads to its explanation
  await natural.getByRole('link').click();
  const target = page.locator('ol.audit-findings li:target');
  await target.waitFor();
  assert.match(await target.innerText(), /T3-SUM7[\s\S]*填报：20，应为：26/);
  assert.deepEqual(errors, []);
  await axe(page, 'report-check result');
});

test('public: a page whose tables are pictures — each said in its place, not drawn blank', async (c) => {
  if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
  const { page, errors } = await newPage();
  await page.goto('/report-check');
  const html = withPictures(readFileSync(path.join(REAL, '2024_junshan-area-page.html'), 'utf8'), [
    'table2',
    'table3',
    'table4',
  ]);
  await page.getByLabel('年度报告文件').setInputFiles({
    name: '君山片区2024年报.html',
    mimeType: 'text/html',
    buffer: Buffer.from(html),
  });
  await Promise.all([
    page.waitForURL('**/report-check'),
    page.getByRole('button', { name: '检查', exact: true }).click(),
  ]);
  await page.getByRole('heading', { name: '检查结果' }).waitFor();
  await page.getByText('发现 3 个错误').waitFor();
  assert.equal(
    await page.locator('ol.audit-findings li', { hasText: 'READ-TABLE-IMAGE' }).count(),
    3,
  );
  // in the tables' places, what they are; no grid of blank cells
  const notes = page.locator('div.audited-report p.table-picture');
  assert.equal(await notes.count(), 3);
  assert.match(await notes.nth(1).innerText(), /^表三在原文中是图片/);
  assert.equal(await page.locator('div.audited-report table').count(), 0);
  await notes.nth(0).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/report-check-pictures.png` });
  assert.deepEqual(errors, []);
  await axe(page, 'report-check pictures');
});

test('supervisor: a batch checked on the page and downloaded as XLSX', async (c) => {
  if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
  const { page, errors } = await newPage();
  await logInAs(page, 'check.supervisor');
  await page.getByRole('link', { name: '年报检查' }).click();
  await page.waitForURL('**/admin/report-check');
  const files = ['2020_pingtan.txt', '2021_pingtan.txt', '2024_huaian-city.pdf'].map(
    (f) => `${EXAMPLES}${f}`,
  );
  await page.getByLabel('年度报告文件（可多选）').setInputFiles(files);
  await Promise.all([
    page.waitForURL('**/admin/report-check'),
    page.getByRole('button', { name: '检查', exact: true }).click(),
  ]);
  await page.getByText('检查汇总（3 个文件）').waitFor();
  const summary = page.locator('table', { hasText: '检查汇总' }).locator('tbody tr');
  assert.equal(await summary.count(), 3);
  assert.match(await summary.nth(0).innerText(), /2020_pingtan\.txt\s+平潭综合实验区\s+2020\s+2\s/);
  await page.screenshot({ path: `${SHOTS}/report-check-batch.png` });
  await axe(page, 'admin report-check result');

  await page.getByLabel('年度报告文件（可多选）').setInputFiles(files);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '检查并下载问题清单（XLSX）' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^年报检查结果-\d{8}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const names = (book.getWorksheet('汇总')!.getColumn(1).values as unknown[]).slice(2);
  assert.deepEqual(names, ['2020_pingtan.txt', '2021_pingtan.txt', '2024_huaian-city.pdf']);
  // the 2020 report's two T3-SUM7 errors; the 2021 report has none (its sidecar lists no defect)
  const sum7: string[] = [];
  book.getWorksheet('问题清单')!.eachRow((row) => {
    if (row.getCell(2).value === 'T3-SUM7')
      sum7.push(
        `${String(row.getCell(1).value)} ${String(row.getCell(6).value)}→${String(row.getCell(7).value)}`,
      );
  });
  assert.deepEqual(sum7, ['2020_pingtan.txt 20→26', '2020_pingtan.txt 21→27']);
  assert.deepEqual(errors, []);
});
