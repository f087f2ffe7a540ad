/**
 * The table 信息处理费收取情况 (FEE_TABLE) some reports print after table 四 — as a section 五 of
 * their own (平潭苏平片区 2023–2025, 金井片区 2025) or inside section 六 (市场监督管理局 2025): its
 * header's three words, then the row's label and its three figures. Figures run together are
 * split only when exactly one split is what a fee notice can be (FEE-NOTICE: no notice, no
 * amount; each notice at least 10元): 18000 is 1|800|0, not 180|0|0.
 */
import { FEE_TABLE, LEAST_FEE_NOTICE_YUAN } from '../domain/report/formats.ts';
import type { FeeTable } from '../domain/report/model.ts';
import { readCells, reportRead, toNumber, type Check } from './cells.ts';
import { NOISE_FEES } from './labels.ts';
import { between, nextNumbered, type Ctx } from './locate.ts';
import { labelKey } from './normalize.ts';
import { modelValue } from './table2.ts';

/** The header's words as searched (NFKC: 通知收取金额(元)). */
const HEADER = FEE_TABLE.columns.map((c) => labelKey(c.label));
/** The row's label, the table's name: before the header as its caption, or after it. */
const LABEL = labelKey(FEE_TABLE.heading);
/** At most this many characters (a 项目 cell, tabs) between two of the header's words. */
const HEADER_GAP = 8;
/** The row's figures are read in this many characters after the header at most. */
const ROW_REACH = 400;

/** The amount of a cell in 元 (800, 800.00, 1,200元, 0.08万元), for the split's check; NaN else. */
function yuan(tok: string): number {
  const m = /^(\d+(?:\.\d+)?)(万)?元?$/.exec(tok.replace(/,/g, ''));
  return m ? Number(m[1]) * (m[2] ? 10_000 : 1) : NaN;
}

/** FEE-NOTICE on a split: notices without an amount, an amount without notices, too little. */
const noticeCheck: Check = (cells, k) => {
  if (k !== 1) return true;
  const notices = toNumber(cells[0] ?? '');
  const amount = yuan(cells[1] ?? '');
  return (notices === 0) === (amount === 0) && amount >= LEAST_FEE_NOTICE_YUAN * notices;
};

export interface FeesRead {
  fees: FeeTable;
  /** where the table stands in the search view: its caption or header, to its figures' end */
  from: number;
  to: number;
}

/** A figure run as the view holds it: digits, separators, units and cells' tabs. */
const FIGURE_RUN = /^[\d.,元万\t]*/;
/** A year's four digits ending the run, glued to the 年 of the words after it (0002025年，…). */
const YEAR_AT_END = /(?:19|20)\d\d$/;

/** The fee table after view position `from`, read; null when the text has none. */
export function readFees(ctx: Ctx, from: number): FeesRead | null {
  const { view } = ctx.v;
  const [first = '', ...rest] = HEADER;
  const at = view.indexOf(first, Math.max(0, from));
  if (at < 0) return null;
  let end = at + first.length;
  for (const key of rest) {
    const next = view.indexOf(key, end);
    if (next < 0 || next - end > HEADER_GAP) return null;
    end = next + key.length;
  }
  // the row's label after the header (its cell, or the words before the flattened figures)
  const label = /^\t*/.exec(view.slice(end, end + 4))?.[0].length ?? 0;
  if (view.startsWith(LABEL, end + label)) end += label + LABEL.length;
  // its caption right before the header
  const caption = view.lastIndexOf(LABEL, at);
  const start = caption >= 0 && at - caption - LABEL.length <= 2 ? caption : at;
  const limit = nextNumbered(view, end, Math.min(view.length, end + ROW_REACH));
  const kinds = FEE_TABLE.columns.map((c) => c.kind);
  const r = readCells(between(ctx.v, end, limit), kinds, NOISE_FEES, noticeCheck);
  const cell = { table: 'fees', row: FEE_TABLE.heading } as const;
  reportRead(ctx, 'fees', r, cell);
  const fees = Object.fromEntries(
    FEE_TABLE.columns.map((c, i) => [
      c.label,
      modelValue(r.cells[i] ?? null, c.kind, 'unit' in c ? c.unit : undefined),
    ]),
  ) as FeeTable;
  let run = FIGURE_RUN.exec(view.slice(end, limit))?.[0] ?? '';
  const year = YEAR_AT_END.exec(run);
  if (year && view[end + run.length] === '年' && /\d/.test(run.slice(0, year.index)))
    run = run.slice(0, year.index);
  return { fees, from: start, to: end + run.length };
}
