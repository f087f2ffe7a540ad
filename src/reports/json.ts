/**
 * The report as JSON, with the tables under exactly the keys and shapes of the sidecars in
 * examples/reports (`table3`: columns, rows, row_labels; `table4`: columns, values, groups), so
 * a generated report and a published one read by the report readers compare directly.
 * annual-report.schema.json describes the document; `fromJson` reads it back, checking the same
 * things, and names every problem it finds.
 */
import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type AgencyKind,
  type AgencyLevel,
} from '../domain/agency.ts';
import { invalid, type FieldIssue } from '../domain/errors.ts';
import {
  FORMATS,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  formatById,
  type CellKind,
  type FormatId,
  type Table2Column,
  type Table3Column,
} from '../domain/report/formats.ts';
import type {
  AnnualReport,
  ReportNarrative,
  Table2,
  Table2Value,
  Table3,
  Table4,
} from '../domain/report/model.ts';
import { table2Value, table3RowLabel, table3Rows, table3Values, table4Value } from './layout.ts';

export interface AnnualReportJson {
  year: number;
  template: FormatId;
  agency: { name: string; level: AgencyLevel; kind: AgencyKind };
  narrative: ReportNarrative;
  table2: Table2;
  table3: { columns: Table3Column[]; rows: Table3; row_labels: Record<string, string> };
  table4: { columns: string[]; values: (number | null)[]; groups: Table4 };
}

const TOP_KEYS = ['year', 'template', 'agency', 'narrative', 'table2', 'table3', 'table4'];
export const NARRATIVE_KEYS = ['overview', 'problems', 'other'] as const;
/** `行政复议.结果维持` … `复议后起诉.总计`: the sidecars' names of the 15 table-四 values. */
export const TABLE4_VALUE_NAMES = TABLE4_GROUPS.flatMap((g) =>
  TABLE4_COLUMNS.map((c) => `${g.label}.${c}`),
);
/** An amount: a decimal ≥ 0 without grouping, optionally followed by its column's unit. */
export const amountPattern = (unit: string | undefined): string =>
  `^(0|[1-9][0-9]*)(\\.[0-9]+)?${unit ? `(${unit})?` : ''}$`;

/**
 * The table-三 layouts (named by the format whose rows they are) that a format's data may have:
 * its own, and for 2021 also the 2019 single （六） row, which some published 2021-format reports
 * kept (TEMPLATE-MIXED: the validator flags it; the document can still carry it).
 */
export const table3Layouts = (template: FormatId): FormatId[] =>
  template === '2019' ? ['2019'] : [template, '2019'];

const byKey = <T>(keys: readonly string[], value: (key: string) => T): Record<string, T> =>
  Object.fromEntries(keys.map((k) => [k, value(k)]));

export function toJson(report: AnnualReport): AnnualReportJson {
  const format = formatById(report.format);
  const rows = table3Rows(report);
  const keys = rows.map((r) => r.key);
  const groups = byKey(
    TABLE4_GROUPS.map((g) => g.key),
    (g) =>
      byKey(TABLE4_COLUMNS, (c) => table4Value(report, g, c as (typeof TABLE4_COLUMNS)[number])),
  ) as Table4;
  return {
    year: report.year,
    template: report.format,
    agency: { ...report.agency },
    narrative: { ...report.narrative },
    table2: Object.fromEntries(
      format.table2.map((b) => [
        b.caption,
        byKey(b.rows, (r) =>
          byKey(
            b.columns.map((c) => c.label),
            (c) => table2Value(report, b.caption, r, c),
          ),
        ),
      ]),
    ),
    table3: {
      columns: [...TABLE3_COLUMNS],
      rows: byKey(keys, (k) => [...table3Values(report, k)]),
      row_labels: Object.fromEntries(rows.map((r) => [r.key, table3RowLabel(r)])),
    },
    table4: {
      columns: [...TABLE4_VALUE_NAMES],
      values: TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => groups[g.key]![c])),
      groups,
    },
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? '（无）' : JSON.stringify(v));

const CELL_RULES: Record<CellKind, string> = {
  count: '应为非负整数，或 null（空白单元格）',
  signed: '应为整数（减少写负数），或 null（空白单元格）',
  amount: '应为非负小数的字符串，不带千位分隔符（如 "24252.311082"），或 null（空白单元格）',
};

/** Collects every problem with its place, so that one pass reports them all. */
class Reader {
  readonly issues: FieldIssue[] = [];

  /** Reports a problem once, at the highest place: nothing below a place already reported. */
  fail(field: string, label: string, message: string): void {
    const below = (f: string) =>
      field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`);
    if (this.issues.some((i) => below(i.field))) return;
    this.issues.push({ field, label, message });
  }

  /** an object with exactly `keys`; missing and unexpected keys are both reported */
  object(v: unknown, field: string, label: string, keys: readonly string[]): Obj | null {
    if (!isObj(v)) {
      this.fail(field, label, `应为对象，实际为 ${show(v)}`);
      return null;
    }
    const at = (k: string) => (field ? `${field}.${k}` : k);
    for (const k of keys) if (!Object.hasOwn(v, k)) this.fail(at(k), `${label} ${k}`, '缺少此项');
    for (const k of Object.keys(v))
      if (!keys.includes(k))
        this.fail(at(k), `${label} ${k}`, `不应有此项（应有：${keys.join('、')}）`);
    return v;
  }

  cell(v: unknown, field: string, label: string, column: Pick<Table2Column, 'kind' | 'unit'>) {
    const ok =
      v === null ||
      (column.kind === 'amount'
        ? typeof v === 'string' && new RegExp(amountPattern(column.unit)).test(v)
        : Number.isSafeInteger(v) && (column.kind === 'signed' || (v as number) >= 0));
    if (!ok) {
      const unit = column.unit ? `，单位${column.unit}` : '';
      this.fail(field, label, `${CELL_RULES[column.kind]}${unit}；实际为 ${show(v)}`);
    }
    return ok ? (v as Table2Value) : null;
  }

  list(v: unknown, field: string, label: string, length: number): unknown[] {
    if (Array.isArray(v) && v.length === length) return v;
    this.fail(field, label, `应为 ${length} 个值的数组，实际为 ${show(v)}`);
    return [];
  }

  equals(v: unknown, expected: unknown, field: string, label: string): void {
    if (JSON.stringify(v) !== JSON.stringify(expected))
      this.fail(field, label, `应为 ${show(expected)}，实际为 ${show(v)}`);
  }
}

const COUNT = { kind: 'count' } as const;

function readTable2(r: Reader, v: unknown, template: FormatId): Table2 {
  const blocks = formatById(template).table2;
  const t = r.object(
    v,
    'table2',
    '表二',
    blocks.map((b) => b.caption),
  );
  return Object.fromEntries(
    blocks.map((b) => {
      const field = `table2.${b.caption}`;
      const block = t && r.object(t[b.caption], field, `表二 ${b.caption}`, b.rows);
      const rows = b.rows.map((row) => {
        const label = `表二 ${b.caption} ${row}`;
        const cols =
          block &&
          r.object(
            block[row],
            `${field}.${row}`,
            label,
            b.columns.map((c) => c.label),
          );
        const values = b.columns.map((c) => [
          c.label,
          r.cell(cols?.[c.label], `${field}.${row}.${c.label}`, `${label} ${c.label}`, c),
        ]);
        return [row, Object.fromEntries(values)];
      });
      return [b.caption, Object.fromEntries(rows)];
    }),
  );
}

function readTable3(r: Reader, v: unknown, template: FormatId): Table3 {
  const t = r.object(v, 'table3', '表三', ['columns', 'rows', 'row_labels']);
  if (!t) return {};
  r.equals(t.columns, TABLE3_COLUMNS, 'table3.columns', '表三 columns');
  const given = isObj(t.rows) ? Object.keys(t.rows) : [];
  const layouts = table3Layouts(template).map((id) => formatById(id).table3Rows);
  const layout = layouts.find((l) => l.every((row) => given.includes(row.key))) ?? layouts[0]!;
  const rows = r.object(
    t.rows,
    'table3.rows',
    '表三 rows',
    layout.map((row) => row.key),
  );
  const labels = r.object(
    t.row_labels,
    'table3.row_labels',
    '表三 row_labels',
    layout.map((row) => row.key),
  );
  const out: Table3 = {};
  for (const row of layout) {
    const field = `table3.rows.${row.key}`;
    const values = r.list(rows?.[row.key], field, `表三 ${row.key}`, TABLE3_COLUMNS.length);
    out[row.key] = values.map((x, i) =>
      r.cell(x, `${field}[${i}]`, `表三 ${row.key} ${TABLE3_COLUMNS[i]}`, COUNT),
    ) as (number | null)[];
    if (labels && Object.hasOwn(labels, row.key))
      r.equals(
        labels[row.key],
        table3RowLabel(row),
        `table3.row_labels.${row.key}`,
        `表三 ${row.key} 的名称`,
      );
  }
  return out;
}

function readTable4(r: Reader, v: unknown): Table4 {
  const t = r.object(v, 'table4', '表四', ['columns', 'values', 'groups']);
  if (!t) return {};
  r.equals(t.columns, TABLE4_VALUE_NAMES, 'table4.columns', '表四 columns');
  const values = r.list(t.values, 'table4.values', '表四 values', TABLE4_VALUE_NAMES.length);
  const groups = r.object(
    t.groups,
    'table4.groups',
    '表四 groups',
    TABLE4_GROUPS.map((g) => g.key),
  );
  const out: Table4 = {};
  TABLE4_GROUPS.forEach((g, gi) => {
    const field = `table4.groups.${g.key}`;
    const cols = groups && r.object(groups[g.key], field, `表四 ${g.key}`, TABLE4_COLUMNS);
    const entries = TABLE4_COLUMNS.map((c, ci) => {
      const label = `表四 ${g.label} ${c}`;
      const value = r.cell(cols?.[c], `${field}.${c}`, label, COUNT) as number | null;
      // `values` repeats `groups` in template order; the two must agree
      const i = gi * TABLE4_COLUMNS.length + ci;
      if (cols && i < values.length && values[i] !== cols[c])
        r.fail(
          `table4.values[${i}]`,
          label,
          `为 ${show(values[i])}，与 groups 中的 ${show(cols[c])} 不一致`,
        );
      return [c, value];
    });
    out[g.key] = Object.fromEntries(entries) as Table4[string];
  });
  return out;
}

/** Reads a document written by `toJson` (or any document valid against the schema). */
export function fromJson(v: unknown): AnnualReport {
  const r = new Reader();
  const doc = r.object(v, '', '年度报告', TOP_KEYS);
  if (!doc) throw invalid(r.issues[0]!.message, r.issues);
  const year = doc.year;
  if (!Number.isSafeInteger(year) || (year as number) < 2019)
    r.fail('year', '年度', `应为 2019 或以后的年份（整数），实际为 ${show(year)}`);
  const template = FORMATS.find((f) => f.id === doc.template)?.id;
  if (!template)
    r.fail(
      'template',
      '格式',
      `应为 ${FORMATS.map((f) => `"${f.id}"`).join(' 或 ')}，实际为 ${show(doc.template)}`,
    );
  const agency = r.object(doc.agency, 'agency', '机关', ['name', 'level', 'kind']);
  if (agency && (typeof agency.name !== 'string' || agency.name.trim() === ''))
    r.fail('agency.name', '机关名称', '应为非空字符串');
  if (agency && !AGENCY_LEVELS.includes(agency.level as AgencyLevel))
    r.fail(
      'agency.level',
      '机关层级',
      `应为 ${AGENCY_LEVELS.join('、')} 之一，实际为 ${show(agency.level)}`,
    );
  if (agency && !AGENCY_KINDS.includes(agency.kind as AgencyKind))
    r.fail(
      'agency.kind',
      '机关类型',
      `应为 ${AGENCY_KINDS.join('、')} 之一，实际为 ${show(agency.kind)}`,
    );
  const narrative = r.object(doc.narrative, 'narrative', '正文', NARRATIVE_KEYS);
  for (const k of NARRATIVE_KEYS)
    if (narrative && Object.hasOwn(narrative, k) && typeof narrative[k] !== 'string')
      r.fail(`narrative.${k}`, `正文 ${k}`, '应为字符串');
  const table2 = template && readTable2(r, doc.table2, template);
  const table3 = template && readTable3(r, doc.table3, template);
  const table4 = readTable4(r, doc.table4);
  if (r.issues.length > 0 || !template || !table2 || !table3 || !agency || !narrative) {
    const first = r.issues.slice(0, 3).map((i) => `${i.label}：${i.message}`);
    const more = r.issues.length > 3 ? `；另有 ${r.issues.length - 3} 处` : '';
    throw invalid(
      `年度报告数据有 ${r.issues.length} 处错误：${first.join('；')}${more}。`,
      r.issues,
    );
  }
  return {
    year: year as number,
    format: template,
    agency: {
      name: agency.name as string,
      level: agency.level as AgencyLevel,
      kind: agency.kind as AgencyKind,
    },
    narrative: {
      overview: narrative.overview as string,
      problems: narrative.problems as string,
      other: narrative.other as string,
    },
    table2,
    table3,
    table4,
  };
}
