// OFD reports (GB/T 33190-2016): real PDFs' pages written as OFD — each text item a TextObject,
// each ruling a PathObject, in two producers' ways (see test/support/pdf-to-ofd.ts) — read as
// the PDFs themselves: the same tables, agency and findings. Scanned pages, damaged and hostile
// packages are told apart with a message, never a crash.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { auditPublishedReport, detectFormat } from '../../src/app/audit-published-report.ts';
import { UnreadableInputError } from '../../src/readers/html-text.ts';
import { deltas, ofdToText, subpaths } from '../../src/readers/ofd-text.ts';
import { pdfToOfd, pdfToOfdEntries } from '../support/pdf-to-ofd.ts';
import { FIXTURES, reading, readOrRefused, REAL } from '../support/same-as-docx.ts';
import { zip } from '../support/zip.ts';

const PDFS = [
  path.join(FIXTURES, '2023_hongze-district.pdf'),
  path.join(FIXTURES, '2024_huaian-city.pdf'),
  ...[
    '2019_pingtan-tourism',
    '2020_pingtan-market-regulation',
    '2023_shuyang-development-reform',
    '2024_junshan-area',
  ].map((s) => path.join(REAL, `${s}-pdf.pdf`)),
];
const read = (file: string) => new Uint8Array(readFileSync(file));

for (const pdf of PDFS)
  test(`${path.basename(pdf)} as OFD reads as the PDF`, async () => {
    const ofd = await pdfToOfd(read(pdf));
    const got = await auditPublishedReport(new Uint8Array(ofd));
    assert.equal(got.format, 'ofd');
    assert.ok(got.report, 'a report is read');
    assert.deepEqual(reading(got), reading(await auditPublishedReport(read(pdf))));
    // the template page's header is no part of the pages' text
    assert.ok(!(await ofdToText(new Uint8Array(ofd))).text.includes('模板中的文字'));
  });

test('an OFD is told from a .docx by its OFD.xml, whatever its name', async () => {
  const ofd = await pdfToOfd(read(PDFS[1]!));
  assert.equal(detectFormat(new Uint8Array(ofd)), 'ofd');
  assert.equal(detectFormat(read(path.join(REAL, '2024_junshan-area-docx.docx'))), 'docx');
});

test('DeltaX with g repeats; AbbreviatedData subpaths (curves to their ends, C closes)', () => {
  assert.deepEqual(deltas('g 3 3.5 1 g 2 2', 10), [3.5, 3.5, 3.5, 1, 2, 2]);
  assert.deepEqual(deltas('g 1000000 1', 4), [1, 1, 1, 1]);
  assert.deepEqual(subpaths('M 0 0 L 10 0 Q 12 1 14 2 B 1 1 2 2 3 3 C S 5 5 L 6 5'), [
    [0, 0, 10, 0, 14, 2, 3, 3, 0, 0],
    [5, 5, 6, 5],
  ]);
});

/** An OFD of the given pages' Content.xml bodies (inside <ofd:Content><ofd:Layer>). */
function ofdOf(pages: string[], extra: { name: string; data: Buffer }[] = []): Uint8Array {
  const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  return new Uint8Array(
    zip([
      {
        name: 'OFD.xml',
        data: Buffer.from(
          `<ofd:OFD ${NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
        ),
      },
      {
        name: 'Doc_0/Document.xml',
        data: Buffer.from(
          `<ofd:Document ${NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>` +
            pages
              .map((_, i) => `<ofd:Page ID="${i + 1}" BaseLoc="Pages/Page_${i}/Content.xml"/>`)
              .join('') +
            '</ofd:Pages></ofd:Document>',
        ),
      },
      ...pages.map((body, i) => ({
        name: `Doc_0/Pages/Page_${i}/Content.xml`,
        data: Buffer.from(
          `<ofd:Page ${NS}><ofd:Content><ofd:Layer ID="100">${body}</ofd:Layer></ofd:Content></ofd:Page>`,
        ),
      })),
      ...extra,
    ]),
  );
}

const SCAN = '<ofd:ImageObject ID="5" Boundary="0 0 210 297" ResourceID="9"/>';
const TITLE =
  '<ofd:TextObject ID="6" Boundary="20 20 170 10" Size="5"><ofd:TextCode X="0" Y="5">某某局2023年政府信息公开工作年度报告</ofd:TextCode></ofd:TextObject>';

test('a scanned OFD has no text to read; a scanned page among text is named', async () => {
  const scan = await auditPublishedReport(ofdOf([SCAN, SCAN]));
  assert.equal(scan.report, null);
  assert.match(scan.findings[0]!.message, /OFD 共 2 页，没有文字（扫描件或图片）/);
  const mixed = await ofdToText(ofdOf([TITLE, SCAN]));
  assert.deepEqual(mixed.scanned, [2]);
  assert.ok(mixed.text.includes('某某局2023年政府信息公开工作年度报告'));
});

test('text set vertically (DeltaY) is read one character under another', async () => {
  // a narrow cell's label set vertically, beside two lines of text: not run into the first line
  const objects =
    '<ofd:TextObject ID="7" Boundary="30 40 6 30" Size="5"><ofd:TextCode X="0" Y="5" DeltaY="g 3 6">不予公开</ofd:TextCode></ofd:TextObject>' +
    '<ofd:TextObject ID="8" Boundary="45 40 30 6" Size="5"><ofd:TextCode X="0" Y="5">其他说明文字</ofd:TextCode></ofd:TextObject>' +
    '<ofd:TextObject ID="9" Boundary="45 58 30 6" Size="5"><ofd:TextCode X="0" Y="5">第二行文字</ofd:TextCode></ofd:TextObject>';
  const { text } = await ofdToText(ofdOf([objects]));
  assert.match(text, /不予公开/);
  assert.doesNotMatch(text, /不予公开其他/);
});

test('a ruled table running past the page’s right edge is said to be cut off', async () => {
  const line = (id: number, x: number, y: number, w: number, h: number, d: string) =>
    `<ofd:PathObject ID="${id}" Boundary="${x} ${y} ${w} ${h}"><ofd:AbbreviatedData>${d}</ofd:AbbreviatedData></ofd:PathObject>`;
  const rows = [50, 60, 70].map((y, i) => line(10 + i, 10, y, 240, 0.2, 'M 0 0 L 240 0'));
  const cols = [10, 100, 250].map((x, i) => line(20 + i, x, 50, 0.2, 20, 'M 0 0 L 0 20'));
  const words =
    '<ofd:TextObject ID="30" Boundary="12 52 40 6" Size="4"><ofd:TextCode X="0" Y="4">信息内容</ofd:TextCode></ofd:TextObject>' +
    '<ofd:TextObject ID="31" Boundary="102 52 40 6" Size="4"><ofd:TextCode X="0" Y="4">本年制发件数</ofd:TextCode></ofd:TextObject>';
  const within = await ofdToText(ofdOf([TITLE + words]));
  assert.deepEqual(within.cutOff, []);
  const wide = await ofdToText(ofdOf([TITLE + rows.join('') + cols.join('') + words]));
  assert.deepEqual(wide.cutOff, [1]);
});

test('damaged and hostile packages are refused with a message', async () => {
  const refuses = async (bytes: Uint8Array, message: RegExp) =>
    assert.rejects(ofdToText(bytes), (e: unknown) => {
      assert.ok(e instanceof UnreadableInputError, String(e));
      assert.match(e.message, message);
      return true;
    });
  const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  await refuses(
    new Uint8Array(zip([{ name: 'OFD.xml', data: Buffer.from(`<ofd:OFD ${NS}/>`) }])),
    /OFD\.xml 中没有文档/,
  );
  await refuses(ofdOf([`${TITLE}<ofd:TextObject`]), /第 1 页的内容不是完整的 XML/);
  const noPage = ofdOf([TITLE]);
  await refuses(
    new Uint8Array(
      zip([
        {
          name: 'OFD.xml',
          data: Buffer.from(
            `<ofd:OFD ${NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
          ),
        },
        {
          name: 'Doc_0/Document.xml',
          data: Buffer.from(
            `<ofd:Document ${NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_9/Content.xml"/></ofd:Pages></ofd:Document>`,
          ),
        },
      ]),
    ),
    /缺少 Doc_0\/Pages\/Page_9\/Content\.xml/,
  );
  assert.ok((await ofdToText(noPage)).text.length > 0);
  await refuses(ofdOf(Array.from({ length: 201 }, () => TITLE)), /共 201 页，超过上限 200 页/);
  const blocks = Array.from({ length: 200_001 }, (_, i) => `<ofd:PageBlock ID="${i}"/>`);
  await refuses(ofdOf([blocks.join('')]), /超过 20 万个元素/);
  // a bomb: an entry declared far larger than it is compressed
  await refuses(
    new Uint8Array(zip([{ name: 'OFD.xml', data: Buffer.alloc(4 * 1024 * 1024) }])),
    /拒绝读取该 OFD 文件：其中 OFD\.xml 的压缩比超过 200 倍/,
  );
});

test('damaged OFD files: a report read or a message, never a crash (800 mutations)', async () => {
  const entries = await pdfToOfdEntries(read(PDFS[5]!));
  const pages = entries.filter((e) => e.name.endsWith('/Content.xml') && e.name.includes('Pages'));
  const specials = Buffer.from('<>"/= 0123456789.-gMLSCQBA');
  const outcomes = await readOrRefused(800, 33, (i, random) => {
    if (i % 4 === 3) {
      // the package itself damaged: its zip
      const b = Buffer.from(zip(entries));
      for (let k = 0; k < 1 + random() * 10; k++)
        b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
      return new Uint8Array(b);
    }
    // a page's XML damaged: its markup, or (keeping it well-formed) its numbers
    const page = pages[Math.floor(random() * pages.length)]!;
    const data = Buffer.from(page.data!);
    const markup = i % 4 === 0;
    for (let k = 0; k < 1 + random() * 30; k++) {
      const at = Math.floor(random() * data.length);
      if (markup) data[at] = specials[Math.floor(random() * specials.length)]!;
      else if (data[at]! >= 0x30 && data[at]! <= 0x39)
        data[at] = Buffer.from('0123456789-.')[Math.floor(random() * 12)]!;
    }
    return new Uint8Array(zip(entries.map((e) => (e === page ? { ...e, data } : e))));
  });
  assert.ok(outcomes.read > 50 && outcomes.refused > 100, JSON.stringify(outcomes));
});
