/**
 * A published web page → the readers' intermediate text (what src/readers/text.ts reads):
 *
 * - One line per block (paragraph, heading, list item, div …); `<br>` ends a line. Whitespace runs
 *   (with U+00A0 &nbsp;) become one space, lines are trimmed, empty lines dropped; zero-width
 *   characters are removed. Full-width characters (U+3000 included) are kept as they are:
 *   normalising labels is the text reader's job. Entities are decoded by the parser.
 * - A data table (one without a table inside it) is preceded and followed by an empty line; its
 *   `<caption>` is a line of its own; every `<tr>` is one line of TAB-separated cells, `<th>` and
 *   `<td>` alike, laid out on the table's grid as a browser lays it out. A merged cell's text is in
 *   its top-left grid position only; every other position it covers is an empty cell: a colspan
 *   cell is followed by (colspan − 1) empty cells, and the rows below a rowspan cell have an empty
 *   cell in its place. Header rows follow the same rule (`申请人情况` over 7 columns → `申请人情况`
 *   and 6 empty cells). Every line of a table has the table's width (short rows are padded with
 *   empty cells); a row whose cells are all empty is dropped. A blank cell is an empty string
 *   between tabs, never 0. A cell's paragraphs and `<br>`s are joined without a line break: with
 *   nothing between them, or one space between two ASCII characters (`12<br>34` → `12 34`, so
 *   that no number is invented).
 * - A layout table (one with a table inside it) is flattened: its cells are blocks.
 * - Page chrome is dropped: script, style, forms' controls, iframes, elements hidden by the
 *   `hidden` attribute or an inline `display:none` / `visibility:hidden`, and nav, header, footer,
 *   aside and form unless they hold the report (ASP.NET pages wrap everything in one <form>).
 * - The report body: the report's heading (the largest short element without a table whose text
 *   holds 政府信息公开 and 年度报告, outside links; the last one before the first report table) and the
 *   report tables (those naming 第二十条, 申请人情况, 行政复议 …). The body is their lowest common
 *   ancestor, read from the heading on. A page without report tables (published as images) is
 *   read from the heading through the section headings (二、… 三、… 四、…); without a heading, the
 *   whole <body> is read.
 * - An image (`<img>`) outside a table is a line IMAGE_LINE of its own, so that a table published
 *   as a picture is told from a table missing (READ-TABLE-IMAGE).
 * - Links in the text read to document files (.pdf, .docx, .ofd …), and frames showing one (a PDF
 *   viewer's iframe, an <embed>), are its `attachments`: a page that only attaches its report is
 *   told to be checked through the file.
 * - The publication date the page states next to the report's heading (发布日期：… in the five
 *   lines above it or the six below) is its `publishedOn`.
 */
import {
  defaultTreeAdapter,
  parse,
  type DefaultTreeAdapterMap,
  type DefaultTreeAdapterTypes as T,
  type TreeAdapter,
} from 'parse5';
import { DomainError } from '../domain/errors.ts';
import { IMAGE_LINE, MAX_TEXT_CHARS } from './text.ts';
import { namesReport } from './title.ts';

type Element = T.Element;
type Node = T.ChildNode | T.ParentNode;

export type UnreadableReason =
  | 'empty'
  | 'too_large'
  | 'binary'
  | 'no_text'
  | 'not_docx'
  | 'legacy_doc'
  | 'zip_bomb'
  | 'no_document'
  | 'corrupt';

/** An input that cannot be read as a report at all (the CLI's exit 2). */
export class UnreadableInputError extends DomainError {
  readonly reason: UnreadableReason;
  constructor(reason: UnreadableReason, message: string) {
    super('invalid', message);
    this.name = 'UnreadableInputError';
    this.reason = reason;
  }
}

/** Refuses a file of more than `max` bytes, naming its kind (Word, RTF, OFD …) and the limit. */
export function refuseLarger(bytes: Uint8Array, max: number, kind: string): void {
  const MB = 1024 * 1024;
  if (bytes.length > max)
    throw new UnreadableInputError(
      'too_large',
      `${kind} 文件过大（${(bytes.length / MB).toFixed(1)} MB），上限为 ${max / MB} MB。`,
    );
}

/** A published report's page is tens or hundreds of KB; its DOM takes ~60 times its size. */
export const MAX_HTML_BYTES = 5 * 1024 * 1024;
/**
 * Elements a page's DOM may have. Real report pages have one or two thousand (a Word export of
 * 175 KB: 1,661). The bytes alone do not bound the DOM: an HTML parser re-opens the formatting
 * elements (<b>, <font> …) left open when a paragraph closes, in every following paragraph, so
 * 54 KB of them make ten million elements and gigabytes of memory.
 */
export const MAX_HTML_ELEMENTS = 30_000;
const TITLE_MAX_CHARS = 150;
const REPORT_TABLE_WORDS = [
  '第二十条',
  '申请人情况',
  '行政复议',
  '本年新收',
  '信息内容',
  '行政诉讼',
];

const ALWAYS_DROPPED = new Set(
  'head script style noscript template iframe frame frameset object embed applet svg math canvas audio video map input select textarea button option datalist dialog'.split(
    ' ',
  ),
);
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form']);
const BLOCKS = new Set(
  'address article aside blockquote body caption center dd details div dl dt fieldset figcaption figure h1 h2 h3 h4 h5 h6 hgroup hr html legend li main menu ol p pre section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

// Hot paths use plain loops: tsx (esbuild keepNames) wraps every closure it creates.
function isElement(n: Node): n is Element {
  return 'tagName' in n;
}
function childrenOf(n: Node): T.ChildNode[] {
  return 'childNodes' in n ? n.childNodes : [];
}
function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
function isHidden(el: Element): boolean {
  if (ALWAYS_DROPPED.has(el.tagName)) return true;
  for (const a of el.attrs)
    if (a.name === 'hidden' || (a.name === 'style' && HIDING_STYLE.test(a.value))) return true;
  return false;
}

/** What collapse() removes or replaces: zero-width characters and whitespace (trim's as well). */
const COLLAPSED = /[\s\u200b-\u200d\u2060\u00ad]/;

const collapse = (s: string) =>
  COLLAPSED.test(s)
    ? s
        .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
        .replace(/[ \t\n\r\f\v\u00a0]+/g, ' ')
        .trim()
    : s;

function inlineParts(n: Node, parts: string[]): void {
  for (const c of childrenOf(n)) {
    if (c.nodeName === '#text') parts[parts.length - 1] += (c as T.TextNode).value;
    if (!isElement(c) || isHidden(c)) continue;
    const block = c.tagName === 'br' || BLOCKS.has(c.tagName);
    if (block) parts.push('');
    inlineParts(c, parts);
    if (block) parts.push('');
  }
}

/** A cell's or heading's text: its paragraphs and <br>-separated parts joined inline. */
function inlineText(el: Element): string {
  // (most cells hold one text node)
  const only = el.childNodes.length === 1 ? el.childNodes[0] : undefined;
  if (only?.nodeName === '#text') return collapse((only as T.TextNode).value);
  const parts = [''];
  inlineParts(el, parts);
  let text = '';
  for (const raw of parts) {
    if (raw === '') continue; // (common: each block inside the cell opens and closes a part)
    const part = collapse(raw);
    if (part === '') continue;
    const spaced = /[!-~]$/.test(text) && /^[!-~]/.test(part);
    text += spaced ? ` ${part}` : part;
  }
  return text;
}

/**
 * What a report's heading says it is: …年度报告, or …年度政府信息公开工作报告 (平潭自然资源与生态
 * 环境局 2021). Not 年报 alone: a column's name (政府信息公开年报) stands in a page's chrome.
 */
const HEADING_WORDS = /年度报告|政府信息公开工作报告/;

/** Sentence punctuation, which a title never holds. */
const SENTENCE = /[。，；！？]/;

const namesReportTable = (text: string) => REPORT_TABLE_WORDS.some((w) => text.includes(w));

/** Whether a table's text, whitespace removed, names one of REPORT_TABLE_WORDS. */
function isReportTable(text: string): boolean {
  // (a word found in the text as it is is there once whitespace is removed)
  return namesReportTable(text) || namesReportTable(text.replace(/\s+/g, ''));
}

/**
 * Appends the text of a subtree with whitespace removed to `parts`, stopping once longer than a
 * title can be; returns the length so far.
 */
function titleParts(n: Node, parts: string[], length: number): number {
  for (const c of childrenOf(n)) {
    if (length > TITLE_MAX_CHARS) break;
    if (c.nodeName === '#text') {
      const text = (c as T.TextNode).value.replace(/\s+/g, '');
      parts.push(text);
      length += text.length;
    } else if (isElement(c) && !isHidden(c)) length = titleParts(c, parts, length);
  }
  return length;
}

/** The text of a subtree with whitespace removed, or null when longer than a title can be. */
function shortText(el: Element): string | null {
  const parts: string[] = [];
  return titleParts(el, parts, 0) > TITLE_MAX_CHARS ? null : parts.join('');
}

/**
 * Where an element is in document order: [the order in which scan() entered it, the count of
 * elements entered when it left it). `a` holds `b` when a's span covers b's; `a` comes before
 * `b` (neither inside the other) when a's span ends at or before b's starts. Constant time, where
 * walking up the tree costs the depth: a page may nest thousands of elements around each table.
 */
type Span = readonly [start: number, end: number];

const holds = (a: Span, b: Span) => a[0] <= b[0] && b[1] <= a[1];
const before = (a: Span, b: Span) => a[1] <= b[0];

interface Anchors {
  heading: { el: Element; span: Span } | undefined;
  tables: { el: Element; span: Span }[];
  /** visible tables without a table inside, with their spans */
  dataTables: Map<Element, Span>;
}

interface Scan {
  /** short elements naming the report, each with whether a report table was seen before it */
  titles: { el: Element; span: Span; beforeTables: boolean }[];
  tables: { el: Element; span: Span }[];
  dataTables: Map<Element, Span>;
  /** elements entered so far */
  entered: number;
}

// What scan() finds in a subtree, as bit flags: a text node with 告 (报告) — only such subtrees
// are searched for the title words — and a visible table.
const HAS_REPORT_WORD = 1;
const HAS_TABLE = 2;

/** The visible text of the innermost table being scanned, as it is. */
interface TableText {
  text: string;
}

/**
 * One post-order pass over the visible elements: title candidates, data and report tables.
 * `table` gathers the text of the innermost table around `el` (of a data table, all of it).
 */
function scan(el: Element, inLink: boolean, s: Scan, table: TableText | null): number {
  const start = s.entered++;
  const own = el.tagName === 'table' ? { text: '' } : null;
  const gather = own ?? table;
  let found = 0;
  for (const c of el.childNodes) {
    if (c.nodeName === '#text') {
      const { value } = c as T.TextNode;
      if (value.includes('告')) found |= HAS_REPORT_WORD;
      if (gather) gather.text += value;
    } else if (isElement(c) && !isHidden(c))
      found |= scan(c, inLink || c.tagName === 'a', s, gather);
  }
  const span: Span = [start, s.entered];
  if (own) {
    if (!(found & HAS_TABLE)) {
      s.dataTables.set(el, span);
      if (isReportTable(own.text)) s.tables.push({ el, span });
    }
    found |= HAS_TABLE;
  }
  // a heading holds no table (on a short page, the whole body would otherwise be the title)
  if (found === HAS_REPORT_WORD && !inLink) {
    const text = shortText(el);
    // (a title is no sentence: a span cutting 局2023年度政府信息公开年度报告。本年度… is not one)
    if (text && HEADING_WORDS.test(text) && text.includes('政府信息公开') && !SENTENCE.test(text))
      s.titles.push({ el, span, beforeTables: s.tables.length === 0 });
  }
  return found;
}

/** The report heading and the report tables (document order), outside hidden subtrees. */
function findAnchors(body: Element): Anchors {
  const s: Scan = { titles: [], tables: [], dataTables: new Map(), entered: 0 };
  scan(body, false, s, null);
  // the largest short element (the title, not one of its spans); the last one before the tables
  const all = new Set(s.titles.map((t) => t.el));
  const outer = s.titles.filter((t) => !all.has(t.el.parentNode as Element));
  const first = outer.filter((t) => t.beforeTables);
  const title = first.at(-1) ?? outer[0];
  return {
    heading: title && { el: title.el, span: title.span },
    tables: s.tables,
    dataTables: s.dataTables,
  };
}

const parentElement = (n: Node): Element | null =>
  'parentNode' in n && n.parentNode && isElement(n.parentNode) ? n.parentNode : null;

function contains(ancestor: Element, el: Element): boolean {
  for (let n: Element | null = el; n; n = parentElement(n)) if (n === ancestor) return true;
  return false;
}

/** The element and its ancestors, the root first. */
function ancestors(el: Element): Element[] {
  const chain: Element[] = [];
  for (let n: Element | null = el; n; n = parentElement(n)) chain.push(n);
  return chain.reverse();
}

/** The elements and every ancestor of theirs: each climb stops where an earlier one passed. */
function withAncestors(els: Element[]): Set<Element> {
  const out = new Set<Element>();
  for (const el of els)
    for (let n: Element | null = el; n && !out.has(n); n = parentElement(n)) out.add(n);
  return out;
}

/**
 * The deepest element holding all of `els` (`fallback` when that is not inside `fallback`). The
 * first element's chain of ancestors is the candidate; every other element climbs until it meets
 * that chain, and the highest meeting point is the answer. An element met on an earlier climb
 * remembers where that climb met the chain, so the climbs together visit each element once.
 */
function lowestCommonAncestor(els: Element[], fallback: Element): Element {
  const [first, ...rest] = els;
  if (!first) return fallback;
  const chain = ancestors(first);
  const onChain = new Map<Element, number>(chain.map((n, i) => [n, i]));
  const met = new Map<Element, number>();
  let deepest = chain.length - 1;
  for (const el of rest) {
    const climbed: Element[] = [];
    let at = -1;
    for (let n: Element | null = el; n; n = parentElement(n)) {
      const i = onChain.get(n) ?? met.get(n);
      if (i !== undefined) {
        at = i;
        break;
      }
      climbed.push(n);
    }
    for (const n of climbed) met.set(n, at);
    deepest = Math.min(deepest, at);
  }
  const common = chain[deepest];
  return common && contains(fallback, common) ? common : fallback;
}

const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);

/** The visible rows of a table (or of one of its row groups), in order. */
function tableRows(el: Element, rows: Element[]): Element[] {
  for (const c of childrenOf(el))
    if (isElement(c) && !isHidden(c)) {
      if (c.tagName === 'tr') rows.push(c);
      else if (ROW_GROUPS.has(c.tagName)) tableRows(c, rows);
    }
  return rows;
}

/** A cell's colspan or rowspan, from 1 to `max` (which is at least 1). */
function span(el: Element, name: string, max: number): number {
  const value = attr(el, name);
  return value === undefined ? 1 : Math.min(Math.max(Number.parseInt(value, 10) || 1, 1), max);
}

/**
 * Grid positions that a page's tables may take in all. A report's tables take a few hundred; a
 * page's rowspans and colspans can claim far more than its size (150,000 rows spanning to the
 * table's end are a triangle of 10¹⁰ positions in 5 MB), which would exhaust memory.
 */
export const MAX_GRID_CELLS = 200_000;

const gridTooLarge = () =>
  new UnreadableInputError(
    'too_large',
    `网页中的表格过大：按合并单元格（rowspan/colspan）展开后超过 ${MAX_GRID_CELLS / 10_000} 万个单元格，不是正常的年度报告页面，无法读取：请只提交年度报告所在的页面。`,
  );

/** A data table as lines of TAB-separated cells on the browser's grid (see the top). */
function tableLines(table: Element, w: Walk): string[] {
  const rows = tableRows(table, []);
  const grid: string[][] = rows.map(() => []);
  let claimed = w.gridCells;
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of childrenOf(tr)) {
      const isCell = isElement(cell) && (cell.tagName === 'td' || cell.tagName === 'th');
      if (!isCell || isHidden(cell)) continue;
      while (grid[r]![c] !== undefined) c++;
      const colspan = span(cell, 'colspan', 1000);
      const rowspan = span(cell, 'rowspan', rows.length - r);
      claimed += colspan * rowspan;
      if (claimed > MAX_GRID_CELLS) throw gridTooLarge();
      const text = inlineText(cell);
      for (let i = 0; i < rowspan; i++)
        for (let j = 0; j < colspan; j++) grid[r + i]![c + j] = i === 0 && j === 0 ? text : '';
      c += colspan;
    }
  });
  let width = 0;
  for (const row of grid) width = Math.max(width, row.length);
  // every row is padded to the table's width
  w.gridCells += rows.length * width;
  if (w.gridCells > MAX_GRID_CELLS) throw gridTooLarge();
  const caption = childrenOf(table).find((c) => isElement(c) && c.tagName === 'caption');
  const captionText =
    caption && isElement(caption) && !isHidden(caption) ? inlineText(caption) : '';
  const lines = captionText ? [captionText] : [];
  for (const row of grid) {
    // each row padded to the table's width; a row whose cells are all empty is dropped
    let filled = false;
    for (let i = 0; i < width; i++) {
      const cell = row[i];
      if (cell === undefined) row[i] = '';
      else if (cell !== '') filled = true;
    }
    if (filled) lines.push(row.join('\t'));
  }
  return lines;
}

interface Walk {
  lines: string[];
  buffer: string;
  /** false until the report heading is reached (text before it is chrome) */
  started: boolean;
  heading: Element | undefined;
  /** where the report heading is (a data table holding it starts the reading) */
  headingSpan: Span | undefined;
  /** chrome elements that hold the report are kept */
  keep: Set<Element>;
  dataTables: Map<Element, Span>;
  /** grid positions of the tables laid out so far (MAX_GRID_CELLS) */
  gridCells: number;
  /** the documents the text links to (附件: a report published as a file) */
  attachments: string[];
  /** the last lines before the report's heading (where a page states when it was published) */
  before: string[];
}

/**
 * A page's publication date as its article states it (发布日期：2020-01-31, 时间：2025-01-24 08:37,
 * 发布时间：2024年01月20日), not a date it was written, printed or updated (成文日期, 印发日期,
 * 更新时间).
 */
const PUBLISHED =
  /(?:日期|时间)(?<!(?:成文|印发|更新|修改|生成|访问|截止)..)\s*[:：]\s*(20\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
/** A date's label, which markup must hold for a date to be looked for in it. */
const DATE_LABEL = /(?:日期|时间)\s*(?:<[^>]*>\s*)*[:：]/;
/** Whether a text may state a date at all (before the pattern is tried on it). */
const mayStateDate = (text: string) => text.includes('时间') || text.includes('日期');
const BEFORE_HEADING_LINES = 5;
const AFTER_HEADING_LINES = 6;

/** How far from the page's own title its publication date may be stated (characters of text). */
const DATE_WINDOW = 1500;

/**
 * The publication date stated next to the first occurrence of the report's title in the page's
 * markup: a CMS's article header (标题, 来源, 时间) outside the part read. Only the markup after
 * the title's first words is looked at, its tags taken out.
 */
function publicationNear(html: string, title: string): string | undefined {
  const at = html.indexOf(title.slice(0, 12));
  if (at < 0) return undefined;
  const markup = html.slice(at, at + 4 * DATE_WINDOW);
  if (!mayStateDate(markup) || !DATE_LABEL.test(markup)) return undefined;
  const near = markup
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>|<[^>]*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, DATE_WINDOW);
  return publicationDate([near]);
}

/** The first publication date stated in `lines`, as YYYY-MM-DD. */
function publicationDate(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const m = mayStateDate(line) ? PUBLISHED.exec(line) : null;
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) continue;
    return date.toISOString().slice(0, 10);
  }
  return undefined;
}

/** A link to a document file (a report attached to its page). */
const DOCUMENT_LINK = /\.(?:pdf|docx?|wps|ofd|xlsx?|zip|rar)(?:[?#]|$)/i;
const MAX_ATTACHMENTS = 5;
const EMBEDS = new Set(['iframe', 'embed', 'object']);

/** The link's text, else its file's name (a viewer's `file=` parameter's). */
function attachmentOf(a: Element, href: string): string {
  // (a frame's own text is what a browser without frames shows, not the file's name)
  const text = a.tagName === 'a' ? inlineText(a) : '';
  if (text !== '') return text.slice(0, 80);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const file = /[?&]file=([^&#]+)/.exec(href)?.[1];
  const path = file ? decode(file) : (href.split(/[?#]/)[0] ?? href);
  return decode(path.split('/').pop() ?? path).slice(0, 80);
}

function endLine(w: Walk): void {
  if (w.buffer === '') return;
  const line = collapse(w.buffer);
  if (line !== '')
    if (w.started) w.lines.push(line);
    else if (w.before.push(line) > BEFORE_HEADING_LINES) w.before.shift();
  w.buffer = '';
}

function walk(n: Node, w: Walk): void {
  if (n.nodeName === '#text') {
    w.buffer += (n as T.TextNode).value;
    return;
  }
  if (!isElement(n)) return;
  // (a document shown in a frame — a PDF viewer's — is the page's attachment, though not read)
  if (EMBEDS.has(n.tagName) && w.started && w.attachments.length < MAX_ATTACHMENTS) {
    const src = attr(n, 'src') ?? attr(n, 'data') ?? '';
    if (DOCUMENT_LINK.test(src)) w.attachments.push(attachmentOf(n, src));
  }
  if (isHidden(n) || (CHROME.has(n.tagName) && !w.keep.has(n))) return;
  if (n === w.heading) {
    endLine(w);
    w.started = true;
  }
  const table = w.dataTables.get(n);
  if (table) {
    endLine(w);
    if (w.headingSpan && holds(table, w.headingSpan)) w.started = true;
    if (w.started) {
      w.lines.push('');
      // (a loop: spreading a long table's lines into push() would overflow the stack)
      for (const line of tableLines(n, w)) w.lines.push(line);
      w.lines.push('');
    }
    return;
  }
  if (n.tagName === 'a' && w.started && w.attachments.length < MAX_ATTACHMENTS) {
    const href = attr(n, 'href') ?? '';
    if (DOCUMENT_LINK.test(href)) w.attachments.push(attachmentOf(n, href));
  }
  if (n.tagName === 'img') {
    endLine(w);
    if (w.started) w.lines.push(IMAGE_LINE);
    return;
  }
  if (n.tagName === 'pre') {
    endLine(w);
    const text = childrenOf(n).map((c) => (c.nodeName === '#text' ? (c as T.TextNode).value : ''));
    if (w.started)
      for (const line of text.join('').split(/\r?\n/))
        if (line.trim() !== '') w.lines.push(line.replace(/\u00a0/g, ' ').trimEnd());
    return;
  }
  const block = n.tagName === 'br' || BLOCKS.has(n.tagName);
  if (block) endLine(w);
  for (const c of childrenOf(n)) walk(c, w);
  if (block) endLine(w);
}

function findElement(n: Node, tag: string): Element | undefined {
  for (const c of childrenOf(n)) {
    if (!isElement(c)) continue;
    if (c.tagName === tag) return c;
    const found = c.tagName === 'body' ? undefined : findElement(c, tag);
    if (found) return found;
  }
  return undefined;
}

/** Control characters other than whitespace, and U+FFFD from a bad decoding. */
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const BINARY = /[\x00-\x08\x0e-\x1a\ufffd]/g;

function checkInput(html: string): void {
  if (html.trim() === '') throw new UnreadableInputError('empty', '文件是空的，没有可读取的内容。');
  // (a UTF-16 unit is at most 3 bytes of UTF-8: only a long page needs counting)
  const bytes = html.length * 3 > MAX_HTML_BYTES ? Buffer.byteLength(html, 'utf8') : 0;
  if (bytes > MAX_HTML_BYTES)
    throw new UnreadableInputError(
      'too_large',
      `网页文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），上限为 ${MAX_HTML_BYTES / 1024 / 1024} MB：请只提交年度报告所在的页面。`,
    );
  const head = html.slice(0, 65536);
  const binary = head.match(BINARY)?.length ?? 0;
  if (binary > head.length / 100)
    throw new UnreadableInputError(
      'binary',
      '这不是网页（HTML）文件：内容含有大量二进制数据或乱码，请确认文件格式与编码（应为 UTF-8）。',
    );
}

export function htmlToText(html: string): PageText {
  checkInput(html);
  try {
    return readPage(html);
  } catch (e) {
    // the walks over the DOM recurse: a page nested thousands of levels deep overflows the stack
    if (e instanceof RangeError)
      throw new UnreadableInputError(
        'corrupt',
        '网页的标签嵌套过深，不是正常的年度报告页面，无法读取：请只提交年度报告所在的页面。',
      );
    throw e;
  }
}

/** How many more elements the page being parsed may create (parsing is synchronous). */
let elementsLeft = 0;

/** parse5's own tree, but refusing the page once it has MAX_HTML_ELEMENTS elements. */
const BOUNDED_TREE: TreeAdapter<DefaultTreeAdapterMap> = {
  ...defaultTreeAdapter,
  createElement(tagName, namespaceURI, attrs) {
    if (--elementsLeft < 0)
      throw new UnreadableInputError(
        'too_large',
        `网页的元素过多（超过 ${MAX_HTML_ELEMENTS / 10_000} 万个），不是正常的年度报告页面，无法读取：请只提交年度报告所在的页面。`,
      );
    return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
  },
};

export interface PageText {
  text: string;
  /** the report's heading; without one, the part of the page's <title> naming the report */
  title?: string;
  /** the documents the report's text links to: its file, when the page only attaches it */
  attachments: string[];
  /** YYYY-MM-DD: when the page says it was published (next to the report's heading) */
  publishedOn?: string;
  /**
   * where the report was found: `script` when the page's HTML has none of it but one of its
   * scripts writes it into the page (a string of markup in the script, read instead)
   */
  from?: 'script';
  /** the page's <title> names a report its HTML has none of, and it has scripts: they may load it */
  scripted?: boolean;
}

/** A page's markup in a script holding no report heading nor report table (a menu of links). */
class NoReportInScript extends Error {}

function readPage(html: string, inScript = false): PageText {
  elementsLeft = MAX_HTML_ELEMENTS;
  const doc = parse(html, { treeAdapter: BOUNDED_TREE });
  const body = findElement(doc, 'body');
  if (!body) throw new UnreadableInputError('no_text', '网页中没有正文。');
  const { heading, tables, dataTables } = findAnchors(body);
  if (inScript && !heading && tables.length === 0) throw new NoReportInScript();
  // none of the report in the page's HTML: in a string of one of its scripts, which writes it in
  const scripts = !inScript && !heading && tables.length === 0 ? scriptsOf(doc) : [];
  const markup = scripts.length > 0 ? markupInScripts(scripts) : '';
  if (markup)
    try {
      return { ...readPage(markup, true), from: 'script' };
    } catch (e) {
      // (the page itself is read on: it may say what to do instead)
      if (!(e instanceof NoReportInScript)) throw e;
    }
  const anchors = [
    ...(heading ? [heading.el] : []),
    ...(tables.length ? tables.map((t) => t.el) : heading ? sectionHeadings(body) : []),
  ];
  const root = anchors.length > 0 ? lowestCommonAncestor(anchors, body) : body;
  const keep = withAncestors(anchors);
  // Read from the heading on, unless the tables come first (then the heading is not the report's).
  const startsAtHeading =
    heading !== undefined && tables.every((t) => !before(t.span, heading.span));
  const w: Walk = {
    lines: [],
    buffer: '',
    started: !startsAtHeading,
    heading: startsAtHeading ? titleStart(heading.el) : undefined,
    headingSpan: startsAtHeading ? heading.span : undefined,
    keep,
    dataTables,
    gridCells: 0,
    attachments: [],
    before: [],
  };
  walk(root, w);
  endLine(w);
  // one empty line around each table; none at the start or end (a row may start with a TAB)
  const lines = w.lines.filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  while (lines.at(-1) === '') lines.pop();
  const text = lines.join('\n');
  const titleElement = findElement(doc, 'title');
  // a page whose <title> names a report but whose HTML has none: its scripts may load it when
  // the page is shown (only such a page: any page has scripts)
  const scripted =
    scripts.length > 0 && titleElement !== undefined && namesReport(inlineText(titleElement));
  if (text === '')
    throw new UnreadableInputError(
      'no_text',
      scripted
        ? `网页中没有可读取的正文文字：正文可能由网页脚本在浏览器中加载，保存下来的网页里没有。${OPEN_IN_BROWSER}`
        : '网页中没有可读取的正文文字。',
    );
  const title = heading
    ? inlineText(heading.el)
    : titleElement
      ? reportPartOf(inlineText(titleElement))
      : '';
  const page: PageText = { text: `${text}\n`, attachments: w.attachments };
  if (title) page.title = title;
  if (scripted) page.scripted = true;
  const publishedOn =
    publicationDate([...w.before, ...lines.slice(0, AFTER_HEADING_LINES)]) ??
    (title ? publicationNear(html, title) : undefined);
  if (publishedOn) page.publishedOn = publishedOn;
  return page;
}

/** The page's <script> elements (in its head and body), with their text when inline. */
function scriptsOf(n: Node, out: string[] = []): string[] {
  for (const c of childrenOf(n)) {
    if (!isElement(c)) continue;
    if (c.tagName === 'script') {
      let text = '';
      for (const t of c.childNodes) if (t.nodeName === '#text') text += (t as T.TextNode).value;
      out.push(text);
    } else scriptsOf(c, out);
  }
  return out;
}

/** What to do with a page whose report its scripts load when it is shown. */
export const OPEN_IN_BROWSER =
  '请在浏览器中打开该页面，等正文显示后打印为 PDF（或另存为“网页，全部”），再上传检查。';

/** A string of markup in a script: long enough to hold a report's words and a tag. */
const MIN_MARKUP = 40;

/**
 * The markup a page's scripts write into it: their string literals ("…", '…', `…`, escapes
 * undone) that hold an HTML tag, in order and joined (a page's article split over several
 * strings: "<p>…" + "…</p>"), when together they name the report (年度报告) or one of its
 * tables; else ''.
 */
function markupInScripts(scripts: readonly string[]): string {
  let markup = '';
  for (const script of scripts)
    for (const literal of stringLiterals(script))
      if (literal.length >= MIN_MARKUP && /<[a-z][^>]*>/i.test(literal)) markup += literal;
  return markup.includes('年度报告') || namesReportTable(markup) ? markup : '';
}

/**
 * The string literals of a script that may hold markup (a `<`), escapes undone. A scan, not a
 * parser: comments are skipped, a literal broken by a line break ('…' and "…" cannot hold one)
 * is dropped. Each literal is sliced out whole (a long script is not copied character by
 * character).
 */
function* stringLiterals(script: string): Generator<string> {
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === '/' && script[i + 1] === '/') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let escaped = false;
      for (; j < script.length; j++) {
        const d = script[j];
        if (d === c || (d === '\n' && c !== '`')) break;
        if (d === '\\') {
          escaped = true;
          j++;
        }
      }
      if (script[j] === c) {
        const raw = script.slice(i + 1, j);
        if (raw.includes('<')) yield escaped ? raw.replace(ESCAPE, unescapeJs) : raw;
      }
      i = j;
    }
  }
}

/** A JavaScript escape in a string literal. */
const ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|(\r\n|[^]))/g;
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '\0',
  '\n': '',
  '\r\n': '',
};

/** The character a JavaScript escape stands for (a line continuation stands for nothing). */
function unescapeJs(_: string, x?: string, braced?: string, u?: string, other = ''): string {
  const hex = x ?? braced ?? u;
  if (hex !== undefined) {
    const code = Number.parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return ESCAPES[other] ?? other;
}

/** What separates a page's <title> into the article's and the site's names. */
const TITLE_SEPARATORS = /\s*(?:[_|｜—–]+|\s-\s|-(?=[^\d]))\s*/;

/**
 * The part of a page's <title> that names the report (测试市2025年政府信息公开工作年度报告 of
 * “…年度报告_测试市人民政府网”), else the whole of it.
 */
function reportPartOf(title: string): string {
  return title.split(TITLE_SEPARATORS).find((p) => /年度?报告|年报/.test(p)) ?? title;
}

/** A heading of sections 二 to 五 (二、主动公开政府信息情况 …), whitespace removed. */
const SECTION_HEADING = /^[二三四五][、.．][^。，；]{2,40}情况$/;

/**
 * The visible elements, outside tables and links, whose whole text is a heading of sections 二
 * to 五: where the report's body is on a page whose tables are pictures.
 */
function sectionHeadings(el: Element, out: Element[] = []): Element[] {
  for (const c of el.childNodes) {
    if (!isElement(c) || isHidden(c) || c.tagName === 'table' || c.tagName === 'a') continue;
    const text = shortText(c);
    if (text !== null && SECTION_HEADING.test(text)) out.push(c);
    else if (text === null || text.length > 0) sectionHeadings(c, out);
  }
  return out;
}

/** A title line above the heading: short, no sentence, not a heading of its own. */
const TITLE_LINE = /^[^。，；：:！？]{1,40}$/;

/**
 * Where the report's title starts: the heading, or up to two title lines just above it set like
 * it (the same element, style and class: 平潭综合实验区旅游与文化体育局 / 2019年度政府信息公开
 * 工作年度报告 in two centred paragraphs, of which only the second names the report), empty
 * paragraphs skipped. A line set otherwise (a menu's 登录) is not the title's.
 */
function titleStart(heading: Element): Element {
  let start = heading;
  let lines = 0;
  const siblings = heading.parentNode ? childrenOf(heading.parentNode).filter(isElement) : [];
  const setLike = (el: Element) =>
    el.tagName === heading.tagName &&
    attr(el, 'style') === attr(heading, 'style') &&
    attr(el, 'class') === attr(heading, 'class');
  for (let i = siblings.indexOf(heading) - 1; i >= 0 && lines < 2; i--) {
    const el = siblings[i] as Element;
    if (isHidden(el) || el.tagName === 'table') break;
    const text = collapse(inlineText(el));
    if (text === '') continue;
    if (!setLike(el) || !TITLE_LINE.test(text) || text.includes('年度报告')) break;
    start = el;
    lines++;
  }
  return start;
}

/** An HTML table's start or end tag. */
const TABLE_TAG = /<(\/?)table[\s>]/gi;

/**
 * Text with HTML tables in it (Markdown converted from a page or a PDF keeps as HTML the tables it
 * cannot express: merged cells): the text as it is, each outermost <table>…</table> replaced by
 * its lines laid out as a page's table is (TAB-separated cells on the grid), so that the text
 * reader finds the narrative's lines and the tables' rows alike. An unclosed table ends the
 * replacing; a table with nothing to read gives no line. Stops once the text is longer than the
 * text reader takes (which then refuses it).
 */
export function textWithTables(text: string, maxChars = MAX_TEXT_CHARS): string {
  let out = '';
  let at = 0;
  TABLE_TAG.lastIndex = 0;
  for (let tag = TABLE_TAG.exec(text); tag; tag = TABLE_TAG.exec(text)) {
    if (tag[1]) continue; // an end tag outside a table
    const start = tag.index;
    let depth = 1;
    let end = -1;
    for (let t = TABLE_TAG.exec(text); t; t = TABLE_TAG.exec(text)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        end = text.indexOf('>', t.index) + 1;
        break;
      }
    }
    if (end <= 0) break;
    let lines = '';
    try {
      lines = htmlToText(text.slice(start, end)).text;
    } catch (e) {
      if (!(e instanceof UnreadableInputError) || e.reason !== 'no_text') throw e;
    }
    out += `${text.slice(at, start)}\n${lines}\n`;
    at = end;
    TABLE_TAG.lastIndex = end;
    if (out.length > maxChars) return out;
  }
  return out + text.slice(at);
}
