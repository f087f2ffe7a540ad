/** Table 二 (主动公开): its blocks' captions and rows located in order, each row's cells read. */
import type { CellKind, Table2Block } from '../domain/report/formats.ts';
import type { Table2, Table2Value } from '../domain/report/model.ts';
import { whereText } from '../domain/report/findings.ts';
import {
  anyCheck,
  figuresIn,
  mixesRows,
  readCells,
  readsCleanly,
  reportRead,
  toNumber,
  type CellRead,
} from './cells.ts';
import { NOISE2, type LayoutLabels } from './labels.ts';
import { labelKey } from './normalize.ts';
import {
  between,
  DISORDERED,
  isDisordered,
  sayDisordered,
  locate,
  nextAfter,
  placeOutOfOrder,
  noteFuzzy,
  textAt,
  type Ctx,
} from './locate.ts';
import { readFinding } from './read-report.ts';

export function modelValue(
  tok: string | null,
  kind: CellKind,
  unit: string | undefined,
  headerUnit = true,
): Table2Value {
  if (tok === null) return null;
  if (kind !== 'amount') return toNumber(tok);
  // Thousands separators and a unit equal to the column's are dropped; anything else (元 in a
  // 万元 column) stays as printed, for T2-TYPES to report — unless the printed header gives the
  // column no unit (the 2019 采购总金额): then 152.2万元 is the only unit said, and is 1522000元.
  const bare = tok.replace(/,/g, '');
  if (!headerUnit && unit === '元' && WAN.test(bare)) return wanToYuan(bare.slice(0, -2));
  const num = unit && bare.endsWith(unit) ? bare.slice(0, -unit.length) : bare;
  return /^\d+(\.\d+)?$/.test(num) ? num : tok;
}

const WAN = /^\d+(\.\d+)?万元$/;

/** A decimal in 万元 as 元, exactly (152.2 → 1522000). */
function wanToYuan(d: string): string {
  const [int = '0', frac = ''] = d.split('.');
  const yuan = `${int}${frac.padEnd(4, '0').slice(0, 4)}`.replace(/^0+(?=\d)/, '');
  const rest = frac.slice(4);
  return rest ? `${yuan}.${rest}` : yuan;
}

/**
 * Words by which a narrative names a table-二 column of the documents block (第二十条第（一）项),
 * as in “本年度制发的规范性文件88件”, “现行有效行政规范性文件698件”. Only these columns: the
 * others' words (公开, 数量) are too common in a narrative to tie a figure to a cell.
 */
const NARRATIVE_CUES: Readonly<Record<string, RegExp>> = {
  本年制发件数: /制发|印发|出台/,
  本年废止件数: /废止/,
  现行有效件数: /现行有效/,
  本年新制作数量: /新制作|制发|印发/,
};
const CLAUSE_GAP = '[^。；;，,、：:\\d]';

/**
 * A row whose digits run together and split several ways: when the narrative before the tables
 * states figures of its cells (the column's word, then the row's, then the figure and 件, in one
 * clause with no other figure between) and exactly one split agrees with all of them, that
 * split, said with READ-SPLIT-TEXT. Otherwise the read as it was (READ-AMBIGUOUS).
 */
function splitByText(
  ctx: Ctx,
  r: CellRead,
  labels: readonly string[],
  row: string,
  narrative: string,
  where: string,
): CellRead {
  // (a split's '' is a blank cell: it agrees with no figure)
  if (r.problem !== 'ambiguous' || !r.options.every((o) => o.every((t) => /^\d|^$/.test(t))))
    return r;
  const word = row.replace(/^行政/, '');
  const quoted: string[] = [];
  const claims = labels.map((label) => {
    const cue = NARRATIVE_CUES[label];
    if (!cue) return undefined;
    const re = new RegExp(
      `(?:${cue.source})${CLAUSE_GAP}{0,20}?${word}${CLAUSE_GAP}{0,6}?(\\d+)\\s*件`,
      'g',
    );
    const found = [...narrative.matchAll(re)];
    const values = new Set(found.map((m) => String(Number(m[1]))));
    // two different figures for one cell: the narrative does not settle it
    if (values.size !== 1) return undefined;
    quoted.push(found[0]?.[0] ?? '');
    return [...values][0];
  });
  if (claims.every((c) => c === undefined)) return r;
  const agree = r.options.filter((o) =>
    claims.every((c, j) => c === undefined || (o[j] !== '' && String(Number(o[j])) === c)),
  );
  const [only] = agree;
  if (agree.length !== 1 || !only) return r;
  ctx.findings.push(
    readFinding(
      'splitByText',
      where,
      `${whereText(where)}：数字连写，有${r.options.length}种拆分，只有 ${only.map((t) => t || '空').join('|')} 与正文“${quoted.join('”“')}”相符，按此读取；请核对原文。`,
      { cell: { table: 'table2', row } },
    ),
  );
  return { ...r, cells: only.map((t) => (t === '' ? null : t)), options: [], problem: undefined };
}

/**
 * Where each column's value sits among a row's cells after its label, from the block's
 * tab-separated header row (信息内容 | 本年新制作数量 | 本年新公开数量 | | 对外公开总数量: a Word
 * table with an empty cell between two columns); undefined when the header does not say.
 */
function headerColumns(header: string, labels: readonly string[]): number[] | undefined {
  const line = header.split('\n').find((l) => l.includes('\t') && l.includes('信息内容'));
  if (!line) return undefined;
  const cells = line.split('\t').map((c) => labelKey(c));
  const after = cells.slice(cells.findIndex((c) => c.includes('信息内容')) + 1);
  const out: number[] = [];
  for (const label of labels) {
    const key = labelKey(label);
    const from = (out.at(-1) ?? -1) + 1;
    const at = after.findIndex(
      (c, i) => i >= from && c !== '' && (c.startsWith(key) || key.startsWith(c)),
    );
    if (at < 0) return undefined;
    out.push(at);
  }
  return out;
}

export function readTable2(ctx: Ctx, lay: LayoutLabels, from: number, to: number) {
  /** where this table's findings start */
  const first = ctx.findings.length;
  const keys: string[] = [];
  const meta: { block: Table2Block; row?: string; aliases?: string[] }[] = [];
  for (const b of lay.table2) {
    keys.push(b.caption);
    meta.push({ block: b.block });
    b.block.rows.forEach((row, i) => {
      keys.push(b.rows[i] ?? '');
      meta.push({ block: b.block, row, aliases: b.aliases[i] ?? [] });
    });
  }
  const ms = locate(ctx.v.view, keys, from, to);
  // a row not found under its name: under another name it is printed under, between its neighbours
  meta.forEach(({ block, row, aliases = [] }, i) => {
    if (!row || ms[i]) return;
    const lo = ms.slice(0, i).reduce((p, m) => (m ? m.end : p), from);
    const hi = ms.slice(i + 1).find((m) => m)?.start ?? to;
    for (const alias of aliases) {
      const at = ctx.v.view.indexOf(alias, lo);
      if (at < 0 || at + alias.length > hi) continue;
      ms[i] = { start: at, end: at + alias.length, confidence: 1 };
      ctx.findings.push(
        readFinding(
          'fuzzyLabel',
          `table2 ${block.caption} ${row}`,
          `“${ctx.v.text.slice(textAt(ctx.v, at), textAt(ctx.v, at + alias.length - 1) + 1)}”按“${row}”识别（另一种写法）；请核对原文用字。`,
        ),
      );
      break;
    }
  });
  // a row's label printed out of the template's order: taken where it stands
  // (and a block's caption, which ends the rows above it)
  const isRow = (i: number) => meta[i]?.row !== undefined;
  placeOutOfOrder(ctx.v, keys, isRow, ms, from, to, (i) => !isRow(i));
  const table2: Table2 = {};
  const printed: Table2 = {};
  /** the rows not found in a block that is there, where READ-MISSING-ROW was said of each */
  const missing: { at: number; block: Table2Block; row: string; where: string }[] = [];
  // the text before the tables: where a narrative states figures of their cells
  const narrative = ctx.v.text.slice(0, textAt(ctx.v, from));
  let blockAt = 0;
  // the figures before each block's first row, looked for once a block
  const before = new Map<number, string>();
  const figuresBefore = (block: number, header: string) => {
    let figures = before.get(block);
    if (figures === undefined) before.set(block, (figures = figuresIn(header, NOISE2)));
    return figures;
  };
  let crowded = false;
  /** how many rows were read where their labels stand out of the template's order */
  let placed = 0;
  /** how many rows mix words and figures that are not their own */
  let mixed = 0;
  /** the rows read without a figure: blank, unless the table's text is out of order */
  const noFigures: { where: string; row: string }[] = [];
  meta.forEach(({ block, row }, i) => {
    const m = ms[i] ?? null;
    const where = `table2 ${block.caption}${row ? ` ${row}` : ''}`;
    noteFuzzy(ctx, m, row ?? block.caption, where);
    if (!row) blockAt = i;
    const seen = ms.slice(blockAt, blockAt + 1 + block.rows.length).some((x) => x);
    if (!row) {
      if (!seen)
        ctx.findings.push(
          readFinding('missingSection', where, `表二“${block.caption}”未找到，不予读取。`),
        );
      // (its rows there without it: 平潭旅游与文化体育局 2020 prints 行政处罚 and 行政强制 right
      // after （五）'s rows; they are read as （六）'s by their names, and that is said)
      else if (!m) {
        const rows = block.rows.filter((_, j) => ms[i + 1 + j]);
        ctx.findings.push(
          readFinding(
            'missingRow',
            where,
            `表二缺少“${block.caption}”的标题行，${rows.map((r) => `“${r}”`).join('')}按行名归入该项读取；请核对原表。`,
          ),
        );
      }
      return;
    }
    if (!m) {
      if (seen) {
        const f = readFinding('missingRow', where, `表二“${block.caption}”缺少“${row}”行。`);
        missing.push({ at: ctx.findings.push(f) - 1, block, row, where });
      }
      return;
    }
    const next = nextAfter(ms, m.start, to);
    const kinds = block.columns.map((c) => c.kind);
    const labels = block.columns.map((c) => c.label);
    const caption = ms[blockAt];
    const header = caption ? between(ctx.v, caption.end, nextAfter(ms, caption.start, to)) : '';
    const columns = caption ? headerColumns(header, labels) : undefined;
    const seg = between(ctx.v, m.end, next);
    const early = seg.includes('\t') ? '' : figuresBefore(blockAt, header);
    // Flattened text with figures before the block's first row: a PDF's text in the order of
    // its columns (poppler's pdftotext puts a cell's figures before the label centred beside
    // them: 0 0 0 规章 6 6 8 规范性文件). The figures after a label are not its row's: the row is
    // said and its cells left blank (in the model, as every row not read is).
    const r: CellRead = early
      ? {
          cells: kinds.map(() => null),
          options: [],
          problem: 'unreadable',
          detail: `“${block.caption}”的第一行之前已有数字（“${early}”），文字中的数字可能排在行名之前，无法与各行对应，不予读取`,
        }
      : splitByText(
          ctx,
          readCells(
            seg,
            kinds,
            NOISE2,
            anyCheck,
            true,
            { fillers: true, blanks: true, ...(columns ? { columns } : {}) },
            () => [between(ctx.v, m.start, m.end), row],
          ),
          labels,
          row,
          narrative,
          where,
        );
    // (a label found out of order is a row's only if its figures read cleanly after it)
    if (m.outOfOrder && !readsCleanly(r)) {
      if (seen) {
        const f = readFinding('missingRow', where, `表二“${block.caption}”缺少“${row}”行。`);
        missing.push({ at: ctx.findings.push(f) - 1, block, row, where });
      }
      return;
    }
    if (m.outOfOrder) placed++;
    if (mixesRows(r)) mixed++;
    // the figures of two rows or more after one label: the others' labels stand elsewhere
    crowded ||= r.problem === 'unreadable' && (seg.match(/\d+/g)?.length ?? 0) >= 2 * kinds.length;
    if (!r.problem && r.cells.every((c) => c === null)) noFigures.push({ where, row });
    reportRead(ctx, where, r, { table: 'table2', row });
    const cells: Record<string, Table2Value> = {};
    const asPrinted: Record<string, Table2Value> = {};
    // (whether the printed header gives the amounts a unit: 采购总金额（元）, or none)
    const headerUnit = /元/.test(header);
    block.columns.forEach((c, j) => {
      const tok = r.cells[j] ?? null;
      cells[c.label] = modelValue(tok, c.kind, c.unit, headerUnit);
      asPrinted[c.label] = c.kind === 'amount' ? tok : modelValue(tok, c.kind, c.unit);
    });
    (table2[block.caption] ??= {})[row] = cells;
    (printed[block.caption] ??= {})[row] = asPrinted;
  });
  // A table whose text is out of order may hold the rows not found with their labels broken up:
  // each is said not read, and blank in the model, rather than missing from the report; a row
  // without figures is said not read rather than blank.
  const disordered = isDisordered({
    early: false,
    crowded,
    placed,
    mixed,
    missing: missing.length,
  });
  if (disordered) {
    for (const { where, row } of noFigures)
      ctx.findings.push(
        readFinding('unreadable', where, `${whereText(where)}：${DISORDERED.noFigures}`, {
          cell: { table: 'table2', row },
        }),
      );
    for (const { at, block, row, where } of missing) {
      ctx.findings[at] = readFinding(
        'unreadable',
        where,
        `表二“${block.caption}”的“${row}”行${DISORDERED.missing}`,
        { cell: { table: 'table2', row } },
      );
      const blank = Object.fromEntries(block.columns.map((c) => [c.label, null]));
      (table2[block.caption] ??= {})[row] = blank;
      (printed[block.caption] ??= {})[row] = { ...blank };
    }
    sayDisordered(ctx, first, 'table2');
  }
  return { table2, printed };
}
