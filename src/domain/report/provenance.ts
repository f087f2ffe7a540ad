/**
 * Provenance of a computed report cell: which records of the agency the cell counts, as a typed
 * selection plus a Chinese sentence stating the rule. The selection is derived from the same
 * definitions the report is assembled from (outcomes.ts, table2-sources.ts, formats.ts), so a
 * total row or column is the union of its parts by construction. `store/report-provenance.ts`
 * lists the selected records with the bucket conditions of `store/report-records.ts`;
 * `recordSelected` states the same conditions over one record, for tests and checks.
 */
import type { ApplicationCount } from './assemble.ts';
import {
  formatById,
  TABLE3_COLUMNS,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type FeeColumn,
  type FormatId,
  type Table3Row,
  type Table4Column,
} from './formats.ts';
import type { AnnualReport, Table2Value } from './model.ts';
import {
  APPLICANT_TYPES,
  OUTCOMES,
  outcomeByCode,
  outcomeRow,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type ApplicantType,
  type ReviewKind,
  type ReviewResult,
} from './outcomes.ts';
import {
  FIGURES,
  TABLE2_SOURCES,
  type DocumentKind,
  type DocumentMeasure,
} from './table2-sources.ts';

/** A cell, addressed by the model's keys: table 三 columns by index (TABLE3_COLUMNS order). */
export type ReportCell =
  | { table: 'table2'; caption: string; row: string; column: string }
  | { table: 'table3'; row: string; column: number }
  | { table: 'table4'; group: string; column: Table4Column }
  // a published report's fee table (FEE_TABLE): no records behind it, no provenance
  | { table: 'fees'; column: FeeColumn };

export type ApplicationBucket = ApplicationCount['bucket'];

export type Provenance =
  | {
      records: 'applications';
      bucket: ApplicationBucket;
      /** outcome codes (bucket `decided` only); null: any outcome */
      outcomes: readonly string[] | null;
      applicantTypes: readonly ApplicantType[];
    }
  | { records: 'review_cases'; kinds: readonly ReviewKind[]; results: readonly ReviewResult[] }
  | { records: 'documents'; kind: DocumentKind; measure: DocumentMeasure }
  | { records: 'figure'; key: string };

/** A cell the platform computes from records: any but a published report's fee table. */
export type RecordCell = Exclude<ReportCell, { table: 'fees' }>;

export interface CellProvenance {
  cell: RecordCell;
  /** 表三 三（一）予以公开 · 自然人 */
  label: string;
  provenance: Provenance;
  /** the rule in one Chinese sentence */
  description: string;
}

/** The table-三 rows fed by a bucket other than `decided`. */
const BUCKET_OF_ROW: Readonly<Record<string, ApplicationBucket>> = {
  一: 'received',
  二: 'carried_in',
  四: 'carried_out',
};
const TOTAL_ROW = '三（七）';
const TOTAL_COLUMN = TABLE3_COLUMNS.length - 1;

export const TABLE_NAMES = { table2: '表二', table3: '表三', table4: '表四' } as const;

/** The provenance of a cell in a format, or null when the format has no such cell. */
export function cellProvenance(
  format: FormatId,
  cell: ReportCell,
  year: number,
): CellProvenance | null {
  if (cell.table === 'table2') return table2Provenance(format, cell, year);
  if (cell.table === 'table3') return table3Provenance(format, cell, year);
  if (cell.table === 'fees') return null;
  return table4Provenance(cell, year);
}

/** Every computed cell of a format, in print order. */
export function reportCells(format: FormatId): ReportCell[] {
  const f = formatById(format);
  const cells: ReportCell[] = [];
  for (const b of f.table2)
    for (const row of b.rows)
      for (const c of b.columns)
        cells.push({ table: 'table2', caption: b.caption, row, column: c.label });
  for (const r of f.table3Rows)
    for (let column = 0; column < TABLE3_COLUMNS.length; column++)
      cells.push({ table: 'table3', row: r.key, column });
  for (const g of TABLE4_GROUPS)
    for (const column of TABLE4_COLUMNS) cells.push({ table: 'table4', group: g.key, column });
  return cells;
}

/** The value of a cell in a report; undefined when the report has no such cell. */
export function cellValue(report: AnnualReport, cell: ReportCell): Table2Value | undefined {
  if (cell.table === 'table2') return report.table2[cell.caption]?.[cell.row]?.[cell.column];
  if (cell.table === 'table3') return report.table3[cell.row]?.[cell.column];
  if (cell.table === 'fees') return report.fees?.[cell.column];
  return report.table4[cell.group]?.[cell.column];
}

function table2Provenance(
  format: FormatId,
  cell: Extract<ReportCell, { table: 'table2' }>,
  year: number,
): CellProvenance | null {
  const block = formatById(format).table2.find((b) => b.caption === cell.caption);
  if (!block?.rows.includes(cell.row) || !block.columns.some((c) => c.label === cell.column))
    return null;
  const source = TABLE2_SOURCES[format][cell.caption]?.[cell.row]?.[cell.column];
  if (!source) return null;
  const label = `${TABLE_NAMES.table2} ${cell.caption} · ${cell.row} · ${cell.column}`;
  if (source.kind === 'figure') {
    const def = FIGURES.find((f) => f.key === source.key);
    return {
      cell,
      label,
      provenance: { records: 'figure', key: source.key },
      description: `${year}年度统计数据“${def?.label ?? source.key}”${def?.unit ? `（单位：${def.unit}）` : ''}，由机关从其他业务系统统计后录入，并注明来源，不由本平台的记录计算。`,
    };
  }
  return {
    cell,
    label,
    provenance: { records: 'documents', kind: source.document, measure: source.measure },
    description: documentSentence(source.document, source.measure, year),
  };
}

const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  rules: '规章',
  normative: '行政规范性文件',
};

function documentSentence(kind: DocumentKind, measure: DocumentMeasure, year: number): string {
  const what = `本机关文件登记簿中的${DOCUMENT_NAMES[kind]}`;
  switch (measure) {
    case 'written':
      return `${year}年内成文（制作）的${what}（按成文日期）。`;
    case 'issued':
    case 'published':
      return `${year}年内公开发布的${what}（按发布日期）。`;
    case 'repealed':
      return `${year}年内废止的${what}（按废止日期）。`;
    case 'in_force':
      return `截至${year}年12月31日已公开发布且尚未废止的${what}。`;
  }
}

function table3RowLabel(row: Table3Row): string {
  if (row.group === undefined) return row.label;
  return row.group === TABLE3_OUTCOME_GROUP ? `三${row.label}` : `三${row.group} ${row.label}`;
}

function table3Provenance(
  format: FormatId,
  cell: Extract<ReportCell, { table: 'table3' }>,
  year: number,
): CellProvenance | null {
  const row = formatById(format).table3Rows.find((r) => r.key === cell.row);
  const column = TABLE3_COLUMNS[cell.column];
  if (!row || column === undefined || !Number.isInteger(cell.column)) return null;
  const applicantTypes =
    cell.column === TOTAL_COLUMN
      ? APPLICANT_TYPES.map((t) => t.code)
      : APPLICANT_TYPES.filter((t) => t.column === column).map((t) => t.code);
  const label = `${TABLE_NAMES.table3} ${table3RowLabel(row)} · ${column}`;
  const bucket = BUCKET_OF_ROW[row.key];
  const provenance: Provenance = bucket
    ? { records: 'applications', bucket, outcomes: null, applicantTypes }
    : {
        records: 'applications',
        bucket: 'decided',
        outcomes: OUTCOMES.map((o) => o.code).filter((code) =>
          row.key === TOTAL_ROW
            ? outcomeRow(code, format) !== undefined
            : outcomeRow(code, format) === row.key,
        ),
        applicantTypes,
      };
  return { cell, label, provenance, description: applicationSentence(provenance, year) };
}

/** 自然人; the organisation columns with their header, so that 其他 is not ambiguous */
export function applicantTypeLabel(code: string): string {
  const t = APPLICANT_TYPES.find((x) => x.code === code);
  if (!t) return code;
  return t.code === 'natural_person' ? t.column : `法人或其他组织·${t.column}`;
}

function applicantClause(types: readonly ApplicantType[]): string {
  if (types.length === APPLICANT_TYPES.length) return '全部申请人';
  return `申请人为${types.map(applicantTypeLabel).join('、')}`;
}

function applicationSentence(
  p: Extract<Provenance, { records: 'applications' }>,
  year: number,
): string {
  const who = `（${applicantClause(p.applicantTypes)}）`;
  switch (p.bucket) {
    case 'received':
      return `${year}年内收到的政府信息公开申请${who}。`;
    case 'carried_in':
      return `${year - 1}年及以前收到、至${year}年1月1日尚未作出答复的申请${who}。`;
    case 'carried_out':
      return `截至${year}年12月31日已收到、至当日尚未作出答复的申请${who}，结转下年度继续办理。`;
    case 'decided': {
      const outcomes = p.outcomes ?? [];
      const all = outcomes.length === OUTCOMES.length;
      const labels = outcomes.map((c) => `“${innerQuotes(outcomeByCode(c)?.label ?? c)}”`);
      const result = all
        ? '（全部答复结果）'
        : `、答复结果为${labels.length > 1 ? `${labels.slice(0, -1).join('、')}或${labels.at(-1)}` : labels[0]}`;
      return `${year}年内作出答复${result}的申请${who}。`;
    }
  }
}

/** Quotation marks inside “…” become ‘…’ (GB/T 15834). */
const innerQuotes = (s: string) => s.replace(/“/g, '‘').replace(/”/g, '’');

function table4Provenance(
  cell: Extract<ReportCell, { table: 'table4' }>,
  year: number,
): CellProvenance | null {
  const group = TABLE4_GROUPS.find((g) => g.key === cell.group);
  if (!group || !TABLE4_COLUMNS.includes(cell.column)) return null;
  const kinds = REVIEW_KINDS.filter((k) => k.group === group.key).map((k) => k.code);
  const results =
    cell.column === '总计'
      ? REVIEW_RESULTS.map((r) => r.code)
      : REVIEW_RESULTS.filter((r) => r.column === cell.column).map((r) => r.code);
  const groupLabel = group.parent ? `${group.parent}（${group.label}）` : group.label;
  const provenance: Provenance = { records: 'review_cases', kinds, results };
  return {
    cell,
    label: `${TABLE_NAMES.table4} ${groupLabel} · ${cell.column}`,
    provenance,
    description: reviewSentence(groupLabel, results, year),
  };
}

function reviewSentence(kind: string, results: readonly ReviewResult[], year: number): string {
  const filed = `${year}年内提起（按立案日期）的${kind}案件`;
  if (results.length === REVIEW_RESULTS.length) return `${filed}（全部结果）。`;
  if (results.length === 1 && results[0] === 'pending')
    return `${filed}中，截至${year}年12月31日尚未审结的案件（没有审结日期，或审结日期在${year + 1}年及以后）。`;
  const columns = results.map((r) => REVIEW_RESULTS.find((x) => x.code === r)?.column ?? r);
  return `${filed}中，截至${year}年12月31日已审结且结果为“${columns.join('、')}”的案件。`;
}

export const reviewResultLabel = (code: string): string =>
  REVIEW_RESULTS.find((r) => r.code === code)?.column ?? code;

// ---- the same conditions over one record ----------------------------------------------------

export interface ApplicationFacts {
  applicantType: string;
  receivedOn: string;
  decidedOn: string | null;
  outcome: string | null;
}
export interface ReviewFacts {
  kind: string;
  filedOn: string;
  result: string;
  concludedOn: string | null;
}
export interface DocumentFacts {
  kind: string;
  writtenOn: string;
  publishedOn: string | null;
  repealedOn: string | null;
}

const inYear = (date: string | null, year: number) =>
  date !== null && date >= `${year}-01-01` && date <= `${year}-12-31`;

/** The bucket conditions of the report's GROUP BY for one application. */
export function applicationInBucket(
  a: ApplicationFacts,
  bucket: ApplicationBucket,
  year: number,
): boolean {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (a.receivedOn > last) return false;
  switch (bucket) {
    case 'received':
      return a.receivedOn >= first;
    case 'carried_in':
      return a.receivedOn < first && (a.decidedOn === null || a.decidedOn >= first);
    case 'decided':
      return inYear(a.decidedOn, year);
    case 'carried_out':
      return a.decidedOn === null || a.decidedOn > last;
  }
}

/** A review case's result as it stood on 31 December of the year. */
export const yearEndResult = (r: ReviewFacts, year: number): string =>
  r.concludedOn !== null && r.concludedOn <= `${year}-12-31` ? r.result : 'pending';

export function applicationSelected(
  p: Extract<Provenance, { records: 'applications' }>,
  a: ApplicationFacts,
  year: number,
): boolean {
  return (
    applicationInBucket(a, p.bucket, year) &&
    p.applicantTypes.some((t) => t === a.applicantType) &&
    (p.outcomes === null || (a.outcome !== null && p.outcomes.includes(a.outcome)))
  );
}

export function reviewSelected(
  p: Extract<Provenance, { records: 'review_cases' }>,
  r: ReviewFacts,
  year: number,
): boolean {
  return (
    inYear(r.filedOn, year) &&
    p.kinds.some((k) => k === r.kind) &&
    p.results.some((x) => x === yearEndResult(r, year))
  );
}

/** The report counts every kind other than `rules` as 行政规范性文件 (report-records.ts). */
export const documentKindOf = (kind: string): DocumentKind =>
  kind === 'rules' ? 'rules' : 'normative';

export function documentSelected(
  p: Extract<Provenance, { records: 'documents' }>,
  d: DocumentFacts,
  year: number,
): boolean {
  if (documentKindOf(d.kind) !== p.kind) return false;
  const last = `${year}-12-31`;
  switch (p.measure) {
    case 'written':
      return inYear(d.writtenOn, year);
    case 'issued':
    case 'published':
      return inYear(d.publishedOn, year);
    case 'repealed':
      return inYear(d.repealedOn, year);
    case 'in_force':
      return (
        d.publishedOn !== null &&
        d.publishedOn <= last &&
        !(d.repealedOn !== null && d.repealedOn <= last)
      );
  }
}
