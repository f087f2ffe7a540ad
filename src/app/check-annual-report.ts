import type { Finding } from '../domain/report/findings.ts';
import { formatForYear } from '../domain/report/formats.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { validate } from '../domain/report/validate.ts';
import { notFound } from '../domain/errors.ts';
import { findAgency } from '../store/agencies.ts';
import {
  assertReportYear,
  buildAnnualReport,
  computeAnnualReport,
  type ReportDraft,
} from './build-annual-report.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { figureIssues } from './save-yearly-figures.ts';
import type { Ctx, Deps } from './deps.ts';

/**
 * Builds a year's report and checks it against every rule, with the previous year's report for
 * the cross-year rules (carry-over, 现行有效 continuity) when that year has a format.
 */
export async function checkAnnualReport(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
): Promise<{ report: AnnualReport; findings: Finding[] }> {
  const report = await buildAnnualReport(deps, ctx, agencyId, year);
  const previous = formatForYear(year - 1)
    ? await buildAnnualReport(deps, ctx, agencyId, year - 1)
    : undefined;
  return { report, findings: validate(report, previous ? { previous } : {}) };
}

/**
 * The findings the report would have with unsaved edits (the live check beside the editing
 * form). Nothing is written. Figures that are not valid numbers are left out here: saving
 * names them.
 */
export async function previewAnnualReport(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
  draft: ReportDraft,
): Promise<Finding[]> {
  const db = deps.store.db;
  await assertMayWriteRecords(db, ctx, agencyId);
  assertReportYear(year);
  const agency = await findAgency(db, agencyId);
  if (!agency) throw notFound();
  const figures = Object.fromEntries(
    Object.entries(draft.figures ?? {}).filter(
      ([k, v]) => v !== '' && figureIssues({ [k]: v }, 'x').length === 0,
    ),
  );
  const report = await computeAnnualReport(db, agency, year, deps.now(), { ...draft, figures });
  const previous = formatForYear(year - 1)
    ? await computeAnnualReport(db, agency, year - 1, deps.now())
    : undefined;
  return validate(report, previous ? { previous } : {});
}
