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
import type { Table4 } from '../../src/domain/report/model.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';
import { withPictures } from '../support/page-dom.ts';

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

/**
 * The page as Chromium prints it to PDF on `paper`, offline (its images and styles not fetched);
 * with `pictures`, each <img> given a picture drawn on the spot (a ruled grid, as a screenshot of
 * a table would be).
 */
async function printed(html: string, paper: Paper, pictures = false): Promise<Uint8Array> {
  const context = await browser!.newContext({ locale: 'zh-CN' });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    if (pictures)
      await page.evaluate(() =>
        Promise.all(
          [...document.querySelectorAll('img')].map((img) => {
            const canvas = document.createElement('canvas');
            canvas.width = Number(img.getAttribute('width') ?? 300);
            canvas.height = canvas.width / 2;
            const g = canvas.getContext('2d')!;
            g.fillStyle = '#fff';
            g.fillRect(0, 0, canvas.width, canvas.height);
            for (let x = 0; x < canvas.width; x += 60) g.strokeRect(x, 0, 60, canvas.height);
            return new Promise((loaded) => {
              img.onload = loaded;
              img.src = canvas.toDataURL('image/png');
            });
          }),
        ),
      );
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

/**
 * A cell Chromium draws another cell's text over, per page and paper: 自然资源与生态环境局 2021's
 * table 四 breaks across pages on Letter inside its header, and the narrow 结果维持 header, set a
 * character a line, runs out of its cell onto the first figure (持 drawn over 1, page 5). The
 * reader leaves that cell blank and says so (READ-UNREADABLE, and T4-SUM cannot be checked) —
 * never a figure — and nothing else differs.
 */
const OVERDRAWN: Record<string, Record<string, { group: string; column: string }>> = {
  '2021_pingtan-natural-resources-page.html': { Letter: { group: '行政复议', column: '结果维持' } },
};

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
      const over = OVERDRAWN[file]?.[on];
      const table4: Table4 = structuredClone(page.report.table4);
      const cells = over ? table4[over.group] : undefined;
      if (over && cells) cells[over.column as keyof typeof cells] = null;
      assert.deepEqual(pdf.report.table4, table4, `${on}: table4`);
      for (const k of ['table2', 'table3', 'year', 'format'] as const)
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
      const said = over ? ['READ-UNREADABLE table4', `T4-SUM table4 group ${over.group}`] : [];
      assert.deepEqual(found(pdf.findings), [...found(page.findings), ...said].sort(), on);
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

// A page whose tables are screenshots, printed to PDF: the PDF paints them as images, and each
// is said once (READ-TABLE-IMAGE), the rest of the report read as the page.
test('real pages with their tables as pictures, printed to PDF: each picture table said once', async (c) => {
  if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
  const ALL = ['table2', 'table3', 'table4'] as const;
  for (const file of PAGES) {
    const html = withPictures(readFileSync(path.join(REAL, file), 'utf8'), ALL);
    const page = await auditPublishedReport(new TextEncoder().encode(html));
    const pdf = await auditPublishedReport(await printed(html, { format: 'A4' }, true));
    assert.equal(pdf.format, 'pdf');
    assert.ok(page.report && pdf.report, `${file}: read as an annual report`);
    const said = (fs: { rule: string; where: string }[]) =>
      fs.filter((f) => f.rule === 'READ-TABLE-IMAGE').map((f) => f.where);
    assert.deepEqual(said(page.findings), ALL, `${file}: the page`);
    assert.deepEqual(said(pdf.findings), ALL, `${file}: the PDF`);
    assert.equal(pdf.report.year, page.report.year);
    assert.equal(pdf.report.agency.name, page.report.agency.name);
    // (the portal's footer, printed under the report, ends the PDF's section 六)
    for (const k of ['overview', 'problems', 'other'] as const)
      assert.ok(
        words(pdf.report.narrative[k]).startsWith(words(page.report.narrative[k])),
        `${file}: ${k}`,
      );
    assert.deepEqual(
      pdf.findings.filter((f) => f.rule === 'TABLE-SHAPE' || f.rule === 'READ-MISSING-ROW'),
      [],
      file,
    );
  }
});
