/**
 * Checks of table 三 (applications) and table 四 (复议/诉讼), spec §1.6: T3-NONNEG, T3-COL,
 * T3-SUM7, T3-ROW, T4-NONNEG, T4-SUM. Blank operands make an instance unverifiable, never 0.
 */
import {
  FORMAT_2019,
  FORMAT_2021,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type Table4Group,
} from './formats.ts';
import type { AnnualReport } from './model.ts';
import {
  checkEquations,
  t3,
  t4,
  table3Keys,
  table3RowLabel,
  type Issue,
  type RuleContext,
} from './rule-helpers.ts';

const describeValue = (v: unknown): string | number =>
  typeof v === 'number' ? v : typeof v === 'string' ? v : String(v);

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function checkT3NonNeg(report: AnnualReport, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  for (const row of table3Keys(report, ctx)) {
    TABLE3_COLUMNS.forEach((col, i) => {
      const v: unknown = report.table3[row]?.[i];
      if (v === null || v === undefined || isCount(v)) return;
      out.push({
        where: `table3 row ${row} column ${col}`,
        cell: { table: 'table3', row, column: col },
        stated: describeValue(v),
        message: `表三“${table3RowLabel(row)}”行“${col}”列填写为“${String(v)}”，申请件数只能是非负整数。请按申请台账改正。`,
      });
    });
  }
  return out;
}

export function checkT3Col(report: AnnualReport): Issue[] {
  return checkEquations(
    TABLE3_COLUMNS.map((col) => ({
      key: col,
      where: `table3 column ${col}`,
      cell: { table: 'table3', row: '三（七）', column: col },
      lhs: [t3(report, '一', col), t3(report, '二', col)],
      rhs: [t3(report, '三（七）', col), t3(report, '四', col)],
      message(s, c) {
        return `表三“${col}”列：第一项（本年新收）加第二项（上年结转）之和为${s}，第三项（七）总计加第四项（结转下年度继续办理）之和却为${c}。表头注明本列两者应相等，请逐项核对本列数字后改正。`;
      },
    })),
    {
      prefix: 'table3',
      name: '表三',
      noun: 'column',
      all: TABLE3_COLUMNS,
      cell: { table: 'table3' },
      statement: '表三表头注明的勾稽关系“第一项加第二项之和，等于第三项加第四项之和”',
    },
  );
}

/**
 * The outcome rows （一）–（六） the table actually has: the 2021 sub-rows （六）1–3 when any is
 * present, else the single 2019 row （六） (the Hongze hybrid), else the declared layout.
 */
export function outcomeRows(report: AnnualReport, ctx: RuleContext): string[] {
  const keys = Object.keys(report.table3);
  const layout = keys.some((k) => k.startsWith('三（六）') && k !== '三（六）')
    ? FORMAT_2021
    : keys.includes('三（六）')
      ? FORMAT_2019
      : ctx.format;
  return layout.table3Rows.map((r) => r.key).filter((k) => k.startsWith('三') && k !== '三（七）');
}

export function checkT3Sum7(report: AnnualReport, ctx: RuleContext): Issue[] {
  const rows = outcomeRows(report, ctx);
  return checkEquations(
    TABLE3_COLUMNS.map((col) => ({
      key: col,
      where: `table3 column ${col}`,
      cell: { table: 'table3', row: '三（七）', column: col },
      lhs: [t3(report, '三（七）', col)],
      rhs: rows.map((r) => t3(report, r, col)),
      message(s, c) {
        return `表三“${col}”列：“（七）总计”填写为${s}，但（一）至（六）各项办理结果之和为${c}。总计应等于各项之和，请核对分项或总计后改正。`;
      },
    })),
    {
      prefix: 'table3',
      name: '表三',
      noun: 'column',
      all: TABLE3_COLUMNS,
      cell: { table: 'table3', row: '三（七）' },
      statement: '“（七）总计等于（一）至（六）各项之和”',
    },
  );
}

const APPLICANTS = TABLE3_COLUMNS.filter((c) => c !== '总计');

export function checkT3Row(report: AnnualReport, ctx: RuleContext): Issue[] {
  const keys = table3Keys(report, ctx);
  return checkEquations(
    keys.map((row) => ({
      key: row,
      where: `table3 row ${row}`,
      cell: { table: 'table3', row, column: '总计' },
      lhs: [t3(report, row, '总计')],
      rhs: APPLICANTS.map((col) => t3(report, row, col)),
      message(s, c) {
        return `表三“${table3RowLabel(row)}”行：“总计”列填写为${s}，但自然人及各类法人或其他组织之和为${c}。总计应等于六个申请人类别之和（表中没有“法人或其他组织”小计列），请核对后改正。`;
      },
    })),
    {
      prefix: 'table3',
      name: '表三',
      noun: 'row',
      all: keys,
      cell: { table: 'table3', column: '总计' },
      statement: '“每行总计等于各申请人类别之和”',
      listRows: true,
    },
  );
}

const groupLabel = (g: Table4Group): string => (g.parent ? `${g.parent}（${g.label}）` : g.label);

export function checkT4NonNeg(report: AnnualReport): Issue[] {
  const out: Issue[] = [];
  for (const g of TABLE4_GROUPS) {
    for (const col of TABLE4_COLUMNS) {
      const v = t4(report, g.key, col);
      if (v === null || v === undefined || isCount(v)) continue;
      out.push({
        where: `table4 ${g.key} ${col}`,
        cell: { table: 'table4', row: g.key, column: col },
        stated: describeValue(v),
        message: `表四“${groupLabel(g)}”的“${col}”填写为“${String(v)}”，案件数只能是非负整数。请按复议、诉讼台账改正。`,
      });
    }
  }
  return out;
}

export function checkT4Sum(report: AnnualReport): Issue[] {
  const parts = TABLE4_COLUMNS.filter((c) => c !== '总计');
  return checkEquations(
    TABLE4_GROUPS.map((g) => ({
      key: g.key,
      where: `table4 ${g.key}`,
      cell: { table: 'table4', row: g.key, column: '总计' },
      lhs: [t4(report, g.key, '总计')],
      rhs: parts.map((c) => t4(report, g.key, c)),
      message(s, c) {
        return `表四“${groupLabel(g)}”：结果维持、结果纠正、其他结果、尚未审结四项之和为${c}，但“总计”填写为${s}。总计应等于四项之和，请改正。`;
      },
    })),
    {
      prefix: 'table4',
      name: '表四',
      noun: 'group',
      all: TABLE4_GROUPS.map((g) => g.key),
      cell: { table: 'table4', column: '总计' },
      statement: '表四“总计等于结果维持、结果纠正、其他结果、尚未审结之和”',
      listRows: true,
    },
  );
}
