/**
 * Tables broken across pages, on the real published pages of test/fixtures/reports/real: each
 * report table of each page is cut into two tables at every row where no merged cell crosses the
 * cut, with what a page break leaves between them — a page number, a running head, nothing — and
 * with or without the header rows repeated on the second page. Every cell read from the cut page
 * is the cell read from the whole page (which reader-real.test.ts checks against the sidecar),
 * or blank with a reading finding for its row: a cut never invents a cell. Found by mutating
 * these pages: a page number between table 四's header and its row of figures was read as the
 * row's first cell, the figures one column to the right.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  defaultTreeAdapter as dom,
  parse,
  serialize,
  type DefaultTreeAdapterTypes as T,
} from 'parse5';
import { htmlToText } from '../../src/readers/html-text.ts';
import type { ReadResult } from '../../src/readers/read-report.ts';
import { readReportText } from '../../src/readers/text.ts';
import {
  cellsOf,
  elements,
  rowspan,
  textOf,
  type Element,
  REAL,
  REAL_PAGES as PAGES,
} from '../support/page-dom.ts';

/** Whether a cell of a row above `r` spans down to row `r` (a cut there would split it). */
const crossed = (rows: Element[], r: number) =>
  rows.slice(0, r).some((tr, i) => cellsOf(tr).some((c) => i + rowspan(c) > r));

/** The report tables of a page: tables without a table inside, naming a report table's words. */
const reportTables = (doc: T.Document) =>
  elements(doc, ['table']).filter(
    (t) =>
      elements(t, ['table']).length === 0 &&
      /第二十条|申请人情况|行政复议|本年新收/.test(textOf(t).replace(/\s+/g, '')),
  );

/** The header rows: those before the first row holding a figure alone in a cell. */
const headerRows = (rows: Element[]) => {
  const first = rows.findIndex((tr) => cellsOf(tr).some((c) => /^\s*\d+\s*$/.test(textOf(c))));
  return first < 0 ? 0 : first;
};

interface Cut {
  table: number;
  row: number;
  between: string;
  repeatHeader: boolean;
}

/** The page with table `cut.table` cut before row `cut.row`, or null when no such cut exists. */
function cutPage(html: string, cut: Cut): string | null {
  const doc = parse(html);
  const table = reportTables(doc)[cut.table];
  if (!table?.parentNode) return null;
  const rows = elements(table, ['tr']);
  if (cut.row <= 0 || cut.row >= rows.length || crossed(rows, cut.row)) return null;
  const header = headerRows(rows);
  const repeat = cut.repeatHeader && header > 0 && header < cut.row && !crossed(rows, header);
  if (cut.repeatHeader && !repeat) return null;
  const second = dom.createElement('table', table.namespaceURI, table.attrs);
  const body = dom.createElement('tbody', table.namespaceURI, []);
  dom.appendChild(second, body);
  if (repeat) {
    const copy = parse(
      `<table><tbody>${rows.slice(0, header).map(outer).join('')}</tbody></table>`,
    );
    for (const tr of elements(copy, ['tr'])) dom.appendChild(body, tr);
  }
  for (const tr of rows.slice(cut.row)) {
    dom.detachNode(tr);
    dom.appendChild(body, tr);
  }
  const parent = table.parentNode;
  const at = parent.childNodes.indexOf(table as T.ChildNode);
  const inserted: T.ChildNode[] = [second];
  if (cut.between) {
    const p = dom.createElement('p', table.namespaceURI, []);
    dom.insertText(p, cut.between);
    inserted.unshift(p);
  }
  parent.childNodes.splice(at + 1, 0, ...inserted);
  for (const n of inserted) n.parentNode = parent;
  return serialize(doc);
}

const outer = (el: Element) =>
  serialize({ nodeName: '#document-fragment', childNodes: [el] } as unknown as T.DocumentFragment);

/** Every cell read, keyed by where it is: printed table 二, table 三 and table 四. */
function cells(read: ReadResult): Map<string, number | string | null> {
  const out = new Map<string, number | string | null>();
  for (const [caption, rows] of Object.entries(read.printedTable2))
    for (const [row, cols] of Object.entries(rows))
      for (const [col, v] of Object.entries(cols)) out.set(`table2 ${caption} ${row}|${col}`, v);
  for (const [row, values] of Object.entries(read.report?.table3 ?? {}))
    values.forEach((v, i) => out.set(`table3 ${row}|${i}`, v));
  for (const [group, cols] of Object.entries(read.report?.table4 ?? {}))
    for (const [col, v] of Object.entries(cols)) out.set(`table4|${group} ${col}`, v);
  return out;
}

/** Where the reading findings of a read point (rows, tables). */
const said = (read: ReadResult) =>
  read.findings.filter((f) => f.rule.startsWith('READ-')).map((f) => f.where);

for (const page of PAGES) {
  test(`${page}: a report table cut across pages at any row invents no cell`, () => {
    const html = readFileSync(path.join(REAL, page), 'utf8');
    const whole = cells(readReportText(htmlToText(html).text));
    const wholeRead = [...whole.values()].filter((v) => v !== null).length;
    const tables = reportTables(parse(html)).map((t) => elements(t, ['tr']).length);
    let cuts = 0;
    let identical = 0;
    const invented: string[] = [];
    const silent: string[] = [];
    tables.forEach((rowCount, table) => {
      for (let row = 1; row < rowCount; row++)
        for (const between of ['- 3 -', '第 3 页 共 8 页', '政府信息公开工作年度报告', ''])
          for (const repeatHeader of [false, true]) {
            const cutHtml = cutPage(html, { table, row, between, repeatHeader });
            if (!cutHtml) continue;
            cuts++;
            const read = readReportText(htmlToText(cutHtml).text);
            const got = cells(read);
            const where = said(read);
            let same = true;
            for (const [key, want] of whole) {
              const v = got.get(key) ?? null;
              if (v === want) continue;
              same = false;
              const at = `table ${table + 1} cut before row ${row} (${JSON.stringify(between)}${repeatHeader ? ', header repeated' : ''}): ${key}`;
              if (v !== null) invented.push(`${at} = ${String(v)}, not ${String(want)}`);
              else if (!where.some((w) => key.startsWith(`${w}|`) || key.startsWith(`${w} `)))
                silent.push(at);
            }
            if (same) identical++;
          }
    });
    assert.ok(cuts >= 20, `${cuts} cuts`);
    assert.ok(
      whole.size >= 198 && wholeRead > 50,
      `${wholeRead} of ${whole.size} cells read from the whole page`,
    );
    assert.deepEqual(invented, [], 'no cell invented');
    assert.deepEqual(silent, [], 'every cell not read is said');
    console.log(`${page}: ${cuts} cuts, ${identical} read exactly as the whole page`);
  });
}

// Text extracted from PDFs (poppler's default, raw and layout modes): what a page break leaves —
// a page number, a running head, a year — on a line of its own between any two lines of the
// tables. (Found so: 2023年度 after 行政许可 2 15 was read as that row's third cell; and in laid-out
// text a break inside a row's wrapped label (理其政府信息公开申请 parted from its row) lost the
// 三（六） sub-rows' labels, and table 三 was read in the 2019 layout, a mix the report never made.)
const PDF_TEXTS = ['pdftotext', 'layout'].flatMap((dir) =>
  readdirSync(path.join(REAL, dir))
    .filter((f) => f.endsWith('.txt') && !f.startsWith('X-'))
    .map((f) => path.join(dir, f)),
);
/** The sidecar's cells of a PDF's text (keyed as cells() keys them). */
function truthOf(file: string): Map<string, number | string | null> {
  const stem = path
    .basename(file)
    .replace(/\.(layout|raw|default)\.txt$/, '')
    .replace(/-chromium$/, '');
  const s = JSON.parse(readFileSync(path.join(REAL, `${stem}.expected.json`), 'utf8')) as {
    table2: Record<string, Record<string, Record<string, number | string | null>>>;
    table3: { rows: Record<string, (number | null)[]> };
    table4: { groups: Record<string, Record<string, number | null>> };
  };
  const out = new Map<string, number | string | null>();
  for (const [caption, rows] of Object.entries(s.table2))
    for (const [row, cols] of Object.entries(rows))
      for (const [col, v] of Object.entries(cols)) out.set(`table2 ${caption} ${row}|${col}`, v);
  for (const [row, values] of Object.entries(s.table3.rows))
    values.forEach((v, i) => out.set(`table3 ${row}|${i}`, v));
  for (const [group, cols] of Object.entries(s.table4.groups))
    for (const [col, v] of Object.entries(cols)) out.set(`table4|${group} ${col}`, v);
  return out;
}

const BREAKS = ['- 3 -', '第3页 共8页', '2023年度'];

for (const file of PDF_TEXTS) {
  test(`${file}: a page number or running head between any two lines of its tables invents no cell`, () => {
    const text = readFileSync(path.join(REAL, file), 'utf8');
    const whole = cells(readReportText(text));
    // a cell the whole text does not settle may be read once a line moves: then as the sidecar
    const truth = truthOf(file);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('第二十条'));
    const last = lines.findIndex((l, i) => i > first && /^\s*五、/.test(l));
    assert.ok(first > 0 && last > first, 'the tables are found');
    let cuts = 0;
    const invented: string[] = [];
    const silent: string[] = [];
    for (let at = first + 1; at < last; at++)
      for (const line of BREAKS)
        for (const inserted of [[line], ['', line, '']]) {
          cuts++;
          const read = readReportText(
            [...lines.slice(0, at), ...inserted, ...lines.slice(at)].join('\n'),
          );
          const got = cells(read);
          const where = said(read);
          for (const [key, want] of whole) {
            const v = got.get(key) ?? null;
            if (v === want) continue;
            const here = `${JSON.stringify(inserted)} before line ${at + 1}: ${key}`;
            if (v !== null && v === truth.get(key)) continue;
            if (v !== null) invented.push(`${here} = ${String(v)}, not ${String(want)}`);
            else if (!where.some((w) => key.startsWith(`${w}|`) || key.startsWith(`${w} `)))
              silent.push(here);
          }
        }
    assert.ok(cuts > 100, `${cuts} insertions`);
    assert.deepEqual(invented, [], 'no cell invented');
    assert.deepEqual(silent, [], 'every cell not read is said');
  });
}
