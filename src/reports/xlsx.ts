/**
 * The report's tables as a workbook: a 说明 sheet (title, agency, year, the format and the
 * document that issued it) and one sheet per table, 表二, 表三 and 表四, in the template's grid
 * with its merged headers. Counts are numbers; a blank cell of the model is an empty cell, never
 * 0. Header cells are bold; every table cell has a border; the header rows are frozen.
 */
import ExcelJS from 'exceljs';
import { TABLE3_COLUMNS, formatById } from '../domain/report/formats.ts';
import type { AnnualReport, Table2Value } from '../domain/report/model.ts';
import {
  reportTitle,
  table2Layout,
  table3Layout,
  table4Layout,
  type HeaderCell,
} from './layout.ts';

type Worksheet = ExcelJS.Worksheet;

/** A cell of a table as the template draws it; spans as in HTML. */
interface Cell {
  value: Table2Value;
  head?: boolean;
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center';
  /** one character under the other, for a group label down a narrow column */
  vertical?: boolean;
  /** a table-二 value: a string there is an amount (decimal string), not a label */
  amount?: boolean;
}

const head = (value: string, colSpan = 1, rowSpan = 1): Cell => ({
  value,
  head: true,
  colSpan,
  rowSpan,
});
const label = (value: string, colSpan = 1, rowSpan = 1): Cell => ({
  value,
  colSpan,
  rowSpan,
  align: 'left',
});
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * An amount is a decimal string in the model because it must stay exact. It goes into the sheet
 * as a number only when that number prints back as the same string (`96171.6`), so that it can be
 * summed, with a format showing all its decimals; anything else — a trailing 0 the agency
 * published (`73802895.90`), a unit (`73802895.90元`), more digits than a double holds — goes in as
 * the text that was reported, because converting it would change what the report says.
 */
function amount(cell: ExcelJS.Cell, text: string): void {
  if (Number(text).toString() === text) {
    cell.value = Number(text);
    const decimals = text.split('.')[1]?.length ?? 0;
    cell.numFmt = decimals ? `0.${'0'.repeat(decimals)}` : '0';
  } else cell.value = text;
}

function write(cell: ExcelJS.Cell, c: Cell): void {
  if (typeof c.value === 'number') {
    cell.value = c.value;
    cell.numFmt = '0';
  } else if (typeof c.value === 'string') {
    if (c.amount) amount(cell, c.value);
    else cell.value = c.value;
  } // null: the cell stays empty
  cell.border = BORDER;
  cell.alignment = {
    horizontal: c.align ?? 'center',
    vertical: 'middle',
    wrapText: true,
    ...(c.vertical ? { textRotation: 'vertical' as const } : {}),
  };
  if (c.head) cell.font = { bold: true };
}

/** Default row height (pt) of one line of the default 11 pt font. */
const LINE = 15;

/**
 * Lines a text wraps to in a column `width` characters wide (the width of the digit 0): a CJK
 * character takes about two. Spreadsheets don't grow a row for wrapped text that a file sets no
 * height for, so the rows that wrap are given their height.
 */
function lines(text: string, width: number): number {
  const units = [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x80 ? 1.1 : 2), 0);
  return Math.max(1, Math.ceil(units / Math.max(1, width - 1)));
}

/**
 * Lays the rows out from `top` as an HTML table is laid out: a cell goes in the first column its
 * row has free, after the cells that spans from the rows above cover. The columns' widths must be
 * set. Returns the next free row.
 */
function place(ws: Worksheet, rows: readonly Cell[][], top: number): number {
  const taken = new Set<string>();
  const columnsWidth = (from: number, n: number) =>
    Array.from({ length: n }, (_, j) => ws.getColumn(from + j).width ?? 9).reduce((a, b) => a + b);
  rows.forEach((cells, r) => {
    let col = 1;
    let height = 1;
    for (const c of cells) {
      while (taken.has(`${r},${col}`)) col++;
      const [w, h] = [c.colSpan ?? 1, c.rowSpan ?? 1];
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) taken.add(`${r + i},${col + j}`);
      // every cell of a merge gets the border, so the merged area is boxed on every side
      for (let i = 0; i < h; i++)
        for (let j = 0; j < w; j++) write(ws.getCell(top + r + i, col + j), { ...c, value: null });
      write(ws.getCell(top + r, col), c);
      if (w > 1 || h > 1) ws.mergeCells(top + r, col, top + r + h - 1, col + w - 1);
      if (h === 1 && typeof c.value === 'string')
        height = Math.max(height, lines(c.value, columnsWidth(col, w)));
      col += w;
    }
    if (height > 1) ws.getRow(top + r).height = height * LINE;
  });
  return top + rows.length;
}

function widths(ws: Worksheet, chars: readonly number[]): void {
  chars.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** table 三's corner note is set as a label, the other header cells as headers */
const headerRows = (rows: readonly HeaderCell[][]): Cell[][] =>
  rows.map((cells) =>
    cells.map((c) => (c.kind === 'note' ? label : head)(c.text, c.colSpan, c.rowSpan)),
  );

/**
 * 表二: the template's one grid, each block under a caption row 第二十条第（X）项; a block with fewer
 * value columns lets its last one span the rest. Its header rows differ from block to block, so
 * there is no one header row to freeze; the label column is frozen instead.
 */
function sheet2(ws: Worksheet, report: AnnualReport): void {
  const { width, blocks } = table2Layout(report);
  widths(ws, [24, ...Array<number>(width - 1).fill(20)]);
  let row = 1;
  for (const b of blocks) {
    row = place(
      ws,
      [
        [head(b.caption, width)],
        b.header.map((h) => head(h.text, h.colSpan)),
        ...b.rows.map((r) => [
          label(r.label),
          ...r.values.map((v) => ({ value: v.value, colSpan: v.span, amount: true })),
        ]),
      ],
      row,
    );
  }
  ws.views = [{ state: 'frozen', xSplit: 1 }];
}

function sheet3(ws: Worksheet, report: AnnualReport): void {
  const { header, rows } = table3Layout(report);
  widths(ws, [5, 14, 40, ...TABLE3_COLUMNS.map(() => 12)]);
  place(
    ws,
    [
      ...headerRows(header),
      ...rows.map(({ groupStart: group, subgroupStart: sub, ...row }) => [
        ...(group ? [{ ...head(group.text, 1, group.rows), vertical: true }] : []),
        ...(sub ? [{ value: sub.text, rowSpan: sub.rows, align: 'center' as const }] : []),
        label(row.label, row.labelSpan),
        ...row.values.map((v): Cell => ({ value: v.value })),
      ]),
    ],
    1,
  );
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 3 }];
}

function sheet4(ws: Worksheet, report: AnnualReport): void {
  const { header, values } = table4Layout(report);
  widths(ws, Array<number>(values.length).fill(10));
  place(ws, [...headerRows(header), values.map((v): Cell => ({ value: v.value }))], 1);
  ws.views = [{ state: 'frozen', ySplit: header.length }];
}

function about(ws: Worksheet, report: AnnualReport): void {
  const format = formatById(report.format);
  const rows: [string, string | number][] = [
    ['标题', reportTitle(report)],
    ['机关', report.agency.name],
    ['年度', report.year],
    ['表格格式', `${format.title}（${format.source}）`],
    ['说明', '空白单元格为未填报，不等于0。金额以报告所载为准：可精确表示的为数值，其余为文本。'],
  ];
  rows.forEach(([k, v], i) => {
    const [key, value] = [ws.getCell(i + 1, 1), ws.getCell(i + 1, 2)];
    key.value = k;
    key.font = { bold: true };
    value.value = v;
    value.alignment = { horizontal: 'left', wrapText: true };
  });
  widths(ws, [12, 80]);
}

export async function renderXlsx(report: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = reportTitle(report);
  wb.creator = report.agency.name;
  // paperSize 9 is A4; printed one page wide
  const a4 = (orientation: 'portrait' | 'landscape') => ({
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  about(wb.addWorksheet('说明', a4('portrait')), report);
  sheet2(wb.addWorksheet('表二', a4('portrait')), report);
  sheet3(wb.addWorksheet('表三', a4('portrait')), report);
  sheet4(wb.addWorksheet('表四', a4('landscape')), report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
