import type { Finding } from '../domain/report/findings.ts';
import { formatForYear } from '../domain/report/formats.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { validate } from '../domain/report/validate.ts';
import { buildAnnualReport } from './build-annual-report.ts';
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
