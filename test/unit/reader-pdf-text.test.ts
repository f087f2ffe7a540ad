import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { PdfReadError, pdfToText } from '../../src/readers/pdf-text.ts';
import { MAX_DRAWING_BYTES } from '../../src/readers/pdf-drawing.ts';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const load = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

interface Sidecar {
  table2: Record<string, Record<string, Record<string, number | string | null>>>;
  table3: { rows: Record<string, (number | null)[]>; row_labels: Record<string, string> };
  table4: { values: (number | null)[] };
}

const cellsOf = (text: string) => text.split('\n').map((l) => l.split('\t'));

/** The row's label keyword: the last words of its label, without numbering. */
const keyword = (label: string) =>
  label
    .split(' ')
    .at(-1)!
    .replace(/^[一二三四五六七八九十]+、|^（[一二三四五六七]）|^\d[.、]/, '')
    .slice(0, 6);

function hasRow(text: string, key: string, values: (number | null)[]): boolean {
  const want = values.map((v) => String(v));
  return cellsOf(text).some((cells) => {
    const i = cells.findIndex((c) => c.includes(key));
    if (i < 0) return false;
    const nums = cells.slice(i + 1).filter((c) => /^\d/.test(c));
    return nums.join('|') === want.join('|');
  });
}

for (const stem of ['2024_huaian-city', '2023_hongze-district']) {
  test(`pdf text: ${stem} — every table-三 row is one line of TAB cells with its 7 numbers`, async () => {
    const side = JSON.parse(readFileSync(new URL(`${stem}.expected.json`, dir), 'utf8')) as Sidecar;
    const t0 = performance.now();
    const out = await pdfToText(load(`${stem}.pdf`));
    console.log(`# ${stem}: ${out.pages} pages, ${(performance.now() - t0).toFixed(0)} ms`);
    assert.equal(out.hasTextLayer, true);
    assert.ok(out.text.includes('\n\f\n'));
    for (const [row, values] of Object.entries(side.table3.rows)) {
      const key = row === '三（六）' ? '其他处理' : keyword(side.table3.row_labels[row]!);
      assert.ok(hasRow(out.text, key, values), `row ${row} (${key}): ${values.join(' ')}`);
    }
    // table 四: the 15 numbers as the cells of consecutive lines
    const numeric = cellsOf(out.text).filter((c) => c.every((x) => /^\d+$/.test(x)));
    const flat = numeric.map((c) => c.join('|')).join('|');
    assert.ok(flat.includes(side.table4.values.join('|')), 'table 四');
    // table 二: one-number rows
    const t2 = side.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量'];
    assert.ok(hasRow(out.text, '行政许可', [t2 as number]), 'table 二 行政许可');
    const fine = side.table2['第二十条第（六）项']!['行政处罚']!['本年处理决定数量'];
    assert.ok(hasRow(out.text, '行政处罚', [fine as number]), 'table 二 行政处罚');
  });
}

test('pdf text: the Huaian rowspan labels sit on the first row they cover', async () => {
  const { text } = await pdfToText(load('2024_huaian-city.pdf'));
  const lines = text.split('\n');
  // (after the empty cell that the merged 三、本年度办理结果 leaves in the rows below its first)
  assert.ok(lines.some((l) => /^\t?（三）不予公开\t1\.属于国家秘密\t2\t/.test(l)));
  assert.ok(lines.some((l) => /^\t?（五）不予处理\t1\.信访举报投诉类申请\t56\t/.test(l)));
  assert.ok(lines.some((l) => /^\t?（六）其他处理\t1、申请人无正当理由逾期不补正/.test(l)));
  if (process.env.SHOW_PDF_TEXT) console.log(text);
});

/**
 * A PDF of these pages' content streams (Helvetica as /F1), offsets computed; `form`, when given,
 * is the content of a form XObject every page can draw as /Fm1.
 */
function makePdf(contents: string[], form?: string): Uint8Array {
  const n = contents.length;
  const kids = contents.map((_, i) => `${3 + 2 * i} 0 R`).join(' ');
  const xobject = form === undefined ? '' : `/XObject << /Fm1 ${4 + 2 * n} 0 R >> `;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`,
    ...contents.flatMap((content, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + 2 * i} 0 R ` +
        `/Resources << /Font << /F1 ${3 + 2 * n} 0 R >> ${xobject}>> >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ...(form === undefined
      ? []
      : [
          `<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length ${form.length} >>\n` +
            `stream\n${form}\nendstream`,
        ]),
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/** A one-page PDF that only draws a rectangle. */
const rectanglePdf = () => makePdf(['0 0 1 rg 100 100 200 150 re f']);

/** Text at (x, y) in 10-point Helvetica. */
const show = (x: number, y: number, s: string) => `BT /F1 10 Tf 1 0 0 1 ${x} ${y} Tm (${s}) Tj ET`;

/** Rulings as stroked lines, or as 0.6-point filled rectangles (as Word draws them). */
const rule = (x0: number, y0: number, x1: number, y1: number, filled: boolean) =>
  filled
    ? `${Math.min(x0, x1) - 0.3} ${Math.min(y0, y1) - 0.3} ${Math.abs(x1 - x0) + 0.6} ${Math.abs(y1 - y0) + 0.6} re f`
    : `${x0} ${y0} m ${x1} ${y1} l S`;

/**
 * A table: columns at x 100 | 200 | 260 | 320, rows at y 700 | 680 | 650 | 630 | 610 | 590. The
 * label of row 2 wraps over two lines beside its figure (which sits between them); row 2's last
 * cell is blank; row 5's figure is in a cell merged over the last two columns (no ruling at x 260
 * there). (The figures of column A stand one under another: a page is read for its rulings when
 * it shows a table's figures or header words.)
 */
function tablePage(
  filled: boolean,
  dx = 0,
  underlined = false,
  open = false,
  double = false,
): string {
  // a double border: a second line 3 points off each ruling
  const r = (x0: number, y0: number, x1: number, y1: number) =>
    rule(x0 - dx, y0, x1 - dx, y1, filled) +
    (double
      ? ` ${rule(x0 - dx + (x0 === x1 ? 3 : 0), y0 + (y0 === y1 ? 3 : 0), x1 - dx + (x0 === x1 ? 3 : 0), y1 + (y0 === y1 ? 3 : 0), filled)}`
      : '');
  const rulings = [
    ...[700, 680, 650, 630, 610, 590].map((y) => r(100, y, 320, y)),
    // (an open table has no borders at its sides)
    ...(open ? [200] : [100, 200, 320]).map((x) => r(x, 590, x, 700)),
    r(260, 610, 260, 700),
    // underlined text: a thin line under it like a border, flush with the cell's left border
    ...(underlined ? [r(100, 666, 125, 666), r(224, 659, 231, 659)] : []),
  ];
  return [
    // the rulings drawn in a shifted coordinate system: they must meet the text all the same
    `q 1 0 0 1 ${dx} 0 cm 0.5 w`,
    ...rulings,
    'Q',
    show(102, 686, 'Item'),
    show(202, 686, 'A'),
    show(262, 686, 'B'),
    show(102, 668, 'long'),
    show(102, 655, 'label'),
    show(225, 661, '5'),
    show(102, 636, 'two'),
    show(225, 636, '7'),
    show(285, 636, '8'),
    show(102, 616, 'three'),
    show(225, 616, '9'),
    show(285, 616, '1'),
    show(102, 596, 'Total'),
    show(255, 596, '12'),
  ].join('\n');
}

const TABLE = ['Item\tA\tB', 'long label\t5\t', 'two\t7\t8', 'three\t9\t1', 'Total\t12\t'];

for (const [how, filled, dx, underlined, open, double] of [
  ['stroked lines', false, 0, false, false, false],
  ['thin filled rectangles under a transform', true, 40, false, false, false],
  ['underlined text', false, 0, true, false, false],
  ['no borders at its sides', false, 0, false, true, false],
  ['double borders', false, 0, false, false, true],
] as const) {
  test(`pdf text: a ruled table (${how}) — wrapped label, blank cell and merged cell on its grid`, async () => {
    const page = tablePage(filled, dx, underlined, open, double);
    const { text } = await pdfToText(makePdf([page]));
    assert.deepEqual(text.split('\n'), TABLE);
  });
}

test('pdf text: a table whose rulings are drawn in a form XObject is read from the pdfjs drawing', async () => {
  const page = tablePage(false);
  const rulings = /^q[\s\S]*?^Q$/m.exec(page)![0];
  const { text } = await pdfToText(makePdf([page.replace(rulings, '/Fm1 Do')], rulings));
  assert.deepEqual(text.split('\n'), TABLE);
});

test('pdf text: the text of an unruled table is read from its lines alone', async () => {
  const content = tablePage(false).replace(/^q[\s\S]*?^Q$/m, '');
  const { text } = await pdfToText(makePdf([content]));
  assert.notDeepEqual(text.split('\n'), TABLE);
  assert.ok(text.includes('two\t7\t8'), text);
});

test('pdf text: a table row cut by a page break is joined back; a header repeated on the next page is not', async () => {
  const ruled = (ys: number[], x = [100, 200, 260, 320]) => [
    ...ys.map((y) => rule(x[0]!, y, x.at(-1)!, y, false)),
    ...x.map((xx) => rule(xx, ys.at(-1)!, xx, ys[0]!, false)),
  ];
  const row = (y: number, ...cells: string[]) =>
    cells.flatMap((c, i) => (c ? [show([102, 202, 262][i]!, y, c)] : []));
  const page1 = [
    ...ruled([700, 680, 660, 640, 620]),
    ...row(686, 'Item', 'A', 'B'),
    ...row(666, 'a', '1', '2'),
    ...row(646, 'b', '3', '4'),
    ...row(626, '6.first', '5', '6'),
  ].join('\n');
  // page 2: the rest of the cut row (its label's last word beside empty cells), then rows
  const rest = [...row(751, 'Next', '7', '8'), ...row(731, 'Last', '9', '10')];
  const page2 = (first: string[]) =>
    [...ruled([800, 780, 760, 740, 720]), ...first, ...row(771, 'c', '11', '12'), ...rest].join(
      '\n',
    );
  const { text } = await pdfToText(makePdf([page1, page2(row(791, 'words'))]));
  assert.equal(
    text,
    'Item\tA\tB\na\t1\t2\nb\t3\t4\n6.first words\t5\t6\n\f\nc\t11\t12\nNext\t7\t8\nLast\t9\t10',
  );
  // the same, but page 2 starts with the header again: a row of its own
  const again = await pdfToText(makePdf([page1, page2(row(791, 'Item', 'A', 'B'))]));
  assert.ok(again.text.includes('6.first\t5\t6\n\f\nItem\tA\tB\nc\t11'), again.text);
});

test('pdf text: a cut row whose group label is merged over the rows above the break joins that label', async () => {
  // columns group | label | A | B at x 100 | 160 | 260 | 300 | 340; the group cell spans the
  // last two rows of page 1 (no ruling between them in its column)
  const x = [100, 160, 260, 300, 340];
  const page1 = [
    ...[700, 680, 640].map((y) => rule(100, y, 340, y, false)),
    rule(160, 660, 340, 660, false),
    ...x.map((xx) => rule(xx, 640, xx, 700, false)),
    show(102, 686, 'G'),
    show(162, 686, 'Item'),
    show(262, 686, '1'),
    show(302, 686, '2'),
    show(102, 666, '(4)no'),
    show(162, 666, 'one'),
    show(262, 666, '3'),
    show(302, 666, '4'),
    show(162, 646, 'two'),
    show(262, 646, '5'),
    show(302, 646, '6'),
  ].join('\n');
  const page2 = [
    ...[800, 780, 760, 740, 720].map((y) => rule(100, y, 340, y, false)),
    ...x.map((xx) => rule(xx, 720, xx, 800, false)),
    show(102, 786, 'data'),
    show(162, 786, 'more'),
    ...[766, 746, 726].flatMap((y, i) => [
      show(162, y, `r${i}`),
      show(262, y, String(7 + i)),
      show(302, y, String(9 + i)),
    ]),
  ].join('\n');
  const { text } = await pdfToText(makePdf([page1, page2]));
  assert.equal(text.split('\n\f\n')[0], 'G\tItem\t1\t2\n(4)no data\tone\t3\t4\n\ttwo more\t5\t6');
});

test('pdf text: a PDF without a text layer reads as hasTextLayer false', async () => {
  const out = await pdfToText(rectanglePdf());
  assert.deepEqual(out, { text: '', pages: 1, hasTextLayer: false, cutOff: [], scanned: [] });
});

const refuses = async (bytes: Uint8Array, reason: string) => {
  await assert.rejects(pdfToText(bytes), (e: unknown) => {
    assert.ok(e instanceof PdfReadError, String(e));
    assert.equal(e.reason, reason);
    assert.match(e.message, /[\u4e00-\u9fff]/);
    return true;
  });
};

test('pdf text: empty, random, oversized and non-PDF input are refused with a Chinese message', async () => {
  await refuses(new Uint8Array(0), 'empty');
  let seed = 42;
  const random = Uint8Array.from(
    { length: 4096 },
    () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 255,
  );
  await refuses(random, 'not_pdf');
  await assert.rejects(pdfToText(new Uint8Array(2048), { maxBytes: 1024 }), /文件过大/);
});

test('pdf text: a PDF header over garbage and a truncated real PDF end in an error or partial text, never a crash', async () => {
  const junk = new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(5000));
  await refuses(junk, 'corrupt');
  const real = load('2024_huaian-city.pdf');
  for (const cut of [0.1, 0.5, 0.9]) {
    const part = real.slice(0, Math.floor(real.length * cut));
    const r = await pdfToText(part).then(
      (ok) => ok,
      (e: unknown) => e as Error,
    );
    if (r instanceof Error) assert.ok(r instanceof PdfReadError, String(r));
    else assert.equal(typeof r.text, 'string');
  }
});

test('pdf text: a small PDF whose pages repeat one page of text past the text limit is refused once it passes it', async () => {
  // one content stream of 20,000 figures, shared by 200 pages: 60 KB of PDF, 8 million characters
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([595, 842]);
  first.drawText('1', { x: 10, y: 10, size: 8, font });
  const fontName = /\/(Helvetica-\d+)/.exec(
    String(first.node.Resources()?.lookup(PDFName.of('Font'))),
  )?.[1];
  assert.ok(fontName);
  let ops = `BT /${fontName} 6 Tf\n`;
  for (let i = 0; i < 20_000; i++)
    ops += `1 0 0 1 ${20 + (i % 90) * 6} ${20 + (Math.floor(i / 90) % 130) * 6} Tm (${i % 10}) Tj\n`;
  const contents = doc.context.register(doc.context.flateStream(`${ops}ET\n`));
  const resources = first.node.get(PDFName.of('Resources'));
  assert.ok(resources);
  for (let p = 0; p < 200; p++) {
    const page = p === 0 ? first : doc.addPage([595, 842]);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), contents);
  }
  const bytes = await doc.save();
  assert.ok(bytes.length < 100_000, `${bytes.length} bytes`);
  await refuses(bytes, 'too_large');
  await assert.rejects(pdfToText(bytes), /PDF 的文字超过 200 万字（读到第 \d+ 页，共 200 页）/);
});

test('pdf text: a ruled table wider than the page is said cut off (READ-CUT-OFF), one that fits is not', async () => {
  const fits = await pdfToText(makePdf([tablePage(false)]));
  assert.deepEqual(fits.cutOff, []);
  // a fourth column from x 320 to 700, past the page's right edge at 595 (paper too narrow)
  const wider = [700, 680, 650, 630, 610, 590].map((y) => rule(320, y, 700, y, false));
  const cut = await pdfToText(
    makePdf([
      tablePage(false),
      `${tablePage(false)}\n0.5 w\n${wider.join('\n')}\n${rule(700, 590, 700, 700, false)}`,
    ]),
  );
  assert.deepEqual(cut.cutOff, [2]);
});

/** A 1×1 PNG, drawn as large as a page's text: a scanned page. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

test('pdf text: a scanned page among pages of text is said (READ-SCANNED-PAGES), nothing of it invented', async () => {
  const real = readFileSync(new URL('real/2020_pingtan-market-regulation-pdf.pdf', dir));
  const whole = await auditPublishedReport(new Uint8Array(real));
  assert.ok(whole.report);
  const doc = await PDFDocument.load(real);
  const { width, height } = doc.getPage(2).getSize();
  doc.removePage(2);
  const scan = doc.insertPage(2, [width, height]);
  scan.drawImage(await doc.embedPng(PNG), {
    x: 40,
    y: 60,
    width: width - 80,
    height: height - 120,
  });
  // a blank page is no scan
  doc.addPage([width, height]);
  const small = await doc.save();
  // the same beyond 8 MB (an unused stream of noise): pdf-lib does not read it, pdfjs tells the pictures
  doc.context.register(doc.context.flateStream(randomBytes(MAX_DRAWING_BYTES), {}));
  const large = await doc.save({ useObjectStreams: false });
  assert.ok(large.length > MAX_DRAWING_BYTES);
  for (const bytes of [small, large]) {
    const pdf = await pdfToText(bytes);
    assert.deepEqual(pdf.scanned, [3]);
    const audit = await auditPublishedReport(bytes);
    const said = audit.findings.filter((f) => f.rule === 'READ-SCANNED-PAGES');
    assert.equal(said.length, 1);
    assert.match(said[0]?.message ?? '', /^PDF 第3页没有文字，是扫描件或图片/);
    assert.equal(audit.findings[0]?.rule, 'READ-SCANNED-PAGES');
    // no cell read other than the whole PDF has it
    assert.ok(audit.report);
    for (const [key, values] of Object.entries(audit.report.table3))
      values.forEach((v, i) => assert.ok(v === null || v === whole.report?.table3[key]?.[i], key));
  }
});
