/**
 * BLANK-CELL (spec §1.8, §5): blank ≠ 0. One warning per table, with the number of blank cells
 * and the rows they are in; the arithmetic rules report separately what they cannot evaluate.
 * Rows whose cells a reader could not read (RuleContext.unread) are not counted: their empty
 * cells are unknown, not blank.
 */
import { TABLE4_GROUPS } from './formats.ts';
import type { AnnualReport } from './model.ts';
import {
  BLANK_ADVICE,
  CAPTION_ORDER,
  describeKeys,
  ordered,
  table3Keys,
  type Issue,
  type RuleContext,
} from './rule-helpers.ts';

interface BlankRow {
  key: string;
  blanks: number;
  size: number;
}

function blankIssue(
  table: 'table2' | 'table3' | 'table4',
  name: string,
  rows: BlankRow[],
  order: string[],
): Issue[] {
  const hit = rows.filter((r) => r.blanks > 0);
  if (hit.length === 0) return [];
  const count = hit.reduce((s, r) => s + r.blanks, 0);
  const keys = hit.map((r) => r.key);
  const widths = new Set(hit.map((r) => r.size));
  const full = hit.every((r) => r.blanks === r.size);
  const span = full
    ? widths.size === 1
      ? `all ${[...widths][0]} columns`
      : 'all columns'
    : `${count} ${count === 1 ? 'cell' : 'cells'}`;
  const where = `${table} ${keys.length > 1 ? 'rows' : 'row'} ${describeKeys(keys, order)}, ${span}`;
  return [
    {
      where,
      cell: { table, ...(keys.length === 1 ? { row: keys[0] } : {}) },
      count,
      rows: keys,
      message: `${name}有${count}个单元格为空（${describeKeys(keys, order)}），相关勾稽关系因此无法核对。${BLANK_ADVICE}`,
    },
  ];
}

export function checkBlankCells(report: AnnualReport, ctx: RuleContext): Issue[] {
  const { unread } = ctx;
  const known = unread?.size ? (where: string) => !unread.has(where) : () => true;
  const t2rows: BlankRow[] = [];
  for (const caption of ordered(Object.keys(report.table2), CAPTION_ORDER)) {
    for (const [row, cells] of Object.entries(report.table2[caption] ?? {})) {
      if (!known(`table2 ${caption} ${row}`)) continue;
      const values = Object.values(cells);
      t2rows.push({
        key: `${caption} ${row}`,
        blanks: values.filter((v) => v === null).length,
        size: values.length,
      });
    }
  }
  const t3keys = table3Keys(report, ctx).filter((key) => known(`table3 ${key}`));
  const t3rows = t3keys.map((key) => {
    const values = report.table3[key] ?? [];
    return { key, blanks: values.filter((v) => v === null).length, size: values.length };
  });
  const t4keys = known('table4')
    ? ordered(
        Object.keys(report.table4),
        TABLE4_GROUPS.map((g) => g.key),
      )
    : [];
  const t4rows = t4keys.map((key) => {
    const values = Object.values(report.table4[key] ?? {});
    return { key, blanks: values.filter((v) => v === null).length, size: values.length };
  });
  return [
    ...blankIssue(
      'table2',
      '表二',
      t2rows,
      t2rows.map((r) => r.key),
    ),
    ...blankIssue('table3', '表三', t3rows, t3keys),
    ...blankIssue('table4', '表四', t4rows, t4keys),
  ];
}
