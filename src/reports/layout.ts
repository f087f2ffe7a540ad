/**
 * What every renderer of the report model shares: which table-三 rows a report has, how a cell
 * prints, and how narrative text splits into paragraphs. Pure functions of the model.
 */
import {
  FORMAT_2019,
  TABLE3_OUTCOME_GROUP,
  formatById,
  type Table3Row,
  type Table4Column,
} from '../domain/report/formats.ts';
import type { AnnualReport, Table2Value } from '../domain/report/model.ts';

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
