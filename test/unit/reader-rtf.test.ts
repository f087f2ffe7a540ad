// RTF reports: the five real pages saved as RTF read exactly as the same pages saved as .docx;
// what Word and WPS write that LibreOffice does not (GBK bytes in a Chinese font, \u characters
// with their fallbacks, Word 97's horizontal merges, nested tables, binary data); damaged files
// refused with a message, never a crash.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { detectFormat } from '../../src/app/audit-published-report.ts';
import { UnreadableInputError } from '../../src/readers/html-text.ts';
import { rtfToHtml, rtfToText } from '../../src/readers/rtf-text.ts';
import { gbk as encodeGbk } from '../support/gbk.ts';
import {
  assertReadAsDocx,
  FIXTURES,
  readOrRefused,
  REAL,
  WORD_PAGES,
} from '../support/same-as-docx.ts';

const STEMS = WORD_PAGES;
const read = (file: string) => new Uint8Array(readFileSync(file));
const html = (rtf: string | Uint8Array) =>
  rtfToHtml(typeof rtf === 'string' ? new Uint8Array(Buffer.from(rtf, 'latin1')) : rtf);

for (const stem of STEMS)
  test(`${stem}: the .rtf is read as the .docx of the same page`, () =>
    assertReadAsDocx(
      path.join(REAL, `${stem}-rtf.rtf`),
      path.join(REAL, `${stem}-docx.docx`),
      'rtf',
    ));

test('a page whose report sits in a layout table: the tables nested in its cell, read as the page', async () => {
  // (the 君山片区 page wrapped in a one-cell table and saved by LibreOffice: see the README there)
  const file = path.join(FIXTURES, 'doc', 'junshan-wrapped.rtf');
  const html = rtfToHtml(read(file));
  assert.ok(
    html.startsWith('<table><tr><td><p>平潭综合实验区君山片区管理局2024年政府信息公开工作年度报告'),
  );
  assert.equal(
    html.match(/<table>/g)?.length,
    4,
    'the layout table and tables 二, 三, 四 inside it',
  );
  await assertReadAsDocx(file, path.join(REAL, '2024_junshan-area-docx.docx'), 'rtf');
});
test('RTF is told by its first bytes, whatever its name (.doc, .rtf)', () => {
  assert.equal(detectFormat(new Uint8Array(Buffer.from('{\\rtf1\\ansi x}'))), 'rtf');
  assert.equal(detectFormat(new Uint8Array(Buffer.from('{rtf1 x}'))), 'txt');
});

test('features.rtf: the same document as features.doc gives the same HTML', async () => {
  const { docToHtml } = await import('../../src/readers/doc-text.ts');
  const rtf = read(path.join(FIXTURES, 'doc', 'features.rtf'));
  const text = Buffer.from(rtf).toString('latin1');
  for (const s of ['\\deleted', '\\fldinst', 'HYPERLINK', '\\v']) assert.ok(text.includes(s), s);
  assert.equal(html(rtf), docToHtml(read(path.join(FIXTURES, 'doc', 'features.doc'))));
});

test('GBK bytes in a Chinese font, \\u characters and their fallbacks, raw 8-bit text', () => {
  const gbk = (s: string) => [...encodeGbk(s)].map((b) => `\\'${b.toString(16)}`).join('');
  // WPS: \'hh bytes in a font whose charset is 134 (GB2312), the document in code page 1252
  const wps = `{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\froman\\fcharset0 Times;}{\\f1\\fnil\\fcharset134 SimSun;}}\\f1 ${gbk('年度报告')}\\f0  ok\\par}`;
  assert.equal(html(wps), '<p>年度报告 ok</p>');
  // Word: \u with a fallback of \ucN characters (here GBK pairs, counted one each)
  const word = `{\\rtf1\\ansi\\ansicpg936\\uc2 \\u24180${gbk('年')}\\u24230\\'b6\\'c8\\uc1\\u25253?\\u21578?\\par}`;
  assert.equal(html(word), '<p>年度报告</p>');
  // raw bytes of the document's code page in the text
  const raw = Buffer.concat([
    Buffer.from('{\\rtf1\\ansi\\ansicpg936 '),
    encodeGbk('政府信息公开'),
    Buffer.from('\\par}'),
  ]);
  assert.equal(html(new Uint8Array(raw)), '<p>政府信息公开</p>');
  // \upr: the ANSI version skipped, its Unicode version (\ud) read
  assert.equal(
    html("{\\rtf1\\ansi\\ansicpg1252 {\\upr{\\'3f\\'3f}{\\*\\ud{\\u24180?\\u24230?}}}\\par}"),
    '<p>年度</p>',
  );
  // escapes, symbols and line breaks
  assert.equal(
    html('{\\rtf1 a\\{b\\}c\\\\d\\~e\\ldblquote f\\rdblquote\\line g\\tab h\\par}'),
    '<p>a{b}c\\d\u00a0e“f”<br>g h</p>',
  );
});

test('skipped: the font, colour and style tables, pictures, binary data, headers, starred groups', () => {
  // (\\bin5 is followed by five bytes of data, here five closing braces: not the groups' ends)
  const rtf =
    '{\\rtf1{\\fonttbl{\\f0 Times;}}{\\colortbl;\\red0;}{\\stylesheet{\\s0 Normal;}}' +
    '{\\header page header}{\\*\\generator Writer;}{\\pict\\pngblip 89504e47}' +
    '{\\object{\\*\\objdata \\bin5 }}}}}}}body\\par}';
  assert.equal(html(rtf), '<p>body</p>');
});

test("tables: Word 97's horizontal merges, vertical merges, a nested table in its cell", () => {
  const row = (defs: string, cells: string[]) =>
    `\\trowd\\trleft0${defs}${cells.map((c) => `\\pard\\intbl ${c}\\cell`).join('')}\\row`;
  const rtf =
    '{\\rtf1 ' +
    row('\\clvmgf\\cellx1000\\clmgf\\cellx2000\\clmrg\\cellx3000', ['A', 'B', '']) +
    row('\\clvmrg\\cellx1000\\cellx2000\\cellx3000', ['', '1', '2']) +
    // a cell holding a nested table, defined in {\\*\\nesttableprops …}; {\\nonesttables …} is
    // for readers without nested tables
    '\\trowd\\cellx1000\\cellx3000\\pard\\intbl X\\cell' +
    '\\pard\\intbl\\itap2 n1\\nestcell n2\\nestcell{\\*\\nesttableprops\\trowd\\cellx500\\cellx900\\nestrow}' +
    '{\\nonesttables\\par}' +
    '\\pard\\intbl\\itap1 \\cell\\row' +
    '\\pard after\\par}';
  assert.equal(
    html(rtf),
    '<table><tr><td rowspan="2"><p>A</p></td><td colspan="2"><p>B</p></td></tr>' +
      '<tr><td><p>1</p></td><td><p>2</p></td></tr>' +
      '<tr><td><p>X</p></td><td colspan="2">' +
      '<table><tr><td><p>n1</p></td><td><p>n2</p></td></tr></table><p></p></td></tr></table>\n<p>after</p>',
  );
});

test('hidden and deleted text are no text; a field keeps its result only', () => {
  const rtf =
    '{\\rtf1 a{\\v hidden}b{\\deleted gone}c' +
    '{\\field{\\*\\fldinst HYPERLINK "https://x"}{\\fldrslt link}}\\par}';
  assert.equal(html(rtf), '<p>abclink</p>');
});

test('refused with a message: nesting past the bound, no text, past the size limit', async () => {
  const deep = `{\\rtf1 ${'{'.repeat(1500)}x${'}'.repeat(1500)}}`;
  assert.throws(() => html(deep), /嵌套超过 1000 层/);
  await assert.rejects(
    rtfToText(new Uint8Array(Buffer.from('{\\rtf1{\\fonttbl{\\f0 Times;}}\\par}'))),
    /RTF 文件中没有可读取的正文文字/,
  );
  // thousands of rows of forty cells each: past the HTML reader's bounds, said of the RTF file
  const rows = Array.from(
    { length: 1000 },
    () =>
      '\\trowd' +
      Array.from({ length: 40 }, (_, c) => `\\cellx${(c + 1) * 100}`).join('') +
      '\\pard\\intbl 1\\cell'.repeat(40) +
      '\\row',
  );
  await assert.rejects(
    rtfToText(new Uint8Array(Buffer.from(`{\\rtf1 ${rows.join('')}}`))),
    /RTF 文件的内容过于庞杂（表格、单元格或段落过多）/,
  );
  const big = new Uint8Array(40 * 1024 * 1024 + 1);
  big.set(Buffer.from('{\\rtf1 '));
  await assert.rejects(rtfToText(big), (e: unknown) => {
    assert.ok(e instanceof UnreadableInputError);
    assert.match(e.message, /RTF 文件过大（40\.0 MB），上限为 40 MB/);
    return true;
  });
});

test('damaged RTF files: a report read or a message, never a crash (1,000 mutations)', async () => {
  const sources = STEMS.map((s) => read(path.join(REAL, `${s}-rtf.rtf`)));
  const specials = [0x7b, 0x7d, 0x5c, 0x27, 0x2a, 0x30, 0x80, 0xff];
  const outcomes = await readOrRefused(1000, 4, (i, random) => {
    const b = Buffer.from(sources[i % sources.length]!);
    if (i % 2 === 1)
      return new Uint8Array(b.subarray(0, 5 + Math.floor(random() * (b.length - 5))));
    for (let k = 0; k < 1 + random() * 40; k++)
      b[Math.floor(random() * b.length)] = specials[Math.floor(random() * specials.length)]!;
    return new Uint8Array(b);
  });
  // (most damaged RTF is still read: its text survives; those cut short may hold no report)
  assert.ok(outcomes.read > 100, JSON.stringify(outcomes));
});
