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

/** The page as Chromium prints it to PDF on `paper`, offline (its images and styles not fetched). */
async function printed(html: string, paper: Paper): Promise<Uint8Array> {
  const context = await browser!.newContext({ locale: 'zh-CN' });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    return new Uint8Array(await page.pdf({ format: paper.format, landscape: paper.landscape }));
  } finally {
    await context.close();
  }
}

interface Paper {
  format: 'A4' | 'Letter' | 'A5';
  landscape?: boolean;
}

/**
 * Papers that break the tables in different places: inside a group (（三）不予公开 over rows
 * 1.–7., its cell left outside the next page's ruling), inside a row's label (5.要求行政机关确认或
 * 重新 | 出具已获取信息), before a lone last row (四、结转下年度继续办理; table 四's figures).
 */
const PAPERS: Paper[] = [{ format: 'A4' }, { format: 'Letter' }, { format: 'A4', landscape: true }];

const words = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');
const paperName = (p: Paper) => `${p.format}${p.landscape ? ' landscape' : ''}`;

test('the real pages are there to print', () => {
  assert.ok(PAGES.length >= 5, PAGES.join(', '));
});

for (const file of PAGES) {
  test(`real page ${file} printed to PDF by Chromium: read as the page is`, async (c) => {
    if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
    const html = readFileSync(path.join(REAL, file), 'utf8');
    const page = await auditPublishedReport(new TextEncoder().encode(html));
    assert.ok(page.report, 'the page reads as an annual report');
    for (const paper of PAPERS) {
      const on = paperName(paper);
      const pdf = await auditPublishedReport(await printed(html, paper));
      assert.equal(pdf.format, 'pdf');
      assert.ok(pdf.report, `${on}: read as an annual report`);
      for (const k of ['table2', 'table3', 'table4', 'year', 'format'] as const)
        assert.deepEqual(pdf.report[k], page.report[k], `${on}: ${k}`);
      assert.deepEqual(pdf.printedTable2, page.printedTable2, `${on}: table 二 as printed`);
      assert.equal(pdf.report.agency.name, page.report.agency.name, on);
      assert.doesNotMatch(pdf.report.agency.name, /[\u2e80-\u2fdf]/, `${on}: no radical left`);
      for (const k of ['overview', 'problems', 'other'] as const)
        assert.equal(
          words(pdf.report.narrative[k]),
          words(page.report.narrative[k]),
          `${on}: ${k}`,
        );
      const found = (fs: { rule: string; where: string }[]) =>
        fs.map((f) => `${f.rule} ${f.where}`).sort();
      assert.deepEqual(found(pdf.findings), found(page.findings), on);
    }
  });
}

// On A5 the 上海市政府办公厅 page's table 三 is wider than the paper and Chromium cuts its right
// columns off: whatever the paper, no cell is read other than the page has it, a row not read
// whole is said, and so is the cut, once (READ-CUT-OFF: the pages whose table is wider than
// the paper).
test('real pages printed on A5: no cell invented, every row not read whole said', async (c) => {
  if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
  let cut = 0;
  for (const file of PAGES) {
    const html = readFileSync(path.join(REAL, file), 'utf8');
    const page = await auditPublishedReport(new TextEncoder().encode(html));
    const pdf = await auditPublishedReport(await printed(html, { format: 'A5' }));
    assert.ok(page.report && pdf.report, file);
    let rowsCut = 0;
    for (const [key, values] of Object.entries(page.report.table3)) {
      const read = pdf.report.table3[key] ?? [];
      values.forEach((v, i) =>
        assert.ok(
          read[i] === v || read[i] === null,
          `${file} 三 ${key} #${i + 1}: ${read[i]} ≠ ${v}`,
        ),
      );
      if (read.some((v, i) => v !== values[i])) {
        cut++;
        rowsCut++;
        assert.ok(
          pdf.findings.some((f) => f.where === `table3 ${key}` && f.rule.startsWith('READ-')),
          `${file} 三 ${key} not read whole, and not said`,
        );
      }
    }
    // the cut is said once for the document, where the pages cut a table off
    const said = pdf.findings.find((f) => f.rule === 'READ-CUT-OFF');
    assert.equal(said !== undefined, rowsCut > 0, `${file}: READ-CUT-OFF iff rows are cut`);
    if (said) assert.match(said.message, /第\d+(、\d+)*页的表格宽于页面/);
  }
  // (the Shanghai page's table is cut: this test sees rows not read whole)
  assert.ok(cut > 0);
});
