/**
 * Builds the report tables from aggregated records. Pure: the store runs the GROUP BYs, this
 * decides which bucket goes to which cell. Totals are computed, never typed, so a generated
 * report satisfies T3-COL, T3-SUM7, T3-ROW and T4-SUM by construction.
 */
import {
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type FormatId,
  type ReportFormat,
  type Table4Column,
} from './formats.ts';
import type { ReportTables, Table2, Table3, Table4 } from './model.ts';
import { APPLICANT_TYPES, outcomeRow, REVIEW_KINDS, REVIEW_RESULTS } from './outcomes.ts';
import { TABLE2_SOURCES, type DocumentKind, type DocumentMeasure } from './table2-sources.ts';

/** Applications of an agency, counted for report year Y. */
export interface ApplicationCount {
  /**
   * received: received in Y (row 一); carried_in: received before Y, still open on 1 January Y
   * (row 二); decided: decided in Y (rows （一）–（六）, by outcome); carried_out: received by
   * 31 December Y and still open then (row 四).
   */
  bucket: 'received' | 'carried_in' | 'decided' | 'carried_out';
  applicantType: string;
  outcome: string | null;
  n: number;
}

export interface ReviewCount {
  kind: string;
  /** the result as it stood on 31 December Y (`pending` when not concluded by then) */
  result: string;
  n: number;
}

export type DocumentCounts = Record<DocumentKind, Record<DocumentMeasure, number>>;

export interface ReportRecords {
  applications: readonly ApplicationCount[];
  reviews: readonly ReviewCount[];
  documents: DocumentCounts;
  /** yearly figures by key, as entered (text); a missing key stays a blank cell */
  figures: Readonly<Record<string, string>>;
}

const BUCKET_ROW = { received: '一', carried_in: '二', carried_out: '四' } as const;

export function assembleTable3(format: ReportFormat, counts: readonly ApplicationCount[]): Table3 {
  const table: Table3 = {};
  for (const r of format.table3Rows) table[r.key] = TABLE3_COLUMNS.map(() => 0);
  const total = TABLE3_COLUMNS.length - 1;
  for (const c of counts) {
    const col = APPLICANT_TYPES.findIndex((t) => t.code === c.applicantType);
    if (col < 0) throw new RangeError(`unknown applicant type ${c.applicantType}`);
    const row =
      c.bucket === 'decided' ? outcomeRow(c.outcome ?? '', format.id) : BUCKET_ROW[c.bucket];
    if (!row || !table[row]) throw new RangeError(`no table-三 row for ${c.bucket}/${c.outcome}`);
    (table[row] as number[])[col] = ((table[row] as number[])[col] ?? 0) + c.n;
    if (c.bucket === 'decided') {
      const sum = table['三（七）'] as number[];
      sum[col] = (sum[col] ?? 0) + c.n;
    }
  }
  for (const values of Object.values(table)) {
    values[total] = values.slice(0, total).reduce<number>((s, v) => s + (v ?? 0), 0);
  }
  return table;
}

export function assembleTable4(counts: readonly ReviewCount[]): Table4 {
  const table = Object.fromEntries(
    TABLE4_GROUPS.map((g) => [g.key, Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, 0]))]),
  ) as Table4;
  for (const c of counts) {
    const group = REVIEW_KINDS.find((k) => k.code === c.kind)?.group;
    const column = REVIEW_RESULTS.find((r) => r.code === c.result)?.column;
    if (!group || !column) throw new RangeError(`unknown review case ${c.kind}/${c.result}`);
    const g = table[group] as Record<Table4Column, number>;
    g[column] += c.n;
    g['总计'] += c.n;
  }
  return table;
}

function figureValue(raw: string | undefined, kind: 'count' | 'signed' | 'amount') {
  if (raw === undefined) return null;
  return kind === 'amount' ? raw : Number(raw);
}

export function assembleTable2(
  format: ReportFormat,
  documents: DocumentCounts,
  figures: Readonly<Record<string, string>>,
): Table2 {
  const sources = TABLE2_SOURCES[format.id as FormatId];
  const table: Table2 = {};
  for (const block of format.table2) {
    const rows: Table2[string] = {};
    for (const row of block.rows) {
      const cells: Table2[string][string] = {};
      for (const col of block.columns) {
        const s = sources[block.caption]?.[row]?.[col.label];
        if (!s) throw new RangeError(`no source for ${block.caption} ${row} ${col.label}`);
        cells[col.label] =
          s.kind === 'documents'
            ? documents[s.document][s.measure]
            : figureValue(figures[s.key], col.kind);
      }
      rows[row] = cells;
    }
    table[block.caption] = rows;
  }
  return table;
}

export function assembleTables(format: ReportFormat, records: ReportRecords): ReportTables {
  return {
    table2: assembleTable2(format, records.documents, records.figures),
    table3: assembleTable3(format, records.applications),
    table4: assembleTable4(records.reviews),
  };
}
