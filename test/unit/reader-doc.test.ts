// Legacy Word (.doc) reports: the five real pages saved as Word 97–2003 files read exactly as
// the same pages saved as .docx; the parts of the binary format a report's text needs (cell and
// row marks, merges, fields, revisions, hidden text); and every damaged or other OLE file
// refused with a message, never a crash.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import CFB from 'cfb';
import { auditPublishedReport, detectFormat } from '../../src/app/audit-published-report.ts';
import { docToHtml, docToText } from '../../src/readers/doc-text.ts';
import { UnreadableInputError } from '../../src/readers/html-text.ts';
import {
  assertReadAsDocx,
  FIXTURES,
  readOrRefused,
  REAL,
  WORD_PAGES,
} from '../support/same-as-docx.ts';

const STEMS = WORD_PAGES;
const read = (file: string) => new Uint8Array(readFileSync(file));

for (const stem of STEMS)
  test(`${stem}: the .doc is read as the .docx of the same page`, () =>
    assertReadAsDocx(
      path.join(REAL, `${stem}-doc.doc`),
      path.join(REAL, `${stem}-docx.docx`),
      'doc',
    ));

test('a page whose report sits in a layout table: the tables nested in its cell, read as the page', async () => {
  // (the 君山片区 page wrapped in a one-cell table and saved by LibreOffice: see the README there)
  const file = path.join(FIXTURES, 'doc', 'junshan-wrapped.doc');
  const html = docToHtml(read(file));
  assert.ok(
    html.startsWith('<table><tr><td><p>平潭综合实验区君山片区管理局2024年政府信息公开工作年度报告'),
  );
  assert.equal(
    html.match(/<table>/g)?.length,
    4,
    'the layout table and tables 二, 三, 四 inside it',
  );
  await assertReadAsDocx(file, path.join(REAL, '2024_junshan-area-docx.docx'), 'doc');
});
test('an OLE compound file is told a .doc by its signature, whatever its name', () => {
  const bytes = read(path.join(REAL, '2024_junshan-area-doc.doc'));
  assert.equal(detectFormat(bytes), 'doc');
  // the first four bytes alone are not the signature
  assert.notEqual(detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0x41, 0x42])), 'doc');
});

test('deleted revisions, hidden text and field codes are no text; merges and cell paragraphs kept', () => {
  // features.doc: see test/fixtures/reports/doc/README.md
  const bytes = read(path.join(FIXTURES, 'doc', 'features.doc'));
  const raw = Buffer.from(bytes);
  for (const s of ['删除的文字', '隐藏的文字', 'HYPERLINK'])
    assert.ok(raw.includes(Buffer.from(s, 'utf16le')), `${s} is in the file`);
  const html = docToHtml(bytes);
  assert.match(html, /<p>保留的文字插入的文字结尾<\/p>/);
  assert.match(html, /<p>见链接文字。<\/p>/);
  for (const s of ['删除的文字', '隐藏的文字', 'HYPERLINK', 'example.gov.cn'])
    assert.ok(!html.includes(s), `${s} is not text`);
  assert.ok(
    html.includes(
      '<table><tr><td rowspan="2"><p>合并</p></td><td><p>第一段</p><p>第二段</p></td>' +
        '<td colspan="2"><p>横跨两栏</p></td></tr>' +
        '<tr><td><p>1</p></td><td><p>2</p></td><td><p>3</p></td></tr>' +
        '<tr><td><p>末行</p></td><td><p>a &lt; b &amp; c</p></td><td><p></p></td><td><p>4</p></td></tr></table>',
    ),
    html,
  );
  assert.match(html, /<\/table>\n<p>表后<\/p>/);
});

test('a text in several pieces, one stored compressed (cp1252, one byte a character), reads as one', () => {
  // Word stores runs of cp1252 text compressed and, after edits, the text in pieces out of
  // order. The fixture's one piece is split in three around the page's URL, whose characters are
  // appended compressed at the stream's end; the UTF-16 copy is overwritten so that the old
  // place cannot be the one read.
  const original = read(path.join(REAL, '2024_junshan-area-doc.doc'));
  const c = CFB.read(Buffer.from(original), { type: 'buffer' });
  const word = CFB.find(c, 'WordDocument')!;
  const w = Buffer.from(word.content as Uint8Array);
  const table = CFB.find(c, w.readUInt16LE(0x0a) & 0x0200 ? '1Table' : '0Table')!;
  const t = Buffer.from(table.content as Uint8Array);
  const lw = 0x22 + w.readUInt16LE(0x20) * 2;
  const clxAt = lw + 2 + w.readUInt16LE(lw) * 4 + 2 + 8 * 33;
  let at = w.readUInt32LE(clxAt);
  while (t[at] === 0x01) at += 3 + t.readInt16LE(at + 1);
  assert.equal(t[at], 0x02);
  assert.equal(t.readUInt32LE(at + 1), 4 * 2 + 8, 'the fixture has one piece');
  const chars = t.readUInt32LE(at + 5 + 4);
  const fc = t.readUInt32LE(at + 5 + 8 + 2);
  assert.equal(fc & 0x40000000, 0, 'stored as UTF-16');
  const text = w.toString('utf16le', fc, fc + 2 * chars);
  const url = 'https://www.pingtan.gov.cn';
  const a = text.indexOf(url);
  const b = a + url.length;
  assert.ok(a > 0);
  const compressedAt = w.length;
  w.fill(Buffer.from('X', 'utf16le'), fc + 2 * a, fc + 2 * b);
  word.content = Buffer.concat([w, Buffer.from(url, 'latin1')]);
  const cps = [0, a, b, chars];
  const fcs = [fc, (compressedAt * 2) | 0x40000000, fc + 2 * b];
  const plc = Buffer.alloc(4 * cps.length + 8 * fcs.length);
  cps.forEach((cp, i) => plc.writeUInt32LE(cp, 4 * i));
  fcs.forEach((f, i) => plc.writeUInt32LE(f >>> 0, 4 * cps.length + 8 * i + 2));
  const clx = Buffer.concat([Buffer.from([0x02]), Buffer.alloc(4), plc]);
  clx.writeUInt32LE(plc.length, 1);
  const newW = Buffer.from(word.content as Uint8Array);
  newW.writeUInt32LE(t.length, clxAt);
  newW.writeUInt32LE(clx.length, clxAt + 4);
  word.content = newW;
  table.content = Buffer.concat([t, clx]);
  const pieced = new Uint8Array(CFB.write(c, { type: 'buffer' }) as Buffer);
  const html = docToHtml(pieced);
  assert.ok(html.includes(url), 'the compressed piece is read');
  assert.equal(html, docToHtml(original));
});

/** The fixture's compound file with a stream changed, added or removed, written back. */
function rewrite(edit: (c: CFB.CFB$Container) => void): Uint8Array {
  const c = CFB.read(Buffer.from(read(path.join(REAL, '2024_junshan-area-doc.doc'))), {
    type: 'buffer',
  });
  edit(c);
  return new Uint8Array(CFB.write(c, { type: 'buffer' }) as Buffer);
}

function editWordDocument(c: CFB.CFB$Container, change: (b: Buffer) => void): void {
  const entry = CFB.find(c, 'WordDocument')!;
  const b = Buffer.from(entry.content as Uint8Array);
  change(b);
  entry.content = b;
}

const refused = async (bytes: Uint8Array, message: RegExp) => {
  await assert.rejects(auditPublishedReport(bytes), (e: unknown) => {
    assert.ok(e instanceof UnreadableInputError, String(e));
    assert.match(e.message, message);
    return true;
  });
};

test('a rewritten copy of the fixture is still read (the edits below are what is refused)', async () => {
  const same = await auditPublishedReport(rewrite(() => undefined));
  assert.equal(same.report?.agency.name, '平潭综合实验区君山片区管理局');
});

test('an encrypted .doc, a Word 95 file and other OLE files are named and refused', async () => {
  await refused(
    rewrite((c) =>
      editWordDocument(c, (b) => b.writeUInt16LE(b.readUInt16LE(0x0a) | 0x0100, 0x0a)),
    ),
    /已加密（设有打开密码）/,
  );
  await refused(
    rewrite((c) => editWordDocument(c, (b) => b.writeUInt16LE(0x0065, 2))),
    /Word 95 或更早版本/,
  );
  const other = (stream: string) =>
    rewrite((c) => {
      CFB.utils.cfb_del(c, '/WordDocument');
      CFB.utils.cfb_add(c, `/${stream}`, Buffer.from('x'));
    });
  await refused(other('Workbook'), /Excel（\.xls）表格/);
  await refused(other('PowerPoint Document'), /PowerPoint（\.ppt）/);
  await refused(other('EncryptedPackage'), /加密（设有打开密码）的 Office 文件/);
  await refused(other('Contents'), /不是 Word（\.doc）文件/);
  const garbage = new Uint8Array(4096).fill(0x5a);
  garbage.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await refused(garbage, /复合文档结构已损坏/);
  await refused(
    rewrite((c) => editWordDocument(c, (b) => b.writeUInt16LE(0x1234, 0))),
    /文件头标识不符/,
  );
});

test('a .doc whose text is longer than a report could be is refused before it is read', async () => {
  const fibRgLw = (b: Buffer) => 0x22 + b.readUInt16LE(0x20) * 2;
  const bytes = rewrite((c) => {
    let fcClx = 0;
    editWordDocument(c, (b) => {
      const lw = fibRgLw(b);
      b.writeUInt32LE(0x7fffffff, lw + 2 + 12); // ccpText
      const blob = lw + 2 + b.readUInt16LE(lw) * 4;
      fcClx = b.readUInt32LE(blob + 2 + 8 * 33);
    });
    // the piece table's last character position raised as far: one piece of 2³¹ characters
    const table = CFB.find(c, '1Table') ?? CFB.find(c, '0Table');
    const t = Buffer.from(table!.content as Uint8Array);
    let at = fcClx;
    while (t[at] === 0x01) at += 3 + t.readInt16LE(at + 1);
    const pieces = (t.readUInt32LE(at + 1) - 4) / 12;
    t.writeUInt32LE(0x7fffffff, at + 5 + 4 * pieces);
    table!.content = t;
  });
  await refused(bytes, /正文过长/);
});

test('damaged .doc files: a report read or a message, never a crash (2,000 mutations)', async () => {
  const sources = STEMS.map((s) => read(path.join(REAL, `${s}-doc.doc`)));
  const outcomes = await readOrRefused(2000, 20261204, (i, random) => {
    const b = Buffer.from(sources[i % sources.length]!);
    switch (i % 3) {
      case 0:
        for (let k = 0; k < 1 + random() * 30; k++)
          b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
        return new Uint8Array(b);
      case 1:
        return new Uint8Array(b.subarray(0, Math.floor(random() * b.length)));
      default:
        for (let k = 0; k < 4; k++)
          b.writeUInt32LE(Math.floor(random() * 2 ** 32), Math.floor(random() * (b.length - 4)));
        return new Uint8Array(b);
    }
  });
  // both outcomes occur: the mutations reach the parts the reader checks
  assert.ok(outcomes.read > 100 && outcomes.refused > 100, JSON.stringify(outcomes));
});

test('docToText: an empty main text is no report text', async () => {
  const bytes = rewrite((c) =>
    editWordDocument(c, (b) => {
      const lw = 0x22 + b.readUInt16LE(0x20) * 2;
      b.writeUInt32LE(0, lw + 2 + 12);
    }),
  );
  await assert.rejects(docToText(bytes), /没有可读取的正文文字/);
});
