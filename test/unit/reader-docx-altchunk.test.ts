// A .docx exported “as Word” by a web system holds no text of its own: the page is imported
// whole by <w:altChunk> (html-docx-js: one afchunk.mht). mammoth leaves such parts out, so the
// report read as empty (“没有可读取的正文文字”); now each part is read — MHTML, HTML, RTF — in the
// document's order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { auditPublishedReport, type PublishedAudit } from '../../src/app/audit-published-report.ts';
import { docxToText } from '../../src/readers/docx-text.ts';
import { altChunkDocx, mhtPart } from '../support/alt-chunk-docx.ts';
import { gbk } from '../support/gbk.ts';
import { reading as readingOf, REAL } from '../support/same-as-docx.ts';

const PAGE = path.join(REAL, '2024_junshan-area-page.html');
const page = readFileSync(PAGE, 'utf8');

const audit = (bytes: Buffer) => auditPublishedReport(new Uint8Array(bytes));
/** What a reading gives, apart from the page's publication date (a .docx has none). */
const reading = (a: PublishedAudit) => readingOf(a, (rule) => !rule.startsWith('PUB-'));

test('html-docx-js: the page as quoted-printable MHTML in /word/afchunk.mht reads as the page', async () => {
  const docx = altChunkDocx([{ name: 'afchunk.mht', bytes: mhtPart(page), absolute: true }]);
  const got = await audit(docx);
  assert.equal(got.format, 'docx');
  assert.equal(got.report?.agency.name, '平潭综合实验区君山片区管理局');
  assert.deepEqual(reading(got), reading(await audit(readFileSync(PAGE))));
});

test('a GBK page imported as HTML, and an RTF part, read as their documents', async () => {
  const declared = page.replace('<meta charset="utf-8">', '<meta charset="gbk">');
  assert.notEqual(declared, page);
  const gbkPage = gbk(declared);
  const fromHtml = await audit(altChunkDocx([{ name: 'page.htm', bytes: gbkPage }]));
  assert.deepEqual(reading(fromHtml), reading(await audit(readFileSync(PAGE))));
  const rtf = path.join(REAL, '2024_junshan-area-rtf.rtf');
  const fromRtf = await audit(altChunkDocx([{ name: 'chunk.rtf', bytes: readFileSync(rtf) }]));
  assert.deepEqual(reading(fromRtf), reading(await audit(readFileSync(rtf))));
});

test('parts are read in the document’s order; a part the relationships do not name is not read', async () => {
  const docx = altChunkDocx([
    { name: 'a.htm', bytes: Buffer.from('<p>第一部分</p>') },
    { name: 'b.htm', bytes: Buffer.from('<p>第二部分</p>') },
  ]);
  const { text } = await docxToText(new Uint8Array(docx));
  assert.ok(
    text.indexOf('第一部分') >= 0 && text.indexOf('第一部分') < text.indexOf('第二部分'),
    text,
  );
  // a document with no altChunk and no text is still refused
  const empty = altChunkDocx([]);
  await assert.rejects(docxToText(new Uint8Array(empty)), /没有可读取的正文文字/);
});
