/**
 * Finding labels in a report's search view (normalize.ts): each key of a table in order, exactly
 * first and approximately between the keys found (edit distance, its confidence reported), and
 * the section headings, which may be worded differently (matched by their words).
 */
import { HEADINGS } from './labels.ts';
import { approxFind, bigramSimilarity, type TextViews } from './normalize.ts';
import { readFinding, unreadOf, type ReadFinding } from './read-report.ts';

export interface Match {
  start: number;
  end: number;
  confidence: number;
  /** found where it stands, out of the template's order (see placeOutOfOrder) */
  outOfOrder?: true;
  /** found under another name it is printed under (TABLE3_ROW_ALIASES) */
  alias?: true;
}

/** What a table reader works on: the report's views and the findings so far. */
export interface Ctx {
  v: TextViews;
  findings: ReadFinding[];
}

/** Labels shorter than this are matched exactly only (规章, 行政许可: too short to tell a typo). */
const FUZZY_MIN = 6;
const FUZZY_WINDOW = 2000;
const maxDist = (key: string) =>
  key.length < FUZZY_MIN ? 0 : key.length < 10 ? 1 : Math.floor(key.length / 4);

/**
 * Where `key` first lies wholly inside view[from, to), or −1. (The search stops at `to`: a key
 * missing from a table is not looked for through the rest of the report.)
 */
export function findIn(view: string, key: string, from: number, to: number): number {
  const start = Math.max(0, from);
  const at = view.slice(start, to).indexOf(key);
  return at < 0 ? -1 : start + at;
}

/** Where `key` first starts inside view[from, to) (it may run on past `to`), or −1. */
export const findStartIn = (view: string, key: string, from: number, to: number): number =>
  findIn(view, key, from, to + key.length - 1);

/**
 * Each key in order within [from, to): exactly first (each search starting after the last key
 * found), then approximately between the neighbouring keys found for those still missing.
 */
export function locate(
  view: string,
  keys: readonly string[],
  from: number,
  to: number,
): (Match | null)[] {
  let cursor = from;
  let inTable = false;
  const out = keys.map((key, i): Match | null => {
    const at = findIn(view, key, cursor, to);
    if (at < 0) return null;
    // Inside the table (once a key is found: the narrative above it may name its rows in any
    // order), a key found only after the next key is not in its place (a row missing from the
    // table and named in the narrative after it; a label a page-to-text tool moved below the
    // next rows): taking it would skip every key between. It is left to the searches below.
    // So is one found after the key after next, past the end of a sentence, when the next is
    // missing too (规章 of a table without that row, in 公开相关规章、规范性文件。 below it; a
    // block's rows moved below the next blocks hold no sentence between).
    const next = keys[i + 1];
    const afterNext = keys[i + 2];
    if (
      inTable &&
      at > cursor &&
      ((next && findIn(view, next, cursor, at) >= 0) ||
        (afterNext &&
          findIn(view, afterNext, cursor, at) >= 0 &&
          findIn(view, '。', cursor, at) >= 0))
    )
      return null;
    inTable = true;
    cursor = at + key.length;
    return { start: at, end: at + key.length, confidence: 1 };
  });
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    if (out[i] || maxDist(key) === 0) continue;
    const lo = out.slice(0, i).reduce((p, m) => (m ? m.end : p), from);
    const hi = out.slice(i + 1).find((m) => m)?.start ?? to;
    // Between two labels found there is a row or two; a longer gap is not searched further.
    const window = view.slice(lo, Math.min(hi, lo + FUZZY_WINDOW));
    let hit = approxFind(window, key, maxDist(key));
    // A label never runs on past a cell: a match across a TAB took the row's cells for the
    // label's missing words (…处理其政府\t0\t0信息公开申请) — it is searched for before the TAB.
    const tab = hit ? window.indexOf('\t', hit[0]) : -1;
    if (hit && tab >= 0 && tab < hit[1]) hit = approxFind(window.slice(0, tab), key, maxDist(key));
    if (hit) out[i] = { start: lo + hit[0], end: lo + hit[1], confidence: 1 - hit[2] / key.length };
  }
  return out;
}

/** Chinese numerals of section headings, as their prefixes read in the search view (五.). */
const NUMBERED = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].map((n) => `${n}.`);
/** How alike a heading under another number must be: its words, nearly all of them. */
const RENUMBERED_MIN = 0.75;

/**
 * A section heading: exact, else the numbered prefix followed by words most like the body, else
 * the body under another number (a report that inserts a section of its own — 五、信息处理费收取
 * 情况 — numbers the rest one on: 六、存在的主要问题和改进情况), its confidence scaled down.
 */
export function findHeading(
  v: TextViews,
  h: (typeof HEADINGS)[number],
  from: number,
): Match | null {
  const { view } = v;
  const exact = view.indexOf(h.prefix + h.body, from);
  if (exact >= 0)
    return { start: exact, end: exact + h.prefix.length + h.body.length, confidence: 1 };
  const other = otherWording(view, h, from);
  if (other) return other;
  const best = headingUnder(v, h.prefix, h, from, 0.5, false);
  if (best) return best;
  let renumbered: Match | null = null;
  for (const prefix of NUMBERED) {
    if (prefix === h.prefix) continue;
    const m = headingUnder(v, prefix, h, from, RENUMBERED_MIN, true);
    if (m && (!renumbered || m.confidence > renumbered.confidence)) renumbered = m;
  }
  return renumbered ? { ...renumbered, confidence: renumbered.confidence * 0.9 } : null;
}

/** How sure a heading in one of the other wordings, or without its 、, is (reported). */
const WORDING_CONFIDENCE = 0.9;
const NO_COMMA_CONFIDENCE = 0.95;
const HAN_CHAR = /[\u4e00-\u9fff]/;

/**
 * The heading's words exactly, but in one of the other wordings reports give it (六、需要说明的
 * 其他事项, read on past 与附表) or without the 、 after its number (一总体情况, not inside a
 * sentence: no ideograph before the number) — the earliest found, or null.
 */
function otherWording(view: string, h: (typeof HEADINGS)[number], from: number): Match | null {
  let best: Match | null = null;
  const take = (start: number, end: number, confidence: number) => {
    if (start >= 0 && (!best || start < best.start)) best = { start, end, confidence };
  };
  for (const w of h.wordings) {
    const at = view.indexOf(h.prefix + w, from);
    if (at >= 0)
      take(at, withTail(view, at + h.prefix.length + w.length, h.tails), WORDING_CONFIDENCE);
  }
  const bare = h.prefix.slice(0, -1) + h.body;
  for (let at = view.indexOf(bare, from); at >= 0; at = view.indexOf(bare, at + 1)) {
    if (at > 0 && HAN_CHAR.test(view[at - 1] ?? '')) continue;
    take(at, at + bare.length, NO_COMMA_CONFIDENCE);
    break;
  }
  return best;
}

/**
 * The occurrence of `prefix` after `from` followed by the words most like `body` (≥ min): the
 * words of the body's length and 4 more, or (`whole`) of the heading's own length.
 */
function headingUnder(
  v: TextViews,
  prefix: string,
  { body, tails }: (typeof HEADINGS)[number],
  from: number,
  min: number,
  whole: boolean,
): Match | null {
  const { view } = v;
  let best: Match | null = null;
  for (let at = view.indexOf(prefix, from); at >= 0; at = view.indexOf(prefix, at + 1)) {
    const s = at + prefix.length;
    const len = headingLength(view, s, body);
    const sim = bigramSimilarity(body, view.slice(s, s + (whole ? len : body.length + 4)));
    if (sim >= min && (!best || sim > best.confidence)) {
      let end = toLineEnd(v, s, withTail(view, s + len, tails), s + body.length + HEADING_SLACK);
      // (a colon after a heading is the heading's: 五、存在的问题及整改：本年度…)
      if (view[end] === ':') end++;
      best = { start: at, end, confidence: sim };
    }
  }
  return best;
}

/**
 * The end of a heading whose words end at `end`, past the ending (tails) they cut into or stand
 * before: …及整|改措施 ends after 措施, …及改进|措施 too; `end` when none.
 */
function withTail(view: string, end: number, tails: readonly string[]): number {
  let out = end;
  for (const tail of tails)
    for (let cut = 0; cut < tail.length; cut++)
      if (view.startsWith(tail, end - cut)) out = Math.max(out, end - cut + tail.length);
  return out;
}

/** What ends a sentence or a clause: a heading's line running on past one goes on into its text. */
const CLAUSE_END = /[。，,；;：:！!？?]/;

/**
 * The end of a heading worded differently starting at `s` (its words, most like the template's,
 * end at `end`): the end of its line when the line ends before `limit` without a clause ending —
 * the heading is the line, and the rest of it no word of the section's text. Never before `end`:
 * a heading wrapped onto the next line keeps its words.
 */
function toLineEnd(v: TextViews, s: number, end: number, limit: number): number {
  const { text, view, map } = v;
  const lineEnd = text.indexOf('\n', map[s] ?? text.length);
  const te = lineEnd < 0 ? text.length : lineEnd;
  const max = Math.min(view.length, limit);
  let e = end;
  while (e < max && (map[e] ?? text.length) < te) e++;
  if (e === end || (map[e] ?? text.length) < te) return end;
  return CLAUSE_END.test(view.slice(end, e)) ? end : e;
}

const NUMBERED_AT = /[一二三四五六七八九十]\./g;

/** Where the next numbered heading (五、…) starts in view[from, to), else `to`. */
export function nextNumbered(view: string, from: number, to: number): number {
  NUMBERED_AT.lastIndex = from;
  const m = NUMBERED_AT.exec(view);
  return m && m.index < to ? m.index : to;
}

/** A heading worded differently may add this many characters (五、政府信息公开工作存在的…). */
const HEADING_SLACK = 10;

/** How far a heading worded differently runs: the length whose words are most like the body. */
function headingLength(view: string, s: number, body: string): number {
  let best = body.length;
  let bestSim = -1;
  for (let len = Math.max(1, body.length - 3); len <= body.length + HEADING_SLACK; len++) {
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

/**
 * What is said of a table whose text is out of order (a label after rows the template puts below
 * it, words among a row's figures): once for the table (READ-DISORDERED), and of each row not
 * read: a row not found may be there with its label broken up, a row without figures may have
 * them elsewhere.
 */
export const DISORDERED = {
  table: (name: string, rows: number) =>
    `${name}的文字顺序错乱（标签与数字不按行排列，常见于由 PDF 转换的文本）：各行按标签所在的位置读取，其中${rows}行无法读取（见以下各条），不作猜测，不视为缺行或空白。请对照原文核对，或上传原 PDF 或网页检查。`,
  missing: '未能找到（表格文字顺序错乱），可能在原文中但无法读取，不视为缺行。',
  noFigures: '行名之后没有数字（表格文字顺序错乱），数字可能在别处，不视为空白。',
} as const;

/**
 * Rows whose labels were not found in the template's order, taken where they stand (a page-to-text
 * tool's reading order moves a wrapped label after the rows below it): a label that occurs once in
 * [from, to), over no label found, before the first sentence after the last row found — the
 * narrative after a table (（二）…行政许可事项办理1200件。) is no row's — and, in a table of TAB
 * cells, starting a cell. (Its reader keeps it only if the figures after it read cleanly.) The
 * labels `isBound` tells (a table's block captions: 第二十条第（五）项) are taken likewise, as
 * the ends of the rows before them, never read themselves.
 */
export function placeOutOfOrder(
  v: TextViews,
  keys: readonly string[],
  isRow: (i: number) => boolean,
  ms: (Match | null)[],
  from: number,
  to: number,
  isBound: (i: number) => boolean = () => false,
): void {
  const { view } = v;
  // in a table of TAB-separated cells, a row's label starts a cell (本年办理行政许可1200件 is a
  // sentence)
  const tabbed = between(v, from, to).includes('\t');
  const startsCell = (at: number) => {
    let i = textAt(v, at) - 1;
    while (i >= 0 && (v.text[i] === ' ' || v.text[i] === '\u3000')) i--;
    return i < 0 || v.text[i] === '\n' || v.text[i] === '\t';
  };
  let last = -1;
  ms.forEach((m, i) => {
    if (m && isRow(i)) last = Math.max(last, m.start);
  });
  const sentence = last < 0 ? -1 : view.indexOf('。', last);
  const limit = sentence < 0 ? to : Math.min(sentence, to);
  keys.forEach((key, i) => {
    if (ms[i] || !(isRow(i) || isBound(i))) return;
    const at = findIn(view, key, from, limit);
    if (at < 0 || findIn(view, key, at + 1, to) >= 0 || (tabbed && !startsCell(at))) return;
    const end = at + key.length;
    if (ms.some((m) => m && m.start < end && at < m.end)) return;
    ms[i] = { start: at, end, confidence: 1, outOfOrder: true };
  });
}

/** What a table reader saw that tells a table whose text is out of order. */
export interface DisorderSigns {
  /** a row's figures before the first row's label */
  early: boolean;
  /** the figures of two rows or more after one label */
  crowded: boolean;
  /** rows read where their labels stand out of the template's order */
  placed: number;
  /** rows whose text mixes words and figures not their own */
  mixed: number;
  /** rows not found */
  missing: number;
}

/**
 * Whether a table's text is out of order. Words among one row's figures alone are that row's
 * problem (a remark, a typo), unless a row is also missing (its label broken up among them).
 */
export const isDisordered = (s: DisorderSigns): boolean =>
  s.early || s.crowded || s.placed > 0 || s.mixed >= 2 || (s.mixed === 1 && s.missing > 0);

/**
 * READ-DISORDERED once for a table whose text is out of order, before its rows' findings (from
 * `first` on), when some of its rows could not be read.
 */
export function sayDisordered(ctx: Ctx, first: number, table: 'table2' | 'table3'): void {
  const rows = new Set(unreadOf(ctx.findings.slice(first))).size;
  if (rows === 0) return;
  const name = table === 'table2' ? '表二' : '表三';
  ctx.findings.splice(
    first,
    0,
    readFinding('disordered', table, DISORDERED.table(name, rows), { cell: { table } }),
  );
}

/** Where the nearest label found after `at` (a view position) starts, else `to`. */
export function nextAfter(ms: readonly (Match | null)[], at: number, to: number): number {
  let next = to;
  for (const m of ms) if (m && m.start > at && m.start < next) next = m.start;
  return next;
}

/** Where the first label found after the i-th starts, else `to`. */
export function nextStart(ms: readonly (Match | null)[], i: number, to: number): number {
  for (let j = i + 1; j < ms.length; j++) {
    const m = ms[j];
    if (m) return m.start;
  }
  return to;
}

export const textAt = (v: TextViews, viewPos: number): number => v.map[viewPos] ?? v.text.length;

/** The text between the end of one label and the start of the next, in `text` coordinates. */
export const between = (v: TextViews, a: number, b: number): string =>
  v.text.slice(textAt(v, a - 1) + 1, textAt(v, b));

export function noteFuzzy(ctx: Ctx, m: Match | null, label: string, where: string): void {
  if (!m || (m.confidence >= 1 && !m.alias)) return;
  const found = ctx.v.text.slice(textAt(ctx.v, m.start), textAt(ctx.v, m.end - 1) + 1);
  if (m.alias) {
    ctx.findings.push(
      readFinding(
        'fuzzyLabel',
        where,
        `“${found}”按“${label}”识别（另一种写法）；请核对原文用字。`,
      ),
    );
    return;
  }
  const c = Math.round(m.confidence * 100) / 100;
  ctx.findings.push(
    readFinding('fuzzyLabel', where, `“${found}”按“${label}”识别，置信度 ${c}；请核对原文用字。`, {
      confidence: c,
    }),
  );
}
