/**
 * The text layer of a PDF → the readers' intermediate text: one line per text line or table row,
 * table cells separated by TAB, a merged cell's text in its top-left position only, `\f` alone on
 * a line between pages.
 *
 * pdfjs-dist gives positioned text items, not lines or cells. A ruled table (its borders drawn,
 * as every report's tables are) is laid out on the grid its rulings draw (pdf-lattice.ts): each
 * text item goes to the cell it lies in, blank cells stay empty, and the table's lines have the
 * grid's width with merged cells as html-text.ts lays out a web page's table. A table row that a
 * page break cuts (its label's last words at the top of the next page, beside empty cells) is
 * joined back to its row.
 *
 * Text outside ruled tables: lines are rebuilt from the items' baselines; a horizontal gap wider
 * than the font size starts a new cell. Unruled table rows need more:
 * - a label that wraps over two or three lines sits above and below its row's numbers (which are
 *   vertically centred), so a line with one text cell near a row is joined to that row's cell;
 * - a header cell that wraps ("商业企" / "业") is a second line whose cells all lie under cells of
 *   the line above: it is appended to them;
 * - a merged group label (（三）不予公开 beside 1.…8.) is vertically centred on the rows it covers:
 *   its span is chosen so that the spans of the groups of one column tile the rows between them
 *   and are each centred on their label, and the label moves to the span's first row.
 * A group cut by a page break cannot be centred; its label stays where the page shows it.
 */
import { DomainError } from '../domain/errors.ts';
import { loadPdfjs } from './load-pdfjs.mjs';
import { openDrawing, type Drawing } from './pdf-drawing.ts';
import { damagedType1Font } from './pdf-type1.ts';
import { cellAt, gridsOf, rulingsOf, type Grid, type ImageBox } from './pdf-lattice.ts';
import { unifyRadicals } from './radicals.ts';
import { IMAGE_LINE, MAX_TEXT_CHARS } from './text.ts';

export type PdfUnreadableReason =
  | 'empty'
  | 'too_large'
  | 'not_pdf'
  | 'encrypted'
  | 'corrupt'
  | 'damaged_font'
  | 'too_many_pages'
  | 'timeout';

/** A PDF that cannot be read at all (the CLI's exit 2). */
export class PdfReadError extends DomainError {
  readonly reason: PdfUnreadableReason;
  constructor(reason: PdfUnreadableReason, message: string) {
    super('invalid', message);
    this.name = 'PdfReadError';
    this.reason = reason;
  }
}

export interface PdfToTextOptions {
  maxBytes?: number;
  maxPages?: number;
  /** Wall-clock budget for the whole document; checked between pages. */
  timeoutMs?: number;
}

export interface PdfText {
  text: string;
  pages: number;
  /** false for a scanned PDF: no page has any text item. */
  hasTextLayer: boolean;
  /**
   * Pages (from 1) with a ruled table wider than the page: the columns beyond its edge are not
   * printed (a page printed on paper too narrow for its table), their figures not in the PDF.
   */
  cutOff: number[];
  /**
   * Pages (from 1) without text that paint a picture as large as a page's text: scanned pages in
   * a PDF whose other pages have text (what is on them cannot be read).
   */
  scanned: number[];
}

/** How far (pt) a table's ruling may pass the page's edge before its columns count as cut off. */
export const CUT_OFF_MARGIN = 2;

export const MAX_PDF_BYTES = 50 * 1024 * 1024;
const DEFAULT_MAX_PAGES = 200;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface Frag {
  x0: number;
  x1: number;
  y: number;
  size: number;
  text: string;
}

interface Cell {
  x0: number;
  x1: number;
  /** baselines of the fragments, top first, for ordering continuation text */
  parts: { y: number; text: string }[];
  size: number;
}

interface Line {
  y: number;
  size: number;
  cells: Cell[];
}

const NUMBER = /^[-−+]?\d[\d,，]*(?:\.\d+)?(?:元|万元|件|%)?$/;
const isNumeric = (c: Cell) => NUMBER.test(cellText(c));
const cellText = (c: Cell) => c.parts.map((p) => p.text).join('');
const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) =>
  Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5;

export async function pdfToText(bytes: Uint8Array, opts: PdfToTextOptions = {}): Promise<PdfText> {
  const maxBytes = opts.maxBytes ?? MAX_PDF_BYTES;
  if (bytes.length === 0) throw new PdfReadError('empty', '文件是空的，没有可读取的内容。');
  if (bytes.length > maxBytes) {
    throw new PdfReadError(
      'too_large',
      `文件过大（${(bytes.length / 1048576).toFixed(1)} MB），PDF 不能超过 ${Math.round(maxBytes / 1048576)} MB。`,
    );
  }
  if (!looksLikePdf(bytes)) {
    throw new PdfReadError('not_pdf', '这不是 PDF 文件：文件开头没有 %PDF 标记。');
  }
  const damaged = damagedType1Font(bytes);
  if (damaged) {
    const font = damaged.font ? `“${damaged.font}”` : '';
    throw new PdfReadError(
      'damaged_font',
      `PDF 中嵌入的字体${font}已损坏：它的编码表把字形放在第 ${damaged.index} 号，而字符编号只有 0–255，用这个字体写出的文字无法可靠读取。请取得完好的 PDF（或网页版本）后再检查。`,
    );
  }
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs transfers (detaches) the buffer it is given and refuses a Buffer: hand it a plain
    // Uint8Array copy (Buffer#slice would be a view of the caller's memory)
    data: new Uint8Array(bytes),
    ...assetDirs(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PdfReadError('timeout', 'PDF 解析超时：文件可能已损坏或过于复杂。')),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    const doc = await Promise.race([task.promise, timeout]).catch((e: unknown) => {
      throw translate(e);
    });
    if (doc.numPages > maxPages) {
      throw new PdfReadError(
        'too_many_pages',
        `PDF 共 ${doc.numPages} 页，超过上限 ${maxPages} 页，不像是一份年度报告。`,
      );
    }
    const pages: Block[][] = [];
    const cutOff: number[] = [];
    const scanned: number[] = [];
    /** textless pages whose pictures only pdfjs's operator list can tell (no drawing) */
    const unknown: number[] = [];
    let drawing: Promise<Drawing | null> | undefined;
    let items = 0;
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() > deadline) {
        throw new PdfReadError('timeout', 'PDF 解析超时：文件可能已损坏或过于复杂。');
      }
      const page = await Promise.race([doc.getPage(n), timeout]);
      const content = await Promise.race([page.getTextContent(), timeout]);
      const frags: Frag[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const f = toFrag(item.str, item.transform, item.width);
        if (f) frags.push(f);
      }
      items += frags.length;
      for (const f of frags) chars += f.text.length;
      // the text reader would refuse the whole; a few KB of PDF can repeat one page's text on
      // each of 200 pages (24 million characters, 20 s, before it was refused)
      if (chars > MAX_TEXT_CHARS)
        throw new PdfReadError(
          'too_large',
          `PDF 的文字超过 ${MAX_TEXT_CHARS / 10_000} 万字（读到第 ${n} 页，共 ${doc.numPages} 页），远超一份年度报告的篇幅，不予读取。`,
        );
      let grids: Grid[] = [];
      let pictures: Block[] = [];
      drawing ??= openDrawing(bytes);
      const ref = page.ref;
      const drawn = ref ? await Promise.race([drawing, timeout]) : null;
      const tableLike = mayHoldTable(frags);
      // (a page of a table section's heading but no table: the table may be a picture)
      const headsTable = !tableLike && TABLE_SECTION.test(frags.map((f) => f.text).join(''));
      if (frags.length === 0 && !drawn) unknown.push(n);
      if (tableLike || headsTable || (ref && drawn?.hasImages(ref.num))) {
        // the page's rulings (and images): from its content streams (pdf-drawing.ts), or else,
        // on a page that may hold a table or its picture, from pdfjs's operator list, which
        // costs about as much as the text layer
        let rulings = ref ? (drawn?.rulings(ref.num) ?? null) : null;
        if (!rulings && (tableLike || headsTable)) {
          const list = await Promise.race([page.getOperatorList(), timeout]);
          rulings = rulingsOf(list.fnArray, list.argsArray, pdfjs.OPS);
        }
        pictures = pictureLines(rulings?.images ?? [], page.view);
        if (frags.length === 0 && isScan(rulings?.images ?? [], page.view)) scanned.push(n);
        if (rulings && tableLike) grids = gridsOf(rulings);
      }
      if (grids.length) {
        const [left = 0, , right = Infinity] = page.view;
        const beyond = (g: Grid) =>
          (g.xs[0] ?? left) < left - CUT_OFF_MARGIN ||
          (g.xs.at(-1) ?? right) > right + CUT_OFF_MARGIN;
        if (grids.some(beyond)) cutOff.push(n);
      }
      const blocks = pageBlocks(frags, grids);
      if (pictures.length) blocks.push(...pictures);
      pages.push(pictures.length ? blocks.sort((p, q) => q.y - p.y) : blocks);
      page.cleanup();
    }
    // a PDF with text elsewhere: its textless pages' pictures from pdfjs (a page at a time)
    if (items > 0)
      for (const n of unknown) {
        if (Date.now() > deadline)
          throw new PdfReadError('timeout', 'PDF 解析超时：文件可能已损坏或过于复杂。');
        const page = await Promise.race([doc.getPage(n), timeout]);
        const list = await Promise.race([page.getOperatorList(), timeout]);
        const { images = [] } = rulingsOf(list.fnArray, list.argsArray, pdfjs.OPS);
        if (isScan(images, page.view)) scanned.push(n);
        pages[n - 1] = pictureLines(images, page.view);
        page.cleanup();
      }
    return {
      text: joinPages(pages),
      pages: doc.numPages,
      hasTextLayer: items > 0,
      cutOff,
      scanned: scanned.sort((a, b) => a - b),
    };
  } catch (e) {
    throw translate(e);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/**
 * The page's pictures large enough to be a table's (a quarter of the page wide, 20 pt high; a
 * seal or a logo may be one too, which is harmless: a picture only matters where a table is
 * missing), each a line IMAGE_LINE at its top.
 */
export function pictureLines(images: readonly ImageBox[], view: number[]): Block[] {
  const [left = 0, , right = 595] = view;
  const minWidth = (right - left) / 4;
  return images
    .filter((b) => b.x1 - b.x0 >= minWidth && b.y1 - b.y0 >= 20)
    .map((b) => ({ y: b.y1, text: IMAGE_LINE }));
}

/** A picture as large as a page's text (half its width and a quarter of its height): a scan. */
export function isScan(images: readonly ImageBox[], view: number[]): boolean {
  const [left = 0, bottom = 0, right = 595, top = 842] = view;
  return images.some((b) => b.x1 - b.x0 >= (right - left) / 2 && b.y1 - b.y0 >= (top - bottom) / 4);
}

function looksLikePdf(bytes: Uint8Array): boolean {
  // The header may follow some junk; PDF readers look in the first kilobyte.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

let dirs: { cMapUrl: string; standardFontDataUrl: string; cMapPacked: boolean } | undefined;
function assetDirs() {
  // CJK PDFs with non-embedded fonts need the predefined CMaps to map codes to Unicode.
  if (!dirs) {
    const root = new URL('./', import.meta.resolve('pdfjs-dist/package.json')).pathname;
    dirs = {
      cMapUrl: `${root}cmaps/`,
      standardFontDataUrl: `${root}standard_fonts/`,
      cMapPacked: true,
    };
  }
  return dirs;
}

function translate(e: unknown): Error {
  if (e instanceof PdfReadError) return e;
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') {
    return new PdfReadError('encrypted', 'PDF 已加密，需要密码才能打开：请上传未加密的文件。');
  }
  if (name === 'InvalidPDFException') {
    return new PdfReadError('corrupt', 'PDF 文件结构无效或已损坏，无法读取。');
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new PdfReadError('corrupt', `PDF 文件已损坏或不完整，无法读取（${detail}）。`);
}

export function toFrag(str: string, t: number[], width: number): Frag | undefined {
  // (a radical's code point for its ideograph: 申请⼈情况 is the table's header all the same)
  const text = unifyRadicals(str.trim());
  if (text === '' || t.length < 6) return undefined;
  const [a, b, c, d, e, f] = t as [number, number, number, number, number, number];
  // Rotated text (a stamp, a vertical label) is kept but laid out by its origin.
  const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
  return { x0: e, x1: e + Math.max(width, 0), y: f, size, text };
}

/** A cell of a ruled table's row: its text (empty when blank or covered by a merged cell) and x span. */
interface TableCell {
  x0: number;
  x1: number;
  text: string;
  /** where its text lies, when it has any */
  words?: { x0: number; x1: number };
  /** at a grid position a merged cell covers, the cell at its top-left position (holding its text) */
  owner?: TableCell;
}

/** A page's content top to bottom: text lines, and ruled tables as rows of cells. */
export type Block = { y: number; text: string } | { y: number; rows: TableCell[][] };

/** A table's header words, as a short item of their own (not inside a sentence). */
const TABLE_WORDS = /第二十条|信息内容|申请人情况|行政复议|行政诉讼|本年度办理结果/;

/** The headings of the sections that hold tables 二, 三 and 四. */
const TABLE_SECTION = /主动公开政府信息情况|收到和处理政府信息公开申请情况|行政复议、行政诉讼情况/;

/** Figures of a page compared in pairs by mayHoldTable; a page of more is taken for a table. */
const MAX_FIGURES_COMPARED = 2_000;

/**
 * Whether a page may hold a ruled table, so that its drawing is worth reading (reading it costs
 * about as much as the text layer): a table's header words as a short item, figures in a
 * column — three numbers one under another, aligned left, right or centred — or in a row: three
 * numbers on one baseline, apart (a table's last row alone at the top of a page).
 */
export function mayHoldTable(frags: Frag[]): boolean {
  if (frags.some((f) => f.text.length <= 12 && TABLE_WORDS.test(f.text))) return true;
  const nums = frags.filter((f) => NUMBER.test(f.text));
  if (nums.length > MAX_FIGURES_COMPARED) return true;
  const apart = (f: Frag, g: Frag) =>
    Math.abs(g.y - f.y) < 0.3 * f.size && Math.abs(g.x0 - f.x0) > 2 * f.size;
  if (nums.some((f) => nums.filter((g) => apart(f, g)).length >= 2)) return true;
  const aligned = (f: Frag, g: Frag) =>
    Math.abs(f.x0 - g.x0) <= 2 ||
    Math.abs(f.x1 - g.x1) <= 2 ||
    Math.abs(f.x0 + f.x1 - g.x0 - g.x1) <= 4;
  return nums.some(
    (f) => nums.filter((g) => Math.abs(g.y - f.y) > 0.5 * f.size && aligned(f, g)).length >= 2,
  );
}

/** One page's fragments → its blocks: ruled tables on their grids, the rest as lines. */
export function pageBlocks(frags: Frag[], grids: Grid[]): Block[] {
  const inTable = grids.map(() => new Map<number, Frag[]>());
  const rest: Frag[] = [];
  for (const item of joinRuns(frags)) {
    // a point inside the item's first glyph: items never straddle a border at their start
    const x = item.x0 + Math.min(item.x1 - item.x0, item.size) / 2;
    const y = item.y + 0.3 * item.size;
    const k = grids.findIndex((g) => cellAt(g, x, y) >= 0);
    if (k < 0) {
      rest.push(item);
      continue;
    }
    for (const { f, owner } of byCell(item, grids[k]!, y)) {
      const cell = inTable[k]!.get(owner);
      if (cell) cell.push(f);
      else inTable[k]!.set(owner, [f]);
    }
  }
  const lines = attachWrapped(toLines(stackVertical(rest)));
  placeGroupLabels(lines);
  const blocks: Block[] = lines.map((l) => ({ y: l.y, text: l.cells.map(cellText).join('\t') }));
  grids.forEach((g, k) => {
    const rows = tableRows(g, inTable[k]!);
    if (rows.length > 0) blocks.push({ y: g.ys[0]!, rows });
  });
  return blocks.sort((p, q) => q.y - p.y);
}

/** A character's advance in ems, as CJK fonts set it: full width, or half for ASCII and the like. */
const advance = (c: string) => ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.5);

/**
 * An item's text by the cells of a grid it lies in. pdfjs joins glyphs close together into one
 * item, also across a border when a cell's text nearly touches it (Chromium's PDF of a page:
 * 三、本年度办理结果 （ | 一）予以公开, a full-width bracket's blank half on the border's left):
 * such an item is cut where its characters, placed by their advances, cross into another cell.
 */
function byCell(f: Frag, g: Grid, y: number): { f: Frag; owner: number }[] {
  const ownerAt = (x: number) => {
    const i = cellAt(g, x, y);
    return i < 0 ? -1 : g.owner[i]!;
  };
  const chars = [...f.text];
  const first = ownerAt(f.x0 + Math.min(f.x1 - f.x0, f.size) / 2);
  // (most items lie in one cell: their last glyph's middle is in the first one's cell)
  const last = ownerAt(f.x1 - Math.min(f.x1 - f.x0, f.size * advance(chars.at(-1) ?? '')) / 2);
  if (last === first || last < 0) return [{ f, owner: first }];
  const ems = chars.reduce((s, c) => s + advance(c), 0);
  const scale = (f.x1 - f.x0) / ems;
  const out: { f: Frag; owner: number }[] = [];
  let at = f.x0;
  let run = { x0: at, text: '', owner: first };
  const close = () => {
    const text = run.text.trim();
    if (text !== '') out.push({ f: { ...f, x0: run.x0, x1: at, text }, owner: run.owner });
  };
  for (const c of chars) {
    const w = advance(c) * scale;
    const owner = ownerAt(at + w / 2);
    if (owner !== run.owner && owner >= 0 && c.trim() !== '') {
      close();
      run = { x0: at, text: '', owner };
    }
    run.text += c;
    at += w;
  }
  close();
  return out;
}

/** A ruled table's rows: every grid position, a merged cell's text in its top-left one. */
function tableRows(g: Grid, texts: Map<number, Frag[]>): TableCell[][] {
  const cols = g.xs.length - 1;
  const rows: TableCell[][] = [];
  const anchors = new Map<number, TableCell>();
  for (let r = 0; r + 1 < g.ys.length; r++) {
    const row: TableCell[] = [];
    let filled = false;
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const owner = g.owner[i]!;
      // the merged cell's extent along this row
      let start = c;
      while (start > 0 && g.owner[r * cols + start - 1] === owner) start--;
      let end = c + 1;
      while (end < cols && g.owner[r * cols + end] === owner) end++;
      const at = { x0: g.xs[start]!, x1: g.xs[end]! };
      if (owner === i) {
        const frags = texts.get(i) ?? [];
        const cell: TableCell = { ...at, text: cellTextOf(frags) };
        if (frags.length > 0)
          cell.words = {
            x0: Math.min(...frags.map((f) => f.x0)),
            x1: Math.max(...frags.map((f) => f.x1)),
          };
        anchors.set(i, cell);
        if (cell.text !== '') filled = true;
        row.push(cell);
      } else row.push({ ...at, text: '', owner: anchors.get(owner) });
    }
    // a row whose cells are all empty (a spacer row, the rows a merged cell covers) is dropped
    if (filled) rows.push(row);
  }
  return rows;
}

/** ASCII characters on both sides of a join keep a space between them: 12 / 34 is not 1234. */
const joinText = (a: string, b: string, spaced = true) =>
  a + (spaced && /[!-~]$/.test(a) && /^[!-~]/.test(b) ? ' ' : '') + b;

/** A table cell's items in reading order: lines top to bottom, items left to right. */
function cellTextOf(frags: Frag[]): string {
  const sorted = [...frags].sort((p, q) => q.y - p.y || p.x0 - q.x0);
  const lines: Frag[][] = [];
  for (const f of sorted) {
    const line = lines.at(-1);
    if (line && line[0]!.y - f.y <= 0.4 * Math.min(line[0]!.size, f.size)) line.push(f);
    else lines.push([f]);
  }
  let text = '';
  for (const line of lines) {
    line.sort((p, q) => p.x0 - q.x0);
    let t = '';
    let prev: Frag | undefined;
    for (const f of line) {
      // CJK runs together; a visible gap between Latin letters or digits is a space
      t = prev ? joinText(t, f.text, f.x0 - prev.x1 > 0.2 * Math.min(prev.size, f.size)) : f.text;
      prev = f;
    }
    text = text === '' ? t : joinText(text, t);
  }
  return text;
}

const isNumber = (text: string) => NUMBER.test(text);

/**
 * The pages' blocks as the readers' text. A table row cut by a page break goes on at the top of
 * the next page as a row with no figures, only the rest of its labels, each in a column where the
 * row above the break has a label (its own, or a merged group label it shares): those words are
 * joined to that label.
 */
export function joinPages(pages: Block[][]): string {
  for (let p = 1; p < pages.length; p++) {
    const before = pages[p - 1]!;
    const after = pages[p]!;
    // page numbers, running heads: short lines between the two parts of the table
    const short = (b: Block) => 'text' in b && b.text.length <= 12;
    let last = before.length - 1;
    while (last >= 0 && short(before[last]!)) last--;
    const first = after.findIndex((b) => !short(b));
    const tail = before[last];
    const head = after[first];
    if (!tail || !head || !('rows' in tail) || !('rows' in head)) continue;
    const above = tail.rows.at(-1)!;
    const cut = head.rows[0]!;
    const near = (a: number, b: number) => Math.abs(a - b) <= 2;
    const hosts = cut.map((c) => {
      if (c.text === '') return null;
      // (a merged group label that the cut row shares: its text is in its first row) — the cell
      // in the same columns, or, where the next page rules the columns differently (Chromium
      // leaves a group's column unruled at the top of the page: 出具已获取信息 across two columns),
      // the one its words lie in, when the cell spans only labels above (not a caption across
      // the table: 第二十条第（六）项 is no part of 行政许可)
      const { words } = c;
      const spanned = above.filter((h) => h.x0 < c.x1 - 2 && c.x0 + 2 < h.x1);
      const at =
        above.find((h) => near(h.x0, c.x0) && near(h.x1, c.x1)) ??
        (words && spanned.every((h) => !isNumber(h.text))
          ? spanned.find((h) => h.x0 - 2 <= words.x0 && words.x1 <= h.x1 + 2)
          : undefined);
      const host = at?.owner ?? at;
      return host && host.text !== '' && !isNumber(host.text) ? host : undefined;
    });
    if (cut.some((c) => isNumber(c.text)) || hosts.includes(undefined) || hosts.every((h) => !h))
      continue;
    cut.forEach((c, i) => {
      const host = hosts[i];
      if (host) host.text = joinText(host.text, c.text);
    });
    head.rows.shift();
    if (head.rows.length === 0) after.splice(first, 1);
  }
  return pages
    .map((blocks) => {
      const lines: string[] = [];
      for (const b of blocks) {
        if ('text' in b) lines.push(b.text);
        // one empty line around each table, as html-text.ts gives a web page's tables
        else lines.push('', ...b.rows.map((r) => r.map((c) => c.text).join('\t')), '');
      }
      while (lines[0] === '') lines.shift();
      while (lines.at(-1) === '') lines.pop();
      return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
    })
    .join('\n\f\n');
}

/**
 * Items that continue one another on a line (the next starting where the previous ends, on its
 * baseline, in the same size) → one. pdfjs starts a new item where the font changes: Chromium's
 * PDFs set a radical's glyph (⼈, ⾏) apart from the ideographs around it, and two such glyphs one
 * under the other on consecutive lines would otherwise be taken for a vertical label.
 */
function joinRuns(frags: Frag[]): Frag[] {
  const out: Frag[] = [];
  for (const f of frags) {
    const last = out.at(-1);
    if (
      last &&
      Math.abs(last.y - f.y) < 0.05 * f.size &&
      Math.abs(last.size - f.size) < 0.05 * f.size &&
      Math.abs(f.x0 - last.x1) < 0.05 * f.size
    )
      out[out.length - 1] = { ...last, x1: f.x1, text: last.text + f.text };
    else out.push(f);
  }
  return out;
}

/** Characters stacked one per line at one x (a vertical group label) → one fragment. */
function stackVertical(frags: Frag[]): Frag[] {
  const short = frags
    .filter((f) => /^[\u4e00-\u9fff]{1,2}、?$/.test(f.text))
    .sort((p, q) => p.x0 - q.x0 || q.y - p.y);
  const merged = new Set<Frag>();
  const out: Frag[] = [];
  let run: Frag[] = [];
  const flush = () => {
    if (run.length >= 3) {
      for (const f of run) merged.add(f);
      const ys = run.map((f) => f.y);
      out.push({
        x0: run[0]!.x0,
        x1: Math.max(...run.map((f) => f.x1)),
        y: (Math.max(...ys) + Math.min(...ys)) / 2,
        size: run[0]!.size,
        text: run.map((f) => f.text).join(''),
      });
    }
    run = [];
  };
  for (const f of short) {
    const last = run.at(-1);
    const stacked =
      last &&
      Math.abs(last.x0 - f.x0) < 1 &&
      Math.abs(last.size - f.size) < 0.5 &&
      last.y - f.y > 0.8 * f.size &&
      last.y - f.y <= 2.2 * f.size;
    if (!stacked) flush();
    run.push(f);
  }
  flush();
  return [...frags.filter((f) => !merged.has(f)), ...out];
}

function toLines(frags: Frag[]): Line[] {
  const sorted = [...frags].sort((p, q) => q.y - p.y || p.x0 - q.x0);
  const lines: { y: number; size: number; frags: Frag[] }[] = [];
  for (const f of sorted) {
    const last = lines.at(-1);
    if (last && last.y - f.y <= 0.4 * Math.min(last.size, f.size)) {
      last.frags.push(f);
      last.size = Math.min(last.size, f.size);
    } else lines.push({ y: f.y, size: f.size, frags: [f] });
  }
  return lines.map((l) => ({ y: l.y, size: l.size, cells: toCells(l.frags) }));
}

function toCells(frags: Frag[]): Cell[] {
  const cells: Cell[] = [];
  let text = '';
  let prev: Frag | undefined;
  let cell: Cell | undefined;
  for (const f of [...frags].sort((p, q) => p.x0 - q.x0)) {
    const gap = prev ? f.x0 - prev.x1 : Infinity;
    const size = prev ? Math.min(prev.size, f.size) : f.size;
    if (cell && prev && gap <= size) {
      // CJK runs together; a visible gap between Latin letters or digits is a space.
      const spaced = gap > 0.2 * size && (/[\w.%]$/.test(text) || /^\w/.test(f.text));
      text += (spaced ? ' ' : '') + f.text;
      cell.x1 = Math.max(cell.x1, f.x1);
      cell.size = Math.max(cell.size, f.size);
    } else {
      if (cell) cell.parts[0]!.text = text;
      text = f.text;
      cell = { x0: f.x0, x1: f.x1, parts: [{ y: f.y, text: '' }], size: f.size };
      cells.push(cell);
    }
    prev = f;
  }
  if (cell) cell.parts[0]!.text = text;
  return cells;
}

/**
 * Joins wrapped cell text to its row. A line that holds only text cells, each under (or over) a
 * cell of a nearby row or in an empty column of it, is part of that row.
 *
 * Lines run top to bottom (baselines descending), so every search below is a binary search for
 * the first line within reach plus a scan that stops at the last: O(n log n), not all pairs.
 */
function attachWrapped(lines: Line[]): Line[] {
  const rows = lines.filter((l) => l.cells.length >= 2 || l.cells.some(isNumeric));
  const isRow = new Set(rows);
  // How far below its row's baseline a cell's text reaches (grows as wrapped lines join it).
  let reach = 0;
  for (const r of rows) for (const c of r.cells) reach = Math.max(reach, r.y - lowestY(c));
  const placed = new Set<Line>();
  for (const chain of chainsOf(lines, isRow)) {
    const bottom = chain.at(-1)!.y;
    const size = chain[0]!.size;
    const x = { x0: Math.min(...chain.map((l) => l.cells[0]!.x0)), x1: 0 };
    x.x1 = Math.max(...chain.map((l) => l.cells[0]!.x1));
    const target = nearestRow(rows, chain, size);
    if (!target) continue;
    const parts = chain.map((l) => ({ y: l.y, text: cellText(l.cells[0]!) }));
    const host = cellAbove(rows, chain[0]!, x.x0, reach) ?? {
      row: target,
      cell: target.cells.find((c) => overlaps(c, x) && !isNumeric(c)),
    };
    // A cell wraps in its own font: a larger line below a row (the next section's heading)
    // is not part of it.
    if (host.cell && size > host.cell.size * WRAP_SIZE) continue;
    if (host.cell) {
      host.cell.parts.push(...parts);
      host.cell.parts.sort((p, q) => q.y - p.y);
      reach = Math.max(reach, host.row.y - lowestY(host.cell));
    } else if (!target.cells.some((c) => overlaps(c, x))) {
      target.cells.push({ x0: x.x0, x1: x.x1, parts, size });
      target.cells.sort((p, q) => p.x0 - q.x0);
      reach = Math.max(reach, target.y - bottom);
    } else continue;
    for (const l of chain) placed.add(l);
  }
  const out: Line[] = [];
  for (const l of lines) {
    if (placed.has(l)) continue;
    const prev = out.at(-1);
    if (prev && isRow.has(prev) && continues(prev, l)) {
      for (const c of l.cells) {
        const host = prev.cells.find((p) => overlaps(p, c))!;
        host.parts.push(...c.parts.map((p) => ({ y: l.y, text: p.text })));
      }
      continue;
    }
    out.push(l);
  }
  return out;
}

/** Wrapped text is at most this much larger than its cell's first line (bold, mixed fonts). */
const WRAP_SIZE = 1.25;

const lowestY = (c: Cell) => Math.min(...c.parts.map((p) => p.y));

/** Index of the first line whose baseline is at or below y, in lines that run top to bottom. */
function firstAtOrBelow(lines: readonly Line[], y: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.y <= y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Stacked single cells at one x form a chain (a label over two or three lines); a row whose cell
 * lies across the column between two of them ends the chain. Chains in order of their first line.
 */
function chainsOf(lines: Line[], isRow: Set<Line>): Line[][] {
  const chains: Line[][] = [];
  // Chains whose last line is still within reach, with that line's index; oldest first.
  let open: { chain: Line[]; end: number }[] = [];
  lines.forEach((l, i) => {
    if (isRow.has(l)) return;
    const c = l.cells[0]!;
    // Beyond 2.2 × (its size + 1) no line of a size within 0.5 of the last can join it.
    open = open.filter(({ chain }) => chain.at(-1)!.y - l.y <= 2.2 * (chain.at(-1)!.size + 1));
    const joins = ({ chain, end }: { chain: Line[]; end: number }) => {
      const lastLine = chain.at(-1)!;
      const last = lastLine.cells[0]!;
      if (Math.abs(last.x0 - c.x0) >= 2 || Math.abs(lastLine.size - l.size) >= 0.5) return false;
      if (lastLine.y - l.y > 2.2 * l.size) return false;
      // the lines between the two are exactly those with a baseline between them
      for (let j = end + 1; j < i; j++) {
        const r = lines[j]!;
        if (
          isRow.has(r) &&
          r.y < lastLine.y &&
          r.y > l.y &&
          r.cells.some((rc) => overlaps(rc, c))
        ) {
          return false;
        }
      }
      return true;
    };
    const found = open.find(joins);
    if (found) {
      found.chain.push(l);
      found.end = i;
    } else {
      chains.push([l]);
      open.push({ chain: chains.at(-1)!, end: i });
    }
  });
  return chains;
}

/** The row nearest to the chain's centre among those within reach of it (the first on a tie). */
function nearestRow(rows: Line[], chain: Line[], size: number): Line | undefined {
  const top = chain[0]!.y;
  const bottom = chain.at(-1)!.y;
  const centre = (top + bottom) / 2;
  let best: Line | undefined;
  for (let j = firstAtOrBelow(rows, top + 2.2 * size); j < rows.length; j++) {
    const r = rows[j]!;
    if (r.y < bottom - 2.2 * size) break;
    const fits =
      (r.cells.some(isNumeric) || r.cells.some((c) => Math.abs(c.size - size) < 0.5)) &&
      size <= 1.3 * Math.max(...r.cells.map((c) => c.size));
    if (fits && (!best || Math.abs(r.y - centre) < Math.abs(best.y - centre))) best = r;
  }
  return best;
}

/**
 * The text cell at x0 whose last line is just above `line`: the cell wraps onto it. No cell
 * reaches more than `reach` below its row's baseline, which bounds the rows to look at.
 */
function cellAbove(
  rows: Line[],
  line: Line,
  x0: number,
  reach: number,
): { row: Line; cell: Cell } | undefined {
  const limit = line.y + 2.2 * line.size;
  for (let j = firstAtOrBelow(rows, limit + reach + 1); j < rows.length; j++) {
    const r = rows[j]!;
    if (r.y <= line.y) break;
    const c = r.cells.find((c) => Math.abs(c.x0 - x0) < 2 && !isNumeric(c));
    if (c && lowestY(c) - line.y <= 2.2 * line.size) return { row: r, cell: c };
  }
  return undefined;
}

/** A header line whose every cell starts under a text cell of the line above: wrapped cells. */
function continues(above: Line, line: Line): boolean {
  if (line.cells.length < 2 || line.cells.some(isNumeric)) return false;
  if (above.y - line.y > 2.2 * line.size) return false;
  return line.cells.every((c) => {
    const hosts = above.cells.filter((p) => overlaps(p, c));
    return hosts.length === 1 && !isNumeric(hosts[0]!) && Math.abs(hosts[0]!.x0 - c.x0) < 2;
  });
}

/**
 * A label cell with another text cell to its right heads a group of rows (a rowspan). The rows
 * between the groups of one column are split so that each group's rows are centred on its label;
 * the label then moves to its first row. A group on the first or last row of the page may
 * continue on the next page, so its position is not used.
 */
function placeGroupLabels(lines: Line[]): void {
  const rows = lines.filter((l) => l.cells.length >= 2);
  const groupCellAt = (r: Line, x0: number): Cell | undefined =>
    r.cells.find(
      (c) =>
        Math.abs(c.x0 - x0) < 3 &&
        !isNumeric(c) &&
        r.cells.some((o) => !isNumeric(o) && o.x0 > c.x1),
    );
  const done = new Set<Cell>();
  const seeds = rows.flatMap((r, i) => r.cells.map((c) => ({ r, i, c })));
  for (const { r: seed, i: at, c: g } of seeds) {
    if (done.has(g) || groupCellAt(seed, g.x0) !== g) continue;
    const col = { x0: g.x0 - 3, x1: g.x1 };
    const groupCell = (r: Line) => groupCellAt(r, g.x0);
    const kind = (r: Line): 'anchor' | 'free' | 'break' => {
      if (groupCell(r)) return 'anchor';
      const free = !r.cells.some((c) => overlaps(c, col));
      return free && r.cells.some((c) => !isNumeric(c) && c.x0 > col.x1) ? 'free' : 'break';
    };
    let s = at;
    while (s > 0 && kind(rows[s - 1]!) !== 'break') s--;
    let e = at;
    while (e < rows.length - 1 && kind(rows[e + 1]!) !== 'break') e++;
    const block = rows.slice(s, e + 1);
    for (const r of block) if (groupCell(r)) done.add(groupCell(r)!);
    const anchors = block.flatMap((r, i) => (kind(r) === 'anchor' ? [i] : []));
    if (anchors.length === 0 || block.length < 2) continue;
    const edge = (i: number) => block[i] === rows[0] || block[i] === rows.at(-1);
    const starts = tile(
      block.map((r) => r.y),
      anchors.map((a) => ({
        at: a,
        centre: centreOf(groupCell(block[a]!)!),
        weight: edge(a) ? 0 : 1,
      })),
    );
    anchors.forEach((a, k) => {
      const to = starts[k]!;
      if (to === a) return;
      const cell = groupCell(block[a]!)!;
      block[a]!.cells.splice(block[a]!.cells.indexOf(cell), 1);
      block[to]!.cells.unshift(cell);
    });
  }
}

const centreOf = (c: Cell) => {
  const ys = c.parts.map((p) => p.y);
  return (Math.max(...ys) + Math.min(...ys)) / 2;
};

/**
 * Splits rows 0..n-1 (baselines ys, top first) into one contiguous span per group, each holding
 * its anchor row, minimising the weighted distance of span middles from label centres.
 * Returns each group's first row.
 */
function tile(ys: number[], groups: { at: number; centre: number; weight: number }[]): number[] {
  const n = ys.length;
  const m = groups.length;
  // best[k][e]: cost of groups 0..k when group k ends at row e; from[k][e]: its first row
  const best: number[][] = groups.map(() => Array<number>(n).fill(Infinity));
  const from: number[][] = groups.map(() => Array<number>(n).fill(-1));
  for (let k = 0; k < m; k++) {
    const g = groups[k]!;
    for (let e = g.at; e < (k === m - 1 ? n : groups[k + 1]!.at); e++) {
      if (k === m - 1 && e !== n - 1) continue;
      const firstStarts = k === 0 ? [0] : range(groups[k - 1]!.at + 1, g.at);
      for (const st of firstStarts) {
        const before = k === 0 ? 0 : best[k - 1]![st - 1]!;
        if (before === Infinity) continue;
        const cost = before + g.weight * Math.abs((ys[st]! + ys[e]!) / 2 - g.centre);
        if (cost < best[k]![e]!) {
          best[k]![e] = cost;
          from[k]![e] = st;
        }
      }
    }
  }
  const starts = Array<number>(m);
  let e = n - 1;
  for (let k = m - 1; k >= 0; k--) {
    starts[k] = from[k]![e]!;
    e = starts[k]! - 1;
  }
  return starts;
}

const range = (lo: number, hi: number) =>
  Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
