// Real published pages printed to PDF by Chromium ("打印 → 另存为 PDF", as an office saves a
// page it publishes or checks) are read as the pages themselves are: the same tables, year,
// agency and findings, the same narrative but for line breaks. Chromium's PDFs differ from the
// word processors' the PDF reader was built on: the text layer gives radicals' code points for
// some ideographs (⼈ U+2F08, ⺠ U+2EA0 for 民) and starts a new item at each of them, an item
// may run across a cell border (三、本年度办理结果 （ | 一）予以公开), and a table broken across
// pages is ruled again on the next page with its own columns.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';

const REAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports/real');
const PAGES = readdirSync(REAL)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => (JSON.parse(readFileSync(path.join(REAL, f), 'utf8')) as { file: string }).file)
  .filter((f) => f.endsWith('.html'));

let browser: Browser | undefined;

before(async () => {
  if (HAVE_CHROMIUM) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** The page as Chromium prints it to an A4 PDF, offline (its images and styles not fetched). */
async function printed(html: string): Promise<Uint8Array> {
  const context = await browser!.newContext({ locale: 'zh-CN' });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    return new Uint8Array(await page.pdf({ format: 'A4' }));
  } finally {
    await context.close();
  }
}

const words = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');

test('the real pages are there to print', () => {
  assert.ok(PAGES.length >= 5, PAGES.join(', '));
});

for (const file of PAGES) {
  test(`real page ${file} printed to PDF by Chromium: read as the page is`, async (c) => {
    if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
    const html = readFileSync(path.join(REAL, file), 'utf8');
    const pdf = await auditPublishedReport(await printed(html));
    const page = await auditPublishedReport(new TextEncoder().encode(html));
    assert.equal(pdf.format, 'pdf');
    assert.ok(pdf.report && page.report, 'both read as annual reports');
    for (const k of ['table2', 'table3', 'table4', 'year', 'format'] as const)
      assert.deepEqual(pdf.report[k], page.report[k], k);
    assert.deepEqual(pdf.printedTable2, page.printedTable2, 'table 二 as printed');
    assert.equal(pdf.report.agency.name, page.report.agency.name);
    assert.doesNotMatch(pdf.report.agency.name, /[\u2e80-\u2fdf]/, 'no radical left');
    for (const k of ['overview', 'problems', 'other'] as const)
      assert.equal(words(pdf.report.narrative[k]), words(page.report.narrative[k]), k);
    const found = (fs: { rule: string; where: string }[]) =>
      fs.map((f) => `${f.rule} ${f.where}`).sort();
    assert.deepEqual(found(pdf.findings), found(page.findings));
  });
}
