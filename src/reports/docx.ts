/**
 * The report as a Word document laid out as a 公文 (GB/T 9704-2012 党政机关公文格式): A4, 版心
 * 156 × 225 mm (天头 37 mm, 订口 28 mm), title in 2号小标宋 centred, body in 3号仿宋 with a
 * first-line indent of two characters at 22 lines a page, 一级标题 in 3号黑体, page numbers
 * `— 1 —` in 4号宋体 below the 版心 (odd pages right, even pages left, one character in). The
 * tables keep the official merged headers, in 5号仿宋 so that table 三's ten columns fit the 版心.
 *
 * Fonts are named as the standard names them. A machine without them (Debian has neither
 * 方正小标宋简体 nor 仿宋_GB2312) substitutes a CJK font; every run names its East Asian font
 * (`w:eastAsia`) so that Word never falls back to the theme's Latin font for Chinese text.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
  type IRunOptions,
} from 'docx';
import { SECTION_HEADINGS, TABLE3_COLUMNS } from '../domain/report/formats.ts';
import type { AnnualReport, Table2Value } from '../domain/report/model.ts';
import {
  cellText,
  paragraphs,
  reportTitle,
  table2Layout,
  table3Layout,
  table4Layout,
  type HeaderCell,
} from './layout.ts';

const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  pageNumber: '宋体',
} as const;
/** 字号 in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 5号 10.5 pt. */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;
/** 22 lines to a page: 28.95 pt a line (exact), 22 of which fill the 225 mm of the 版心. */
const BODY_LINE = 579;
/** 35 pt: a two-line 2号 title, not cramped */
const TITLE_LINE = 700;
const TABLE_LINE = 300;
const mm = convertMillimetersToTwip;
/** 版心 width, 210 − 28 − 26 mm. */
const TEXT_WIDTH = mm(156);

type Style = Pick<IRunOptions, 'bold'> & { font: string; size: number };
const BODY: Style = { font: FONT.body, size: SIZE.body };
const CELL: Style = { font: FONT.body, size: SIZE.table };
const HEAD_CELL: Style = { ...CELL, bold: true };

/** The run's font in every slot, East Asian included. */
const runStyle = ({ font, size, bold }: Style) => ({
  font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
  size,
  sizeComplexScript: size,
  ...(bold ? { bold } : {}),
  language: { eastAsia: 'zh-CN' },
});
const run = (text: string, style: Style) => new TextRun({ text, ...runStyle(style) });
const exactLine = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
/** Two characters of the paragraph's own size (w:firstLineChars; firstLine for older readers). */
const indent2 = (size: number) => ({ firstLineChars: 200, firstLine: size * 20 });

const bodyParagraph = (text: string) =>
  new Paragraph({
    children: [run(text, BODY)],
    alignment: AlignmentType.JUSTIFIED,
    spacing: exactLine(BODY_LINE),
    indent: indent2(SIZE.body),
  });

const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    children: [run(text, { font: FONT.heading, size: SIZE.body })],
    spacing: exactLine(BODY_LINE),
    indent: indent2(SIZE.body),
    keepNext: true,
  });

// ---- tables ----

interface Cell {
  text: string;
  style?: Style;
  columnSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center';
}

function tableCell({ text, style = CELL, columnSpan, rowSpan, align = 'center' }: Cell) {
  return new TableCell({
    children: [
      new Paragraph({
        // A blank cell (null) is an empty paragraph: no 0, no space.
        children: text === '' ? [] : [run(text, style)],
        run: runStyle(style),
        alignment: align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: exactLine(TABLE_LINE),
      }),
    ],
    ...(columnSpan && columnSpan > 1 ? { columnSpan } : {}),
    ...(rowSpan && rowSpan > 1 ? { rowSpan } : {}),
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: mm(0.8), right: mm(0.8), top: 0, bottom: 0 },
  });
}

const value = (v: Table2Value): Cell => ({ text: cellText(v) });
const head = (text: string, columnSpan?: number, rowSpan?: number): Cell => ({
  text,
  style: HEAD_CELL,
  ...(columnSpan ? { columnSpan } : {}),
  ...(rowSpan ? { rowSpan } : {}),
});
const label = (text: string, columnSpan?: number, rowSpan?: number): Cell => ({
  text,
  align: 'left',
  ...(columnSpan ? { columnSpan } : {}),
  ...(rowSpan ? { rowSpan } : {}),
});

/**
 * Widths in mm, scaled to the 版心. The `header` rows repeat on every page the table runs onto
 * and stay with the first row below them; a row for which `keepNext` holds stays with the next
 * (the rows under one merged group label, which would otherwise be cut between two pages).
 */
function table(
  widthsMm: readonly number[],
  rows: readonly Cell[][],
  header: number,
  keepNext: (row: number) => boolean = () => false,
): Table {
  const total = widthsMm.reduce((a, b) => a + b, 0);
  const columnWidths = widthsMm.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  return new Table({
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          children: cells.map(tableCell),
          cantSplit: true,
          ...(i < header ? { tableHeader: true } : {}),
          ...(i < header || keepNext(i) ? { keepNext: true } : {}),
          height: { value: mm(7), rule: HeightRule.ATLEAST },
        }),
    ),
  });
}

/** Word joins tables that touch; a small empty paragraph keeps the blocks of table 二 apart. */
const gap = () =>
  new Paragraph({ children: [], run: runStyle(CELL), spacing: exactLine(TABLE_LINE) });

/** table 三's corner note is set as a label, the other header cells as headers */
const headerRows = (rows: readonly HeaderCell[][]): Cell[][] =>
  rows.map((cells) =>
    cells.map((c) => (c.kind === 'note' ? label : head)(c.text, c.colSpan, c.rowSpan)),
  );

/**
 * One table per block of section 二: a caption row 第二十条第（X）项, the column headers, the rows.
 * Every block has the grid of the widest one, its last value column spanning what is left, so
 * the blocks line up under each other as in the template.
 */
function table2(report: AnnualReport): (Table | Paragraph)[] {
  const { width, blocks } = table2Layout(report);
  return blocks.flatMap((b, n) => {
    const rows: Cell[][] = [
      [head(b.caption, width)],
      b.header.map((h) => head(h.text, h.colSpan)),
      ...b.rows.map((r) => [
        label(r.label),
        ...r.values.map((v) => ({ ...value(v.value), columnSpan: v.span })),
      ]),
    ];
    // the label column is widest: 其他对外管理服务事项 on one line
    const t = table([4, ...Array<number>(width - 1).fill(3)], rows, 2);
    return n === 0 ? [t] : [gap(), t];
  });
}

/** Table 三 in the template's grid: 3 label columns (group, subgroup, row) and 7 value columns. */
function table3(report: AnnualReport): Table {
  const layout = table3Layout(report);
  const header = headerRows(layout.header);
  const body = layout.rows.map(({ groupStart: group, subgroupStart: sub, ...row }) => [
    ...(group ? [head(group.text, 1, group.rows)] : []),
    ...(sub ? [{ text: sub.text, rowSpan: sub.rows }] : []),
    label(row.label, row.labelSpan),
    ...row.values.map((v) => value(v.value)),
  ]);
  const sameGroupNext = (i: number) => {
    const [row, next] = [layout.rows[i - header.length], layout.rows[i - header.length + 1]];
    return row?.subgroup !== undefined && next?.subgroup === row.subgroup;
  };
  // mm: 三、本年度办理结果 one character a line, （三）不予公开 four, the row labels; a value
  // column holds five digits (a city's 总计) on one line.
  return table(
    [8, 17, 43.5, ...TABLE3_COLUMNS.map(() => 12.5)],
    [...header, ...body],
    header.length,
    sameGroupNext,
  );
}

function table4(report: AnnualReport): Table {
  const { header, values } = table4Layout(report);
  const rows = [...headerRows(header), values.map((v) => value(v.value))];
  return table(Array<number>(values.length).fill(1), rows, header.length);
}

// ---- page ----

/** `— 1 —`: odd pages right-aligned, even pages left-aligned, one character from the edge. */
function pageNumber(side: 'odd' | 'even'): Footer {
  const style = runStyle({ font: FONT.pageNumber, size: SIZE.pageNumber });
  const em = SIZE.pageNumber * 10;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: em } : { left: em },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], ...style })],
      }),
    ],
  });
}

/** Width in em: CJK characters are one, ASCII (the year's digits) half. */
const ems = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

/**
 * GB/T 9704 7.3.1: a title that runs over a line breaks where the words allow. A title wider than
 * the 版心 breaks after the year, before 政府信息公开工作年度报告.
 */
function titleLines(report: AnnualReport): string[] {
  const title = reportTitle(report);
  const head = `${report.agency.name}${report.year}年`;
  const perLine = TEXT_WIDTH / (SIZE.title * 10);
  return ems(title) <= perLine || !title.startsWith(head)
    ? [title]
    : [head, title.slice(head.length)];
}

function body(report: AnnualReport): (Paragraph | Table)[] {
  const [overview, proactive, applications, remedies, problems, other] = SECTION_HEADINGS;
  const prose = (text: string) => paragraphs(text).map(bodyParagraph);
  const title = new Paragraph({
    heading: HeadingLevel.TITLE,
    children: titleLines(report).map((text, i) => {
      const style = runStyle({ font: FONT.title, size: SIZE.title });
      return new TextRun({ text, ...style, ...(i > 0 ? { break: 1 } : {}) });
    }),
    alignment: AlignmentType.CENTER,
    spacing: { ...exactLine(TITLE_LINE), after: BODY_LINE },
  });
  return [
    title,
    heading(overview),
    ...prose(report.narrative.overview),
    heading(proactive),
    ...table2(report),
    heading(applications),
    table3(report),
    heading(remedies),
    table4(report),
    heading(problems),
    ...prose(report.narrative.problems),
    heading(other),
    ...prose(report.narrative.other),
  ];
}

export async function renderDocx(report: AnnualReport): Promise<Buffer> {
  const doc = new Document({
    title: reportTitle(report),
    creator: report.agency.name,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: runStyle(BODY), paragraph: { spacing: exactLine(BODY_LINE) } },
        // Word's own styles, so that the navigation pane and readers see the outline.
        title: { run: { ...runStyle({ font: FONT.title, size: SIZE.title }), color: '000000' } },
        heading1: {
          run: { ...runStyle({ font: FONT.heading, size: SIZE.body }), color: '000000' },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              // the number's line sits about 7 mm below the 版心
              footer: mm(21),
            },
          },
        },
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children: body(report),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
