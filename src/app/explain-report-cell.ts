import { notFound } from '../domain/errors.ts';
import type { FormatId } from '../domain/report/formats.ts';
import type { Table2Value } from '../domain/report/model.ts';
import {
  cellProvenance,
  cellValue,
  type CellProvenance,
  type ReportCell,
} from '../domain/report/provenance.ts';
import { listProvenanceRecords, type ProvenanceRecords } from '../store/report-provenance.ts';
import { buildAnnualReport } from './build-annual-report.ts';
import type { Ctx, Deps } from './deps.ts';

/** Records per page of a cell's drill-down. */
export const CELL_PAGE_SIZE = 100;

export interface CellExplanation extends CellProvenance {
  agency: { id: number; name: string };
  year: number;
  format: FormatId;
  /** the cell as the report computes it */
  value: Table2Value;
  page: number;
  pages: number;
  pageSize: number;
  /** the records behind the cell: one page of them, and their total (equal to the value) */
  records: ProvenanceRecords;
}

/**
 * The records behind one computed cell of an agency's annual report, a page at a time, with
 * the rule that selects them. An agency outside the actor's scope, a cell the year's format
 * does not have and a page past the end are all not found.
 */
export async function explainReportCell(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
  cell: ReportCell,
  page: number,
): Promise<CellExplanation> {
  // builds the report through the use case: the same scope check, and the value to compare with
  const report = await buildAnnualReport(deps, ctx, agencyId, year);
  const explained = cellProvenance(report.format, cell, year);
  const value = cellValue(report, cell);
  if (!explained || value === undefined)
    throw notFound(
      `${year}年度报告（${report.format}年格式）没有这个单元格，请从报告中的数字进入。`,
    );
  if (!Number.isSafeInteger(page) || page < 1) throw notFound('页码应为从 1 开始的整数。');
  const records = await listProvenanceRecords(
    deps.store.db,
    [agencyId],
    year,
    explained.provenance,
    {
      limit: CELL_PAGE_SIZE,
      offset: (page - 1) * CELL_PAGE_SIZE,
    },
  );
  const pages = Math.max(1, Math.ceil(records.total / CELL_PAGE_SIZE));
  if (page > pages) throw notFound(`没有第 ${page} 页：共 ${pages} 页。`);
  return {
    ...explained,
    agency: { id: agencyId, name: report.agency.name },
    year,
    format: report.format,
    value,
    page,
    pages,
    pageSize: CELL_PAGE_SIZE,
    records,
  };
}
