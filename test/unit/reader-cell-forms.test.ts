/**
 * The ways offices write a cell, on the real published pages of test/fixtures/reports/real: in
 * tables 三 and 四, every blank cell written as a dash or 无, every figure in full-width digits,
 * every figure with its unit (3件, 3 件, 3个). Each page so rewritten reads exactly as the page
 * itself: a dash stays blank (never 0, never a shift), full-width digits are the figure, a unit
 * is no part of it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  defaultTreeAdapter as dom,
  parse,
  serialize,
  type DefaultTreeAdapterTypes as T,
} from 'parse5';
import { htmlToText } from '../../src/readers/html-text.ts';
import { readReportText } from '../../src/readers/text.ts';
import {
  cellsOf,
  colspan,
  elements,
  rowspan,
  textOf,
  type Element,
  REAL,
  REAL_PAGES as PAGES,
} from '../support/page-dom.ts';

const FULL_WIDTH = (s: string) =>
  s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

const FORMS: Record<
  string,
  { cell: (text: string) => boolean; to: (text: string, i: number) => string }
> = {
  'blank cells as dashes and 无': {
    cell: (t) => t.trim() === '',
    to: (_, i) => ['—', '-', '/', '无', '／', '——', '–'][i % 7] ?? '—',
  },
  'figures in full-width digits': {
    cell: (t) => /^\s*\d+\s*$/.test(t),
    to: (t) => FULL_WIDTH(t.trim()),
  },
  'figures with their unit': {
    cell: (t) => /^\s*\d+\s*$/.test(t),
    to: (t, i) => `${t.trim()}${['件', ' 件', '个'][i % 3] ?? '件'}`,
  },
};

/** The page with every cell of tables 三 and 四 that `form.cell` takes rewritten; how many. */
function rewritten(html: string, form: (typeof FORMS)[string]): [string, number] {
  const doc = parse(html);
  const tables = elements(doc, ['table']).filter(
    (t) =>
      elements(t, ['table']).length === 0 &&
      /申请人情况|行政复议/.test(textOf(t).replace(/\s+/g, '')),
  );
  let n = 0;
  for (const cell of tables.flatMap((t) => elements(t, ['td', 'th']))) {
    const text = textOf(cell);
    if (!form.cell(text)) continue;
    cell.childNodes = [];
    dom.insertText(cell, form.to(text, n++));
  }
  return [serialize(doc), n];
}

const tables34 = (html: string) => {
  const read = readReportText(htmlToText(html).text);
  return { table3: read.report?.table3, table4: read.report?.table4 };
};

for (const page of PAGES)
  test(`${page}: blank cells as dashes, full-width figures, figures with units read as the page`, () => {
    const html = readFileSync(path.join(REAL, page), 'utf8');
    const whole = tables34(html);
    assert.ok(whole.table3 && whole.table4);
    for (const [name, form] of Object.entries(FORMS)) {
      const [changed, n] = rewritten(html, form);
      if (name.startsWith('figures')) assert.ok(n > 10, `${name}: ${n} cells`);
      assert.deepEqual(tables34(changed), whole, name);
    }
  });

/** Each row's cells with the grid column each starts at, as a browser lays the table out. */
function grid(rows: Element[]): { cell: Element; col: number }[][] {
  const taken: boolean[][] = rows.map(() => []);
  return rows.map((tr, r) => {
    let col = 0;
    return cellsOf(tr).map((cell) => {
      while (taken[r]?.[col]) col++;
      for (let i = 0; i < rowspan(cell); i++)
        for (let j = 0; j < colspan(cell); j++) {
          const row = taken[r + i];
          if (row) row[col + j] = true;
        }
      const at = { cell, col };
      col += colspan(cell);
      return at;
    });
  });
}

/** Table 三 of the page (the report table naming 申请人情况), parsed. */
function table3Of(html: string): { doc: T.Document; rows: Element[] } {
  const doc = parse(html);
  const table = elements(doc, ['table']).find(
    (t) =>
      elements(t, ['table']).length === 0 && textOf(t).replace(/\s+/g, '').includes('申请人情况'),
  );
  assert.ok(table, 'table 三');
  return { doc, rows: elements(table, ['tr']) };
}

/** Table 三 with every merged row label written out in each row it spans instead. */
function unmerged(html: string): [string, number] {
  const { doc, rows } = table3Of(html);
  const laid = grid(rows);
  let n = 0;
  laid.forEach((cells, r) => {
    for (const { cell, col } of cells) {
      const span = rowspan(cell);
      if (span < 2 || !/[\u4e00-\u9fff]/.test(textOf(cell))) continue;
      cell.attrs = cell.attrs.filter((a) => a.name !== 'rowspan');
      for (let i = 1; i < span && r + i < rows.length; i++) {
        const tr = rows[r + i] as Element;
        const copy = dom.createElement(cell.tagName, cell.namespaceURI, [...cell.attrs]);
        dom.insertText(copy, textOf(cell));
        // before the first cell of that row to the right of the label's column
        const next = laid[r + i]?.find((c) => c.col > col)?.cell;
        if (next) dom.insertBefore(tr, copy, next);
        else dom.appendChild(tr, copy);
      }
      n++;
    }
  });
  return [serialize(doc), n];
}

/** Table 三 without its header rows (those above the first row holding a figure). */
function headless(html: string): [string, number] {
  const { doc, rows } = table3Of(html);
  const first = rows.findIndex((tr) => cellsOf(tr).some((c) => /^\s*\d+\s*$/.test(textOf(c))));
  const header = rows.slice(0, Math.max(first, 0));
  for (const tr of header) dom.detachNode(tr);
  return [serialize(doc), header.length];
}

for (const page of PAGES)
  test(`${page}: table 三 with its merged labels written out in every row, or without its header rows, reads as the page`, () => {
    const html = readFileSync(path.join(REAL, page), 'utf8');
    const whole = tables34(html);
    const [written, labels] = unmerged(html);
    assert.ok(labels >= 2, `${labels} merged labels`);
    assert.deepEqual(tables34(written), whole, 'merged labels written out');
    const [cut, header] = headless(html);
    assert.ok(header >= 1, `${header} header rows`);
    assert.deepEqual(tables34(cut), whole, 'no header rows');
  });
