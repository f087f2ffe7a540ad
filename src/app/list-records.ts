/** The records of an agency that count in a year's report, for the 记录 page. */
import { notFound } from '../domain/errors.ts';
import { canRead, roleMayWriteRecords } from '../domain/roles.ts';
import { findAgency, type Agency } from '../store/agencies.ts';
import { listApplications, listDocuments, listReviewCases } from '../store/record-queries.ts';
import type { Ctx, Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';
import { lockedYears, type YearLock } from './report-lock.ts';

export const PAGE_SIZE = 50;

export async function listRecords(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
  page: number,
) {
  const db = deps.store.db;
  const scope = await loadScope(db, ctx.actor);
  if (!canRead(scope, agencyId)) throw notFound();
  const agency = (await findAgency(db, agencyId)) as Agency;
  const [applications, reviews, documents, locks] = await Promise.all([
    listApplications(db, agencyId, year, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listReviewCases(db, agencyId, year),
    listDocuments(db, agencyId, year),
    lockedYears(db, agencyId),
  ]);
  return {
    agency,
    applications,
    reviews,
    documents,
    lock: locks.get(year) as YearLock | undefined,
    mayWrite: roleMayWriteRecords(ctx.actor.role),
  };
}
