/**
 * What every renderer of the report model shares: the walk over each table in the template's
 * grid (its header cells with their spans, its rows with their labels and values), which
 * table-三 rows a report has, how a cell prints, and how narrative text splits into paragraphs.
 * Pure functions of the model; a renderer only formats what these return.
 */
import {
  FORMAT_2019,
  TABLE2_FIRST_HEADER,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  formatById,
  type Table3Row,
  type Table4Column,
} from '../domain/report/formats.ts';
import type { AnnualReport, Table2, Table2Value, Table3, Table4 } from '../domain/report/model.ts';
import type { ReportCell } from '../domain/report/provenance.ts';

const OTHER = '三（六）';
const OTHER_SPLIT = ['三（六）1', '三（六）2', '三（六）3'];

/**
 * Table-三 rows in print order. A 2021-format report whose data has the single `三（六）` row
 * (a published report that kept the 2019 row, as 洪泽区 2023 did: TEMPLATE-MIXED) is printed
 * as it is, with that single row; the rows are otherwise identical in both formats.
 */
export function table3Rows(report: AnnualReport): readonly Table3Row[] {
  const single = OTHER in report.table3 && !(OTHER_SPLIT[0]! in report.table3);
  return single ? FORMAT_2019.table3Rows : formatById(report.format).table3Rows;
}

/**
 * The 7 values of a table-三 row. The 2019 format's single （六） row is the sum of 2021-style
 * （六）1–3 when the data has those (spec §1.9); a blank in any of them leaves the sum blank.
 */
export function table3Values(report: AnnualReport, key: string): readonly (number | null)[] {
  const values = report.table3[key];
  if (values) return values;
  if (key === OTHER && OTHER_SPLIT.every((k) => k in report.table3)) {
    const parts = OTHER_SPLIT.map((k) => report.table3[k]!);
    return parts[0]!.map((_, c) =>
      parts.reduce<number | null>((sum, row) => {
        const v = row[c];
        return sum === null || v === null || v === undefined ? null : sum + v;
      }, 0),
    );
  }
  throw new RangeError(`report model: table3 has no row ${key}`);
}

/**
 * The report with every cell its layout has: a report read from a published document may lack
 * rows, groups or whole tables (READ-MISSING-ROW and TABLE-SHAPE say which); printed, those
 * cells are blank, never 0 and never an error. Cells present are kept as they are (so are cells
 * outside the layout). A generated report is always whole, and comes back equal.
 */
export function withBlanks(report: AnnualReport): AnnualReport {
  const table2: Table2 = {};
  for (const [caption, rows] of Object.entries(report.table2))
    table2[caption] = Object.fromEntries(Object.entries(rows).map(([r, cols]) => [r, { ...cols }]));
  for (const b of formatById(report.format).table2)
    for (const row of b.rows)
      for (const c of b.columns) ((table2[b.caption] ??= {})[row] ??= {})[c.label] ??= null;
  const table3: Table3 = { ...report.table3 };
  for (const row of table3Rows(report))
    if (!(row.key in table3)) table3[row.key] = TABLE3_COLUMNS.map(() => null);
  const table4 = { ...report.table4 };
  for (const g of TABLE4_GROUPS)
    table4[g.key] = Object.fromEntries(
      TABLE4_COLUMNS.map((c) => [c, report.table4[g.key]?.[c] ?? null]),
    ) as Table4[string];
  return { ...report, table2, table3, table4 };
}

/** Whether a table-三 row sits under 三、本年度办理结果 (its key starts with 三). */
export const isOutcomeRow = (row: Table3Row): boolean => row.key.startsWith('三');

/** The row's own group below 三、本年度办理结果 (（三）不予公开 …), if it has one. */
export const subgroupOf = (row: Table3Row): string | undefined =>
  row.group !== undefined && row.group !== TABLE3_OUTCOME_GROUP ? row.group : undefined;

/** The sidecars' row label: `（三）不予公开 1.属于国家秘密`, or the row's own label. */
export function table3RowLabel(row: Table3Row): string {
  const group = subgroupOf(row);
  return group ? `${group} ${row.label}` : row.label;
}

export function table2Value(
  report: AnnualReport,
  caption: string,
  row: string,
  column: string,
): Table2Value {
  const v = report.table2[caption]?.[row]?.[column];
  if (v === undefined)
    throw new RangeError(`report model: table2 has no ${caption} ${row} ${column}`);
  return v;
}

/**
 * A cell as printed: blank stays blank (never 0: the engine fills 0 itself), a count as an
 * integer, an amount as its decimal string.
 */
export function cellText(v: Table2Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (!Number.isSafeInteger(v)) throw new RangeError(`report model: ${v} is not an integer`);
  return String(v);
}

/** Narrative text → paragraphs: one per line, blank lines and surrounding spaces dropped. */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/**
 * `${agency}${year}年政府信息公开工作年度报告`, e.g. 潮州市湘桥区人民政府2022年政府信息公开工作年度报告:
 * the agency first, so that a name ending in 人民政府 does not run into 政府信息公开.
 */
export const reportTitle = (report: AnnualReport): string =>
  `${report.agency.name}${report.year}年政府信息公开工作年度报告`;

export function table4Value(
  report: AnnualReport,
  group: string,
  column: Table4Column,
): number | null {
  const v = report.table4[group]?.[column];
  if (v === undefined) throw new RangeError(`report model: table4 has no ${group} ${column}`);
  return v;
}

// ---- the tables in the template's grid ----

/**
 * A header cell with its spans, as in HTML. `group` heads a whole column group (行政复议,
 * 申请人情况 …); `note` is table 三's corner cell, the stub head over the three label columns,
 * which the template sets as a label.
 */
export interface HeaderCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  kind: 'column' | 'group' | 'note';
}

const headerCell = (
  text: string,
  colSpan = 1,
  rowSpan = 1,
  kind: HeaderCell['kind'] = 'column',
): HeaderCell => ({ text, colSpan, rowSpan, kind });

/** A value with the cell it fills (the drill-down's key) and the columns it spans. */
export interface ValueCell {
  cell: ReportCell;
  value: Table2Value;
  span: number;
}

export interface Table2Section {
  /** 第二十条第（X）项 */
  caption: string;
  /** 信息内容 and the block's column labels */
  header: HeaderCell[];
  rows: { label: string; values: ValueCell[] }[];
}

/**
 * Table 二 as the template's one grid: `width` columns (the label column and the widest block's
 * value columns); a block with fewer value columns (2019 （八）（九）; 2021 （五）（六）（八）) lets
 * its last one span the rest.
 */
export function table2Layout(report: AnnualReport): { width: number; blocks: Table2Section[] } {
  const blocks = formatById(report.format).table2;
  const width = 1 + Math.max(...blocks.map((b) => b.columns.length));
  return {
    width,
    blocks: blocks.map((b) => {
      const span = (i: number) => (i === b.columns.length - 1 ? width - b.columns.length : 1);
      return {
        caption: b.caption,
        header: [
          headerCell(TABLE2_FIRST_HEADER),
          ...b.columns.map((c, i) => headerCell(c.label, span(i))),
        ],
        rows: b.rows.map((row) => ({
          label: row,
          values: b.columns.map((c, i) => ({
            cell: { table: 'table2', caption: b.caption, row, column: c.label },
            value: table2Value(report, b.caption, row, c.label),
            span: span(i),
          })),
        })),
      };
    }),
  };
}

/** A label merged down the rows of its group, given on the group's first row. */
export interface MergedLabel {
  text: string;
  rows: number;
}

export interface Table3Line {
  key: string;
  label: string;
  /** under 三、本年度办理结果 */
  outcome: boolean;
  /** the row's group below 三、本年度办理结果 (（三）不予公开 …), on each of its rows */
  subgroup: string | undefined;
  /** label columns the row's own label spans: 3 (一, 二, 四), 2 (under 三), 1 (in a subgroup) */
  labelSpan: number;
  /** 三、本年度办理结果, on the first outcome row */
  groupStart?: MergedLabel;
  /** the subgroup's label, on its first row */
  subgroupStart?: MergedLabel;
  values: ValueCell[];
}

/** Table 三 has three label columns: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密. */
export const TABLE3_LABEL_COLUMNS = 3;

/**
 * Table 三 in the template's grid: the official header (spec §1.3; the Pingtan HTML) — the note
 * over the three label columns, 申请人情况 over all 7 value columns; 自然人 | 法人或其他组织 | 总计;
 * the five kinds of organisation — and the rows with their merged group labels.
 */
export function table3Layout(report: AnnualReport): { header: HeaderCell[][]; rows: Table3Line[] } {
  const rows = table3Rows(report);
  const outcome = rows.filter(isOutcomeRow);
  const [person, ...rest] = TABLE3_COLUMNS;
  const orgs = rest.slice(0, -1);
  const total = rest[rest.length - 1]!;
  const header = [
    [
      headerCell(TABLE3_NOTE, TABLE3_LABEL_COLUMNS, 3, 'note'),
      headerCell(TABLE3_APPLICANT_HEADER, TABLE3_COLUMNS.length, 1, 'group'),
    ],
    [headerCell(person, 1, 2), headerCell(TABLE3_ORG_HEADER, orgs.length), headerCell(total, 1, 2)],
    orgs.map((o) => headerCell(o)),
  ];
  const lines = rows.map((row): Table3Line => {
    const isOutcome = isOutcomeRow(row);
    const sub = isOutcome ? subgroupOf(row) : undefined;
    const members = sub === undefined ? [] : rows.filter((r) => subgroupOf(r) === sub);
    return {
      key: row.key,
      label: row.label,
      outcome: isOutcome,
      subgroup: sub,
      labelSpan: !isOutcome ? TABLE3_LABEL_COLUMNS : sub === undefined ? 2 : 1,
      ...(row === outcome[0]
        ? { groupStart: { text: TABLE3_OUTCOME_GROUP, rows: outcome.length } }
        : {}),
      ...(sub !== undefined && row === members[0]
        ? { subgroupStart: { text: sub, rows: members.length } }
        : {}),
      values: table3Values(report, row.key).map((value, column) => ({
        cell: { table: 'table3', row: row.key, column },
        value,
        span: 1,
      })),
    };
  });
  return { header, rows: lines };
}

/**
 * Table 四: three header rows — the top-level groups (行政复议; 行政诉讼 over its two kinds), then
 * 行政复议's columns (down two rows) and the kinds of 行政诉讼, then their columns — and the 15
 * values in one row, group by group.
 */
export function table4Layout(report: AnnualReport): {
  header: HeaderCell[][];
  values: ValueCell[];
} {
  const n = TABLE4_COLUMNS.length;
  const top = TABLE4_GROUPS.filter(
    (g, i) => g.parent === undefined || TABLE4_GROUPS[i - 1]?.parent !== g.parent,
  ).map((g) => {
    const span = g.parent ? TABLE4_GROUPS.filter((x) => x.parent === g.parent).length * n : n;
    return headerCell(g.parent ?? g.label, span, 1, 'group');
  });
  const middle = TABLE4_GROUPS.flatMap((g) =>
    g.parent === undefined
      ? TABLE4_COLUMNS.map((c) => headerCell(c, 1, 2))
      : [headerCell(g.label, n)],
  );
  const bottom = TABLE4_GROUPS.filter((g) => g.parent !== undefined).flatMap(() =>
    TABLE4_COLUMNS.map((c) => headerCell(c)),
  );
  const values = TABLE4_GROUPS.flatMap((g) =>
    TABLE4_COLUMNS.map((column): ValueCell => ({
      cell: { table: 'table4', group: g.key, column },
      value: table4Value(report, g.key, column),
      span: 1,
    })),
  );
  return { header: [top, middle, bottom], values };
}
