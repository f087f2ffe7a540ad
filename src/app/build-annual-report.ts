import { fieldInvalid, notFound } from '../domain/errors.ts';
import { assembleTables } from '../domain/report/assemble.ts';
import { formatForYear } from '../domain/report/formats.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { canRead } from '../domain/roles.ts';
import { findAgency } from '../store/agencies.ts';
import { findNarrative, loadReportRecords } from '../store/report-records.ts';
import type { Ctx, Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';

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
  const format = formatForYear(year);
  if (!format) {
    throw fieldInvalid(
      'year',
      '年度',
      '统一格式的年度报告从 2019 年度开始（国办公开办函〔2019〕60号）。',
    );
  }
  const [records, narrative] = await Promise.all([
    loadReportRecords(db, agencyId, year),
    findNarrative(db, agencyId, year),
  ]);
  return {
    year,
    format: format.id,
    agency: { name: agency.name, level: agency.level, kind: agency.kind },
    narrative: {
      overview: narrative?.overview ?? '',
      problems: narrative?.problems ?? '',
      other: narrative?.other ?? '',
    },
    ...assembleTables(format, records),
  };
}
