/** Table 四 (复议、诉讼): the 15 figures of its one row, split by T4-SUM when they run together. */
import { TABLE4_COLUMNS, TABLE4_GROUPS, type CellKind } from '../domain/report/formats.ts';
import type { Table4 } from '../domain/report/model.ts';
import {
  blankRead,
  PAGE_NUMBER,
  readCells,
  reportRead,
  sum,
  toNumber,
  type Check,
} from './cells.ts';
import { NOISE4 } from './labels.ts';
import { between, type Ctx } from './locate.ts';

const K15: readonly CellKind[] = TABLE4_GROUPS.flatMap(() => TABLE4_COLUMNS.map(() => 'count'));
/** T4-SUM: in each group, 总计 is the sum of the four results. */
const groups4: Check = (c, k) => k % 5 !== 4 || sum(c, k - 4, k) === toNumber(c[k] ?? '');

/** A remark after the heading, before the table: （有关情况附表）, （见附表）. */
const REMARK = /^\s*\([^()\d]{1,20}\)/;

/** A line of figures apart, and spaces only. */
const FIGURES_LINE = /^\s*\d+(\s+\d+)+\s*$/;

/** The header's last word: the figures follow it. */
const LAST_HEADER_WORD = TABLE4_COLUMNS[TABLE4_COLUMNS.length - 1] ?? '总计';

/** Which group a line without figures names: its label (the most specific first), or −1. */
function groupNamed(line: string): number {
  if (line.includes('复议后起诉')) return 2;
  if (line.includes('未经复议') || line.includes('直接起诉')) return 1;
  return line.includes('行政复议') ? 0 : -1;
}

/**
 * Table 四 split into one small table per group (text converted to Markdown from a PDF: "###
 * 行政复议", "| 结果维持 | … | 总计 |", "| 27 | 10 | 9 | 15 | 61 |", then 行政诉讼（未经复议直接
 * 起诉）…): the lines of figures, when there are three and each follows its own group's label, in
 * the template's order; else null (the table's one row of 15 is read).
 */
function perGroup(seg: string): string[] | null {
  const out: string[] = [];
  let group = -1;
  for (const line of seg.split('\n')) {
    if (PAGE_NUMBER.test(line)) continue;
    if (!/\d/.test(line)) {
      const g = groupNamed(line);
      if (g >= 0) group = g;
    } else if (group === out.length && line.includes('\t')) out.push(line);
    else return null;
  }
  return out.length === TABLE4_GROUPS.length ? out : null;
}

export function readTable4(ctx: Ctx, from: number, to: number): Table4 {
  let seg = between(ctx.v, from, to).replace(REMARK, ' ');
  const groups = seg.includes('\t') ? perGroup(seg) : null;
  if (groups) seg = `\t${groups.join('\t')}`;
  else {
    // a sentence before the header (2024年，没有…行政复议及行政诉讼情况。) is not the table's
    const header = seg.lastIndexOf(LAST_HEADER_WORD);
    if (header >= 0) seg = ` ${seg.slice(header + LAST_HEADER_WORD.length)}`;
    if (seg.includes('\t')) {
      // Header rows, then the values on a line of their own: the line that holds figures — not
      // a page's number or running head between the header and the row (the table broken
      // across pages), which is no row of the table (no TAB). Figures on two rows cannot be
      // placed in the columns: the row is not read.
      const lines = seg
        .replace(NOISE4, ' ')
        .split('\n')
        .filter((l) => /\d/.test(l) && !PAGE_NUMBER.test(l));
      const rows = lines.some((l) => l.includes('\t'))
        ? lines.filter((l) => l.includes('\t'))
        : lines;
      if (rows.length > 1) {
        const quoted = rows.map((l) => `“${l.replace(/\s+/g, ' ').trim().slice(0, 40)}”`);
        reportRead(
          ctx,
          'table4',
          blankRead(K15.length, `数字分在${rows.length}行（${quoted.join('、')}），无法确定各栏`),
          { table: 'table4' },
        );
        return table4Of(Array<null>(K15.length).fill(null));
      }
      seg = `\t${rows.join('\t')}`;
    } else {
      // The header's words cut into pieces (a PDF's text laid out by position: 维持 纠正 结果 审结
      // under 结 果 / 其 他 …) after its last 总计, then the one row of figures, all on one line of
      // their own: the words are the header's, the figures the row's. (Figures one a line are
      // in an order of the text's own — poppler's reading order goes down each column.)
      const figures = seg.split('\n').filter((l) => /\d/.test(l) && !PAGE_NUMBER.test(l));
      const row = figures.length === 1 && FIGURES_LINE.test(figures[0] ?? '') ? figures[0] : null;
      seg = ` ${row ?? seg}`;
    }
  }
  const r = readCells(seg, K15, NOISE4, groups4);
  reportRead(ctx, 'table4', r, { table: 'table4' });
  return table4Of(r.cells);
}

/** The 15 cells (groups in the template's order, five columns each) as table 四. */
function table4Of(cells: readonly (string | null)[]): Table4 {
  const table4: Table4 = {};
  TABLE4_GROUPS.forEach((g, gi) => {
    const row = {} as Table4[string];
    TABLE4_COLUMNS.forEach((c, ci) => {
      const t = cells[gi * 5 + ci] ?? null;
      row[c] = t === null ? null : toNumber(t);
    });
    table4[g.key] = row;
  });
  return table4;
}
