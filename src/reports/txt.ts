/**
 * The report as plain text, in the layout of published text reports (examples/reports/
 * 2020_yixi-town_chaozhou.txt): title, the six headings, paragraphs separated by a blank line, and
 * each table row as one line of tab-separated cells. A merged cell prints its text in its first
 * cell and leaves the cells it covers empty, so every line of a table has the same number of
 * cells. Labels are the canonical full-width ones of formats.ts.
 */
import {
  SECTION_HEADINGS,
  TABLE2_FIRST_HEADER,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  formatById,
} from '../domain/report/formats.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import {
  cellText,
  isOutcomeRow,
  paragraphs,
  reportTitle,
  subgroupOf,
  table2Value,
  table3Rows,
  table3Values,
  table4Value,
} from './layout.ts';

/** Table 三 has three label columns: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密. */
const T3_LABEL_COLUMNS = 3;

const blanks = (n: number): string[] => Array<string>(n).fill('');

function line(cells: readonly string[], width: number): string {
  if (cells.length > width) throw new RangeError(`${cells.length} cells in a ${width}-cell line`);
  return [...cells, ...blanks(width - cells.length)].join('\t');
}

function table2Lines(report: AnnualReport): string[] {
  const blocks = formatById(report.format).table2;
  const width = 1 + Math.max(...blocks.map((b) => b.columns.length));
  // A block with fewer value columns (2019 （八）（九）; 2021 （五）（六）（八）, whose one value
  // cell spans the width) leaves the rest of its line empty.
  return blocks.flatMap((b) => [
    line([b.caption], width),
    line([TABLE2_FIRST_HEADER, ...b.columns.map((c) => c.label)], width),
    ...b.rows.map((r) =>
      line(
        [r, ...b.columns.map((c) => cellText(table2Value(report, b.caption, r, c.label)))],
        width,
      ),
    ),
  ]);
}

function table3Lines(report: AnnualReport): string[] {
  const width = T3_LABEL_COLUMNS + TABLE3_COLUMNS.length;
  const [person, ...rest] = TABLE3_COLUMNS;
  const orgs = rest.slice(0, -1);
  const total = rest[rest.length - 1]!;
  const lead = blanks(T3_LABEL_COLUMNS);
  // The official header (spec §1.3; the Pingtan HTML): 申请人情况 over all 7 value columns;
  // 自然人 | 法人或其他组织 | 总计; the five kinds of organisation.
  const lines = [
    line([TABLE3_NOTE, ...blanks(T3_LABEL_COLUMNS - 1), TABLE3_APPLICANT_HEADER], width),
    line([...lead, person, TABLE3_ORG_HEADER, ...blanks(orgs.length - 1), total], width),
    line([...lead, '', ...orgs], width),
  ];
  let outcomeSeen = false;
  let lastSubgroup: string | undefined;
  for (const row of table3Rows(report)) {
    let labels: string[];
    if (!isOutcomeRow(row)) labels = [row.label, '', ''];
    else {
      const outer = outcomeSeen ? '' : TABLE3_OUTCOME_GROUP;
      outcomeSeen = true;
      const sub = subgroupOf(row);
      labels = sub ? [outer, sub === lastSubgroup ? '' : sub, row.label] : [outer, row.label, ''];
      lastSubgroup = sub;
    }
    lines.push(line([...labels, ...table3Values(report, row.key).map(cellText)], width));
  }
  return lines;
}

function table4Lines(report: AnnualReport): string[] {
  const n = TABLE4_COLUMNS.length;
  const width = n * TABLE4_GROUPS.length;
  const top: string[] = [];
  const middle: string[] = [];
  const bottom: string[] = [];
  TABLE4_GROUPS.forEach((g, i) => {
    if (g.parent === undefined) {
      top.push(g.label, ...blanks(n - 1));
      middle.push(...TABLE4_COLUMNS);
      bottom.push(...blanks(n));
    } else {
      top.push(TABLE4_GROUPS[i - 1]?.parent === g.parent ? '' : g.parent, ...blanks(n - 1));
      middle.push(g.label, ...blanks(n - 1));
      bottom.push(...TABLE4_COLUMNS);
    }
  });
  const values = TABLE4_GROUPS.flatMap((g) =>
    TABLE4_COLUMNS.map((c) => cellText(table4Value(report, g.key, c))),
  );
  return [top, middle, bottom, values].map((cells) => line(cells, width));
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
