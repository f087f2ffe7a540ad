/**
 * The DOCX and XLSX renderers (src/reports/docx.ts, xlsx.ts), read back as a user's program would
 * read them: the DOCX with mammoth (its HTML tables, merges expanded into a grid) and as raw
 * word/document.xml; the XLSX with exceljs. Every label of the format and every value of the
 * report is looked up by its row and column labels, not by position.
 *
 * Reports: the sidecars of 意溪镇 2020 (2019 format; blank cells in table 三), 平潭 2021 and 淮安市
 * 2024 (2021 format), and 平潭 2020 for an amount that must stay text (`73802895.90元`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import {
  SECTION_HEADINGS,
  TABLE2_FIRST_HEADER,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  formatById,
  type Table4Group,
} from '../../src/domain/report/formats.ts';
import type { AnnualReport, Table2Value } from '../../src/domain/report/model.ts';
import { renderDocx } from '../../src/reports/docx.ts';
import {
  cellText,
  paragraphs,
  reportTitle,
  subgroupOf,
  table2Value,
  table3Rows,
  table3Values,
  table4Value,
} from '../../src/reports/layout.ts';
import { renderXlsx } from '../../src/reports/xlsx.ts';
import { SAMPLE_NARRATIVE as NARRATIVE, sidecarReport } from '../support/sidecars.ts';

const STEMS = ['2020_yixi-town_chaozhou', '2021_pingtan', '2024_huaian-city'];

// ---- reading a DOCX back ----

/** One entry of a zip file (stored or deflated), found through the central directory. */
function unzipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'zip: no end of central directory');
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const [nameLength, extra, comment] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o));
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength!) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength! + extra! + comment!;
  }
  throw new Error(`zip: no ${name}`);
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (html: string) => unescapeHtml(html.replace(/<[^>]*>/g, ''));

/** An HTML table as a grid of cell texts, a merged cell's text in every cell it covers. */
function grid(table: string): string[][] {
  const rows: string[][] = [];
  [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].forEach((tr, r) => {
    let c = 0;
    for (const [, , attrs, content] of tr[1]!.matchAll(/<t([dh])((?:\s[^>]*)?)>(.*?)<\/t\1>/gs)) {
      const row = (rows[r] ??= []);
      while (row[c] !== undefined) c++;
      const span = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(attrs!)?.[1] ?? 1);
      for (let i = 0; i < span('rowspan'); i++)
        for (let j = 0; j < span('colspan'); j++) (rows[r + i] ??= [])[c + j] = textOf(content!);
      c += span('colspan');
    }
  });
  return rows;
}

interface DocxReading {
  html: string;
  tables: string[][][];
  /** word/document.xml */
  xml: string;
  /** the text of every w:t of word/document.xml, in order */
  xmlText: string;
}

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Heading 1'] => h2:fresh"];

async function readDocx(report: AnnualReport): Promise<DocxReading> {
  const docx = await renderDocx(report);
  const { value: html, messages } = await mammoth.convertToHtml(
    { buffer: docx },
    { styleMap: STYLE_MAP },
  );
  assert.deepEqual(messages, []);
  const xml = unzipEntry(docx, 'word/document.xml');
  const xmlText = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const tables = [...html.matchAll(/<table>.*?<\/table>/gs)].map((m) => grid(m[0]));
  return { html, tables, xml, xmlText };
}

/** The column of a grid's header row `row` that has `label`; fails if there is none. */
function column(g: string[][], row: number, label: string, from = 0): number {
  const c = g[row]!.indexOf(label, from);
  assert.ok(c >= 0, `no column ${label} in header row ${row}: ${g[row]!.join('|')}`);
  return c;
}

function checkTable2Docx(report: AnnualReport, tables: string[][][]): void {
  for (const b of formatById(report.format).table2) {
    const g = tables.find((t) => t[0]?.[0] === b.caption);
    assert.ok(g, `table 二 block ${b.caption}`);
    assert.ok(
      g[0]!.every((c) => c === b.caption),
      'caption row spans the table',
    );
    assert.equal(g[1]![0], TABLE2_FIRST_HEADER);
    assert.equal(g.length, 2 + b.rows.length);
    for (const r of b.rows) {
      const row: string[] | undefined = g.find((cells) => cells[0] === r);
      assert.ok(row, `${b.caption} row ${r}`);
      for (const c of b.columns)
        assert.equal(
          row[column(g, 1, c.label)],
          cellText(table2Value(report, b.caption, r, c.label)),
          `${b.caption} ${r} ${c.label}`,
        );
    }
  }
}

function checkTable3Docx(report: AnnualReport, tables: string[][][]): void {
  const g = tables.find((t) => t[0]?.[0] === TABLE3_NOTE);
  assert.ok(g, 'table 三');
  assert.deepEqual(g[0], [
    ...Array<string>(3).fill(TABLE3_NOTE),
    ...TABLE3_COLUMNS.map(() => TABLE3_APPLICANT_HEADER),
  ]);
  assert.deepEqual(g[1]!.slice(4, 9), Array<string>(5).fill(TABLE3_ORG_HEADER));
  const rows = table3Rows(report);
  assert.equal(g.length, 3 + rows.length);
  for (const row of rows) {
    const sub = subgroupOf(row);
    const found: string[] | undefined = g
      .slice(3)
      .find((cells) => cells[2] === row.label && (!sub || cells[1] === sub));
    assert.ok(found, `table 三 row ${row.label}`);
    if (row.key.startsWith('三')) assert.equal(found[0], TABLE3_OUTCOME_GROUP, row.label);
    else assert.deepEqual(found.slice(0, 3), [row.label, row.label, row.label]);
    const values = table3Values(report, row.key);
    TABLE3_COLUMNS.forEach((c, i) =>
      assert.equal(found[column(g, 2, c)], cellText(values[i]!), `${row.label} ${c}`),
    );
  }
}

/** The column of table 四 under group `g` and result `c`, by its three header rows. */
function table4Column(head: (c: number) => [string, string, string], g: Table4Group, c: string) {
  for (let j = 0; j < TABLE4_GROUPS.length * TABLE4_COLUMNS.length; j++) {
    const [top, middle, bottom] = head(j);
    const group = g.parent ? top === g.parent && middle === g.label : top === g.label;
    if (group && bottom === c && (g.parent || middle === c)) return j;
  }
  assert.fail(`table 四 has no column ${g.key} ${c}`);
}

function checkTable4Docx(report: AnnualReport, tables: string[][][]): void {
  const g = tables.find((t) => t[0]?.[0] === '行政复议');
  assert.ok(g, 'table 四');
  assert.equal(g.length, 4);
  for (const group of TABLE4_GROUPS)
    for (const c of TABLE4_COLUMNS) {
      const j = table4Column((k) => [g[0]![k]!, g[1]![k]!, g[2]![k]!], group, c);
      assert.equal(g[3]![j], cellText(table4Value(report, group.key, c)), `${group.key} ${c}`);
    }
}

const mmTwips = (mm: number) => (mm / 25.4) * 1440;
const near = (twips: string | undefined, mm: number) =>
  twips !== undefined && Math.abs(Number(twips) - mmTwips(mm)) <= 1;

for (const stem of STEMS) {
  test(`docx, ${stem}: title, headings, narrative and every table cell under its labels`, async () => {
    const report = sidecarReport(stem);
    const { html, tables } = await readDocx(report);
    assert.equal(textOf(/<h1>(.*?)<\/h1>/s.exec(html)![1]!), reportTitle(report));
    const headings = [...html.matchAll(/<h2>(.*?)<\/h2>/gs)].map((m) => textOf(m[1]!));
    assert.deepEqual(headings, [...SECTION_HEADINGS]);
    const ps = [...html.matchAll(/<p>(.*?)<\/p>/gs)].map((m) => textOf(m[1]!));
    for (const text of Object.values(report.narrative))
      for (const p of paragraphs(text)) assert.ok(ps.includes(p), p);
    const blocks = formatById(report.format).table2.length;
    assert.equal(tables.length, blocks + 2, 'one table per block of 二, then 三 and 四');
    checkTable2Docx(report, tables);
    checkTable3Docx(report, tables);
    checkTable4Docx(report, tables);
  });
}

test('docx: 公文 page, fonts on every run, merged headers, page numbers (word/document.xml)', async () => {
  const report = sidecarReport('2024_huaian-city');
  const docx = await renderDocx(report);
  const { xml, xmlText } = await readDocx(report);
  // A4 and the GB/T 9704 margins
  const attr = (tag: string, name: string) =>
    new RegExp(`<w:${tag}\\b[^>]*\\bw:${name}="(-?\\d+)"`).exec(xml)?.[1];
  assert.ok(near(attr('pgSz', 'w'), 210) && near(attr('pgSz', 'h'), 297), 'A4');
  for (const [side, mm] of [
    ['top', 37],
    ['bottom', 35],
    ['left', 28],
    ['right', 26],
  ] as const)
    assert.ok(near(attr('pgMar', side), mm), `margin ${side}`);
  // every run names its East Asian font; the title, headings, body and tables theirs and their size
  const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]!);
  assert.ok(runs.length > 250, `${runs.length} runs`);
  for (const r of runs) assert.match(r, /<w:rFonts [^>]*w:eastAsia="[^"]+"/);
  const runOf = (text: string) => runs.find((r) => r.includes(`>${text}</w:t>`));
  const font = (r: string | undefined) => [
    /w:eastAsia="([^"]+)"/.exec(r!)?.[1],
    /<w:sz w:val="(\d+)"/.exec(r!)?.[1],
  ];
  assert.deepEqual(font(runs[0]), ['方正小标宋简体', '44']);
  assert.deepEqual(font(runOf(SECTION_HEADINGS[2])), ['黑体', '32']);
  assert.deepEqual(font(runOf(paragraphs(NARRATIVE.overview)[0]!)), ['仿宋_GB2312', '32']);
  assert.deepEqual(font(runOf(TABLE3_APPLICANT_HEADER)), ['仿宋_GB2312', '21']);
  // body: first line indented two characters, exact line spacing of 28–29 pt
  const body = /<w:p>((?:(?!<w:p>).)*?本年度，本机关坚持)/s.exec(xml)![1]!;
  assert.match(body, /w:firstLineChars="200"/);
  const line = Number(/w:line="(\d+)" w:lineRule="exact"/.exec(body)![1]) / 20;
  assert.ok(line >= 28 && line <= 29, `line spacing ${line} pt`);
  // text, in order: title, headings, every label of the tables
  assert.ok(xmlText.startsWith(reportTitle(report)), 'the title comes first');
  let at = 0;
  for (const h of SECTION_HEADINGS) {
    at = xmlText.indexOf(h, at);
    assert.ok(at > 0, h);
  }
  for (const label of [TABLE3_NOTE, TABLE3_ORG_HEADER, TABLE3_OUTCOME_GROUP, '行政诉讼'])
    assert.ok(xmlText.includes(label), label);
  // merges: caption rows and header spans (gridSpan), group labels down rows (vMerge)
  assert.ok((xml.match(/<w:gridSpan /g)?.length ?? 0) >= 10, 'cells spanning columns');
  assert.ok((xml.match(/<w:vMerge w:val="restart"\/>/g)?.length ?? 0) >= 8, 'cells spanning rows');
  // page numbers — 1 —, odd and even footers
  assert.match(xml, /<w:footerReference w:type="default"/);
  assert.match(xml, /<w:footerReference w:type="even"/);
  const footers = ['word/footer1.xml', 'word/footer2.xml'].map((f) => unzipEntry(docx, f));
  for (const f of footers) {
    assert.match(f, /PAGE/);
    assert.match(f, /— <\/w:t>/);
  }
});

test('docx: blank cells are empty, not 0 (意溪镇 table 三)', async () => {
  const report = sidecarReport('2020_yixi-town_chaozhou');
  const { tables } = await readDocx(report);
  const t3 = tables.find((t) => t[0]?.[0] === TABLE3_NOTE)!;
  const partly = t3.find((cells) => cells[2]?.startsWith('（二）部分公开'))!;
  assert.deepEqual(partly.slice(3), Array<string>(7).fill(''));
  assert.deepEqual(
    t3.find((cells) => cells[0] === '一、本年新收政府信息公开申请数量')!.slice(3),
    Array<string>(7).fill('0'),
  );
});

// ---- reading an XLSX back ----

async function readXlsx(report: AnnualReport): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(report)) as unknown as ArrayBuffer);
  return wb;
}

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  assert.ok(ws, `sheet ${name}`);
  return ws;
};
/** The text of a cell's merge (its master cell). */
const labelAt = (ws: ExcelJS.Worksheet, r: number, c: number) => ws.getCell(r, c).master.value;

/** A value as the sheet should hold it: counts and exact amounts as numbers, blank as empty. */
function expectCell(cell: ExcelJS.Cell, v: Table2Value, what: string): void {
  if (v === null) assert.equal(cell.value, null, `${what} is empty`);
  else if (typeof v === 'number' || Number(v).toString() === v) {
    assert.equal(typeof cell.value, 'number', `${what} is a number`);
    assert.equal(cell.value, Number(v), what);
  } else assert.equal(cell.value, v, `${what} is the text reported`);
}

function checkTable2Xlsx(report: AnnualReport, ws: ExcelJS.Worksheet): void {
  const blocks = formatById(report.format).table2;
  const width = 1 + Math.max(...blocks.map((b) => b.columns.length));
  const merges = ws.model.merges;
  for (const b of blocks) {
    let top = 1;
    while (ws.getCell(top, 1).value !== b.caption) {
      top++;
      assert.ok(top < 100, `表二 has no ${b.caption}`);
    }
    const last = String.fromCharCode(64 + width);
    assert.ok(merges.includes(`A${top}:${last}${top}`), `${b.caption} spans the sheet`);
    assert.equal(ws.getCell(top + 1, 1).value, TABLE2_FIRST_HEADER);
    const columns = Array.from({ length: width }, (_, j) => labelAt(ws, top + 1, j + 1));
    b.rows.forEach((r, i) => {
      assert.equal(ws.getCell(top + 2 + i, 1).value, r);
      for (const c of b.columns) {
        const j = columns.indexOf(c.label);
        assert.ok(j > 0, `${b.caption} column ${c.label}`);
        const v = table2Value(report, b.caption, r, c.label);
        expectCell(ws.getCell(top + 2 + i, j + 1), v, `${b.caption} ${r} ${c.label}`);
      }
    });
  }
}

function checkTable3Xlsx(report: AnnualReport, ws: ExcelJS.Worksheet): void {
  assert.equal(ws.getCell('A1').value, TABLE3_NOTE);
  for (const m of ['A1:C3', 'D1:J1', 'D2:D3', 'E2:I2', 'J2:J3'])
    assert.ok(ws.model.merges.includes(m), `merge ${m}`);
  assert.equal(ws.getCell('D1').value, TABLE3_APPLICANT_HEADER);
  assert.equal(ws.getCell('E2').value, TABLE3_ORG_HEADER);
  const columns = Array.from({ length: 10 }, (_, j) => labelAt(ws, 3, j + 1));
  const rows = table3Rows(report);
  const outcome = rows.filter((r) => r.key.startsWith('三'));
  const first = 4 + rows.indexOf(outcome[0]!);
  assert.ok(
    ws.model.merges.includes(`A${first}:A${first + outcome.length - 1}`),
    `${TABLE3_OUTCOME_GROUP} spans its rows`,
  );
  rows.forEach((row, i) => {
    const r = 4 + i;
    assert.equal(labelAt(ws, r, 3), row.label);
    const sub = subgroupOf(row);
    if (sub) assert.equal(labelAt(ws, r, 2), sub);
    assert.equal(labelAt(ws, r, 1), row.key.startsWith('三') ? TABLE3_OUTCOME_GROUP : row.label);
    const values = table3Values(report, row.key);
    TABLE3_COLUMNS.forEach((c, k) =>
      expectCell(ws.getCell(r, columns.indexOf(c) + 1), values[k]!, `表三 ${row.label} ${c}`),
    );
  });
  assert.equal(ws.rowCount, 3 + rows.length);
}

function checkTable4Xlsx(report: AnnualReport, ws: ExcelJS.Worksheet): void {
  for (const m of ['A1:E1', 'F1:O1', 'A2:A3', 'E2:E3', 'F2:J2', 'K2:O2'])
    assert.ok(ws.model.merges.includes(m), `merge ${m}`);
  const text = (r: number, c: number) => String(labelAt(ws, r, c + 1));
  for (const g of TABLE4_GROUPS)
    for (const c of TABLE4_COLUMNS) {
      const j = table4Column((k) => [text(1, k), text(2, k), text(3, k)], g, c);
      expectCell(ws.getCell(4, j + 1), table4Value(report, g.key, c), `表四 ${g.key} ${c}`);
    }
}

for (const stem of [...STEMS, '2020_pingtan']) {
  test(`xlsx, ${stem}: every cell at its labels, numbers as numbers, blanks empty, merges`, async () => {
    const report = sidecarReport(stem);
    const wb = await readXlsx(report);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['说明', '表二', '表三', '表四'],
    );
    const about = sheet(wb, '说明');
    const format = formatById(report.format);
    assert.deepEqual(
      [1, 2, 3, 4].map((r) => about.getCell(r, 2).value),
      [reportTitle(report), report.agency.name, report.year, `${format.title}（${format.source}）`],
    );
    checkTable2Xlsx(report, sheet(wb, '表二'));
    checkTable3Xlsx(report, sheet(wb, '表三'));
    checkTable4Xlsx(report, sheet(wb, '表四'));
    for (const [name, frozen] of [
      ['表三', 3],
      ['表四', 3],
    ] as const) {
      const view = sheet(wb, name).views[0];
      assert.equal(view?.state, 'frozen');
      assert.equal(view?.state === 'frozen' && view.ySplit, frozen);
    }
    const t3 = sheet(wb, '表三');
    assert.equal(t3.getCell('D1').font?.bold, true, 'header cells are bold');
    assert.equal(t3.getCell('D4').border?.top?.style, 'thin', 'cells have borders');
    assert.ok((t3.getColumn(3).width ?? 0) >= 30, 'the label column is wide');
  });
}

test('xlsx: amounts stay exact: a number only when it prints back the same, else the text', async () => {
  const amount = async (stem: string, row: string, column: number) => {
    const ws = sheet(await readXlsx(sidecarReport(stem)), '表二');
    const r = Array.from({ length: ws.rowCount }, (_, i) => i + 1).find(
      (i) => ws.getCell(i, 1).value === row,
    );
    assert.ok(r, `${stem} ${row}`);
    return ws.getCell(r, column);
  };
  // 第二十条第（八）项 of 2021: one amount column (in 万元) spanning B:D
  const huaian = await amount('2024_huaian-city', '行政事业性收费', 2);
  assert.deepEqual([huaian.value, huaian.numFmt], [96171.6, '0.0']);
  const pingtan = await amount('2021_pingtan', '行政事业性收费', 2);
  assert.deepEqual([pingtan.value, pingtan.numFmt], [24252.311082, '0.000000']);
  // 2019 第二十条第（九）项 采购总金额 (column C) as published, with its unit: text
  assert.equal((await amount('2020_pingtan', '政府集中采购', 3)).value, '73802895.90元');
  assert.equal((await amount('2020_yixi-town_chaozhou', '政府集中采购', 3)).value, 0);
});

test('2019 and 2021 reports differ where the formats differ', async () => {
  const y2019 = sidecarReport('2020_yixi-town_chaozhou');
  const y2021 = sidecarReport('2024_huaian-city');
  const [d2019, d2021] = await Promise.all([readDocx(y2019), readDocx(y2021)]);
  const [x2019, x2021] = await Promise.all([readXlsx(y2019), readXlsx(y2021)]);
  const column = (wb: ExcelJS.Workbook, name: string, c: number) => {
    const ws = sheet(wb, name);
    return Array.from({ length: ws.rowCount }, (_, r) => labelAt(ws, r + 1, c));
  };
  // 政府集中采购 (第二十条第（九）项) only in 2019; 本年废止件数 and （六）1–3 only in 2021
  for (const [label, in2019] of [
    ['政府集中采购', true],
    ['第二十条第（九）项', true],
    ['本年新制作数量', true],
    ['本年废止件数', false],
    ['本年收费金额（单位：万元）', false],
    ['3.其他', false],
  ] as const) {
    assert.equal(d2019.xmlText.includes(label), in2019, `docx 2019 ${label}`);
    assert.equal(d2021.xmlText.includes(label), !in2019, `docx 2021 ${label}`);
  }
  assert.equal(d2019.tables.length, 5 + 2);
  assert.equal(d2021.tables.length, 4 + 2);
  assert.ok(column(x2019, '表二', 1).includes('政府集中采购'));
  assert.ok(!column(x2021, '表二', 1).includes('政府集中采购'));
  assert.ok(column(x2019, '表三', 2).includes('（六）其他处理'));
  assert.ok(column(x2021, '表三', 3).includes('3.其他'));
  assert.ok(!column(x2019, '表三', 3).includes('3.其他'));
  assert.equal(sheet(x2019, '表三').rowCount, 3 + 23);
  assert.equal(sheet(x2021, '表三').rowCount, 3 + 25);
});
