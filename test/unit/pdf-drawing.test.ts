// A page's rulings read from its content streams (pdf-drawing.ts) are those pdfjs's operator list
// gives (pdf-lattice.ts rulingsOf), on every page of the example and real PDFs; the scanner skips
// strings and inline images, and hands back null (pdfjs reads the page then) for what it cannot
// read itself.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPdfjs } from '../../src/readers/load-pdfjs.mjs';
import { MAX_DRAWING_BYTES, openDrawing, scan } from '../../src/readers/pdf-drawing.ts';
import { pdfToText } from '../../src/readers/pdf-text.ts';
import { MAX_RULINGS, gridsOf, rulingsOf, type Rulings } from '../../src/readers/pdf-lattice.ts';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports');
const PDFS = [
  ...readdirSync(FIX).filter((f) => f.endsWith('.pdf')),
  ...readdirSync(path.join(FIX, 'real'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => `real/${f}`),
];

const rounded = (r: Rulings) =>
  JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v));

test('pdf drawing: at least four PDFs to compare', () => assert.ok(PDFS.length >= 4));

for (const file of PDFS) {
  test(`pdf drawing: ${file} — every page's rulings as pdfjs's operator list gives them`, async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIX, file)));
    const drawing = await openDrawing(bytes);
    assert.ok(drawing, 'the document is read');
    const pdfjs = await loadPdfjs();
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    let lines = 0;
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const mine: Rulings | null = drawing.rulings(page.ref!.num);
        assert.ok(mine, `page ${n} is read from its content streams`);
        const list = await page.getOperatorList();
        assert.equal(rounded(mine), rounded(rulingsOf(list.fnArray, list.argsArray, pdfjs.OPS)));
        lines += mine.h.length + mine.v.length;
      }
    } finally {
      await doc.destroy();
    }
    assert.ok(lines > 20, `${lines} rulings`);
  });
}

const enc = (s: string) => new TextEncoder().encode(s);

test('pdf drawing: strings, names, comments and inline images are not read as operators', () => {
  const content = enc(
    [
      'q 1 0 0 1 10 20 cm',
      '0 0 m 100 0 l S',
      // each of these holds a stroked line that must not be drawn
      'BT /F1 10 Tf (0 0 m 0 70 l S \\) (1) ) Tj [(0 5 m 80 5 l S) 120 (x)] TJ <30203020> Tj ET',
      '% 0 0 m 0 100 l S',
      'BI /W 4 /H 1 /BPC 8 /CS /G ID \x00 0 7 m 90 7 l S\x0a EI',
      '50 0 50 80 re S',
      'Q',
      '5 5 m 5 60 l 5 5 l n',
    ].join('\n'),
  );
  const r = scan(content, new Set())!;
  // the stroked line (shifted by cm), the stroked rectangle's four sides; nothing else
  assert.deepEqual(
    r.h.map((s) => [s.at, s.a, s.b]),
    [
      [20, 10, 110],
      [100, 60, 110],
    ],
  );
  assert.deepEqual(
    r.v.map((s) => [s.at, s.a, s.b]),
    [
      [60, 20, 100],
      [110, 20, 100],
    ],
  );
});

test('pdf drawing: a page that draws a form XObject is left to pdfjs', () => {
  assert.equal(scan(enc('0 0 m 100 0 l S /Fm1 Do'), new Set(['Fm1'])), null);
  assert.ok(scan(enc('0 0 m 100 0 l S /Im1 Do'), new Set(['Fm1'])));
});

test('pdf drawing: what pdf-lib cannot parse, or a file too large for it to copy, is no drawing (pdfjs reads it)', async () => {
  assert.equal(await openDrawing(enc('%PDF-1.4\ngarbage')), null);
  const real = readFileSync(path.join(FIX, PDFS[0]!));
  const padded = new Uint8Array(MAX_DRAWING_BYTES + 1);
  padded.set(real);
  assert.ok(await openDrawing(padded.subarray(0, real.length)), 'the file itself is read');
  assert.equal(await openDrawing(padded), null);
});

test('pdf drawing: a damaged object is no drawing and nothing is printed; pdfjs reads the text as before', async (t) => {
  const real = readFileSync(path.join(FIX, '2024_huaian-city.pdf'));
  const at = real.toString('latin1').indexOf('\n5 0 obj\n<<>>');
  assert.ok(at > 0);
  const damaged = Buffer.from(real);
  damaged.write('<<]>', at + 9, 'latin1'); // an empty dictionary made unparsable
  const printed: unknown[] = [];
  for (const name of ['log', 'warn', 'error'] as const)
    t.mock.method(console, name, (...args: unknown[]) => printed.push(args));
  assert.equal(await openDrawing(new Uint8Array(damaged)), null);
  assert.deepEqual(printed, []);
  t.mock.restoreAll();
  const [a, b] = await Promise.all([
    pdfToText(new Uint8Array(damaged)),
    pdfToText(new Uint8Array(real)),
  ]);
  assert.ok(a.text.includes('本年新收政府信息公开申请数量'));
  assert.equal(a.text, b.text);
});

test('pdf drawing: an encrypted PDF is no drawing; read from pdfjs, it gives the text of the plain PDF', async () => {
  const encrypted = new Uint8Array(
    readFileSync(path.join(FIX, '../pdf/2020_pingtan-market-regulation-encrypted.pdf')),
  );
  assert.equal(await openDrawing(encrypted), null);
  const plain = new Uint8Array(
    readFileSync(path.join(FIX, 'real/2020_pingtan-market-regulation-pdf.pdf')),
  );
  const [a, b] = await Promise.all([pdfToText(encrypted), pdfToText(plain)]);
  assert.ok(a.text.includes('一、本年新收政府信息公开申请数量\t\t\t5\t0\t0\t0\t0\t0\t5'), a.text);
  assert.equal(a.text, b.text);
});

test('pdf lattice: a page of more rulings than MAX_RULINGS is read as lines, its table not laid out', async () => {
  // a 3 × 2 table ruled at 100-pt steps …
  const table: Rulings = {
    h: [0, 100, 200].map((at) => ({ at: 500 + at, a: 100, b: 400 })),
    v: [100, 250, 400].map((at) => ({ at, a: 500, b: 700 })),
  };
  const [grid] = gridsOf(table);
  assert.deepEqual(grid?.xs, [100, 250, 400]);
  assert.deepEqual(grid?.ys, [700, 600, 500]);
  // … beside as many dashes as it takes to pass the limit: matching them costs their product
  const dashes = Array.from({ length: MAX_RULINGS }, (_, i) => ({
    at: 20 + (i % 50) * 5,
    a: 20,
    b: 23,
  }));
  assert.deepEqual(gridsOf({ h: [...table.h, ...dashes], v: table.v }), []);
  assert.equal(gridsOf({ h: [...table.h, ...dashes.slice(6)], v: table.v }).length, 1);
  // end to end: a page drawing 80,000 dashes beside three figures in a column reads (as lines)
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const y of [780, 765, 750]) page.drawText('1', { x: 400, y, size: 10, font });
  let ops = '0.5 w\n';
  for (let i = 0; i < 40_000; i++) {
    const line = Math.floor(i / 60);
    const k = i % 60;
    ops += `${50 + k * 8} ${100 + line * 5} m ${53 + k * 8} ${100 + line * 5} l S\n`;
    ops += `${50 + line * 5} ${100 + k * 8} m ${50 + line * 5} ${103 + k * 8} l S\n`;
  }
  page.node.addContentStream(doc.context.register(doc.context.flateStream(ops)));
  const { text } = await pdfToText(await doc.save());
  assert.equal(text.replace(/\s+/g, ''), '111');
});

test('pdf drawing: images painted (Do of an image XObject, inline BI) are boxed in page space', () => {
  const content = enc(
    [
      'q 400 0 0 200 100 300 cm /Im1 Do Q',
      'q 0.5 0 0 0.5 0 0 cm q 60 0 0 40 20 10 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q Q',
      '/Fm0 gs /Other Do',
    ].join('\n'),
  );
  const r = scan(content, new Set(), new Set(['Im1']))!;
  assert.deepEqual(r.images, [
    { x0: 100, y0: 300, x1: 500, y1: 500 },
    { x0: 10, y0: 5, x1: 40, y1: 25 },
  ]);
  assert.equal(scan(enc('0 0 m 100 0 l S'), new Set())?.images, undefined);
});
