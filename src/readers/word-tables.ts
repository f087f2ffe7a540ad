/**
 * Word documents read from their own formats (.doc, .rtf) as HTML for html-text.ts: paragraphs,
 * and tables rebuilt from each row's cell boundaries and merge marks, as Word lays them out.
 */

import { htmlToText, refuseLarger, UnreadableInputError } from './html-text.ts';

/** A cell of a row: its paragraphs (and nested tables), and its place once its row is defined. */
export interface Cell {
  content: Block[];
  left?: number;
  right?: number;
  horzMerge: number;
  vertMerge: number;
}

export type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: Cell[][] };

/** A row's definition: each cell's boundaries (twips) and merge marks. */
export interface RowDefinition {
  bounds: number[];
  horzMerge: number[];
  vertMerge: number[];
}

/** Tables inside tables: Word allows 63 levels; a damaged file's depth is taken as at most this. */
export const MAX_TABLE_DEPTH = 64;

interface Level {
  rows: Cell[][];
  row: Cell[];
  cell: Block[];
}

const hasText = (blocks: readonly Block[]): boolean =>
  blocks.some((b) => (b.kind === 'p' ? b.text.trim() !== '' : b.rows.length > 0));

/**
 * The document's blocks as its paragraph marks come, each at its table depth (0: the body, 1: a
 * table, 2: a table inside one of its cells …): a table opens at its first paragraph and closes
 * at the first paragraph of a lower depth, going into the cell that holds it. A cell or row left
 * without its end mark (a damaged file) is kept as it stands, never dropped.
 */
export class BlockBuilder {
  private readonly out: Block[] = [];
  private readonly levels: Level[] = [];

  private at(wanted: number): Level | null {
    const depth = Math.min(Math.max(0, wanted), MAX_TABLE_DEPTH);
    while (this.levels.length > depth) this.close();
    while (this.levels.length < depth) this.levels.push({ rows: [], row: [], cell: [] });
    return depth > 0 ? this.levels[depth - 1]! : null;
  }

  private close(): void {
    const level = this.levels.pop()!;
    if (level.cell.length > 0) this.endCellOf(level);
    if (level.row.length > 0) level.rows.push(level.row);
    if (level.rows.length === 0) return;
    const table: Block = { kind: 'table', rows: level.rows };
    const parent = this.levels[this.levels.length - 1];
    if (parent) parent.cell.push(table);
    else this.out.push(table);
  }

  private endCellOf(level: Level): void {
    level.row.push({ content: level.cell, horzMerge: 0, vertMerge: 0 });
    level.cell = [];
  }

  /** A paragraph that does not end a cell. */
  paragraph(text: string, depth: number): void {
    const level = this.at(depth);
    (level ? level.cell : this.out).push({ kind: 'p', text });
  }

  /** The last paragraph of a cell. */
  cellEnd(text: string, depth: number): void {
    const level = this.at(Math.max(1, depth))!;
    level.cell.push({ kind: 'p', text });
    this.endCellOf(level);
  }

  /** A row's end mark, with the row's definition when the file gives it. */
  rowEnd(depth: number, definition?: RowDefinition): void {
    const level = this.at(Math.max(1, depth))!;
    if (level.cell.length > 0) this.endCellOf(level);
    if (definition)
      level.row.forEach((cell, i) => {
        cell.left = definition.bounds[i];
        cell.right = definition.bounds[i + 1];
        cell.horzMerge = definition.horzMerge[i] ?? 0;
        cell.vertMerge = definition.vertMerge[i] ?? 0;
      });
    if (level.row.length > 0) level.rows.push(level.row);
    level.row = [];
  }

  finish(): Block[] {
    this.at(0);
    return this.out;
  }
}

/** Boundaries closer than this (twips, 1/1440 inch: about 0.2 mm) are one grid line. */
const SAME_LINE = 12;

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const paragraphHtml = (text: string) => `<p>${escape(text).replace(/\n/g, '<br>')}</p>`;

/**
 * A table as HTML: the grid from every row's cell boundaries; a cell spans the grid columns
 * between its boundaries, a cell merged into the one before it widens that one (Word 97's
 * horizontal merge), a cell merged with the one above lengthens that one (vertical merge).
 */
export function tableHtml(rows: readonly Cell[][]): string {
  const lines = [
    ...new Set(
      rows.flatMap((r) => r.flatMap((c) => [c.left, c.right]).filter((x) => x !== undefined)),
    ),
  ].sort((a, b) => a - b);
  const grid: number[] = [];
  for (const x of lines)
    if (grid.length === 0 || x - grid[grid.length - 1]! > SAME_LINE) grid.push(x);
  /** the grid line nearest x (binary search: a damaged file may give thousands of lines) */
  const column = (x: number) => {
    let lo = 0;
    let hi = grid.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (grid[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && x - grid[lo - 1]! <= grid[lo]! - x ? lo - 1 : lo;
  };
  interface Out {
    html: string[];
    colspan: number;
    rowspan: number;
    column: number;
  }
  const open = new Map<number, Out>();
  const body: Out[][] = [];
  for (const r of rows) {
    const outRow: Out[] = [];
    let next = 0;
    for (const cell of r) {
      const html = [blocksHtml(cell.content, '')];
      const placed = cell.left !== undefined && cell.right !== undefined && grid.length > 1;
      const start = placed ? column(cell.left!) : next;
      const span = placed ? Math.max(1, column(cell.right!) - start) : 1;
      next = start + span;
      const before = outRow[outRow.length - 1];
      if ((cell.horzMerge & 2) !== 0 && before) {
        before.colspan += span;
        if (hasText(cell.content)) before.html.push(...html);
        continue;
      }
      const above = open.get(start);
      if (cell.vertMerge === 1 && above && above.colspan === span) {
        above.rowspan++;
        if (hasText(cell.content)) above.html.push(...html);
        continue;
      }
      const out: Out = { html, colspan: span, rowspan: 1, column: start };
      outRow.push(out);
      if (cell.vertMerge === 3) open.set(start, out);
      else open.delete(start);
    }
    body.push(outRow);
  }
  const td = (c: Out) =>
    `<td${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}>${c.html.join('')}</td>`;
  return `<table>${body.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</table>`;
}

/** The blocks of a document as HTML. */
export const blocksHtml = (blocks: readonly Block[], separator = '\n'): string =>
  blocks.map((b) => (b.kind === 'p' ? paragraphHtml(b.text) : tableHtml(b.rows))).join(separator);

/**
 * A Word document's intermediate text: refused past `maxBytes`, its HTML (`toHtml`) laid out by
 * htmlToText, refused when it holds no text. `kind` names the file in the messages.
 */
export async function wordText(
  bytes: Uint8Array,
  kind: string,
  maxBytes: number,
  toHtml: (bytes: Uint8Array) => string,
): Promise<{ text: string }> {
  refuseLarger(bytes, maxBytes, kind);
  const html = toHtml(bytes);
  if (html.replace(/<[^>]*>/g, '').trim() === '')
    throw new UnreadableInputError('no_text', `${kind} 文件中没有可读取的正文文字。`);
  try {
    return { text: htmlToText(html).text };
  } catch (e) {
    // the HTML reader's bounds, said of the file this is (not of a web page)
    if (e instanceof UnreadableInputError && e.reason === 'too_large')
      throw new UnreadableInputError(
        'too_large',
        `${kind} 文件的内容过于庞杂（表格、单元格或段落过多），不是正常的年度报告，无法读取。请只保留年度报告的正文，或另存为 PDF 后再提交。`,
      );
    throw e;
  }
}
