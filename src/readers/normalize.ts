/**
 * Text normalisation shared by the readers. A report is read through two views of one string:
 * `text`, the NFKC form with whitespace kept (tabs separate cells, spaces and line breaks are
 * soft separators between numbers), and `view`, where labels are searched: spaces, line breaks
 * and quotation marks removed, `、` and `.` made one, each view position mapped back to `text`.
 * Labels go through the same `labelKey`, so full-width and half-width forms, spaces and line
 * breaks inside labels and `1、`/`1.` variants all compare equal.
 */
import { unifyRadicals } from './radicals.ts';

export interface TextViews {
  /** NFKC text; form feeds and CR become line breaks */
  text: string;
  /** the search view (see above) */
  view: string;
  /** view position → text position */
  map: Int32Array;
}

// Dropped from the search view: whitespace other than tabs, and quotation marks, which
// published reports write as “”, "", 「」 or not at all (危及“三安全一稳定”).
const DROP_CHARS = ' \n\r\f\v\u3000“”‘’"\'「」';
const DROPPED = new RegExp(`[${DROP_CHARS}]`, 'g');
const DROP_CODE = new Uint8Array(0x10000);
for (const c of DROP_CHARS) DROP_CODE[c.charCodeAt(0)] = 1;

/** The search view of a (NFKC) string. */
const viewOf = (s: string): string => s.replace(DROPPED, '').replace(/、/g, '.');

const IDEOGRAPHIC_COMMA = 0x3001;
const FULL_STOP = 0x2e;

export function toViews(raw: string): TextViews {
  // (NFKC maps the Kangxi radicals; the supplement's a PDF's text may hold need the table)
  let text = unifyRadicals(raw.normalize('NFKC'));
  if (text.includes('\r') || text.includes('\f')) text = text.replace(/\r\n?|\f/g, '\n');
  if (text.includes('|')) text = pipeCells(text);
  // Markdown headings (text converted from PDFs or pages): the marks are not the report's words
  if (text.includes('#')) text = text.replace(MARKDOWN_HEADING, '');
  // One pass builds the view (viewOf, character by character) and its map back to the text.
  const codes = new Uint16Array(text.length);
  const map = new Int32Array(text.length + 1);
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (DROP_CODE[c] === 1) continue;
    codes[j] = c === IDEOGRAPHIC_COMMA ? FULL_STOP : c;
    map[j++] = i;
  }
  map[j] = text.length;
  // UTF-16 code units straight into a string (Buffer's ucs2 copies them; TextDecoder is ~6×
  // slower here); a lone surrogate stays one unit, so the map stays intact
  const view = Buffer.from(codes.buffer, 0, 2 * j).toString('ucs2');
  return { text, view, map: map.subarray(0, j + 1) };
}

/** The marks of a Markdown heading at the start of a line (## 二、主动公开政府信息情况). */
const MARKDOWN_HEADING = /^[ \t]*#{1,6}[ \t]+/gm;

/** A Markdown table's rule line: |---|:--:| … */
const RULE_LINE = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;

/**
 * Tables whose cells are separated by `|` (text converted from web pages: Markdown tables, one
 * row a line, or one cell a line each ending in `|`) as the readers' tab-separated cells. A line
 * with two cells or more stays one row; a line holding at most one cell and ending in `|` (the
 * one-cell-a-line form, a caption row, a row of merged empty cells) runs on into the next line,
 * so that a row's cells meet between its label and the next (cells.ts reads them there). A rule
 * line (|---|) is dropped. Only lines that start or end with `|` are table lines: a `|` inside a
 * sentence (电话|传真) is left as it is.
 */
export function pipeCells(text: string): string {
  const lines = text.split('\n');
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const last = i === lines.length - 1;
    const trimmed = line.trim();
    if (!trimmed.startsWith('|') && !trimmed.endsWith('|')) {
      out += last ? line : `${line}\n`;
      continue;
    }
    if (RULE_LINE.test(line)) continue;
    const cells = trimmed.split('|');
    const filled = cells.filter((c) => c.trim() !== '').length;
    const runsOn = filled <= 1 && trimmed.endsWith('|');
    // a row's leading | opens it and its trailing | closes it; in a line that runs on, every |
    // ends a cell (| alone: a blank one)
    if (!runsOn && trimmed.startsWith('|')) cells.shift();
    if (!runsOn && trimmed.endsWith('|')) cells.pop();
    out += cells.map((c) => c.trim()).join('\t') + (runsOn || last ? '' : '\n');
  }
  return out;
}

/** A label as it is searched in the view. */
export function labelKey(label: string): string {
  let key = LABEL_KEYS.get(label);
  if (key === undefined) {
    key = viewOf(label.normalize('NFKC')).replace(/\t/g, '');
    // (the template's labels, asked for on every reading; a page's header cells, kept only when
    // short, so that the cache stays small whatever the pages)
    if (label.length > MAX_CACHED_LABEL) return key;
    if (LABEL_KEYS.size >= MAX_LABEL_KEYS) LABEL_KEYS.clear();
    LABEL_KEYS.set(label, key);
  }
  return key;
}

const LABEL_KEYS = new Map<string, string>();
const MAX_LABEL_KEYS = 4096;
const MAX_CACHED_LABEL = 80;

/**
 * The best approximate occurrence of `pattern` in `text` (Sellers' algorithm: edit distance with
 * a free start), as [start, end, distance], or null when none is within `maxDist`.
 */
export function approxFind(
  text: string,
  pattern: string,
  maxDist: number,
): [number, number, number] | null {
  const m = pattern.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  let best: [number, number, number] | null = null;
  for (let i = 0; i < text.length; i++) {
    cur[0] = 0;
    start[0] = i + 1;
    for (let j = 1; j <= m; j++) {
      const sub = (prev[j - 1] ?? 0) + (text[i] === pattern[j - 1] ? 0 : 1);
      const del = (prev[j] ?? 0) + 1;
      const ins = (cur[j - 1] ?? 0) + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        start[j] = prevStart[j - 1] ?? i;
      } else if (del <= ins) {
        cur[j] = del;
        start[j] = prevStart[j] ?? i;
      } else {
        cur[j] = ins;
        start[j] = start[j - 1] ?? i;
      }
    }
    const d = cur[m] ?? m;
    if (d <= maxDist && (!best || d < best[2])) best = [start[m] ?? i, i + 1, d];
    // a label with its last character misprinted (…执法案件 for …执法案卷): the character is the
    // label's (a substitution), not the start of its cells (a deletion), unless a figure or a space
    else if (
      best &&
      d === best[2] &&
      i === best[1] &&
      (start[m] ?? i) === best[0] &&
      !/[\d\s]/.test(text[i] ?? '')
    )
      best = [best[0], i + 1, d];
    [prev, cur] = [cur, prev];
    [prevStart, start] = [start, prevStart];
  }
  return best;
}

/** Dice coefficient of the character bigrams: how many keywords two headings share. */
export function bigramSimilarity(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
