/**
 * The text reader: a published annual report as plain text → the engine's report model plus
 * reading findings. It accepts tab-separated tables (one row a line, merged label cells given
 * once, form feeds between pages) and flattened page text in which the cells of a row run
 * together. Labels are found in order in a normalised search view (normalize.ts), approximately
 * when not exactly; the text between two labels is the row's cells. A digit run is split by the
 * column structure and the arithmetic of the table only when exactly one split is consistent;
 * otherwise the cell stays blank and READ-AMBIGUOUS lists the possibilities.
 */
import {
  FORMATS,
  formatForYear,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type CellKind,
  type FormatId,
  type Table2Block,
} from '../domain/report/formats.ts';
import type { AnnualReport, Table2, Table2Value, Table3, Table4 } from '../domain/report/model.ts';
import {
  HEADINGS,
  isLabelFragment,
  LAYOUTS,
  NOISE2,
  NOISE3,
  NOISE4,
  type LayoutLabels,
  TABLE4_GROUP_KEYS,
} from './labels.ts';
import { approxFind, bigramSimilarity, toViews, type TextViews } from './normalize.ts';
import { readFinding, type ReadFinding, type ReadResult } from './read-report.ts';
import { readAgency, titleOf, yearOf, type AgencyHint } from './title.ts';

export interface ReadTextOptions {
  /** the report year when the caller knows it; otherwise read from the title */
  year?: number;
  /** the publishing agency when the caller knows it; otherwise read from the title */
  agency?: AgencyHint;
}

interface Match {
  start: number;
  end: number;
  confidence: number;
}

interface Ctx {
  v: TextViews;
  findings: ReadFinding[];
}

// ---------------------------------------------------------------- locating labels

/** Labels shorter than this are matched exactly only (规章, 行政许可: too short to tell a typo). */
const FUZZY_MIN = 6;
const FUZZY_WINDOW = 2000;
const maxDist = (key: string) =>
  key.length < FUZZY_MIN ? 0 : key.length < 10 ? 1 : Math.floor(key.length / 4);

/**
 * Each key in order within [from, to): exactly first (each search starting after the last key
 * found), then approximately between the neighbouring keys found for those still missing.
 */
function locate(view: string, keys: readonly string[], from: number, to: number): (Match | null)[] {
  const out: (Match | null)[] = [];
  let cursor = from;
  for (const key of keys) {
    const at = view.indexOf(key, cursor);
    if (at >= 0 && at + key.length <= to) {
      out.push({ start: at, end: at + key.length, confidence: 1 });
      cursor = at + key.length;
    } else out.push(null);
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    if (out[i] || maxDist(key) === 0) continue;
    const lo = out.slice(0, i).reduce((p, m) => (m ? m.end : p), from);
    const hi = out.slice(i + 1).find((m) => m)?.start ?? to;
    // Between two labels found there is a row or two; a longer gap is not searched further.
    const hit = approxFind(view.slice(lo, Math.min(hi, lo + FUZZY_WINDOW)), key, maxDist(key));
    if (hit) out[i] = { start: lo + hit[0], end: lo + hit[1], confidence: 1 - hit[2] / key.length };
  }
  return out;
}

/** A section heading: exact, else the numbered prefix followed by words most like the body. */
function findHeading(view: string, h: (typeof HEADINGS)[number], from: number): Match | null {
  const exact = view.indexOf(h.prefix + h.body, from);
  if (exact >= 0)
    return { start: exact, end: exact + h.prefix.length + h.body.length, confidence: 1 };
  let best: Match | null = null;
  for (let at = view.indexOf(h.prefix, from); at >= 0; at = view.indexOf(h.prefix, at + 1)) {
    const s = at + h.prefix.length;
    const sim = bigramSimilarity(h.body, view.slice(s, s + h.body.length + 4));
    if (sim >= 0.5 && (!best || sim > best.confidence))
      best = { start: at, end: s + headingLength(view, s, h.body), confidence: sim };
  }
  return best;
}

/** How far a heading worded differently runs: the length whose words are most like the body. */
function headingLength(view: string, s: number, body: string): number {
  let best = body.length;
  let bestSim = -1;
  for (let len = Math.max(1, body.length - 3); len <= body.length + 6; len++) {
    const sim = bigramSimilarity(body, view.slice(s, s + len));
    if (
      sim > bestSim ||
      (sim === bestSim && Math.abs(len - body.length) < Math.abs(best - body.length))
    ) {
      best = len;
      bestSim = sim;
    }
  }
  return best;
}

const textAt = (v: TextViews, viewPos: number): number => v.map[viewPos] ?? v.text.length;

/** The text between the end of one label and the start of the next, in `text` coordinates. */
const between = (v: TextViews, a: number, b: number): string =>
  v.text.slice(textAt(v, a - 1) + 1, textAt(v, b));

function noteFuzzy(ctx: Ctx, m: Match | null, label: string, where: string): void {
  if (!m || m.confidence >= 1) return;
  const found = ctx.v.text.slice(textAt(ctx.v, m.start), textAt(ctx.v, m.end - 1) + 1);
  const c = Math.round(m.confidence * 100) / 100;
  ctx.findings.push(
    readFinding('fuzzyLabel', where, `“${found}”按“${label}”识别，置信度 ${c}；请核对原文用字。`, {
      confidence: c,
    }),
  );
}

// ---------------------------------------------------------------- cells

const VALID: Record<CellKind, RegExp> = {
  count: /^(0|[1-9]\d*)$/,
  signed: /^-?(0|[1-9]\d*)$/,
  amount: /^(0|[1-9]\d{0,2}(,\d{3})+|[1-9]\d*)(\.\d+)?(万元|元)?$/,
};
/** Cells written as a dash or 无: blank, but said so. */
const DASH = /^[-—–/\\无]+$/;
/** Stop enumerating splits beyond this many steps: the cell is then reported, not guessed. */
const SPLIT_BUDGET = 5_000;
/** No count in a report runs beyond 12 digits, nor an amount beyond 24 characters. */
const MAX_CELL: Record<CellKind, number> = { count: 12, signed: 13, amount: 24 };
const MAX_CANDIDATES = 64;

type Tokens = string[];
/** Partial check: false when the cells read so far (0..k) already break the arithmetic. */
type Check = (cells: Tokens, k: number) => boolean;

/**
 * Every way to cut the chunks (runs without a separator) into `kinds.length` valid cells, a cell
 * never crossing a separator. null when the budget ran out.
 */
function splits(chunks: string[], kinds: readonly CellKind[], check: Check): Tokens[] | null {
  const out: Tokens[] = [];
  const cur: Tokens = [];
  const n = kinds.length;
  const rest = chunks.map((_, i) => chunks.slice(i).reduce((s, c) => s + c.length, 0));
  let steps = 0;
  const walk = (ci: number, pi: number): boolean => {
    if (++steps > SPLIT_BUDGET || out.length > MAX_CANDIDATES) return false;
    const k = cur.length;
    if (ci === chunks.length) {
      if (k === n) out.push([...cur]);
      return true;
    }
    const chunk = chunks[ci] ?? '';
    const left = (rest[ci] ?? 0) - pi;
    if (n - k < chunks.length - ci || n - k > left || left > (n - k) * MAX_CELL.amount) return true;
    const kind = kinds[k] ?? 'count';
    const longest = Math.min(chunk.length - pi, MAX_CELL[kind]);
    for (let len = 1; len <= longest; len++) {
      if (++steps > SPLIT_BUDGET) return false;
      const tok = chunk.slice(pi, pi + len);
      if (!VALID[kind].test(tok)) continue;
      cur.push(tok);
      const ok = check(cur, k);
      const go = ok ? (pi + len === chunk.length ? walk(ci + 1, 0) : walk(ci, pi + len)) : true;
      cur.pop();
      if (!go) return false;
    }
    return true;
  };
  return walk(0, 0) && out.length <= MAX_CANDIDATES ? out : null;
}

const toNumber = (tok: string): number => Number(tok);

interface CellRead {
  /** the tokens read; null = blank */
  cells: (string | null)[];
  /** for each cell that could not be settled: the possibilities (for READ-AMBIGUOUS) */
  options: Tokens[];
  problem?: 'unreadable' | 'ambiguous';
  detail?: string;
  /** text after the row that is neither a cell nor a known header */
  leftover?: string;
}

const blankRead = (n: number, detail: string): CellRead => ({
  cells: Array<null>(n).fill(null),
  options: [],
  problem: 'unreadable',
  detail,
});

const PAGE_NUMBER = /^[-—–\s]*(第\s*)?\d+\s*(页)?(\s*\/\s*\d+)?[-—–\s]*$/;

/**
 * The cells of one tab-separated line that starts with (the rest of) the label cell. `firstCol`:
 * where the values start among the cells after the label, when the table's header says so (the
 * HTML and DOCX readers give every line the table's width).
 */
function tabCells(line: string, kinds: readonly CellKind[], firstCol?: number): CellRead {
  const n = kinds.length;
  const all = line
    .split('\t')
    .slice(1)
    .map((c) => c.replace(/\s+/g, ''));
  const windows = alignedWindows(all, n, firstCol);
  if (!windows) return blankRead(n, `应有${n}栏，读到${all.length}栏：${all.join('|')}`);
  const reads = windows.map((w) => tokens(w, kinds));
  const first = reads[0] ?? { cells: [], bad: [] };
  if (first.bad.length)
    return { cells: first.cells, options: [], problem: 'unreadable', detail: first.bad.join('、') };
  if (reads.length === 1) return { cells: first.cells, options: [] };
  // Several placements of the blanks: the cells they agree on, the others not guessed.
  const cells = first.cells.map((c, i) => (reads.every((r) => r.cells[i] === c) ? c : null));
  return { cells, options: windows, problem: 'ambiguous' };
}

function tokens(parts: string[], kinds: readonly CellKind[]) {
  const cells: (string | null)[] = [];
  const bad: string[] = [];
  parts.forEach((tok, i) => {
    if (tok === '') cells.push(null);
    else if (VALID[kinds[i] ?? 'count'].test(tok)) cells.push(tok);
    else {
      cells.push(null);
      bad.push(DASH.test(tok) ? `“${tok}”（按空白处理）` : `“${tok}”`);
    }
  });
  return { cells, bad };
}

const isBlank = (c: string) => c === '';

/**
 * Which n consecutive cells of a line hold the values. A line may carry empty cells beside them
 * (a merged label's filler, a trailing tab, the table's width): at the header's column when the
 * rest is empty; else, when exactly n cells are filled, those (fillers between the values);
 * else every placement that leaves only empty cells out — one or several (never a guess).
 */
function alignedWindows(all: string[], n: number, firstCol?: number): string[][] | null {
  if (all.length === n) return [all];
  if (all.length < n) return null;
  if (
    firstCol !== undefined &&
    firstCol >= 0 &&
    firstCol + n <= all.length &&
    all.every((c, i) => (i >= firstCol && i < firstCol + n) || isBlank(c))
  )
    return [all.slice(firstCol, firstCol + n)];
  const filled = all.filter((c) => !isBlank(c));
  if (filled.length === n) return [filled];
  const extra = all.length - n;
  const windows: string[][] = [];
  for (let k = 0; k <= extra; k++) {
    const outside = [...all.slice(0, k), ...all.slice(k + n)];
    if (outside.every(isBlank)) windows.push(all.slice(k, k + n));
  }
  const distinct = new Map(windows.map((w) => [w.join('\t'), w]));
  return distinct.size ? [...distinct.values()] : null;
}

/** Cells of one row's text. `noise` strips header words repeated inside the table. */
function readCells(
  seg: string,
  kinds: readonly CellKind[],
  noise: RegExp,
  check: Check,
  fallback = true,
  firstCol?: number,
): CellRead {
  const n = kinds.length;
  // Quotation marks closing a label (危及“三安全一稳定”) are left over after it.
  const clean = seg.replace(noise, ' ').replace(/[“”‘’"'「」]/g, ' ');
  if (clean.includes('\t')) {
    // One row a line: the cells end at the line break; what follows (a page number, a header
    // repeated after a page break) must be noise, or it is reported.
    const [line = '', ...rest] = clean.split('\n');
    const leftover = rest
      .map((l) => l.trim())
      .filter((l) => l !== '' && !PAGE_NUMBER.test(l) && !isLabelFragment(l))
      .join(' ');
    const read = tabCells(line, kinds, firstCol);
    return leftover ? { ...read, leftover } : read;
  }
  // Flattened text: the cells are the figures right after the label. Text after them is
  // reported; when figures follow that text, the row's cells cannot be told apart at all.
  const values = /^[\d.,\-元万\s]*/.exec(clean)?.[0] ?? '';
  const after = clean.slice(values.length).trim();
  const leftover = isLabelFragment(after) || PAGE_NUMBER.test(after) ? '' : after;
  if (/\d/.test(leftover)) return blankRead(n, `含无法识别的文字“${leftover.slice(0, 30)}”`);
  const read = flatCells(values, kinds, check, fallback);
  return leftover ? { ...read, leftover } : read;
}

function flatCells(values: string, kinds: readonly CellKind[], check: Check, fallback: boolean) {
  const n = kinds.length;
  const chunks = values.split(/\s+/).filter((c) => c !== '');
  if (chunks.length === 0) return { cells: Array<null>(n).fill(null), options: [] };
  let found = splits(chunks, kinds, check);
  // The report's own arithmetic may be wrong: then only a split that is unique without it counts.
  if (fallback && found?.length === 0) found = splits(chunks, kinds, anyCheck);
  if (found === null) return blankRead(n, `数字串“${chunks.join(' ')}”拆分方式过多`);
  if (found.length === 0) return blankRead(n, `数字串“${chunks.join(' ')}”无法拆成${n}栏`);
  return settle(found);
}

/** One candidate: its cells. Several: the cells they agree on, the rest blank and ambiguous. */
function settle(options: Tokens[]): CellRead {
  const first = options[0] ?? [];
  if (options.length === 1) return { cells: first, options: [] };
  const cells = first.map((t, i) => (options.every((o) => o[i] === t) ? t : null));
  return { cells, options, problem: 'ambiguous' };
}

const anyCheck: Check = () => true;

function ambiguityText(options: Tokens[]): string {
  const shown = options.slice(0, 6).map((o) => o.join('|'));
  return `可能的拆分：${shown.join('；')}${options.length > 6 ? `；等${options.length}种` : ''}`;
}

function report(ctx: Ctx, where: string, r: CellRead, cell: ReadFinding['cell']): void {
  if (r.leftover)
    ctx.findings.push(
      readFinding(
        'unrecognised',
        where,
        `${where}之后有无法识别的内容“${r.leftover.slice(0, 40)}”，已忽略。`,
        {
          cell,
        },
      ),
    );
  if (r.problem === 'ambiguous')
    ctx.findings.push(
      readFinding(
        'ambiguous',
        where,
        `${where}：数字连写，有多种拆分，未作猜测。${ambiguityText(r.options)}`,
        { cell, options: r.options },
      ),
    );
  else if (r.problem === 'unreadable')
    ctx.findings.push(readFinding('unreadable', where, `${where}：${r.detail ?? ''}`, { cell }));
}

// ---------------------------------------------------------------- table 二

function modelValue(tok: string | null, kind: CellKind, unit: string | undefined): Table2Value {
  if (tok === null) return null;
  if (kind !== 'amount') return toNumber(tok);
  // Thousands separators and a unit equal to the column's are dropped; anything else (元 in a
  // 万元 column) stays as printed, for T2-TYPES to report.
  const bare = tok.replace(/,/g, '');
  const num = unit && bare.endsWith(unit) ? bare.slice(0, -unit.length) : bare;
  return /^\d+(\.\d+)?$/.test(num) ? num : tok;
}

function readTable2(ctx: Ctx, lay: LayoutLabels, from: number, to: number) {
  const keys: string[] = [];
  const meta: { block: Table2Block; row?: string }[] = [];
  for (const b of lay.table2) {
    keys.push(b.caption);
    meta.push({ block: b.block });
    b.block.rows.forEach((row, i) => {
      keys.push(b.rows[i] ?? '');
      meta.push({ block: b.block, row });
    });
  }
  const ms = locate(ctx.v.view, keys, from, to);
  const table2: Table2 = {};
  const printed: Table2 = {};
  let blockAt = 0;
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
      return;
    }
    if (!m) {
      if (seen)
        ctx.findings.push(
          readFinding('missingRow', where, `表二“${block.caption}”缺少“${row}”行。`),
        );
      return;
    }
    const next = ms.slice(i + 1).find((x) => x)?.start ?? to;
    const kinds = block.columns.map((c) => c.kind);
    const r = readCells(between(ctx.v, m.end, next), kinds, NOISE2, anyCheck);
    report(ctx, where, r, { table: 'table2', row });
    const cells: Record<string, Table2Value> = {};
    const asPrinted: Record<string, Table2Value> = {};
    block.columns.forEach((c, j) => {
      const tok = r.cells[j] ?? null;
      cells[c.label] = modelValue(tok, c.kind, c.unit);
      asPrinted[c.label] = c.kind === 'amount' ? tok : modelValue(tok, c.kind, c.unit);
    });
    (table2[block.caption] ??= {})[row] = cells;
    (printed[block.caption] ??= {})[row] = asPrinted;
  });
  return { table2, printed };
}

// ---------------------------------------------------------------- table 三

const K7: readonly CellKind[] = TABLE3_COLUMNS.map(() => 'count');
const K8: readonly CellKind[] = [...K7, 'count'];
const sum = (ts: Tokens, a: number, b: number): number =>
  ts.slice(a, b).reduce((s, t) => s + toNumber(t), 0);
/** T3-ROW: 总计 is the sum of the six applicant columns. */
const row7: Check = (c, k) => k !== 6 || sum(c, 0, 6) === toNumber(c[6] ?? '');
/** With a 法人或其他组织 subtotal after 自然人: the subtotal and the total both add up. */
const row8: Check = (c, k) =>
  (k !== 6 || sum(c, 2, 7) === toNumber(c[1] ?? '')) &&
  (k !== 7 || sum(c, 0, 2) === toNumber(c[7] ?? ''));

/**
 * A row of table 三. An 8th cell is taken for a 法人或其他组织 subtotal only where the layout
 * shows it: a tab-separated row of 8 cells, or a flattened table whose header says 小计 (an
 * arithmetic match alone could be a coincidence).
 */
function readRow3(
  seg: string,
  subtotalHeader: boolean,
  firstCol?: number,
): CellRead & { extra?: boolean } {
  const r = readCells(seg, K7, NOISE3, row7, false, firstCol);
  if (r.problem !== 'unreadable') return r;
  if (!seg.includes('\t') && !subtotalHeader) return readCells(seg, K7, NOISE3, row7);
  const r8 = readCells(seg, K8, NOISE3, row8, false);
  if (r8.problem === 'unreadable') return readCells(seg, K7, NOISE3, row7, true, firstCol);
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
    return t === undefined || t === null ? null : toNumber(t);
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
    reads.set(key, settle([...seen.values()]));
  }
}

/**
 * The grid column of 自然人 when the header's tab-separated lines place 自然人 and 总计 six
 * columns apart (a table laid out on its grid, as the HTML and DOCX readers give it); else null.
 */
function headerColumn(header: string): number | null {
  let first: number | null = null;
  let total: number | null = null;
  for (const line of header.split('\n')) {
    if (!line.includes('\t')) continue;
    const cells = line.split('\t').map((c) => c.replace(/\s+/g, ''));
    first ??=
      cells.indexOf(TABLE3_COLUMNS[0] ?? '') >= 0 ? cells.indexOf(TABLE3_COLUMNS[0] ?? '') : null;
    total ??=
      cells.indexOf(TABLE3_COLUMNS[6] ?? '') >= 0 ? cells.indexOf(TABLE3_COLUMNS[6] ?? '') : null;
  }
  return first !== null && total !== null && total - first === 6 ? first : null;
}

/** The grid column of the cell a view position is in: the tabs before it on its line. */
function columnOf(v: TextViews, viewPos: number): number {
  const at = textAt(v, viewPos);
  let tabs = 0;
  for (let i = at - 1; i >= 0 && v.text[i] !== '\n'; i--) if (v.text[i] === '\t') tabs++;
  return tabs;
}

function readTable3(ctx: Ctx, lay: LayoutLabels, from: number, to: number): Table3 {
  const anchors = lay.table3;
  const ms = locate(
    ctx.v.view,
    anchors.map((a) => a.key),
    from,
    to,
  );
  const reads = new Map<string, CellRead>();
  let extra = false;
  const firstRow = ms.find((m) => m)?.start ?? from;
  const subtotalHeader = ctx.v.view.slice(from, firstRow).includes('小计');
  const valueCol = headerColumn(between(ctx.v, from, firstRow));
  anchors.forEach((a, i) => {
    const m = ms[i] ?? null;
    if (!a.row) return;
    const where = `table3 ${a.row.key}`;
    noteFuzzy(ctx, m, a.row.label, where);
    if (!m) {
      ctx.findings.push(readFinding('missingRow', where, `表三缺少“${a.row.label}”行。`));
      return;
    }
    const next = ms.slice(i + 1).find((x) => x)?.start ?? to;
    const firstCol = valueCol === null ? undefined : valueCol - columnOf(ctx.v, m.start) - 1;
    const r = readRow3(between(ctx.v, m.end, next), subtotalHeader, firstCol);
    extra ||= r.extra === true;
    reads.set(a.row.key, r);
  });
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
  for (const [key, r] of reads) {
    report(ctx, `table3 ${key}`, r, { table: 'table3', row: key });
    table3[key] = r.cells.map((t) => (t === null ? null : toNumber(t)));
  }
  return table3;
}

// ---------------------------------------------------------------- table 四

const K15: readonly CellKind[] = TABLE4_GROUPS.flatMap(() => TABLE4_COLUMNS.map(() => 'count'));
/** T4-SUM: in each group, 总计 is the sum of the four results. */
const groups4: Check = (c, k) => k % 5 !== 4 || sum(c, k - 4, k) === toNumber(c[k] ?? '');

function readTable4(ctx: Ctx, from: number, to: number): Table4 {
  let seg = between(ctx.v, from, to);
  if (seg.includes('\t')) {
    // Header rows, then the values on their own line(s): keep the lines that hold figures.
    const lines = seg
      .replace(NOISE4, ' ')
      .split('\n')
      .filter((l) => /\d/.test(l));
    seg = `\t${lines.join('\t')}`;
  } else seg = ` ${seg}`;
  const r = readCells(seg, K15, NOISE4, groups4);
  report(ctx, 'table4', r, { table: 'table4' });
  const table4: Table4 = {};
  TABLE4_GROUPS.forEach((g, gi) => {
    const row = {} as Table4[string];
    TABLE4_COLUMNS.forEach((c, ci) => {
      const t = r.cells[gi * 5 + ci] ?? null;
      row[c] = t === null ? null : toNumber(t);
    });
    table4[g.key] = row;
  });
  return table4;
}

// ---------------------------------------------------------------- the report

/** Which layout a table follows: the one whose own labels (absent from the other) appear. */
function layoutOf(
  view: string,
  pick: (l: LayoutLabels) => string[],
  from: number,
  to: number,
): FormatId | null {
  const score = (id: FormatId) =>
    pick(LAYOUTS[id]).filter((k) => {
      const at = view.indexOf(k, from);
      return at >= 0 && at < to;
    }).length;
  const [a, b] = [score('2019'), score('2021')];
  return a > b ? '2019' : b > a ? '2021' : null;
}

/**
 * Table 三's layout: the one with fewer of its rows missing, then the one with more rows found.
 * (Every 2019 label also occurs in 2021, whose （六） is a group over three rows.)
 */
function table3Layout(view: string, from: number, to: number): FormatId | null {
  const found = (id: FormatId) => {
    const keys = LAYOUTS[id].table3.map((a) => a.key);
    let at = from;
    let n = 0;
    for (const k of keys) {
      const i = view.indexOf(k, at);
      if (i < 0 || i >= to) continue;
      n++;
      at = i + k.length;
    }
    return { missing: keys.length - n, n };
  };
  const [a, b] = [found('2019'), found('2021')];
  if (a.n === 0 && b.n === 0) return null;
  if (a.missing !== b.missing) return a.missing < b.missing ? '2019' : '2021';
  return a.n === b.n ? null : a.n > b.n ? '2019' : '2021';
}

/** A line that ends a sentence or a paragraph. */
const LINE_END = /[。！？；：:!?;」』”）)]$/;

/**
 * Narrative text as paragraphs. A PDF's text layer breaks every paragraph at the page width (and
 * a sentence may run over a page number): a line as wide as the widest, not ending a sentence,
 * runs on into the next. Short lines (sub-headings) and web paragraphs stay as they are.
 */
function unwrap(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => !PAGE_NUMBER.test(l) || l === '');
  const width = Math.max(0, ...lines.map(printedWidth));
  // a paragraph of a web page is one line: nothing is wrapped there
  if (width > WRAP_WIDTH_MAX) return lines.join('\n');
  let out = '';
  let open = false;
  for (const l of lines) {
    if (l === '') {
      if (!open) out += '\n';
      continue;
    }
    const join = open && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(l) ? ' ' : '';
    out += (open ? join : out === '' ? '' : '\n') + l;
    open = printedWidth(l) >= width - 3 && !LINE_END.test(l);
  }
  return out;
}
/** Width in full-width characters: digits, Latin letters and spaces print half as wide. */
function printedWidth(line: string): number {
  let w = 0;
  for (const c of line) w += /[\w ]/.test(c) ? 0.5 : 1;
  return w;
}
/** Lines of a page's width are at most this long (A4, 10.5 pt and up). */
const WRAP_WIDTH_MAX = 60;

/** Published reports run to tens of thousands of characters; far beyond that is not one. */
export const MAX_TEXT_CHARS = 2_000_000;

/** Reads a published annual report from text. Never throws on any string input. */
export function readReportText(raw: string, opts: ReadTextOptions = {}): ReadResult {
  if (raw.length > MAX_TEXT_CHARS)
    return {
      report: null,
      findings: [
        readFinding(
          'tooLarge',
          'document',
          `文本有${raw.length}个字符，超过年度报告文本的上限${MAX_TEXT_CHARS}，不予读取。`,
        ),
      ],
      printedTable2: {},
    };
  const v = toViews(raw);
  const ctx: Ctx = { v, findings: [] };
  const { view } = v;
  const heads: (Match | null)[] = [];
  let cursor = 0;
  for (const h of HEADINGS) {
    const m = findHeading(view, h, cursor);
    heads.push(m);
    noteFuzzy(ctx, m, h.label, `section ${h.label}`);
    if (m) cursor = m.end;
  }
  const startOf = (i: number) => heads.slice(i).find((m) => m)?.start ?? view.length;
  const endOf = (i: number, fallback: number) => heads[i]?.end ?? fallback;
  const r2 = [endOf(1, endOf(0, 0)), startOf(2)] as const;
  // Without its heading, table 四 starts at its first group label after table 三's rows.
  const t4at = heads[3] ? -1 : view.indexOf(TABLE4_GROUP_KEYS[0] ?? '', endOf(2, r2[0]));
  const r3 = [endOf(2, r2[0]), t4at >= 0 ? Math.min(t4at, startOf(3)) : startOf(3)] as const;
  const r4 = [heads[3] ? heads[3].end : t4at, startOf(4)] as const;

  const t2 = layoutOf(view, (l) => l.only2, r2[0], r2[1]);
  const t3 = table3Layout(view, r3[0], r3[1]);
  const title = titleOf(v.text);
  const yearText = yearOf(title, v.text);
  const f2: FormatId = t2 ?? t3 ?? formatForYear(opts.year ?? yearText ?? 0)?.id ?? '2021';
  const f3: FormatId = t3 ?? f2;

  const t3probe = locate(
    view,
    LAYOUTS[f3].table3.map((a) => a.key),
    r3[0],
    r3[1],
  ).filter((m) => m);
  const captions = LAYOUTS[f2].table2.filter((b) => view.indexOf(b.caption, r2[0]) >= 0);
  if (heads.slice(1, 4).every((m) => !m) && t3probe.length < 3 && captions.length === 0)
    return {
      report: null,
      findings: [
        readFinding(
          'notReport',
          'document',
          '未找到政府信息公开工作年度报告的章节标题（二、主动公开政府信息情况 等）和表格，这不是一份年度报告，或其正文无法读取。',
        ),
      ],
      printedTable2: {},
    };

  HEADINGS.forEach((h, i) => {
    if (!heads[i])
      ctx.findings.push(
        readFinding('missingSection', `section ${h.label}`, `未找到章节“${h.label}”。`),
      );
  });
  if (f2 !== f3)
    ctx.findings.push(
      readFinding(
        'mixedLayout',
        'table2, table3',
        `表二按${LAYOUTS[f2].format.source}格式、表三按${LAYOUTS[f3].format.source}格式填写，两种格式混用。`,
      ),
    );
  let year = opts.year ?? yearText ?? NaN;
  if (!Number.isInteger(year)) {
    year = FORMATS.find((f) => f.id === f2)?.years.from ?? 2021;
    ctx.findings.push(
      readFinding('noYear', 'title', `标题中未找到报告年度，按${year}年度读取，请核对。`),
    );
  }

  const { table2, printed } = readTable2(ctx, LAYOUTS[f2], r2[0], r2[1]);
  const table3 = readTable3(ctx, LAYOUTS[f3], r3[0], r3[1]);
  const table4 = r4[0] >= 0 ? readTable4(ctx, r4[0], r4[1]) : {};
  const slice = (i: number) =>
    heads[i] ? unwrap(between(v, heads[i].end, startOf(i + 1))).trim() : '';
  const report: AnnualReport = {
    year,
    format: f2,
    agency: readAgency(title, opts.agency, ctx.findings),
    narrative: { overview: slice(0), problems: slice(4), other: slice(5) },
    table2,
    table3,
    table4,
  };
  return { report, findings: ctx.findings, printedTable2: printed };
}
