/**
 * HTML and DOCX → the readers' intermediate text (src/readers/html-text.ts, docx-text.ts).
 *
 * Our own renderers' output is read back: the report page of renderHtml inside a page with
 * chrome, and renderDocx's file. Both must give the table lines of renderText (the same layout:
 * a merged cell's text in its first grid cell, empty cells where it reaches), so every table-三
 * row holds the model's 7 values in order. Reports: the sidecars of 意溪镇 2020 (2019 format,
 * blank table-三 cells) and 平潭 2021 (2021 format).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDeflateRaw } from 'node:zlib';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { MAX_DOCUMENT_ELEMENTS, docxToText, xmlElements } from '../../src/readers/docx-text.ts';
import { MAX_HTML_BYTES, UnreadableInputError, htmlToText } from '../../src/readers/html-text.ts';
import { readReportText } from '../../src/readers/text.ts';
import { renderDocx } from '../../src/reports/docx.ts';
import { renderHtml } from '../../src/reports/html.ts';
import {
  cellText,
  paragraphs,
  reportTitle,
  table3Rows,
  table3Values,
} from '../../src/reports/layout.ts';
import { renderText } from '../../src/reports/txt.ts';
import { gbk } from '../support/gbk.ts';
import { zip } from '../support/zip.ts';
import { sidecarReport } from '../support/sidecars.ts';

const REPORTS = ['2020_yixi-town_chaozhou', '2021_pingtan'].map((stem) => sidecarReport(stem));

const CHROME_WORDS = [
  '网站首页',
  '导航菜单',
  'var tracker',
  '.nav{',
  '版权所有',
  '搜索本站',
  '隐藏的',
];

/** The report article in a portal page: navigation, scripts, a search form, a footer. */
function portalPage(report: AnnualReport): string {
  const links = Array.from({ length: 60 }, (_, i) => `<li><a href="/l${i}">导航菜单${i}</a></li>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${report.agency.name}门户网站</title>
<style>.nav{color:red}</style><script>var tracker = "年度报告";</script></head>
<body><div class="top"><a href="/">网站首页</a><form action="/s"><input name="q"> 搜索本站</form></div>
<nav><ul>${links.join('')}</ul></nav>
<div class="main"><div class="crumbs">当前位置：首页 &gt; 政务公开</div>
<div style="display: none">隐藏的内容</div>
${renderHtml(report).value.replace('</h1>', '</h1><p hidden>隐藏的段落</p><script>var tracker;</script>')}
<div hidden>隐藏的分享按钮</div></div>
<footer>版权所有 © ${report.agency.name}</footer><script>track();</script></body></html>`;
}

const tableLines = (text: string) => text.split('\n').filter((l) => l.includes('\t'));
const withoutTrailingTabs = (l: string) => l.replace(/\t+$/, '');

/**
 * Every table line of renderText, in order, among the lines read (trailing empty cells aside: a
 * table-二 block is its own table in HTML, one grid in the text).
 */
function assertTableLines(read: string, report: AnnualReport): void {
  const lines = read.split('\n').map(withoutTrailingTabs);
  let at = 0;
  for (const expected of tableLines(renderText(report)).map(withoutTrailingTabs)) {
    const found = lines.indexOf(expected, at);
    assert.ok(found >= 0, `table line not found in order: ${JSON.stringify(expected)}`);
    at = found + 1;
  }
  // Table 三: each row's last 7 cells are the model's values, blank as ''.
  for (const row of table3Rows(report)) {
    const values = table3Values(report, row.key).map(cellText);
    const line = tableLines(read).find((l) => l.split('\t').includes(row.label));
    assert.ok(line, `table-三 row ${row.key}`);
    assert.deepEqual(line.split('\t').slice(-7), values, `table-三 row ${row.key}`);
  }
}

for (const report of REPORTS) {
  test(`html: ${report.agency.name} ${report.year} inside a portal page reads back`, () => {
    const { text, title } = htmlToText(portalPage(report));
    assert.equal(title, reportTitle(report));
    assertTableLines(text, report);
    const lines = text.split('\n');
    for (const p of Object.values(report.narrative).flatMap(paragraphs))
      assert.ok(lines.includes(p), p);
    for (const word of CHROME_WORDS) assert.ok(!text.includes(word), word);
    assert.equal(lines[0], reportTitle(report));
  });

  test(`docx: ${report.agency.name} ${report.year} reads back`, async () => {
    const { text } = await docxToText(await renderDocx(report));
    assertTableLines(text, report);
    for (const p of Object.values(report.narrative).flatMap(paragraphs))
      assert.ok(text.includes(p));
  });
}

test('html: blank table-三 cells of 意溪镇 stay empty, never 0', () => {
  const { text } = htmlToText(portalPage(REPORTS[0]!));
  const partly = tableLines(text).find((l) => l.includes('（二）部分公开'))!;
  assert.deepEqual(partly.split('\t'), ['', partly.split('\t')[1], '', '', '', '', '', '', '', '']);
});

const table = (rows: string) => htmlToText(`<table>${rows}</table>`).text;

test('rowspan: the label on its first row, an empty cell in the rows below', () => {
  assert.equal(
    table(
      '<tr><th rowspan="3">三、办理结果</th><td rowspan="2">（三）不予公开</td><td>1.国家秘密</td><td>5</td></tr>' +
        '<tr><td>2.其他</td><td></td></tr>' +
        '<tr><td colspan="2">（七）总计</td><td>0</td></tr>',
    ),
    '三、办理结果\t（三）不予公开\t1.国家秘密\t5\n\t\t2.其他\t\n\t（七）总计\t\t0\n',
  );
});

test('colspan in header rows: the text, then (colspan − 1) empty cells; rowspans as above', () => {
  assert.equal(
    table(
      '<thead><tr><th colspan="2" rowspan="2">本列数据</th><th colspan="3">申请人情况</th></tr>' +
        '<tr><th>自然人</th><th colspan="2">法人或其他组织</th></tr></thead>' +
        '<tbody><tr><td colspan="2">一、新收</td><td>3</td><td>&nbsp;</td><td> 0 </td></tr></tbody>',
    ),
    '本列数据\t\t申请人情况\t\t\n\t\t自然人\t法人或其他组织\t\n一、新收\t\t3\t\t0\n',
  );
});

test('cells: <p> and <br> joined without a line break; th and td alike; short rows padded', () => {
  assert.equal(
    table(
      '<tr><th><p>（二）部分公开</p><p>（区分处理的）</p></th><td>12<br>34</td><td>a</td></tr>' +
        '<tr><td>行政<span>许可</span></td><td>7</td></tr><tr><td> </td><td></td></tr>',
    ),
    '（二）部分公开（区分处理的）\t12 34\ta\n行政许可\t7\t\n',
  );
});

test('a layout table is flattened; the data table inside it keeps its rows', () => {
  const page = `<table><tr><td><h1>某县2022年政府信息公开工作年度报告</h1><p>一、总体情况</p>
<table><tr><td>信息内容</td><td>本年新制作数量</td></tr><tr><td>规章</td><td>1</td></tr></table>
</td><td><a href="/x">链接</a></td></tr></table>`;
  const { text, title } = htmlToText(page);
  assert.equal(title, '某县2022年政府信息公开工作年度报告');
  assert.equal(
    text,
    '某县2022年政府信息公开工作年度报告\n一、总体情况\n\n信息内容\t本年新制作数量\n规章\t1\n',
  );
});

test('text: blocks as lines, <br> breaks, whitespace collapsed, entities decoded, full-width kept', () => {
  const { text, title } = htmlToText(
    '<title>站点</title><div>第一段  文字\n续&amp;完<br>第二行</div><p>（一）　全角　空格，１２３</p>' +
      '<ul><li>甲</li><li>乙&#x3000;丙</li></ul><pre>a\tb\n  c</pre>',
  );
  assert.equal(title, '站点');
  assert.equal(
    text,
    '第一段 文字 续&完\n第二行\n（一）　全角　空格，１２３\n甲\n乙　丙\na\tb\n  c\n',
  );
});

test('ASP.NET page wrapped in one <form>: the report inside is kept', () => {
  const { text } = htmlToText(
    '<form id="form1"><div>登录</div><h2>XX局2023年度政府信息公开工作年度报告</h2><p>正文</p>' +
      '<table><tr><td>行政复议</td></tr><tr><td>1</td></tr></table></form>',
  );
  assert.equal(text, 'XX局2023年度政府信息公开工作年度报告\n正文\n\n行政复议\n1\n');
});

// ---- bad input ----

const refuses = (reason: string) => (err: unknown) =>
  err instanceof UnreadableInputError &&
  err.reason === reason &&
  /[\u4e00-\u9fff]/.test(err.message);

test('html: empty, binary garbage, text-free page and 50 MB are refused with a clear message', () => {
  assert.throws(() => htmlToText(''), refuses('empty'));
  assert.throws(() => htmlToText(' \n\t'), refuses('empty'));
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  assert.throws(() => htmlToText(garbage.toString('utf8')), refuses('binary'));
  assert.throws(
    () => htmlToText('<html><body><script>x()</script></body></html>'),
    refuses('no_text'),
  );
  const big = `<html><body>${'<p>第一段文字</p>'.repeat((50 * 1024 * 1024) / 21 + 1)}</body></html>`;
  assert.throws(() => htmlToText(big), refuses('too_large'));
  // just over the limit is refused as well, before parsing
  const over = `<html><body>${'<p>第一段文字</p>'.repeat(MAX_HTML_BYTES / 21 + 1)}</body></html>`;
  assert.throws(() => htmlToText(over), refuses('too_large'));
});

test('html: a page nested too deep for the walk is refused, not a crash', () => {
  const deep = `<html><body>${'<div>'.repeat(20_000)}第一段文字${'</div>'.repeat(20_000)}</body></html>`;
  assert.throws(() => htmlToText(deep), refuses('corrupt'));
});

/** Peak heap growth while `fn` runs, in MB (sampled after it, with the garbage it left). */
function heapGrowthMb(fn: () => void): number {
  const before = process.memoryUsage().heapUsed;
  fn();
  return (process.memoryUsage().heapUsed - before) / 1024 / 1024;
}

test('html: pages whose DOM or tables would outgrow memory are refused before they do', () => {
  const heading = '<h1>2020年政府信息公开工作年度报告</h1>';
  // 54 KB: the parser re-opens the 1,000 <b> left open in every one of 10,000 paragraphs — ten
  // million elements (gigabytes) unless counted
  const reopened = `<html><body>${heading}<p>${Array.from({ length: 1000 }, (_, i) => `<b class=c${i}>`).join('')}${'<p>第'.repeat(10_000)}</body></html>`;
  assert.ok(reopened.length < 100_000);
  let growth = heapGrowthMb(() => assert.throws(() => htmlToText(reopened), refuses('too_large')));
  assert.ok(growth < 200, `${growth.toFixed(0)} MB`);
  assert.throws(() => htmlToText(reopened), /网页的元素过多（超过 3 万个）/);
  // 330 KB: 10,000 rows, each cell spanning to the table's end — a triangle of 5×10⁷ grid cells
  const triangle = `<html><body>${heading}<table><tr><td>第二十条</td></tr>${'<tr><td rowspan=99999>1</td></tr>'.repeat(10_000)}</table></body></html>`;
  growth = heapGrowthMb(() => assert.throws(() => htmlToText(triangle), refuses('too_large')));
  assert.ok(growth < 200, `${growth.toFixed(0)} MB`);
  assert.throws(
    () => htmlToText(triangle),
    /按合并单元格（rowspan\/colspan）展开后超过 20 万个单元格/,
  );
  // colspans padding every row of a long table to the widest
  const wide = `<html><body>${heading}<table><tr><td colspan=1000>第二十条</td></tr>${'<tr><td>1</td></tr>'.repeat(2_000)}</table></body></html>`;
  assert.throws(() => htmlToText(wide), /展开后超过 20 万个单元格/);
});

test('html: report tables under a thousand nested elements are all read', () => {
  // (the CLI's bad-input test reads 18,000 of them in bounded memory: each climb to the common
  // ancestor is made once, not once a table)
  const depth = 1000;
  const tables = 3000;
  const page = `<html><body><h1>2020年政府信息公开工作年度报告</h1>${'<div>'.repeat(depth)}${'<table><tr><td>第二十条</td><td>1</td></tr></table>'.repeat(tables)}${'</div>'.repeat(depth)}</body></html>`;
  const { text, title } = htmlToText(page);
  assert.equal(title, '2020年政府信息公开工作年度报告');
  assert.equal(text.split('第二十条\t1').length - 1, tables);
  assert.ok(text.startsWith('2020年政府信息公开工作年度报告\n\n第二十条\t1\n'));
});

/** `mb` megabytes of zeros, deflated as a stream (never held in memory whole). */
async function deflatedZeros(mb: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i++)
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

const CONTENT_TYPES = { name: '[Content_Types].xml', data: Buffer.from('<Types/>') };

test('docx: empty, garbage, truncated, a .doc, a non-docx zip are refused with a clear message', async () => {
  await assert.rejects(docxToText(new Uint8Array()), refuses('empty'));
  const garbage = new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
  await assert.rejects(docxToText(garbage), refuses('not_docx'));
  const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(600)]);
  await assert.rejects(docxToText(doc), refuses('legacy_doc'));
  const other = zip([CONTENT_TYPES, { name: 'xl/workbook.xml', data: Buffer.from('<w/>') }]);
  await assert.rejects(docxToText(other), refuses('no_document'));
  // other documents that are zips are named for what they are, and what to upload instead
  const said = async (entries: string[], what: RegExp) =>
    assert.rejects(
      docxToText(zip(entries.map((name) => ({ name, data: Buffer.from('<x/>') })))),
      (e: unknown) => refuses('no_document')(e) && what.test((e as Error).message),
    );
  await said(['OFD.xml', 'Doc_0/Document.xml'], /而是OFD 版式文件.*请以 \.ofd 文件提交检查/);
  await said(['[Content_Types].xml', 'xl/workbook.xml'], /而是Excel（\.xlsx）表格/);
  await said(['mimetype', 'content.xml'], /而是OpenDocument.*另存为 \.docx 或 PDF/);
  await said(['[Content_Types].xml', 'misc.xml'], /压缩包中没有 word\/document\.xml/);
  const docx = await renderDocx(REPORTS[1]!);
  await assert.rejects(docxToText(docx.subarray(0, docx.length >> 1)), refuses('not_docx'));
  const broken = zip([CONTENT_TYPES, { name: 'word/document.xml', data: Buffer.from('<w:doc') }]);
  await assert.rejects(docxToText(broken), refuses('corrupt'));
  // malformed XML (an attribute without its value): said in Chinese, the parser's words kept short
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const malformed = zip([
    CONTENT_TYPES,
    {
      name: 'word/document.xml',
      data: Buffer.from(
        `<w:document ${W}><w:body><w:p w:rsidR><w:r><w:t>1</w:t></w:r></w:p></w:body></w:document>`,
      ),
    },
  ]);
  await assert.rejects(docxToText(malformed), (e: unknown) => {
    assert.ok(refuses('corrupt')(e));
    const { message } = e as Error;
    assert.match(
      message,
      /^Word 文件已损坏：其中的 XML 内容不完整或格式有误（技术信息：.+）。请用 Word 打开/,
    );
    assert.doesNotMatch(message, /xmldom|@#|\n/);
    return true;
  });
});

test('docx: zip bombs (honest, high-ratio and lying sizes) are refused before inflating', async () => {
  const zeros200 = await deflatedZeros(200);
  assert.ok(zeros200.length < 1024 * 1024, `${zeros200.length} bytes`);
  const document = (deflated: Buffer, size: number) =>
    zip([CONTENT_TYPES, { name: 'word/document.xml', data: Buffer.alloc(0), deflated, size }]);
  const before = process.memoryUsage().rss;
  await assert.rejects(docxToText(document(zeros200, 200 * 1024 * 1024)), refuses('zip_bomb'));
  const zeros50 = await deflatedZeros(50);
  await assert.rejects(docxToText(document(zeros50, 50 * 1024 * 1024)), refuses('zip_bomb'));
  // declares 2 KB, inflates to 200 MB: the inflation stops at the declared size
  await assert.rejects(docxToText(document(zeros200, 2048)), refuses('zip_bomb'));
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown < 100 * 1024 * 1024, `rss grew by ${grown} bytes`);
});

test('docx: a document.xml too large or of too many elements is refused before mammoth reads it', async () => {
  const document = (xml: string, stored = false) =>
    zip([CONTENT_TYPES, { name: 'word/document.xml', data: Buffer.from(xml), stored }]);
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const paragraphs = (n: number) =>
    `<w:document ${W}><w:body>${'<w:p><w:r><w:t>1</w:t></w:r></w:p>'.repeat(n)}</w:body></w:document>`;
  // 80,003 elements (three a paragraph): over the limit, deflated or stored; a comment or declaration is no element
  const over = paragraphs(26_667);
  assert.equal(xmlElements(Buffer.from(`<?xml version="1.0"?><!-- a -->${over}`)), 80_003);
  for (const stored of [false, true]) {
    await assert.rejects(docxToText(document(over, stored)), refuses('too_large'));
    await assert.rejects(
      docxToText(document(over, stored)),
      /word\/document\.xml 有 80003 个 XML 元素，超过 8 万个的上限/,
    );
  }
  // 4 MB of one element's text (stored: it would deflate past the ratio limit): too large by its size
  const big = `<w:document><w:body><w:p><w:r><w:t>${'一'.repeat(1_400_000)}</w:t></w:r></w:p></w:body></w:document>`;
  await assert.rejects(docxToText(document(big, true)), /解压后有 4\.0 MB，超过 4 MB 的上限/);
  // just under both limits: read (and found to be no report by the text reader, not here)
  const under = paragraphs(26_640);
  assert.ok(MAX_DOCUMENT_ELEMENTS - xmlElements(Buffer.from(under)) < 100);
  assert.equal((await docxToText(document(under))).text, '1\n'.repeat(26_640));
});

test('a title in two paragraphs set alike: the agency line above the heading is kept; a menu line is not', () => {
  const p = (t: string) => `<p class="MsoNormal" style="text-align:center">${t}</p>`;
  const { text } = htmlToText(
    `<div><div>登录</div>${p('&nbsp;')}${p('某某市旅游局')}${p('2019年度政府信息公开工作年度报告')}` +
      `<p>正文</p><table><tr><td>行政复议</td></tr><tr><td>1</td></tr></table></div>`,
  );
  assert.equal(text, '某某市旅游局\n2019年度政府信息公开工作年度报告\n正文\n\n行政复议\n1\n');
});

test('a Word table 二 whose header has an empty cell between two columns: values at the header’s columns', () => {
  // 信息内容 | 上一年项目数量 | 本年增/减 | (empty) | 处理决定数量: 2 | (blank) | (empty) | 15
  const html =
    '<h1>某某县旅游局2019年度政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p><table>' +
    '<tr><td colspan="5">第二十条第（五）项</td></tr>' +
    '<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td></td><td>处理决定数量</td></tr>' +
    '<tr><td>行政许可</td><td>2</td><td></td><td></td><td>15</td></tr>' +
    '<tr><td>其他对外管理服务事项</td><td>0</td><td>0</td><td></td><td>0</td></tr></table>' +
    '<p>三、收到和处理政府信息公开申请情况</p>';
  const read = readReportText(htmlToText(html).text);
  const t2 = read.report?.table2['第二十条第（五）项'];
  assert.deepEqual(t2?.['行政许可'], { 上一年项目数量: 2, '本年增/减': null, 处理决定数量: 15 });
  assert.deepEqual(t2?.['其他对外管理服务事项'], {
    上一年项目数量: 0,
    '本年增/减': 0,
    处理决定数量: 0,
  });
  assert.ok(
    !read.findings.some((f) => f.where.includes('行政许可')),
    JSON.stringify(read.findings),
  );
});

test('html: a span of a sentence that names the report is not its title', () => {
  const { title, text } = htmlToText(
    `<html><body><h1>沭阳县发展和改革局2023年政府信息公开年度报告</h1>` +
      `<p>根据条例，编制沭阳县发展和改革<span>局2023年度政府信息公开年度报告。本</span>年度报告所列数据……</p>` +
      `<table><tr><td>第二十条第（一）项</td></tr><tr><td>规章</td><td>0</td></tr></table></body></html>`,
  );
  assert.equal(title, '沭阳县发展和改革局2023年政府信息公开年度报告');
  assert.ok(text.startsWith('沭阳县发展和改革局2023年政府信息公开年度报告\n'));
});

test('html: a page that only attaches its report says which files to check instead', async () => {
  const page = (body: string) =>
    new TextEncoder().encode(
      `<!doctype html><html><head><meta charset="utf-8"><title>年报</title></head><body>` +
        `<header><nav><a href="/">首页</a><a href="/guide.pdf">公开指南.pdf</a></nav></header>` +
        `<div class="article"><h1>某某区人民政府2023年政府信息公开工作年度报告</h1>` +
        `<p>发布日期：2024-01-20</p>${body}</div><footer>版权所有</footer></body></html>`,
    );
  const audit = await auditPublishedReport(
    page(
      '<p>附件：<a href="/upload/P020240120.pdf?v=2">某某区2023年年报.pdf</a></p>' +
        '<p><a href="/upload/%E5%B9%B4%E6%8A%A5.docx"></a></p>',
    ),
  );
  assert.equal(audit.report, null);
  assert.deepEqual(
    audit.findings.map((f) => [f.rule, f.message]),
    [
      [
        'READ-NOT-REPORT',
        '网页中没有年度报告的正文，只有附件“某某区2023年年报.pdf”“年报.docx”：年度报告在附件中，请下载附件后上传检查。',
      ],
    ],
  );
  // a PDF shown in the page by a viewer's frame
  const framed = await auditPublishedReport(
    page('<iframe src="/pdfjs/web/viewer.html?file=/upload/2023%E5%B9%B4%E6%8A%A5.pdf"></iframe>'),
  );
  assert.match(framed.findings[0]?.message ?? '', /只有附件“2023年报\.pdf”/);
  // (a link in the page's chrome is none of the report's)
  const none = await auditPublishedReport(page('<p>本页暂无内容。</p>'));
  assert.doesNotMatch(none.findings[0]?.message ?? '', /附件/);
});

test('html: the publication date the page states by the report’s heading; PUB-DEADLINE checks it', async () => {
  const real = (f: string) =>
    readFileSync(new URL(`../fixtures/reports/real/${f}`, import.meta.url), 'utf8');
  // in the text read (发布日期：, 来源：… 时间：…), or in the CMS's article header above it
  const stated: Record<string, string | undefined> = {
    '2019_pingtan-tourism-page.html': '2020-01-16',
    '2019_shanghai-office.html': '2020-01-31',
    '2020_pingtan-market-regulation-page.html': '2021-01-27',
    '2023_shuyang-development-reform-page.html': undefined,
    '2024_junshan-area-page.html': '2025-01-24',
  };
  for (const [f, date] of Object.entries(stated)) {
    assert.equal(htmlToText(real(f)).publishedOn, date, f);
    // all five were published in time
    const audit = await auditPublishedReport(new TextEncoder().encode(real(f)));
    assert.deepEqual(
      audit.findings.filter((x) => x.rule === 'PUB-DEADLINE'),
      [],
      f,
    );
  }
  // published late: a department (1月31日), a township (3月31日 unless set locally)
  const late = async (f: string, from: string, to: string) => {
    const audit = await auditPublishedReport(new TextEncoder().encode(real(f).replace(from, to)));
    return audit.findings.filter((x) => x.rule === 'PUB-DEADLINE').map((x) => x.message);
  };
  assert.deepEqual(
    await late('2019_pingtan-tourism-page.html', '时间：2020-01-16', '时间：2020-02-03'),
    [
      '本报告于2020-02-03发布，晚于发布期限2020-01-31（3天）。依据：《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本部门上一年度政府信息公开工作年度报告并向社会公布。',
    ],
  );
  const township = await late(
    '2024_junshan-area-page.html',
    '时间：2025-01-24',
    '时间：2025-04-01',
  );
  assert.match(township[0] ?? '', /^本报告于2025-04-01发布，晚于发布期限2025-03-31（1天）/);
  // not a publication date: when it was written or updated; no date that is none
  const page = (meta: string) =>
    htmlToText(
      `<html><body><h1>某某局2023年政府信息公开工作年度报告</h1><p>${meta}</p><p>一、总体情况</p></body></html>`,
    ).publishedOn;
  assert.equal(page('成文日期：2024-03-01'), undefined);
  assert.equal(page('更新时间：2024-03-01 10:00'), undefined);
  assert.equal(page('发布时间：2024-02-30'), undefined);
  assert.equal(page('发布时间：2024年1月5日'), '2024-01-05');
  assert.equal(page('成文日期：2024-01-02 发布日期：2024-01-09'), '2024-01-09');
});

test('html: a page whose body has no report heading is read with the report part of its <title>', async () => {
  const junshan = readFileSync(
    new URL('../fixtures/reports/real/2024_junshan-area-page.html', import.meta.url),
    'utf8',
  );
  const name = '平潭综合实验区君山片区管理局';
  const heading = /<div class="article_title[^"]*">[^<]*<\/div>/;
  assert.match(junshan, heading);
  const page = (title: string) =>
    new TextEncoder().encode(
      junshan.replace(heading, '').replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`),
    );
  for (const title of [
    `${name}2024年政府信息公开工作年度报告_平潭综合实验区管理委员会门户网站`,
    `平潭综合实验区管理委员会 - ${name}2024年政府信息公开工作年度报告`,
    `${name}2024年政府信息公开工作年度报告｜政府信息公开年报`,
  ]) {
    const audit = await auditPublishedReport(page(title));
    assert.equal(audit.report?.agency.name, name, title);
    assert.equal(audit.report?.agency.level, 'township', title);
    assert.equal(audit.report?.year, 2024, title);
  }
  // a <title> that names no report is not taken for one: the level presumed, and said so
  const audit = await auditPublishedReport(page('平潭综合实验区管理委员会'));
  assert.equal(audit.report?.agency.name, '');
  assert.deepEqual(
    audit.findings.filter((f) => f.rule === 'READ-AGENCY-LEVEL').map((f) => f.message),
    [
      '标题中未读出机关名称，机关层级推定为市级；“规章”一项的核对（LEVEL-规章）取决于层级，请确认。',
    ],
  );
});

test('html: a page whose scripts write its report in is read from them; one that loads it when shown says so', async () => {
  const report = REPORTS[1]!;
  const direct = await auditPublishedReport(new TextEncoder().encode(portalPage(report)));
  const article = renderHtml(report).value;
  const chrome = (title: string, script: string) =>
    new TextEncoder().encode(
      `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>` +
        `<script src="/js/jquery.js"></script></head><body><a href="/">网站首页</a>` +
        `<div id="content"></div><script>${script}</script><footer>版权所有</footer></body></html>`,
    );
  const title = `${report.agency.name}${report.year}年政府信息公开工作年度报告`;
  // one double-quoted string (JSON), and two single-quoted ones joined, with escapes and comments
  const half = article.length >> 1;
  const js = (s: string) =>
    s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/政/g, '\\u653f');
  for (const script of [
    `var content = ${JSON.stringify(article)};\ndocument.getElementById('content').innerHTML = content;`,
    `// the article's HTML, as the CMS writes it ("quoted" here)\n/* 'not a string' */\n` +
      `document.write('${js(article.slice(0, half))}' +\n  '${js(article.slice(half))}');`,
  ]) {
    const audit = await auditPublishedReport(chrome(title, script));
    assert.ok(audit.report, script.slice(0, 40));
    for (const k of ['table2', 'table3', 'table4', 'year', 'format'] as const)
      assert.deepEqual(audit.report[k], direct.report?.[k], k);
    assert.equal(audit.report.agency.name, direct.report?.agency.name);
    assert.equal(audit.findings[0]?.rule, 'READ-SCRIPT-CONTENT');
    assert.deepEqual(
      audit.findings.slice(1).map((f) => `${f.rule} ${f.where}`),
      direct.findings.map((f) => `${f.rule} ${f.where}`),
    );
  }
  // a page whose scripts load the report from elsewhere when it is shown: what to do instead
  const loaded = await auditPublishedReport(chrome(title, "load('/api/article/123');"));
  assert.equal(loaded.report, null);
  assert.match(loaded.findings[0]?.message ?? '', /正文可能由网页脚本在浏览器中加载.*打印为 PDF/);
  // (an application's shell: nothing but its scripts in the body)
  assert.throws(
    () =>
      htmlToText(
        `<title>${title}</title><body><div id="app"></div><script src="/app.js"></script></body>`,
      ),
    (e: unknown) => e instanceof UnreadableInputError && /脚本在浏览器中加载/.test(e.message),
  );
  // a script's menu naming reports and tables is no report read from a script
  const menu = await auditPublishedReport(
    chrome(
      title,
      `nav.innerHTML = '<ul><li><a href="/nb/2023">2023年度报告</a></li><li><a href="/fy">行政复议</a></li></ul>';`,
    ),
  );
  assert.equal(menu.report, null);
  assert.deepEqual(
    menu.findings.map((f) => f.rule),
    ['READ-NOT-REPORT'],
  );
  assert.match(menu.findings[0]?.message ?? '', /正文可能由网页脚本在浏览器中加载/);
  // …but a page that names no report is no report, whatever its scripts
  const other = await auditPublishedReport(chrome('某某区人民政府门户网站', "load('/news');"));
  assert.equal(other.findings[0]?.rule, 'READ-NOT-REPORT');
  assert.doesNotMatch(other.findings[0]?.message ?? '', /脚本/);
});

test('mhtml: a page saved by Internet Explorer as one file (.mht, GBK, base64) is read as the page is', async () => {
  const html = portalPage(REPORTS[1]!).replace('charset="utf-8"', 'charset="gb2312"');
  const page = await auditPublishedReport(new TextEncoder().encode(portalPage(REPORTS[1]!)));
  const boundary = '----=_NextPart_000_0000_01DA4C3B.5E3A9F20';
  const lines = (b64: string) => b64.match(/.{1,76}/g)?.join('\r\n') ?? '';
  const mht = (parts: string) =>
    new TextEncoder().encode(
      [
        'From: <Saved by Windows Internet Explorer 11>',
        'Subject: =?gb2312?B?xOq2yLGouOY=?=',
        'Date: Tue, 20 Jan 2024 09:30:00 +0800',
        'MIME-Version: 1.0',
        `Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"`,
        '',
        'This is a multi-part message in MIME format.',
        '',
        parts,
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}`,
      'Content-Transfer-Encoding: base64',
      'Content-Location: http://www.example.gov.cn/zfxxgk/nb/t20240120.html',
      '',
      lines(body),
      '',
    ].join('\r\n');
  const picture = part('image/png', Buffer.from('not really a picture').toString('base64'));
  const saved = await auditPublishedReport(
    mht(part('text/html;\r\n\tcharset="gb2312"', gbk(html).toString('base64')) + picture),
  );
  assert.equal(saved.format, 'mhtml');
  for (const k of ['table2', 'table3', 'table4', 'year', 'format'] as const)
    assert.deepEqual(saved.report?.[k], page.report?.[k], k);
  assert.equal(saved.report?.agency.name, page.report?.agency.name);
  assert.deepEqual(
    saved.findings.map((f) => f.rule),
    page.findings.map((f) => f.rule),
  );
  // a part whose Content-Type runs onto the next line (a folded header) is the page all the same
  const folded = await auditPublishedReport(
    mht(
      part(
        '\r\n text/html; charset=utf-8',
        Buffer.from(portalPage(REPORTS[1]!)).toString('base64'),
      ) + picture,
    ),
  );
  assert.deepEqual(folded.report?.table3, page.report?.table3);
  // a saved page without its page (only its pictures): said, not read as text
  await assert.rejects(
    auditPublishedReport(mht(picture)),
    (e: unknown) => e instanceof UnreadableInputError && /没有网页内容/.test(e.message),
  );
});
