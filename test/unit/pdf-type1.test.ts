import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { PdfReadError, pdfToText } from '../../src/readers/pdf-text.ts';
import { damagedType1Font } from '../../src/readers/pdf-type1.ts';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A Type 1 font program's clear text with the given encoding indices, then its encrypted part. */
const program = (indices: number[]) =>
  latin1(
    '%!PS-AdobeFont-1.0: Test 001.000\n/FontName /ABCDEF+Test def\n/Encoding 256 array\n' +
      '0 1 255 {1 index exch /.notdef put} for\n' +
      indices.map((i) => `dup ${i} /g${i} put\n`).join('') +
      'readonly def\ncurrentfile eexec\n\u00d9\u00d6\u008f\u0015dup 99999 junk',
  );

/** A PDF's bytes around one font-program stream (what the guard reads: the stream objects). */
const pdfWith = (dict: string, data: Buffer) =>
  Buffer.concat([
    latin1(
      `%PDF-1.4\n5 0 obj\n<<${dict}/Length1 120/Length2 40/Length3 0/Length ${data.length}>>\nstream\n`,
    ),
    data,
    latin1('\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n'),
  ]);

test('type 1 guard: an encoding index past 255 is found, stored plain or deflated', () => {
  const damaged = program([32, 65, 71731583, 66]);
  for (const pdf of [
    pdfWith('', damaged),
    pdfWith('/Filter/FlateDecode', deflateSync(damaged)),
    pdfWith('/Filter [/FlateDecode]', deflateSync(damaged)),
  ])
    assert.deepEqual(damagedType1Font(pdf), { font: 'ABCDEF+Test', index: 71731583 });
  // `dup` in the encrypted part (Subrs, CharStrings) is not the encoding
  assert.equal(damagedType1Font(pdfWith('', program([0, 65, 255]))), null);
});

test('type 1 guard: a deflated font with a damaged checksum is read as pdfjs reads it', () => {
  const deflated = deflateSync(program([65, 300]));
  const last = deflated.length - 1;
  deflated.writeUInt8((deflated.readUInt8(last) ^ 0xff) & 0xff, last); // adler-32: pdfjs does not check it
  assert.equal(damagedType1Font(pdfWith('/Filter/FlateDecode', deflated))?.index, 300);
});

test('type 1 guard: fonts under filters it does not read are left to pdfjs', () => {
  const hex = Buffer.from(`${deflateSync(program([65, 300])).toString('hex')}>`, 'latin1');
  assert.equal(damagedType1Font(pdfWith('/Filter[/ASCIIHexDecode/FlateDecode]', hex)), null);
  assert.equal(damagedType1Font(pdfWith('/Filter/FlateDecode', latin1('not deflate'))), null);
});

test('type 1 guard: no intact PDF of the fixtures is refused', () => {
  const pdfs = [
    ...['reports', 'reports/real', 'pdf'].flatMap((d) =>
      readdirSync(`test/fixtures/${d}`)
        .filter((f) => f.endsWith('.pdf') && !f.includes('spinning'))
        .map((f) => `test/fixtures/${d}/${f}`),
    ),
  ];
  assert.ok(pdfs.length >= 6, pdfs.join());
  for (const f of pdfs) assert.equal(damagedType1Font(readFileSync(f)), null, f);
});

test('pdf text: a PDF whose embedded Type 1 font has a damaged encoding is refused at once, naming the font', async () => {
  // (test/fixtures/pdf/README.md: without the guard pdfjs is busy with it for about two minutes)
  const bytes = new Uint8Array(
    readFileSync('test/fixtures/pdf/2020_pingtan-market-regulation-spinning-font.pdf'),
  );
  await assert.rejects(pdfToText(bytes), (e: unknown) => {
    assert.ok(e instanceof PdfReadError);
    assert.equal(e.reason, 'damaged_font');
    assert.equal(
      e.message,
      'PDF 中嵌入的字体“NotoSerifCJKjp-Regular-VKana”已损坏：它的编码表把字形放在第 15522564 号，而字符编号只有 0–255，用这个字体写出的文字无法可靠读取。请取得完好的 PDF（或网页版本）后再检查。',
    );
    return true;
  });
});
