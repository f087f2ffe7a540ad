import { fieldInvalid, notFound } from '../domain/errors.ts';
import { formatChinaTime } from '../domain/china-time.ts';
import { assembleTables } from '../domain/report/assemble.ts';
import { formatForYear } from '../domain/report/formats.ts';
import type { AnnualReport, ReportNarrative } from '../domain/report/model.ts';
import { publicationDeadline } from '../domain/report/publication-deadline.ts';
import { canRead } from '../domain/roles.ts';
import { findAgency, type Agency } from '../store/agencies.ts';
import { firstPublication } from '../store/annual-reports.ts';
import type { Db, Tx } from '../store/database.ts';
import { findNarrative, loadReportRecords } from '../store/report-records.ts';
import type { Ctx, Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';

/** Unsaved edits to preview: the narrative and typed yearly figures replace the stored ones. */
export interface ReportDraft {
  narrative?: ReportNarrative;
  figures?: Readonly<Record<string, string>>;
}

/** The China civil date of an instant. */
export const chinaDate = (iso: string): string => formatChinaTime(iso).slice(0, 10);

export function assertReportYear(year: number): void {
  if (!formatForYear(year)) {
    throw fieldInvalid(
      'year',
      '年度',
      '统一格式的年度报告从 2019 年度开始（国办公开办函〔2019〕60号）。',
    );
  }
}

/**
 * Computes the report from the records on `db` (a transaction when the caller must freeze it,
 * as submission does), in the format of the year, with its publication deadline and date.
 */
export async function computeAnnualReport(
  db: Db | Tx,
  agency: Agency,
  year: number,
  now: Date,
  draft?: ReportDraft,
): Promise<AnnualReport> {
  const format = formatForYear(year);
  if (!format) throw new RangeError(`no report format for ${year}`);
  const [records, narrative, published] = await Promise.all([
    loadReportRecords(db, agency.id, year),
    findNarrative(db, agency.id, year),
    firstPublication(db, agency.id, year),
  ]);
  const deadline = publicationDeadline(agency, year);
  return {
    year,
    format: format.id,
    agency: { name: agency.name, level: agency.level, kind: agency.kind },
    narrative: draft?.narrative ?? {
      overview: narrative?.overview ?? '',
      problems: narrative?.problems ?? '',
      other: narrative?.other ?? '',
    },
    ...assembleTables(
      format,
      draft?.figures ? { ...records, figures: { ...records.figures, ...draft.figures } } : records,
    ),
    publication: {
      deadline: deadline.date,
      basis: deadline.basis,
      publishedOn: published ? chinaDate(published) : null,
      asOf: chinaDate(now.toISOString()),
    },
  };
}

/**
 * The annual report of one agency for one year, computed from its records in the format of
 * that year (2019 format for 2019–2020, 2021 format from 2021).
 */
export async function buildAnnualReport(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
): Promise<AnnualReport> {
  const db = deps.store.db;
  const scope = await loadScope(db, ctx.actor);
  if (!canRead(scope, agencyId)) throw notFound();
  const agency = await findAgency(db, agencyId);
  if (!agency) throw notFound();
  assertReportYear(year);
  return computeAnnualReport(db, agency, year, deps.now());
}
