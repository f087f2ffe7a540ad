/**
 * Reports whose tables are published as pictures (a screenshot of the Word table on the web
 * page, a picture in the Word file): the real pages of test/fixtures/reports/real with their
 * report tables replaced by <img>, inside a portal's chrome, and a Word file with pictures for
 * tables. Such a report is still read — its title, year, agency and narrative — and each
 * picture table is said once (READ-TABLE-IMAGE, an error: nothing in it can be checked), with
 * no flood of missing rows, sections or TABLE-SHAPE findings for cells that are in the picture.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { Document, ImageRun, Packer, Paragraph } from 'docx';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';
import { docxToText } from '../../src/readers/docx-text.ts';
import { openDrawing } from '../../src/readers/pdf-drawing.ts';
import { pdfToText } from '../../src/readers/pdf-text.ts';
import { htmlToText } from '../../src/readers/html-text.ts';
import { auditRead } from '../../src/readers/read-report.ts';
import { IMAGE_LINE, readReportText } from '../../src/readers/text.ts';
import { defaultTreeAdapter as dom, parse, serialize } from 'parse5';
import { elements, REAL, REAL_PAGES, withPictures, type TableId } from '../support/page-dom.ts';

const ALL: readonly TableId[] = ['table2', 'table3', 'table4'];
const pictures = (findings: { rule: string; where: string }[]) =>
  findings.filter((f) => f.rule === 'READ-TABLE-IMAGE').map((f) => f.where);

for (const page of REAL_PAGES)
  test(`${page}: tables published as pictures are said once each; the rest is read`, () => {
    const html = readFileSync(path.join(REAL, page), 'utf8');
    const whole = readReportText(htmlToText(html).text);
    assert.ok(whole.report);
    const read = readReportText(htmlToText(withPictures(html, ALL)).text);
    const { report } = read;
    assert.ok(report, 'still read as a report');
    assert.equal(report.year, whole.report.year);
    assert.equal(report.agency.name, whole.report.agency.name);
    assert.deepEqual(report.narrative, whole.report.narrative);
    const findings = auditRead(read);
    assert.deepEqual(pictures(findings), ALL);
    assert.ok(findings.some((f) => f.rule === 'READ-TABLE-IMAGE' && f.severity === 'error'));
    // nothing else said of the tables in the pictures: no missing rows or cells
    const onTables = findings.filter(
      (f) => f.rule !== 'READ-TABLE-IMAGE' && (f.cell || /^table[234]/.test(f.where)),
    );
    assert.deepEqual(
      onTables.map((f) => `${f.rule} ${f.where}`),
      [],
    );

    // table 三 alone a picture: tables 二 and 四 read as the page's
    const one = readReportText(htmlToText(withPictures(html, ['table3'])).text);
    assert.ok(one.report);
    assert.deepEqual(pictures(one.findings), ['table3']);
    assert.deepEqual(one.report.table2, whole.report.table2);
    assert.deepEqual(one.report.table4, whole.report.table4);
    assert.deepEqual(one.report.table3, {});

    // pictures in the chrome and a seal under the date, none in the tables' place: read as the
    // page, the seal no part of the narrative
    const chrome = readReportText(htmlToText(withPictures(html, [])).text);
    assert.deepEqual(chrome.report?.table3, whole.report.table3);
    assert.deepEqual(chrome.report?.narrative, whole.report.narrative);
    assert.deepEqual(pictures(chrome.findings), []);
  });

test('text with pictures as copy tools and Markdown write them: each picture table said', () => {
  const html = readFileSync(path.join(REAL, '2024_junshan-area-page.html'), 'utf8');
  const ours = htmlToText(withPictures(html, ALL)).text;
  const whole = readReportText(ours);
  const forms = ['![表格](images/table.png)', '【图片1】', '[图片2]', '  ![](a.jpg)  '];
  for (const form of forms) {
    const read = readReportText(ours.replaceAll(IMAGE_LINE, form));
    assert.deepEqual(pictures(read.findings), ALL, form);
    assert.deepEqual(read.report?.narrative, whole.report?.narrative, form);
  }
  // a picture named inside a sentence is no picture line
  const inline = readReportText(ours.replaceAll(IMAGE_LINE, '见下图[图片]所示'));
  assert.deepEqual(pictures(inline.findings), []);
});

test('pictures before every paragraph and table of the real pages: read as the pages, nothing more said', () => {
  for (const page of REAL_PAGES) {
    const html = readFileSync(path.join(REAL, page), 'utf8');
    const doc = parse(html);
    for (const el of [...elements(doc, ['table']), ...elements(doc, ['p'])]) {
      const img = dom.createElement('img', el.namespaceURI, [{ name: 'src', value: '/x.png' }]);
      if (el.parentNode) dom.insertBefore(el.parentNode, img, el);
    }
    const text = htmlToText(serialize(doc)).text;
    assert.ok(text.split(IMAGE_LINE).length > 20, page);
    const whole = readReportText(htmlToText(html).text);
    const read = readReportText(text);
    assert.deepEqual(read.report, whole.report, page);
    assert.deepEqual(read.findings, whole.findings, page);
  }
});

test('a table missing, no picture in its place: said missing once, by the reader and by TABLE-SHAPE', () => {
  const html = readFileSync(path.join(REAL, REAL_PAGES[0] ?? ''), 'utf8');
  for (const id of ['table2', 'table3', 'table4'] as const) {
    const gone = withPictures(html, [id]).replace(/<img src="\/upload\/table[234].png"[^>]*>/, '');
    const text = htmlToText(gone).text;
    const findings = auditRead(readReportText(text));
    assert.deepEqual(pictures(findings), [], id);
    const on = findings.filter((f) => f.where.startsWith(id));
    const said = (rule: string) => on.filter((f) => f.rule === rule).map((f) => f.where);
    assert.deepEqual(said('READ-MISSING-SECTION'), [id], id);
    assert.deepEqual(said('TABLE-SHAPE'), [id], id);
    assert.deepEqual(said('READ-MISSING-ROW'), [], id);
    assert.match(on.find((f) => f.rule === 'TABLE-SHAPE')?.message ?? '', /整张缺失/);
  }
});

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

test('docx: a Word file with pictures for its tables is read; each picture table said', async () => {
  const picture = () =>
    new Paragraph({
      children: [
        new ImageRun({ type: 'png', data: PNG, transformation: { width: 600, height: 300 } }),
      ],
    });
  const lines = (texts: string[]) => texts.map((t) => new Paragraph(t));
  const doc = new Document({
    sections: [
      {
        children: [
          ...lines([
            '某某县人民政府2023年政府信息公开工作年度报告',
            '一、总体情况',
            '2023年，本县认真贯彻落实《中华人民共和国政府信息公开条例》。',
            '二、主动公开政府信息情况',
          ]),
          picture(),
          ...lines(['三、收到和处理政府信息公开申请情况']),
          picture(),
          ...lines(['四、政府信息公开行政复议、行政诉讼情况']),
          picture(),
          ...lines([
            '五、存在的主要问题及改进情况',
            '一是公开内容有待丰富。',
            '六、其他需要报告的事项',
            '本年度未收取信息处理费。',
          ]),
        ],
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  const { text } = await docxToText(bytes);
  assert.equal(text.split('\n').filter((l) => l === IMAGE_LINE).length, 3);
  const audit = await auditPublishedReport(bytes);
  assert.ok(audit.report);
  assert.equal(audit.report.year, 2023);
  assert.equal(audit.report.agency.name, '某某县人民政府');
  assert.deepEqual(pictures(audit.findings), ALL);
  assert.deepEqual(
    audit.findings.filter((f) => f.rule === 'TABLE-SHAPE' || f.rule === 'READ-MISSING-ROW'),
    [],
  );
});

test('pdf: an encrypted PDF with pictures for its tables — each found, each said', async () => {
  const bytes = new Uint8Array(
    readFileSync(
      fileURLToPath(
        new URL('../fixtures/pdf/2023_town-tables-as-pictures-encrypted.pdf', import.meta.url),
      ),
    ),
  );
  // (its streams are encrypted: the pictures come from pdfjs's operator list)
  assert.equal(await openDrawing(bytes), null);
  const { text } = await pdfToText(bytes);
  const lines = text.split('\n');
  for (const heading of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况'])
    assert.equal(lines[lines.indexOf(heading) + 1], IMAGE_LINE, heading);
  const audit = await auditPublishedReport(bytes);
  assert.equal(audit.report?.agency.name, '某某镇人民政府');
  assert.deepEqual(pictures(audit.findings), ALL);
});
