import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { PdfReadError, pdfToText } from '../../src/readers/pdf-text.ts';
import { damagedType1Font, type1Encodings } from '../../src/readers/pdf-type1.ts';

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
  // nor is one after the encoding's `def`
  const after = Buffer.concat([
    latin1('/FontName /X def\n/Encoding 256 array\ndup 65 /A put\nreadonly def\n'),
    latin1('/Other [ dup 300 ] def\ncurrentfile eexec\n'),
  ]);
  assert.equal(damagedType1Font(pdfWith('', after)), null);
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

const PDF_DIR = 'test/fixtures/pdf';
const summary = (file: string) =>
  type1Encodings(readFileSync(file))?.map((e) => [
    e.font,
    e.indices.length,
    Math.max(...e.indices),
  ]);

test('type 1 guard: the fonts of a protected PDF (RC4, no password to open) are read as in the plain file', () => {
  const plain = summary('test/fixtures/reports/real/2020_pingtan-market-regulation-pdf.pdf');
  assert.deepEqual(plain, [
    ['NotoSerifCJKjp-Regular-VKana', 255, 255],
    ['NotoSerifCJKjp-Regular-VKana', 214, 214],
    ['NotoSansCJKjp-Regular-VKana', 1, 1],
  ]);
  assert.deepEqual(summary(`${PDF_DIR}/2020_pingtan-market-regulation-encrypted.pdf`), plain);
});

test('type 1 guard: a damaged font is found in RC4- and AES-encrypted files; AES-256 is left to pdfjs', async () => {
  for (const [file, index] of [
    ['2020_pingtan-market-regulation-spinning-font-rc4.pdf', 5626258],
    ['2020_pingtan-market-regulation-spinning-font-aes.pdf', 15522564],
  ] as const) {
    const bytes = new Uint8Array(readFileSync(`${PDF_DIR}/${file}`));
    assert.deepEqual(
      damagedType1Font(bytes),
      { font: 'NotoSerifCJKjp-Regular-VKana', index },
      file,
    );
    await assert.rejects(pdfToText(bytes), (e: unknown) => {
      assert.ok(e instanceof PdfReadError && e.reason === 'damaged_font', file);
      return true;
    });
  }
  // the other fonts of the AES file decrypt to the plain file's encodings
  assert.deepEqual(
    summary(`${PDF_DIR}/2020_pingtan-market-regulation-spinning-font-aes.pdf`)?.[2],
    ['NotoSansCJKjp-Regular-VKana', 1, 1],
  );
  const aes256 = Buffer.concat([
    pdfWith('/Filter/FlateDecode', deflateSync(program([65, 300]))),
    latin1(
      '<</Encrypt <</Filter/Standard/V 5/R 6/Length 256/O <00>/U <00>/P -4>>/ID [<0102><0102>]>>',
    ),
  ]);
  assert.equal(type1Encodings(aes256), null);
  assert.equal(damagedType1Font(aes256), null);
});
