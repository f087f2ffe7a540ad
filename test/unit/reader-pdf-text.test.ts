import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PdfReadError, pdfToText } from '../../src/readers/pdf-text.ts';

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
  assert.ok(lines.some((l) => l.startsWith('（三）不予公开\t1.属于国家秘密\t2\t')));
  assert.ok(lines.some((l) => l.startsWith('（五）不予处理\t1.信访举报投诉类申请\t56\t')));
  assert.ok(lines.some((l) => l.startsWith('（六）其他处理\t1、申请人无正当理由逾期不补正')));
  if (process.env.SHOW_PDF_TEXT) console.log(text);
});

/** A one-page PDF that only draws a rectangle, offsets computed. */
function rectanglePdf(): Uint8Array {
  const content = '0 0 1 rg 100 100 200 150 re f';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
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

test('pdf text: a PDF without a text layer reads as hasTextLayer false', async () => {
  const out = await pdfToText(rectanglePdf());
  assert.deepEqual(out, { text: '', pages: 1, hasTextLayer: false });
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
