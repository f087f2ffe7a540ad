/** Versions of annual reports and their workflow events. */
import type { Insertable } from 'kysely';
import type { Db, Tx } from './database.ts';
import type { AnnualReportEventTable, AnnualReportTable } from './schema.ts';

export async function findLatestVersion(db: Db | Tx, agencyId: number, year: number) {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every version of one agency's report for one year, newest first. */
export async function listVersions(db: Db | Tx, agencyId: number, year: number) {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('version', 'desc')
    .execute();
}

/** The newest version of each (agency, year) among `agencyIds` for `year`. */
export async function latestVersionsOf(db: Db | Tx, agencyIds: readonly number[], year: number) {
  if (!agencyIds.length) return [];
  const rows = await db
    .selectFrom('annual_reports')
    .selectAll()
    .where('agency_id', 'in', [...agencyIds])
    .where('year', '=', year)
    .orderBy('agency_id')
    .orderBy('version', 'desc')
    .execute();
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.agency_id) ? false : (seen.add(r.agency_id), true)));
}

/** Year → status of the newest version, for every year of the agency that has a version. */
export async function latestStatusByYear(db: Db | Tx, agencyId: number) {
  const rows = await db
    .selectFrom('annual_reports')
    .select(['year', 'version', 'status', 'published_at'])
    .where('agency_id', '=', agencyId)
    .orderBy('year')
    .orderBy('version', 'desc')
    .execute();
  const out = new Map<number, { version: number; status: string; publishedAt: string | null }>();
  for (const r of rows) {
    if (!out.has(r.year))
      out.set(r.year, { version: r.version, status: r.status, publishedAt: r.published_at });
  }
  return out;
}

/** Published versions of one agency, newest year and version first (the public 年报 column). */
export async function listPublished(db: Db | Tx, agencyId: number) {
  return db
    .selectFrom('annual_reports')
    .select(['id', 'year', 'version', 'revision_note', 'published_at'])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

export async function findPublished(db: Db | Tx, agencyId: number, year: number, version?: number) {
  let q = db
    .selectFrom('annual_reports')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('status', '=', 'published');
  if (version !== undefined) q = q.where('version', '=', version);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function insertVersion(db: Db | Tx, row: Insertable<AnnualReportTable>) {
  const r = await db
    .insertInto('annual_reports')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateVersion(
  db: Db | Tx,
  id: number,
  expectedStatus: string,
  set: Partial<
    Pick<
      AnnualReportTable,
      'status' | 'snapshot_json' | 'updated_at' | 'submitted_at' | 'accepted_at' | 'published_at'
    >
  >,
): Promise<boolean> {
  const r = await db
    .updateTable('annual_reports')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', expectedStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Db | Tx, row: Insertable<AnnualReportEventTable>) {
  await db.insertInto('annual_report_events').values(row).execute();
}

export async function listEvents(db: Db | Tx, reportIds: readonly number[]) {
  if (!reportIds.length) return [];
  return db
    .selectFrom('annual_report_events')
    .selectAll()
    .where('report_id', 'in', [...reportIds])
    .orderBy('id')
    .execute();
}

/** When the report of a year was first published (a correction does not move the date). */
export async function firstPublication(db: Db | Tx, agencyId: number, year: number) {
  const r = await db
    .selectFrom('annual_reports')
    .select('published_at')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('published_at', 'is not', null)
    .orderBy('version')
    .limit(1)
    .executeTakeFirst();
  return r?.published_at ?? null;
}
