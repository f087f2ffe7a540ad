/**
 * The report as plain text, in the layout of published text reports (examples/reports/
 * 2020_yixi-town_chaozhou.txt): title, the six headings, paragraphs separated by a blank line, and
 * each table row as one line of tab-separated cells. A merged cell prints its text in its first
 * cell and leaves the cells it covers empty, so every line of a table has the same number of
 * cells. Labels are the canonical full-width ones of formats.ts.
 */
import { SECTION_HEADINGS, TABLE3_COLUMNS } from '../domain/report/formats.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import {
  TABLE3_LABEL_COLUMNS,
  cellText,
  paragraphs,
  reportTitle,
  table2Layout,
  table3Layout,
  table4Layout,
  type HeaderCell,
  type ValueCell,
} from './layout.ts';

const blanks = (n: number): string[] => Array<string>(n).fill('');

function line(cells: readonly string[], width: number): string {
  if (cells.length > width) throw new RangeError(`${cells.length} cells in a ${width}-cell line`);
  return [...cells, ...blanks(width - cells.length)].join('\t');
}

const texts = (values: readonly ValueCell[]): string[] => values.map((v) => cellText(v.value));

/** Header rows as cells: a merged cell's text in its first cell, empty cells where it reaches. */
function headerCells(rows: readonly HeaderCell[][]): string[][] {
  const covered = new Set<string>();
  return rows.map((cells, r) => {
    const out: string[] = [];
    for (const c of cells) {
      while (covered.has(`${r},${out.length}`)) out.push('');
      for (let i = 0; i < c.rowSpan; i++)
        for (let j = 0; j < c.colSpan; j++) covered.add(`${r + i},${out.length + j}`);
      out.push(c.text, ...blanks(c.colSpan - 1));
    }
    return out;
  });
}

function table2Lines(report: AnnualReport): string[] {
  const { width, blocks } = table2Layout(report);
  // A block with fewer value columns leaves the rest of its line empty.
  return blocks.flatMap((b) => [
    line([b.caption], width),
    line(
      b.header.map((h) => h.text),
      width,
    ),
    ...b.rows.map((r) => line([r.label, ...texts(r.values)], width)),
  ]);
}

function table3Lines(report: AnnualReport): string[] {
  const { header, rows } = table3Layout(report);
  const width = TABLE3_LABEL_COLUMNS + TABLE3_COLUMNS.length;
  return [
    ...headerCells(header).map((cells) => line(cells, width)),
    ...rows.map((r) => {
      // the merged group labels in their first row, empty in the rows below
      const groups = [r.groupStart?.text ?? '', r.subgroupStart?.text ?? ''];
      const labels = [
        ...groups.slice(0, TABLE3_LABEL_COLUMNS - r.labelSpan),
        r.label,
        ...blanks(r.labelSpan - 1),
      ];
      return line([...labels, ...texts(r.values)], width);
    }),
  ];
}

function table4Lines(report: AnnualReport): string[] {
  const { header, values } = table4Layout(report);
  return [...headerCells(header), texts(values)].map((cells) => line(cells, values.length));
}

export function renderText(report: AnnualReport): string {
  const [overview, proactive, applications, remedies, problems, other] = SECTION_HEADINGS;
  const prose = (text: string) => paragraphs(text).join('\n\n');
  const sections: [string, string][] = [
    [overview, prose(report.narrative.overview)],
    [proactive, table2Lines(report).join('\n')],
    [applications, table3Lines(report).join('\n')],
    [remedies, table4Lines(report).join('\n')],
    [problems, prose(report.narrative.problems)],
    [other, prose(report.narrative.other)],
  ];
  const body = sections.map(([heading, text]) => (text ? `${heading}\n\n${text}` : heading));
  return `${[reportTitle(report), ...body].join('\n\n')}\n`;
}
