/**
 * Word documents read from their own formats (.doc, .rtf) as HTML for html-text.ts: paragraphs,
 * and tables rebuilt from each row's cell boundaries and merge marks, as Word lays them out.
 */

/** A cell of a row: its paragraphs, and its place once the table's grid is known. */
export interface Cell {
  paragraphs: string[];
  left?: number;
  right?: number;
  horzMerge: number;
  vertMerge: number;
}

export type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: Cell[][] };

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
  const column = (x: number) => {
    let best = 0;
    for (let i = 0; i < grid.length; i++)
      if (Math.abs(grid[i]! - x) < Math.abs(grid[best]! - x)) best = i;
    return best;
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
      const html = cell.paragraphs.map(paragraphHtml);
      const placed = cell.left !== undefined && cell.right !== undefined && grid.length > 1;
      const start = placed ? column(cell.left!) : next;
      const span = placed ? Math.max(1, column(cell.right!) - start) : 1;
      next = start + span;
      const before = outRow[outRow.length - 1];
      if ((cell.horzMerge & 2) !== 0 && before) {
        before.colspan += span;
        if (cell.paragraphs.some((t) => t.trim() !== '')) before.html.push(...html);
        continue;
      }
      const above = open.get(start);
      if (cell.vertMerge === 1 && above && above.colspan === span) {
        above.rowspan++;
        if (cell.paragraphs.some((t) => t.trim() !== '')) above.html.push(...html);
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
