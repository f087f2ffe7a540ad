/**
 * Table 三 (依申请): its layout (2019 or 2021), its rows in order, each row's 7 cells (an extra
 * 法人或其他组织 subtotal checked and dropped), and digit runs still ambiguous after a row's own
 * arithmetic settled by the columns' (T3-SUM7, T3-COL) when exactly one choice fits.
 */
import {
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_OUTCOME_GROUP,
  type CellKind,
  type FormatId,
} from '../domain/report/formats.ts';
import type { Table3 } from '../domain/report/model.ts';
import {
  figuresIn,
  mixesRows,
  readCells,
  readsCleanly,
  reportRead,
  settle,
  sum,
  toNumber,
  type Align,
  type CellRead,
  type RowLabel,
  type Check,
  type Tokens,
} from './cells.ts';
import { LAYOUTS, NOISE3, type LayoutLabels, type Table3Anchor } from './labels.ts';
import {
  between,
  DISORDERED,
  findIn,
  isDisordered,
  sayDisordered,
  locate,
  nextAfter,
  placeOutOfOrder,
  nextStart,
  noteFuzzy,
  textAt,
  type Ctx,
  type Match,
} from './locate.ts';
import { labelKey, type TextViews } from './normalize.ts';
import { readFinding } from './read-report.ts';

const APPLICANT_KEY = labelKey(TABLE3_APPLICANT_HEADER);
const K7: readonly CellKind[] = TABLE3_COLUMNS.map(() => 'count');
const K8: readonly CellKind[] = [...K7, 'count'];
/** T3-ROW: 总计 is the sum of the six applicant columns. */
const row7: Check = (c, k) => k !== 6 || sum(c, 0, 6) === toNumber(c[6] ?? '');
/** With a 法人或其他组织 subtotal after 自然人: the subtotal and the total both add up. */
const row8: Check = (c, k) =>
  (k !== 6 || sum(c, 2, 7) === toNumber(c[1] ?? '')) &&
  (k !== 7 || sum(c, 0, 2) === toNumber(c[7] ?? ''));

/**
 * A row of table 三. An 8th cell is taken for a 法人或其他组织 subtotal only where the layout
 * shows the column (`subtotal`, subtotalShown): an arithmetic match alone could be a coincidence
 * (a row of zeros adds up either way).
 */
function readRow3(
  seg: string,
  subtotal: () => boolean,
  place: Align,
  label: RowLabel,
): CellRead & { extra?: boolean } {
  const r = readCells(seg, K7, NOISE3, row7, false, place, label);
  if (r.problem !== 'unreadable') return r;
  if (!subtotal()) {
    if (!seg.includes('\t')) return readCells(seg, K7, NOISE3, row7);
    // A row of TAB cells off the grid its label's column gives (a converter's pipe table, whose
    // rows are no grid: 4.保护… | 0 | … with a piece of its group's label before it in one row,
    // not in the next) is read as it stands only when its 7 figures fill 7 cells side by side
    // with nothing else but empty cells; else it keeps its place on the grid, never shifted into
    // other columns (a table cut off at the paper's edge: 四、… | 空 | 空 | 72 | …).
    const free = readCells(seg, K7, NOISE3, row7);
    if (!free.problem && free.cells.every((c) => c !== null)) return free;
    return readCells(seg, K7, NOISE3, row7, true, place, label);
  }
  const r8 = readCells(seg, K8, NOISE3, row8, false);
  if (r8.problem === 'unreadable') return readCells(seg, K7, NOISE3, row7, true, place, label);
  const [sub, ...orgs] = r8.cells.slice(1, 7);
  const ok =
    sub === null ||
    sub === undefined ||
    orgs.some((c) => c === null) ||
    orgs.reduce((s, c) => s + toNumber(c ?? '0'), 0) === toNumber(sub);
  if (!ok) return readCells(seg, K7, NOISE3, row7);
  const drop = <T>(ts: T[]): T[] => ts.filter((_, i) => i !== 1);
  return { ...r8, cells: drop(r8.cells), options: r8.options.map(drop), extra: true };
}

/** A line's cells that are figures (a count, signed or not). */
const FIGURE_CELL = /^\s*-?\d+\s*$/;

/**
 * Whether table 三 shows a 法人或其他组织 subtotal column: its header says 小计, or (cells
 * separated by TAB) one of its lines has 8 figures in cells of their own. A row of 7 figures
 * followed by an empty cell does not show it: a page's table may be wider than its figures (a
 * Markdown table's trailing `|  |`, a spacer column).
 */
function subtotalShown(
  v: TextViews,
  from: number,
  firstRow: number,
  to: number,
  tabbed: boolean,
): boolean {
  if (v.view.slice(from, firstRow).includes('小计')) return true;
  if (!tabbed) return false;
  for (const line of between(v, from, to).split('\n')) {
    let figures = 0;
    if (line.includes('\t'))
      for (const cell of line.split('\t')) if (FIGURE_CELL.test(cell)) figures++;
    if (figures >= K8.length) return true;
  }
  return false;
}

const OUTCOME = (key: string) => key.startsWith('三') && key !== '三（七）';

/**
 * Rows still ambiguous after their own arithmetic: the choices that make the columns add up
 * (T3-SUM7: 三（七） = the outcome rows; T3-COL: 一 + 二 = 三（七） + 四). Exactly one → taken;
 * several → the cells they agree on.
 */
function resolveColumns(reads: Map<string, CellRead>): void {
  const amb = [...reads].filter(([, r]) => r.problem === 'ambiguous');
  const combos = amb.reduce((n, [, r]) => n * r.options.length, 1);
  if (amb.length === 0 || combos > 50_000) return;
  const pick = new Map<string, Tokens>();
  const cell = (key: string, c: number): number | null => {
    const t = pick.get(key)?.[c] ?? reads.get(key)?.cells[c];
    return t === undefined || t === null || t === '' ? null : toNumber(t);
  };
  const keys = [...reads.keys()];
  const fits = (): boolean => {
    for (let c = 0; c < 7; c++) {
      const total = cell('三（七）', c);
      const outs = keys.filter(OUTCOME).map((k) => cell(k, c));
      if (total !== null && outs.every((x) => x !== null))
        if (outs.reduce<number>((s, x) => s + (x ?? 0), 0) !== total) return false;
      const [a, b, d] = [cell('一', c), cell('二', c), cell('四', c)];
      if (a !== null && b !== null && d !== null && total !== null && a + b !== total + d)
        return false;
    }
    return true;
  };
  const good: Map<string, Tokens>[] = [];
  const walk = (i: number): void => {
    const entry = amb[i];
    if (!entry) {
      if (fits()) good.push(new Map(pick));
      return;
    }
    for (const o of entry[1].options) {
      pick.set(entry[0], o);
      walk(i + 1);
    }
    pick.delete(entry[0]);
  };
  walk(0);
  if (good.length === 0) return;
  for (const [key] of amb) {
    const seen = new Map(good.map((g) => [(g.get(key) ?? []).join('|'), g.get(key) ?? []]));
    reads.set(key, settle([...seen.values()], reads.get(key)?.placement));
  }
}

const LABEL_OF = new Map(
  Object.values(LAYOUTS).flatMap((l) => l.format.table3Rows.map((r) => [r.key, r.label])),
);

/**
 * Sub-rows of a group (1., 2., … under （六）其他处理) that hold no figure at all right after a
 * sibling whose cells are all filled, in flattened text: a page's merged cell — one figure over
 * several sub-rows — and a blank row read the same once the page is flattened, so neither is
 * guessed. (A tab-separated text shows a merged cell's fillers; its blanks stay BLANK-CELL.)
 */
function mergedOrBlank(
  flat: readonly { key: string; group?: string }[],
  reads: ReadonlyMap<string, CellRead>,
): Set<string> {
  const out = new Set<string>();
  flat.forEach(({ key, group }, i) => {
    const prev = flat[i - 1];
    if (!group || group === TABLE3_OUTCOME_GROUP || prev?.group !== group) return;
    const r = reads.get(key);
    const above = reads.get(prev.key);
    const empty = r && !r.problem && !r.leftover && r.cells.every((c) => c === null);
    const filled = above && !above.problem && above.cells.every((c) => c !== null);
    if (empty && (filled || out.has(prev.key))) out.add(key);
  });
  return out;
}

/** Where a table's values start on its grid (自然人's column), on lines of `width` cells. */
interface ValueColumn {
  col: number;
  width: number;
}

/**
 * The grid column of 自然人 when the header's tab-separated lines place 自然人 and 总计 six
 * columns apart (a table laid out on its grid, as the HTML and DOCX readers give it); else null.
 */
function headerColumn(header: string): ValueColumn | null {
  let first: ValueColumn | null = null;
  let total: number | null = null;
  for (const line of header.split('\n')) {
    if (!line.includes('\t')) continue;
    const cells = line.replace(/[^\S\t]+/g, '').split('\t');
    const at = cells.indexOf(TABLE3_COLUMNS[0] ?? '');
    first ??= at >= 0 ? { col: at, width: cells.length } : null;
    total ??=
      cells.indexOf(TABLE3_COLUMNS[6] ?? '') >= 0 ? cells.indexOf(TABLE3_COLUMNS[6] ?? '') : null;
  }
  return first !== null && total !== null && total - first.col === 6 ? first : null;
}

/** Where the values may start on lines of a width: from `lo` to `hi` (equal when known). */
interface ValueSpan {
  lo: number;
  hi: number;
}

/**
 * Where the values start on each grid width the rows' lines have. On lines as wide as the
 * header's own, at the header's column. On lines of another width, at or after the column after
 * the rightmost row label of lines that wide — in a grid, every label lies left of every value —
 * and at or before the width less the table's columns. A table broken across a PDF's pages is two
 * grids (the second page's rows under group cells of their own: a row label one column further
 * right), and the header's column holds only on the first; a table wider than the paper, cut off
 * at its edge, leaves a grid with fewer value columns than the table has, where a row whose label
 * spans the label columns looks complete (四、… | 空 | 空 | 72 | …: seven cells after its label, two
 * of them fillers) — its values are where the other rows' labels say. A line holding several rows
 * (text whose rows run on, one cell a line) is no grid row.
 */
function valueColumns(
  v: TextViews,
  anchors: readonly Table3Anchor[],
  ms: readonly (Match | null)[],
  header: ValueColumn | null,
): Align[] {
  const cells: ((ValueColumn & { line: number }) | undefined)[] = anchors.map((a, i) => {
    const m = ms[i];
    return a.row && m ? cellOf(v, m.start) : undefined;
  });
  const rowsOn = new Map<number, number>();
  for (const c of cells) if (c) rowsOn.set(c.line, (rowsOn.get(c.line) ?? 0) + 1);
  const spans = new Map<number, ValueSpan>();
  for (const c of cells) {
    if (!c || c.width === 1 || rowsOn.get(c.line) !== 1) continue;
    const lo = Math.max(spans.get(c.width)?.lo ?? 0, c.col + 1);
    spans.set(c.width, { lo, hi: c.width - K7.length });
  }
  if (header) spans.set(header.width, { lo: header.col, hi: header.col });
  return cells.map((c) => {
    const span = c && rowsOn.get(c.line) === 1 ? spans.get(c.width) : undefined;
    if (!c || !span) return {};
    return span.lo === span.hi
      ? { firstCol: span.lo - c.col - 1 }
      : { minCol: span.lo - c.col - 1 };
  });
}

/**
 * The grid column of the cell a view position is in (the tabs before it on its line), its line's
 * cells, and where its line starts.
 */
function cellOf(v: TextViews, viewPos: number): ValueColumn & { line: number } {
  const at = textAt(v, viewPos);
  const { text } = v;
  // (a line found by indexOf: a flattened text's line may hold the whole table)
  const line = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  let col = 0;
  let width = 1;
  for (let i = text.indexOf('\t', line); i >= 0 && i < end; i = text.indexOf('\t', i + 1)) {
    width++;
    if (i < at) col++;
  }
  return { col, width, line };
}

/** A cell that is words before any figure (a header: 类别, 数据1, 总计), not a figure (1件). */
const WORDS = /^[^\d]*[\u2e80-\u9fff][^\t]*$/;

/**
 * A row whose label stands alone on its line, as a heading, and is restated in the first cell of
 * a table row below it, after header rows of words (text converted to Markdown from a PDF: "###
 * （一）予以公开", "| 类别 | 数据1 | … |", "| 予以公开 | 290 | 1 | … |"): that row's line, its
 * first cell being the label without its number. Anything else is left as it is.
 */
function restatedRow(seg: string, key: string): string {
  const nl = seg.indexOf('\n');
  // (most rows have their cells on the label's line: nothing to split)
  if (nl < 0 || seg.slice(0, nl).trim() !== '' || !seg.includes('\t')) return seg;
  const lines = seg.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const [first = '', ...cells] = line.split('\t');
    const restated = labelKey(first);
    // the label without its number: 一、 (一) 1.
    if (restated.length >= 2 && key.endsWith(restated) && key.length - restated.length <= 4)
      return lines.slice(i).join('\n');
    if (!cells.every((c) => c.trim() === '' || WORDS.test(c.trim()))) return seg;
  }
  return seg;
}

/** Table 三 in [from, to); `ms`: its anchors (lay.table3) located there, by locateTable3(). */
export function readTable3(
  ctx: Ctx,
  lay: LayoutLabels,
  ms: (Match | null)[],
  from: number,
  to: number,
): Table3 {
  const anchors = lay.table3;
  /** where this table's findings start */
  const first = ctx.findings.length;
  if (ms.every((m) => !m)) {
    // nothing of the table: said once, not for each of its rows
    ctx.findings.push(
      readFinding('missingSection', 'table3', '表三未找到：格式规定的各行均未找到，不予读取。'),
    );
    return {};
  }
  const reads = new Map<string, CellRead>();
  /** the rows read from flattened text (no tab), in order, with their group */
  const flat: { key: string; group?: string }[] = [];
  let extra = false;
  let crowded = false;
  /** how many rows were read where their labels stand out of the template's order */
  let placed = 0;
  const firstRow = ms.reduce((p, m) => (m && m.start < p ? m.start : p), to);
  // (a table without a TAB is flattened text: no grid to bound its values)
  const tabbed = between(ctx.v, from, to).includes('\t');
  // (looked at only when a row does not read as 7 cells)
  let shown: boolean | undefined;
  const subtotal = () => (shown ??= subtotalShown(ctx.v, from, firstRow, to, tabbed));
  // Flattened text with figures between the table's header and its first row: a PDF's text in
  // the order of its columns (poppler's pdftotext puts a column's figures before the labels
  // beside them: 821 35 2 1 859 一、本年新收… 18 18 二、上年结转…). The figures after a label are
  // not its row's: every row is said and left blank, as table 二's are.
  const header = ctx.v.view.lastIndexOf(APPLICANT_KEY, firstRow);
  const early = tabbed || header < from ? '' : figuresIn(between(ctx.v, header, firstRow), NOISE3);
  const places = tabbed
    ? valueColumns(ctx.v, anchors, ms, headerColumn(between(ctx.v, from, firstRow)))
    : [];
  /** the rows not found, where READ-MISSING-ROW was said of each */
  const missing: { at: number; key: string; label: string }[] = [];
  anchors.forEach((a, i) => {
    const m = ms[i] ?? null;
    const row = a.row;
    if (!row) return;
    const where = `table3 ${row.key}`;
    noteFuzzy(ctx, m, row.label, where);
    if (!m) {
      const f = readFinding('missingRow', where, `表三缺少“${row.label}”行。`);
      missing.push({ at: ctx.findings.push(f) - 1, key: row.key, label: row.label });
      return;
    }
    const next = nextAfter(ms, m.start, to);
    const seg = restatedRow(between(ctx.v, m.end, next), a.key);
    if (early) {
      reads.set(row.key, {
        cells: K7.map(() => null),
        options: [],
        problem: 'unreadable',
        detail: `表三的第一行之前已有数字（“${early}”），文字中的数字可能排在行名之前，无法与各行对应，不予读取`,
      });
      return;
    }
    const r = readRow3(seg, subtotal, places[i] ?? {}, () => [
      between(ctx.v, m.start, m.end),
      row.label,
    ]);
    // (a label found out of order is a row's only if its figures read cleanly after it)
    if (m.outOfOrder && !readsCleanly(r)) {
      const f = readFinding('missingRow', where, `表三缺少“${row.label}”行。`);
      missing.push({ at: ctx.findings.push(f) - 1, key: row.key, label: row.label });
      return;
    }
    if (m.outOfOrder) placed++;
    extra ||= r.extra === true;
    // the figures of two rows or more after one label: the others' labels stand elsewhere
    crowded ||= r.problem === 'unreadable' && (seg.match(/\d+/g)?.length ?? 0) >= 2 * K7.length;
    reads.set(row.key, r);
    if (!seg.includes('\t')) flat.push({ key: row.key, group: row.group });
  });
  const merged = mergedOrBlank(flat, reads);
  if (extra)
    ctx.findings.push(
      readFinding(
        'extraColumn',
        'table3 column 法人或其他组织',
        '表三多出“法人或其他组织”小计栏，已核对其等于五类之和后略去。',
      ),
    );
  resolveColumns(reads);
  const table3: Table3 = {};
  // A table whose text is out of order (a page-to-text tool's reading order) may hold the rows
  // not found with their labels broken up: each is said not read, and blank in the model, rather
  // than missing from the report (TABLE-SHAPE would ask its authors to add a row that may be
  // there); a row without figures is said not read rather than blank (BLANK-CELL would ask to
  // fill it in).
  const disordered = isDisordered({
    early: early !== '',
    crowded,
    placed,
    mixed: [...reads.values()].filter(mixesRows).length,
    missing: missing.length,
  });
  if (disordered)
    for (const { at, key, label } of missing) {
      ctx.findings[at] = readFinding(
        'unreadable',
        `table3 ${key}`,
        `表三“${label}”行${DISORDERED.missing}`,
        { cell: { table: 'table3', row: key } },
      );
      table3[key] = TABLE3_COLUMNS.map(() => null);
    }
  for (const [key, read] of reads) {
    // (a row without figures in such a table is no blank row either)
    const r: CellRead =
      disordered && !merged.has(key) && !read.problem && read.cells.every((c) => c === null)
        ? { ...read, problem: 'unreadable', detail: DISORDERED.noFigures }
        : read;
    reportRead(ctx, `table3 ${key}`, r, { table: 'table3', row: key });
    if (merged.has(key))
      ctx.findings.push(
        readFinding(
          'mergedOrBlank',
          `table3 ${key}`,
          `表三“${LABEL_OF.get(key) ?? key}”一行没有数字，而同组上一行有：原表可能是跨行合并的单元格，也可能是空白；未作猜测，请对照原文。`,
          { cell: { table: 'table3', row: key } },
        ),
      );
    table3[key] = r.cells.map((t) => (t === null ? null : toNumber(t)));
  }
  if (disordered) sayDisordered(ctx, first, 'table3');
  return table3;
}

/**
 * Table 三's anchors (lay.table3) in [from, to): its rows in order (locate()), then each merged
 * group label only where it belongs — between the row before it and its first row. A group label
 * found out of place is no anchor: Chromium's PDF of a page whose table breaks inside a group
 * (（三）不予公开 over rows 1.–7.) leaves the group's cell outside the next page's ruled grid, its
 * text after the rows it heads; searched in order with the rows, it hid them all.
 */
export function locateTable3(
  v: TextViews,
  anchors: readonly Table3Anchor[],
  from: number,
  to: number,
): (Match | null)[] {
  const { view } = v;
  // (mostly every row is found with the groups in order: each group then lies before its rows)
  const inOrder = locate(
    view,
    anchors.map((a) => a.key),
    from,
    to,
  );
  placeAliases(view, anchors, inOrder, to);
  if (anchors.every((a, i) => !a.row || inOrder[i])) return inOrder;
  const rows = anchors.flatMap((a, i) => (a.row ? [i] : []));
  const found = locate(
    view,
    rows.map((i) => anchors[i]?.key ?? ''),
    from,
    to,
  );
  const out: (Match | null)[] = anchors.map(() => null);
  rows.forEach((i, k) => (out[i] = found[k] ?? null));
  let lo = from;
  anchors.forEach((a, i) => {
    const m = out[i];
    if (m) lo = m.end;
    if (a.row) return;
    // (exactly: a group label only bounds the row above it, whose cells' noise it is anyway)
    const at = findIn(view, a.key, lo, nextStart(out, i, to));
    if (at >= 0) out[i] = { start: at, end: at + a.key.length, confidence: 1 };
  });
  placeAliases(view, anchors, out, to);
  // a row's label printed out of the template's order: taken where it stands
  placeOutOfOrder(
    v,
    anchors.map((a) => a.key),
    (i) => anchors[i]?.row !== undefined,
    out,
    from,
    to,
  );
  return out;
}

/** How far apart the rows around a row may stand for it to be looked for under another name. */
const ALIAS_WINDOW = 200;

/**
 * Rows not found under their name, found under another (Table3Anchor.aliases): once, and only
 * between the labels found around them, which stand close (a row's figures apart).
 */
function placeAliases(
  view: string,
  anchors: readonly Table3Anchor[],
  ms: (Match | null)[],
  to: number,
): void {
  anchors.forEach((a, i) => {
    if (!a.row || ms[i] || !a.aliases) return;
    const before = ms.slice(0, i).reduce<Match | null>((p, m) => m ?? p, null);
    const hi = nextStart(ms, i, to);
    if (!before || hi - before.end > ALIAS_WINDOW) return;
    for (const alias of a.aliases) {
      const at = findIn(view, alias, before.end, hi);
      if (at < 0 || findIn(view, alias, at + 1, hi) >= 0) continue;
      ms[i] = { start: at, end: at + alias.length, confidence: 1, alias: true };
      return;
    }
  });
}

/**
 * Table 三's layout: the one with fewer of its rows missing, then the one with more rows found,
 * rows found as the reading finds them (a label worded a little differently counts: 行政机关不再
 * 受理其政府信息公开申请 for 不再处理). (Every 2019 label also occurs in 2021, whose （六） is a
 * group over three rows.) A layout other than `expected` — the one the rest of the report points
 * to: table 二's own labels, else the year — is taken only when the rows that are its own (2019:
 * the one （六）其他处理 row; 2021: its three sub-rows) are all there: a table of the expected
 * layout whose text lost some labels (a page break inside a wrapped label) is that layout with
 * rows missing, not the other layout.
 */
export function table3Layout(
  view: string,
  from: number,
  to: number,
  expected: FormatId | null = null,
): FormatId | null {
  const found = (id: FormatId) => {
    const anchors = LAYOUTS[id].table3;
    const ms = locate(
      view,
      anchors.map((a) => a.key),
      from,
      to,
    );
    placeAliases(view, anchors, ms, to);
    let n = 0;
    for (const m of ms) if (m) n++;
    return { missing: anchors.length - n, n, anchors, ms };
  };
  const [a, b] = [found('2019'), found('2021')];
  if (a.n === 0 && b.n === 0) return null;
  const byRows =
    a.missing !== b.missing
      ? a.missing < b.missing
        ? '2019'
        : '2021'
      : a.n === b.n
        ? null
        : a.n > b.n
          ? '2019'
          : '2021';
  if (!expected || !byRows || byRows === expected) return byRows;
  const [other, ofExpected] = byRows === '2019' ? [a, b] : [b, a];
  const expectedRows = new Set(ofExpected.anchors.flatMap((x) => (x.row ? [x.row.key] : [])));
  const ownRowsFound = other.anchors.every(
    (anchor, i) => !anchor.row || expectedRows.has(anchor.row.key) || other.ms[i],
  );
  // …and only when no row of the expected layout's own stands anywhere in the table (out of
  // order: a PDF converted to text moves （六）1.申请人无正当理由逾期不补正… above （六）其他处理)
  const otherKeys = new Set(other.anchors.map((x) => x.key));
  const expectedOwnFound = ofExpected.anchors.some(
    (x) => x.row && !otherKeys.has(x.key) && findIn(view, x.key, from, to) >= 0,
  );
  return ownRowsFound && !expectedOwnFound ? byRows : expected;
}
