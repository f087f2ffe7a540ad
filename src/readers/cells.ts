/**
 * A row's cells from the text between its label and the next: tab-separated (one row a line,
 * merged cells as empty cells beside the values) or flattened (the figures run together). A
 * digit run is split by the column structure and a row's arithmetic only when exactly one split
 * is consistent; otherwise the cells the splits disagree on stay blank and READ-AMBIGUOUS lists
 * the possibilities. Never a guess.
 */
import type { CellKind } from '../domain/report/formats.ts';
import { isLabelFragment, startsGroupLabel } from './labels.ts';
import { labelKey } from './normalize.ts';
import type { Ctx } from './locate.ts';
import { whereText } from '../domain/report/findings.ts';
import { readFinding, type ReadFinding } from './read-report.ts';

const VALID: Record<CellKind, RegExp> = {
  count: /^(0|[1-9]\d*)$/,
  // (a rise written with its sign: +1, 平潭管委会办公室 2019)
  signed: /^[-+]?(0|[1-9]\d*)$/,
  amount: /^(0|[1-9]\d{0,2}(,\d{3})+|[1-9]\d*)(\.\d+)?(万元|元)?$/,
};
/** Cells written as a dash or 无: blank, but said so. */
const DASH = /^[-—–/\\无]+$/;
/** Stop enumerating splits beyond this many steps: the cell is then reported, not guessed. */
const SPLIT_BUDGET = 5_000;
/** No count in a report runs beyond 12 digits, nor an amount beyond 24 characters. */
const MAX_CELL: Record<CellKind, number> = { count: 12, signed: 13, amount: 24 };
const MAX_CANDIDATES = 64;

export type Tokens = string[];
/** Partial check: false when the cells read so far (0..k) already break the arithmetic. */
export type Check = (cells: Tokens, k: number) => boolean;

/** The enumeration of splits(): its input, the splits found and the cells of the one in hand. */
interface SplitWalk {
  chunks: string[];
  kinds: readonly CellKind[];
  check: Check;
  /** the characters from chunk i on */
  rest: number[];
  out: Tokens[];
  cur: Tokens;
  steps: number;
  /** whether a cell may be blank ('' in a split): the page's empty cell, gone in flattened text */
  blanks: boolean;
}

/**
 * Every way to cut the chunks (runs without a separator) into `kinds.length` valid cells, a cell
 * never crossing a separator. null when the budget ran out.
 */
function splits(
  chunks: string[],
  kinds: readonly CellKind[],
  check: Check,
  blanks = false,
): Tokens[] | null {
  const rest = chunks.map((_, i) => chunks.slice(i).reduce((s, c) => s + c.length, 0));
  const w: SplitWalk = { chunks, kinds, check, rest, out: [], cur: [], steps: 0, blanks };
  return splitWalk(w, 0, 0) && w.out.length <= MAX_CANDIDATES ? w.out : null;
}

/** The splits from character `pi` of chunk `ci` on; false when the budget ran out. */
function splitWalk(w: SplitWalk, ci: number, pi: number): boolean {
  const { chunks, kinds, cur, out } = w;
  const n = kinds.length;
  if (++w.steps > SPLIT_BUDGET || out.length > MAX_CANDIDATES) return false;
  const k = cur.length;
  if (ci === chunks.length) {
    // the figures are used up: the cells left are blank, where a cell may be
    if (k === n) out.push(cur.slice());
    else if (w.blanks && k < n) out.push([...cur, ...Array<string>(n - k).fill('')]);
    return true;
  }
  const chunk = chunks[ci] ?? '';
  const left = (w.rest[ci] ?? 0) - pi;
  if (n - k < chunks.length - ci || (!w.blanks && n - k > left)) return true;
  if (left > (n - k) * MAX_CELL.amount) return true;
  if (w.blanks && n - k > chunks.length - ci) {
    // this cell blank, the figures going on in the next
    cur.push('');
    const go = splitWalk(w, ci, pi);
    cur.pop();
    if (!go) return false;
  }
  const kind = kinds[k] ?? 'count';
  const longest = Math.min(chunk.length - pi, MAX_CELL[kind]);
  for (let len = 1; len <= longest; len++) {
    if (++w.steps > SPLIT_BUDGET) return false;
    const state = tokenState(kind, chunk, pi, len);
    if (state !== VALID_TOKEN) {
      if (state === INVALID_TOKEN) continue;
      // no longer token is valid either: skip them, counting their steps as if tried
      w.steps += longest - len;
      if (w.steps > SPLIT_BUDGET) return false;
      break;
    }
    cur.push(chunk.slice(pi, pi + len));
    const ok = w.check(cur, k);
    const next = pi + len === chunk.length;
    const go = ok ? (next ? splitWalk(w, ci + 1, 0) : splitWalk(w, ci, pi + len)) : true;
    cur.pop();
    if (!go) return false;
  }
  return true;
}

export const VALID_TOKEN = 0;
/** not a valid cell, but a longer token starting with it may be */
export const INVALID_TOKEN = 1;
/** not valid, and no longer token starting with it is */
export const DEAD_END = 2;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether chunk[pi, pi + len) is a valid cell of `kind` (VALID), given that it grows one
 * character at a time from pi and was not a dead end one character shorter: a count or signed
 * count stops at a character other than a digit or after a leading zero; an amount is matched
 * whole (its separators and units make any prefix possibly valid).
 */
export function tokenState(kind: CellKind, chunk: string, pi: number, len: number): number {
  if (kind === 'amount')
    return VALID.amount.test(chunk.slice(pi, pi + len)) ? VALID_TOKEN : INVALID_TOKEN;
  // a signed count's sign (- or +) is not part of its digits
  const c0 = chunk.charCodeAt(pi);
  const body = kind === 'signed' && (c0 === 45 || c0 === 43) ? pi + 1 : pi;
  const digits = pi + len - body;
  if (digits === 0) return INVALID_TOKEN;
  if (!isDigit(chunk.charCodeAt(pi + len - 1))) return DEAD_END;
  return digits > 1 && chunk.charCodeAt(body) === 48 ? DEAD_END : VALID_TOKEN;
}

export const toNumber = (tok: string): number => Number(tok);

/** The sum of cells a..b−1 of a candidate split. */
export function sum(ts: Tokens, a: number, b: number): number {
  let s = 0;
  for (let i = a; i < Math.min(b, ts.length); i++) s += toNumber(ts[i] ?? '');
  return s;
}

export interface CellRead {
  /** the tokens read; null = blank */
  cells: (string | null)[];
  /** for each cell that could not be settled: the possibilities (for READ-AMBIGUOUS) */
  options: Tokens[];
  problem?: 'unreadable' | 'ambiguous';
  /**
   * the ambiguity is where a tab-separated row's values sit among its empty cells (the options
   * are placements, '' for an empty cell), not how a digit run splits
   */
  placement?: boolean;
  detail?: string;
  /** text after the row that is neither a cell nor a known header */
  leftover?: string;
  /** the cells are those of the label's own line of TAB cells (what follows it is not the row's) */
  ownLine?: boolean;
  /**
   * ambiguous, and no split keeps the row's arithmetic (its check): the row is wrong whichever
   * split the report meant, every cell filled
   */
  broken?: boolean;
}

/** How a row read with words among its figures is said (READ-UNREADABLE). */
export const UNRECOGNISED_WORDS = '含无法识别的文字';
const STANDALONE_FIGURE = /(^|\s)\d+(?=\s|$)/;

/**
 * Whether a row's text mixes words and figures that are not its own (另行 0 0 0 制作, 处理 请 0 0):
 * the sign of a table whose text is out of order. (Header words after a row — 项目 本年新收件数 —
 * are not.)
 */
export const mixesRows = (r: CellRead): boolean =>
  r.detail?.startsWith(UNRECOGNISED_WORDS) === true ||
  (r.leftover !== undefined && STANDALONE_FIGURE.test(r.leftover));

export const blankRead = (n: number, detail: string): CellRead => ({
  cells: Array<null>(n).fill(null),
  options: [],
  problem: 'unreadable',
  detail,
});

export const PAGE_NUMBER = /^[-—–\s]*(第\s*)?\d+\s*(页)?(\s*\/\s*\d+)?[-—–\s]*$/;

/** Where a tab-separated row's values are, beyond its cells' count. */
export interface Align {
  /**
   * where the values start among the cells after the label, when the table's header says so
   * (the HTML and DOCX readers give every line the table's width)
   */
  firstCol?: number;
  /** where the values start at the earliest, when the grid bounds it but does not say (see firstCol) */
  minCol?: number;
  /**
   * whether empty cells between the values are fillers of merged cells when exactly as many
   * cells as columns are filled (table 二, whose header and rows merge different columns); not
   * in a table that may carry an extra column
   */
  fillers?: boolean;
  /**
   * where each column's value sits among the cells after the label, when the table's header row
   * says so (a Word table whose header has an empty cell between two columns)
   */
  columns?: readonly number[];
  /**
   * flattened text: whether a cell may be blank (an empty cell of the page leaves no trace, so
   * 215 may be 2|1|5 or 2|空|15) — in table 二, whose rows have no arithmetic to tell
   */
  blanks?: boolean;
}

/**
 * The row's label, as the text prints it and as the template words it, asked for only when a
 * line has more cells than columns: a cell right after the label cell that repeats it is the
 * label's, not a value (a converter writes a merged label into every column it spans:
 * | （一）予以公开 | （一）予以公开 | 258 | …).
 */
export type RowLabel = () => readonly string[];

/**
 * The cells of one tab-separated line that starts with (the rest of) the label cell; `label` and
 * `noise` give the keys of the row's label, cleaned as the line is.
 * (Helpers here are module functions, not closures made per row: the loader's keepNames names
 * every closure as it is made, a cost per row.)
 */
function tabCells(
  line: string,
  kinds: readonly CellKind[],
  align: Align,
  label: RowLabel | undefined,
  noise: RegExp,
): CellRead {
  const n = kinds.length;
  // the cells after the label's, whitespace (other than the tabs) removed
  const parts = line.replace(/[^\S\t]+/g, '').split('\t');
  const rest = parts[0] ?? '';
  const all = parts.slice(1);
  // Cells repeating the label, while there are more cells than columns, are the label's: the
  // values start after them. (Only the label's own words: a word in a value's place — 不适用 —
  // is not a label, and skipping it would move every value one column.)
  let lead = 0;
  // (a label's words may have gone with the header words: 3.其他 is 3. once 其他 is)
  if (all.length > n && /\D/.test(all[0] ?? '')) {
    const keys = labelKeysOf(label, noise);
    if (rest) keys.push(labelKey(rest));
    while (lead < all.length - n && repeatsLabel(all[lead] ?? '', keys)) all[lead++] = '';
  }
  const windows = alignedWindows(all, n, lead ? afterRepeats(align, lead) : align);
  if (!windows) {
    const filled = all.filter((c) => c !== '').length;
    // (enough cells, but the figures are not where the header's columns are)
    return blankRead(
      n,
      all.length >= n && filled <= n
        ? `数字与表头的栏位对不上（表格可能在页边被截断，或各行错位），不予读取：${all.join('|')}`
        : `应有${n}栏，读到${all.length}栏：${all.join('|')}`,
    );
  }
  const reads = windows.map((w) => tokens(w, kinds));
  const first = reads[0] ?? { cells: [], bad: [] };
  if (first.bad.length)
    return { cells: first.cells, options: [], problem: 'unreadable', detail: first.bad.join('、') };
  if (reads.length === 1) return { cells: first.cells, options: [] };
  // Several placements of the blanks: the cells they agree on, the others not guessed.
  const cells = first.cells.map((c, i) => (reads.every((r) => r.cells[i] === c) ? c : null));
  return { cells, options: windows, problem: 'ambiguous', placement: true };
}

/** The keys of a row's label (RowLabel), cleaned as its line is. */
function labelKeysOf(label: RowLabel | undefined, noise: RegExp): string[] {
  const keys: string[] = [];
  for (const l of label?.() ?? []) {
    const k = labelKey(cleaned(l, noise));
    if (k !== '') keys.push(k);
  }
  return keys;
}

/**
 * Where the values are when `lead` cells after the label repeat it: after those; a column the
 * header puts on one of them was counted on a header without the repeat, so it moves with it.
 */
function afterRepeats(align: Align, lead: number): Align {
  const { columns, firstCol } = align;
  return {
    ...align,
    minCol: Math.max(align.minCol ?? 0, lead),
    ...(columns && (columns[0] ?? lead) < lead ? { columns: columns.map((c) => c + lead) } : {}),
    ...(firstCol !== undefined && firstCol < lead ? { firstCol: firstCol + lead } : {}),
  };
}

/** Whether a cell is the row's label again: one of its keys, or the end of one (without its number). */
function repeatsLabel(cell: string, keys: readonly string[]): boolean {
  const k = labelKey(cell);
  return k.length >= 2 && keys.some((key) => key === k || key.endsWith(k));
}

function tokens(parts: string[], kinds: readonly CellKind[]) {
  const bad: string[] = [];
  const cells = parts.map((part, i) => {
    if (part === '') return null;
    const kind = kinds[i] ?? 'count';
    if (VALID[kind].test(part)) return part;
    // a count's unit (1个) is not part of it
    const tok = kind === 'amount' ? part : part.replace(COUNT_UNIT, '$1');
    if (tok !== part && VALID[kind].test(tok)) return tok;
    bad.push(DASH.test(part) ? `“${part}”（按空白处理）` : `“${part}”`);
    return null;
  });
  return { cells, bad };
}

const isBlank = (c: string) => c === '';

/**
 * Which n consecutive cells of a line hold the values. A line may carry empty cells beside them
 * (a merged label's filler, a trailing tab, the table's width): at the header's column when the
 * rest is empty; else every placement that leaves only empty cells out — one or several, never
 * a guess; else, where fillers may sit between the values and exactly n cells are filled, those.
 */
function alignedWindows(all: string[], n: number, align: Align): string[][] | null {
  const { firstCol, columns } = align;
  const min = Math.max(firstCol ?? 0, align.minCol ?? 0, 0);
  // the values start beyond the cells the line has left for them: the grid lacks columns
  if (min + n > all.length) return null;
  if (all.length === n) return [all];
  if (all.length < n) return null;
  if (
    columns?.length === n &&
    (columns.at(-1) ?? all.length) < all.length &&
    all.every((c, i) => columns.includes(i) || isBlank(c))
  )
    return [columns.map((i) => all[i] ?? '')];
  if (
    firstCol !== undefined &&
    firstCol >= 0 &&
    firstCol + n <= all.length &&
    all.every((c, i) => (i >= firstCol && i < firstCol + n) || isBlank(c))
  )
    return [all.slice(firstCol, firstCol + n)];
  const extra = all.length - n;
  const windows: string[][] = [];
  for (let k = min; k <= extra; k++) {
    const outside = [...all.slice(0, k), ...all.slice(k + n)];
    if (outside.every(isBlank)) windows.push(all.slice(k, k + n));
  }
  const distinct = new Map(windows.map((w) => [w.join('\t'), w]));
  if (distinct.size) return [...distinct.values()];
  const filled = all.filter((c) => !isBlank(c));
  return align.fillers && filled.length === n ? [filled] : null;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff]/;
/** The figures in a table's header text once its header words (`noise`) are gone, or ''. */
export function figuresIn(header: string, noise: RegExp): string {
  if (!/\d/.test(header)) return '';
  const rest = header.replace(noise, ' ');
  return /\d/.test(rest) ? (rest.match(/[\d.,]+/g) ?? []).join(' ').slice(0, 40) : '';
}

/**
 * Whether a row read its figures and nothing else: no problem, some figure, and no text left
 * over — unless the figures are the label's own line of TAB cells (a table's line binds them to
 * it; the lines after it may be other rows' figures whose labels stand elsewhere).
 */
export const readsCleanly = (r: CellRead): boolean =>
  !r.problem && (!r.leftover || r.ownLine === true) && r.cells.some((c) => c !== null);

const DIGITS = /^\d+$/;
/** Digits no figure is written as: 0 before another digit. */
const LEADING_ZERO = /^0\d/;

/** A money unit standing alone between a row's figures. */
const UNIT_ONLY = /^万?元$/;
/** A count followed by its unit (1个, 3件, 12项), before the end of the cell or the next figure. */
const COUNT_UNIT = /(\d)\s*[个件项条次笔批宗](?=$|[\s\d])/g;
/** A year's four digits ending a row's figures (the 2025 of 2025年 after them). */
const YEAR_AT_END = /(?:19|20)\d\d$/;
/**
 * A sentence of the narrative glued to a row's last figure (表四 10000100000000000我局严格规范政府
 * 信息公开流程，强化内部审核监督，…风险。): words, a comma and a full stop before any figure — no
 * label or header word of a table holds both.
 */
const PROSE_SENTENCE = /^[\u4e00-\u9fff][^\d\t\n。]*[，,][^\d\t\n。]*。/;
/** The start of a part of the narrative: （二）…, 二、… (NFKC: the brackets are ASCII). */
const NARRATIVE_PART = /^\([一二三四五六七八九十]{1,2}\)|^[一二三四五六七八九十]{1,2}、/;

/** 增 or 减 right before a figure: the sign of a 本年增/减 (减12 is −12), not a word of the text. */
const SIGN_WORDS = /[增减](?=\s*\d)/g;

/** A row's text without the header words (`noise`) and the quotation marks it may hold. */
const cleaned = (text: string, noise: RegExp) =>
  (CJK.test(text) ? text.replace(noise, ' ') : text).replace(/[“”‘’"'「」]/g, ' ');

/** Cells of one row's text. `noise` strips header words repeated inside the table. */
export function readCells(
  seg: string,
  kinds: readonly CellKind[],
  noise: RegExp,
  check: Check,
  fallback = true,
  align: Align = {},
  label?: RowLabel,
): CellRead {
  const n = kinds.length;
  // Quotation marks closing a label (危及“三安全一稳定”) are left over after it.
  // (header words all hold a CJK character: a row of figures alone has none to remove)
  let clean = cleaned(seg, noise);
  // 增/减 written for the sign of a change (行政事业性收费16减12: 16 | −12)
  if (kinds.includes('signed')) clean = clean.replace(SIGN_WORDS, (w) => (w === '减' ? '-' : '+'));
  const nl = clean.indexOf('\n');
  const line = nl < 0 ? clean : clean.slice(0, nl);
  // (a row set as a line of text, 行政事业性收费 0, above a table of TAB cells is read as text)
  if (clean.includes('\t') && (line.includes('\t') || !/\d/.test(line))) {
    // One row a line: the cells end at the line break; what follows (a page number, a header
    // repeated after a page break) must be noise, or it is reported.
    const rest = nl < 0 ? '' : clean.slice(nl + 1);
    const leftover =
      rest.trim() === ''
        ? ''
        : rest
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== '' && !PAGE_NUMBER.test(l) && !isLabelFragment(l))
            .join(' ');
    const read = tabCells(line, kinds, align, label, noise);
    return leftover ? { ...read, leftover, ownLine: line.includes('\t') } : read;
  }
  // Flattened text: the cells are the figures right after the label. Text after them is
  // reported; when figures follow that text, the row's cells cannot be told apart at all —
  // unless it opens a part of the narrative (（二）主动公开政府信息的主要类别…, 五、…) after the
  // table's last row. A count's unit (1个246900元) separates it from the next cell.
  const counted = clean.replace(COUNT_UNIT, '$1 ');
  let values = /^[\d.,+\-元万\s]*/.exec(counted)?.[0] ?? '';
  // A figure glued to the words after it, on a line below the row's figures, is those words'
  // (a running head, 2023年度…, where a page breaks the table), not one of the row's cells.
  const lastBreak = values.lastIndexOf('\n');
  if (
    lastBreak >= 0 &&
    counted.length > values.length &&
    /\d$/.test(values) &&
    /\d/.test(values.slice(0, lastBreak))
  )
    values = values.slice(0, lastBreak);
  // A year opening the narrative right after the row's last figure (行政事业性收费02025年，我局…,
  // 结转下年度继续办理20000022025年，…): its digits are the narrative's, not the row's.
  const year = YEAR_AT_END.exec(values);
  const opensYear =
    year !== null && counted[values.length] === '年' && /\d/.test(values.slice(0, year.index));
  if (opensYear) values = values.slice(0, year.index);
  const after = counted.slice(values.length).trim();
  const narrative =
    opensYear ||
    (NARRATIVE_PART.test(after) && !startsGroupLabel(after)) ||
    PROSE_SENTENCE.test(after);
  const leftover = isLabelFragment(after) || PAGE_NUMBER.test(after) || narrative ? '' : after;
  if (/\d/.test(leftover))
    return blankRead(n, `${UNRECOGNISED_WORDS}“${leftover.replace(/\s+/g, ' ').slice(0, 30)}”`);
  const read = flatCells(values, kinds, check, fallback, align.blanks === true);
  return leftover ? { ...read, leftover } : read;
}

function flatCells(
  values: string,
  kinds: readonly CellKind[],
  check: Check,
  fallback: boolean,
  blanks: boolean,
) {
  const n = kinds.length;
  // (a unit set apart from its figure, 246900 元, is the figure's)
  const chunks = values
    .split(/\s+/)
    .filter((c) => c !== '')
    .reduce<string[]>((out, c) => {
      if (UNIT_ONLY.test(c) && out.length > 0) out[out.length - 1] += c;
      else out.push(c);
      return out;
    }, []);
  if (chunks.length === 0) return { cells: Array<null>(n).fill(null), options: [] };
  let found = splits(chunks, kinds, check, blanks);
  // The report's own arithmetic may be wrong: then only a split that is unique without it counts
  // — when the figures all run together, or stand one a cell on one line. Figures separated in
  // places but fewer than the cells are cells apart whose blanks left no trace (text converted
  // from a page drops empty cells: 258 12 1 1 is 258|12|空|空|1|1|空), not figures to cut
  // (2|5|8|1|2|1|1); figures over two lines may be out of the columns' order (a PDF's text laid
  // out by position puts a wrapped row's middle cells on the line below: 2 2 / 0 0 0 0 0).
  // …or when the figures have exactly one digit a cell, on one line, and a run of them cannot be
  // one figure (100 0 0 00: its 00 is two cells; 1|0|0|0|0|0|0, 平潭旅游与文化体育局 2025, its
  // page's cells). (258 12 1 1, whole figures apart, is 258|12|空|空|1|1|空: not cut.)
  const oneLine = !values.trim().includes('\n');
  const unsplit =
    chunks.length === 1 ||
    (oneLine && chunks.length === n) ||
    (oneLine &&
      chunks.every((c) => DIGITS.test(c)) &&
      chunks.join('').length === n &&
      chunks.some((c) => LEADING_ZERO.test(c)));
  // (when no split keeps the row's arithmetic, several splits without it say the row is wrong
  // whichever it is: `broken`)
  let broken = false;
  if (fallback && found?.length === 0 && unsplit) {
    found = splits(chunks, kinds, anyCheck, blanks);
    broken = !blanks;
  }
  if (found === null) return blankRead(n, `数字串“${chunks.join(' ')}”拆分方式过多`);
  if (found.length === 0) return blankRead(n, unsplittable(chunks, n, blanks));
  if (found.length === 1) return settle(found);
  if (broken) return { ...settle(found), broken };
  // splits with every cell filled first, then those with fewer blanks (in the order found)
  const ranked = found.map((o, i) => ({ o, i, b: blanksOf(o) }));
  ranked.sort((x, y) => x.b - y.b || x.i - y.i);
  return settle(ranked.map((r) => r.o));
}

function blanksOf(o: Tokens): number {
  let b = 0;
  for (const t of o) if (t === '') b++;
  return b;
}

/**
 * Why figures cannot be cut into n cells. Fewer digits than cells, in text without its blanks,
 * mean blank cells on the page whose places the text does not show (经济发展局 2021: 0 0 0 0 0 0
 * for seven cells, one of them &nbsp;); fewer runs than cells may also be figures run together.
 */
function unsplittable(chunks: readonly string[], n: number, blanks: boolean): string {
  const run = `数字串“${chunks.join(' ')}”`;
  if (blanks || chunks.length >= n || !chunks.every((c) => DIGITS.test(c)))
    return `${run}无法拆成${n}栏`;
  const digits = chunks.join('').length;
  return digits < n
    ? `${run}只有${digits}位数字，少于${n}栏：原表有的栏没有数字（空白或漏填），转成文字后看不出是哪几栏，各数字无法与栏对应`
    : `${run}分成${chunks.length}段，少于${n}栏：可能原表有空白单元格，也可能几栏的数字连写在一起，转成文字后无法确定各数字所在的栏`;
}

/** One candidate: its cells. Several: the cells they agree on, the rest blank and ambiguous. */
export function settle(options: Tokens[], placement = false): CellRead {
  const first = options[0] ?? [];
  if (options.length === 1) return { cells: first.map(tokenCell), options: [] };
  const cells = first.map((t, i) => (options.every((o) => o[i] === t) ? tokenCell(t) : null));
  return { cells, options, problem: 'ambiguous', ...(placement ? { placement } : {}) };
}

/** An empty token is a blank cell (a placement of a tab-separated row's values), never a 0. */
function tokenCell(t: string): string | null {
  return t === '' ? null : t;
}

export const anyCheck: Check = () => true;

function ambiguityText(options: Tokens[], what: string): string {
  const shown = options.slice(0, 6).map((o) => o.map((t) => (t === '' ? '空' : t)).join('|'));
  return `可能的${what}：${shown.join('；')}${options.length > 6 ? `；等${options.length}种` : ''}`;
}

/** The reading findings of one row: text left over, an ambiguous split, an unreadable cell. */
export function reportRead(ctx: Ctx, where: string, r: CellRead, cell: ReadFinding['cell']): void {
  if (r.leftover)
    ctx.findings.push(
      readFinding(
        'unrecognised',
        where,
        `${whereText(where)}之后有无法识别的内容“${r.leftover.replace(/\s+/g, ' ').slice(0, 40)}”，已忽略。`,
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
        r.placement
          ? `${whereText(where)}：该行的栏数多于表格，数字可放在不同的栏中，未作猜测。${ambiguityText(r.options, '位置')}`
          : `${whereText(where)}：数字连写，有多种拆分${r.options.some((o) => o.includes('')) ? '（原表的空白单元格在连写的数字中看不出来）' : ''}${r.broken ? '，且没有一种拆分合乎本行的勾稽关系' : ''}，未作猜测。${ambiguityText(r.options, '拆分')}`,
        {
          cell,
          options: r.options,
          ...(r.placement ? { placements: true } : {}),
          ...(r.broken ? { broken: true } : {}),
        },
      ),
    );
  else if (r.problem === 'unreadable')
    ctx.findings.push(
      readFinding('unreadable', where, `${whereText(where)}：${r.detail ?? ''}`, { cell }),
    );
}
