import type { AnnualReport, Table2Value } from '../domain/report/model.ts';
import {
  cellProvenance,
  cellValue,
  reportCells,
  type CellProvenance,
} from '../domain/report/provenance.ts';
import type { Db } from '../store/database.ts';
import { findFigure, provenanceNumbers, type FigureRecord } from '../store/report-provenance.ts';
import { buildAnnualReport } from './build-annual-report.ts';
import type { Ctx, Deps } from './deps.ts';

export interface ExplainedCell extends CellProvenance {
  value: Table2Value;
  /**
   * The case numbers (document numbers) of the records behind the cell, in order and in
   * batches, read as they are iterated; null for a yearly figure.
   */
  numbers: AsyncIterable<string[]> | null;
  /** for a yearly figure: the entry with its source */
  figure: FigureRecord | null;
}

export interface ReportExplanation {
  report: AnnualReport;
  /** every non-zero computed cell, in print order, read lazily */
  cells: AsyncIterable<ExplainedCell>;
}

const isZero = (v: Table2Value) => v === null || Number(v) === 0;

/**
 * The provenance of the whole report (for `gongkai report build --explain`): each non-zero
 * cell with the rule behind it and the numbers of its records. The scope check happens here,
 * before anything is read; the records are read cell by cell as the caller iterates.
 */
export async function explainAnnualReport(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
): Promise<ReportExplanation> {
  const report = await buildAnnualReport(deps, ctx, agencyId, year);
  return { report, cells: explainedCells(deps.store.db, report, agencyId) };
}

async function* explainedCells(
  db: Db,
  report: AnnualReport,
  agencyId: number,
): AsyncGenerator<ExplainedCell> {
  for (const cell of reportCells(report.format)) {
    const value = cellValue(report, cell);
    const explained = cellProvenance(report.format, cell, report.year);
    if (value === undefined || isZero(value) || !explained) continue;
    const p = explained.provenance;
    if (p.records === 'figure') {
      const figure = await findFigure(db, agencyId, report.year, p.key);
      yield { ...explained, value, numbers: null, figure: figure ?? null };
    } else {
      yield {
        ...explained,
        value,
        numbers: provenanceNumbers(db, [agencyId], report.year, p),
        figure: null,
      };
    }
  }
}
