/**
 * The real published pages of test/fixtures/reports/real as page-to-text tools write them: each
 * table row a line of cells between pipes (Markdown, with or without its separator line and
 * outer pipes) or tabs, a merged cell's other columns written as empty cells, left out, or filled
 * with the merged cell's text again; or, as sites' stored page text has them, each cell a line of
 * its own. Each text reads as the page: no cell other than the page's,
 * and every cell it does not read is said, as ambiguous or unreadable, in its row.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { htmlToText } from '../../src/readers/html-text.ts';
import { readReportText } from '../../src/readers/text.ts';
import { cellsOf, colspan, REAL, REAL_PAGES, textOf, type Element } from '../support/page-dom.ts';

interface Form {
  /** how a row is written from its cells */
  row: (cells: string[]) => string;
  /** a line after the table's first row (Markdown's |---|---|) */
  separator?: boolean;
  /** a merged cell's other columns: written empty, left out, or given its text again */
  span: 'empty' | 'dropped' | 'repeated';
  /** a blank cell left out (a page's text that writes each cell's text as a line) */
  blanksDropped?: boolean;
  /** the share of the pages' cells the form must read, when below 99 % (why: at the form) */
  floor?: number;
}

const FORMS: Record<string, Form> = {
  Markdown: { row: (c) => `| ${c.join(' | ')} |`, separator: true, span: 'empty' },
  'pipes without the leading one': { row: (c) => `${c.join(' | ')} |`, span: 'empty' },
  // as a web page's stored text has them: 行政许可 | 0 |||
  'pipes, empty cells closed up': {
    row: (c) =>
      c
        .map((t) => (t ? ` ${t} |` : '|'))
        .join('')
        .trim(),
    span: 'empty',
  },
  'Markdown, merged columns left out': {
    row: (c) => `| ${c.join(' | ')} |`,
    separator: true,
    span: 'dropped',
  },
  // table 二's values spanning columns cannot be told from their copies
  'Markdown, merged cells repeated': {
    row: (c) => `| ${c.join(' | ')} |`,
    separator: true,
    span: 'repeated',
    floor: 0.9,
  },
  tabs: { row: (c) => c.join('\t'), span: 'empty' },
  // Stored page text. Each cell a line (or a paragraph), blank cells and merged columns leaving
  // nothing: the rows of the two pages with blank cells cannot be placed (沭阳's five 法人或其他组织
  // columns are blank in all 25 rows of table 三).
  'each cell a line': {
    row: (c) => c.join('\n'),
    span: 'dropped',
    blanksDropped: true,
    floor: 0.9,
  },
  'each cell a paragraph': {
    row: (c) => c.join('\n\n'),
    span: 'dropped',
    blanksDropped: true,
    floor: 0.9,
  },
  // Each cell a line ending in | (行政许可 |↵|||): where a row ends is lost, so an empty cell after
  // a label spanning two columns (上海's （一）予以公开) may be its own or the row's last one.
  'each cell a line ending in |': {
    row: (c) => c.map((t) => (t ? `${t} |` : '|')).join('\n'),
    span: 'empty',
    floor: 0.98,
  },
  // | cells with line breaks in them (| ↵ 信息内容 | ↵ 本年制发件数 |): likewise
  '| cells with line breaks': {
    row: (c) => `| ${c.map((t) => `\n ${t}  |`).join(' ')}`,
    span: 'empty',
    floor: 0.98,
  },
  // a label cell wider than one column, its text written into each (a table-二 row's too)
  "tabs, each row's label written twice": { row: (c) => labelTwice(c).join('\t'), span: 'empty' },
};

/**
 * A row of figures with its label (the last of the words before the first figure or empty cell)
 * written twice; a header row as it is.
 */
function labelTwice(cells: string[]): string[] {
  const words = /^(\d+[.、．])?[^\d]*[\u4e00-\u9fff][^\d]*$/;
  if (!cells.some((c) => /^\d+$/.test(c))) return cells;
  let j = 0;
  while (j + 1 < cells.length && words.test(cells[j + 1] ?? '')) j++;
  return words.test(cells[j] ?? '') ? [...cells.slice(0, j + 1), ...cells.slice(j)] : cells;
}

const SKIP = new Set(['script', 'style', 'head', 'title']);
const INLINE = new Set(['span', 'a', 'b', 'strong', 'em', 'i', 'u', 'font', 'o:p', 'sup', 'sub']);
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The page as text: a line per block, a line per table row in the form's way. */
function asText(html: string, form: Form): string {
  const out: string[] = [];
  let line = '';
  const flush = () => {
    if (words(line)) out.push(words(line));
    line = '';
  };
  const rowsOf = (n: T.ParentNode, acc: Element[] = []): Element[] => {
    for (const c of n.childNodes)
      if ('tagName' in c && c.tagName !== 'table') {
        if (c.tagName === 'tr') acc.push(c);
        else rowsOf(c, acc);
      }
    return acc;
  };
  const walk = (n: T.Node): void => {
    if (n.nodeName === '#text') line += (n as T.TextNode).value;
    if (!('childNodes' in n)) return;
    const tag = 'tagName' in n ? n.tagName : '';
    if (SKIP.has(tag)) return;
    if (tag === 'table') {
      flush();
      rowsOf(n).forEach((tr, i) => {
        const cells = cellsOf(tr).flatMap((c) => {
          const t = words(textOf(c));
          const more = form.span === 'dropped' ? 0 : colspan(c) - 1;
          return [t, ...Array<string>(more).fill(form.span === 'repeated' ? t : '')];
        });
        out.push(form.row(form.blanksDropped ? cells.filter((c) => c !== '') : cells));
        if (i === 0 && form.separator) out.push(`|${cells.map(() => '---').join('|')}|`);
      });
      return;
    }
    const block = tag !== '' && !INLINE.has(tag);
    if (block) flush();
    for (const c of n.childNodes) walk(c);
    if (block) flush();
  };
  walk(parse(html));
  flush();
  return out.join('\n');
}

type Cells = Map<string, { table: string; row: string; value: unknown }>;

/** Every cell of tables 二, 三 and 四, by a path naming its table, row and column. */
function cellsOfReport(text: string) {
  const read = readReportText(text);
  const report = read.report;
  assert.ok(report, 'read as a report');
  const cells: Cells = new Map();
  for (const [caption, rows] of Object.entries(report.table2))
    for (const [row, cols] of Object.entries(rows ?? {}))
      for (const [col, value] of Object.entries(cols ?? {}))
        cells.set(`table2 ${caption} ${row} ${col}`, { table: 'table2', row, value });
  for (const [row, values] of Object.entries(report.table3))
    values.forEach((value, i) => cells.set(`table3 ${row} ${i}`, { table: 'table3', row, value }));
  for (const [group, cols] of Object.entries(report.table4))
    for (const [col, value] of Object.entries(cols ?? {}))
      cells.set(`table4 ${group} ${col}`, { table: 'table4', row: '', value });
  return { cells, findings: read.findings };
}

const tally = new Map<string, { cells: number; read: number }>();

for (const page of REAL_PAGES)
  test(`${page}: its tables written as text by page-to-text tools read as the page`, () => {
    const html = readFileSync(path.join(REAL, page), 'utf8');
    const truth = cellsOfReport(htmlToText(html).text).cells;
    for (const [name, form] of Object.entries(FORMS)) {
      const { cells, findings } = cellsOfReport(asText(html, form));
      const said = (table: string, row: string, rules: string[]) =>
        findings.some(
          (f) =>
            rules.includes(f.rule) &&
            f.cell?.table === table &&
            (table === 'table4' || f.cell.row === row),
        );
      const t = tally.get(name) ?? { cells: 0, read: 0 };
      for (const [where, want] of truth) {
        const got = cells.get(where);
        t.cells++;
        if (got?.value === want.value) {
          t.read++;
          continue;
        }
        assert.equal(
          got?.value ?? null,
          null,
          `${name}: ${where} read ${got?.value}, the page ${want.value}`,
        );
        // a merged cell's text given again can be told from a value only beside table 三's labels;
        // a row whose blank cells left nothing has fewer figures than columns
        const rules = form.blanksDropped
          ? ['READ-UNREADABLE', 'READ-AMBIGUOUS']
          : form.span === 'repeated' && want.table === 'table2'
            ? ['READ-UNREADABLE']
            : ['READ-AMBIGUOUS'];
        assert.ok(
          said(want.table, want.row, rules),
          `${name}: ${where} (the page ${want.value}) not read and not said as ${rules.join('/')}`,
        );
      }
      tally.set(name, t);
    }
  });

test('each form reads nearly every cell of the pages', () => {
  for (const [name, { cells, read }] of tally) {
    console.log(`${name}: ${read} of ${cells} cells read (${((100 * read) / cells).toFixed(1)} %)`);
    const floor = FORMS[name]?.floor ?? 0.99;
    assert.ok(read / cells >= floor, `${name}: ${read} of ${cells} cells read`);
  }
  assert.equal(tally.size, Object.keys(FORMS).length);
});
