/** The GROUP BYs behind an annual report: aggregated records of some agencies for one year. */
import { sql } from 'kysely';
import type {
  ApplicationCount,
  DocumentCounts,
  ReportRecords,
  ReviewCount,
} from '../domain/report/assemble.ts';
import type { Db, Tx } from './database.ts';

const yearBounds = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });

export async function applicationCounts(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
): Promise<ApplicationCount[]> {
  const { first, last } = yearBounds(year);
  // The applications that count for the year are those received by 31 December that are still
  // open or were decided on or after 1 January (every writer refuses a decision before its
  // receipt, records.ts). That is two index ranges on (agency_id, decided_on, …): decided from
  // 1 January on, and not decided. A single OR over received_on/decided_on reads about three
  // times the rows on PostgreSQL (a full scan for a roll-up), measured by `npm run bench`.
  const ids = [...agencyIds];
  const counted = db
    .selectFrom('applications')
    .select(['applicant_type', 'outcome', 'received_on', 'decided_on'])
    .where('agency_id', 'in', ids)
    .where('decided_on', '>=', first)
    .where('received_on', '<=', last)
    .unionAll(
      db
        .selectFrom('applications')
        .select(['applicant_type', 'outcome', 'received_on', 'decided_on'])
        .where('agency_id', 'in', ids)
        .where('decided_on', 'is', null)
        .where('received_on', '<=', last),
    )
    .as('a');
  const rows = await db
    .selectFrom(counted)
    .select([
      'applicant_type',
      'outcome',
      sql<string | number>`count(case when received_on >= ${first} then 1 end)`.as('received'),
      sql<string | number>`count(case when received_on < ${first} then 1 end)`.as('carried_in'),
      sql<string | number>`count(case when decided_on <= ${last} then 1 end)`.as('decided'),
      sql<
        string | number
      >`count(case when decided_on is null or decided_on > ${last} then 1 end)`.as('carried_out'),
    ])
    .groupBy(['applicant_type', 'outcome'])
    .execute();
  const out: ApplicationCount[] = [];
  for (const r of rows) {
    for (const bucket of ['received', 'carried_in', 'decided', 'carried_out'] as const) {
      const n = Number(r[bucket]);
      if (n > 0)
        out.push({
          bucket,
          applicantType: r.applicant_type,
          outcome: bucket === 'decided' ? r.outcome : null,
          n,
        });
    }
  }
  return out;
}

export async function reviewCounts(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
): Promise<ReviewCount[]> {
  const { first, last } = yearBounds(year);
  // grouped by the conclusion date too (cases are few): the year-end result is decided here,
  // which keeps the SQL the same on both engines
  const rows = await db
    .selectFrom('review_cases')
    .where('agency_id', 'in', [...agencyIds])
    .where('filed_on', '>=', first)
    .where('filed_on', '<=', last)
    .select(['kind', 'result', 'concluded_on', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy(['kind', 'result', 'concluded_on'])
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    result: r.concluded_on !== null && r.concluded_on <= last ? r.result : 'pending',
    n: Number(r.n),
  }));
}

export async function documentCounts(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
): Promise<DocumentCounts> {
  const { first, last } = yearBounds(year);
  const inYear = (col: 'written_on' | 'published_on' | 'repealed_on') =>
    sql<number>`sum(case when ${sql.ref(col)} >= ${first} and ${sql.ref(col)} <= ${last} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('normative_documents')
    .where('agency_id', 'in', [...agencyIds])
    .select([
      'kind',
      inYear('written_on').as('written'),
      inYear('published_on').as('published'),
      inYear('repealed_on').as('repealed'),
      sql<number>`sum(case when published_on <= ${last} and (repealed_on is null or repealed_on > ${last}) then 1 else 0 end)`.as(
        'in_force',
      ),
    ])
    .groupBy('kind')
    .execute();
  const zero = () => ({ issued: 0, repealed: 0, in_force: 0, written: 0, published: 0 });
  const out: DocumentCounts = { rules: zero(), normative: zero() };
  for (const r of rows) {
    // every kind other than 规章 counts as 行政规范性文件: add, never overwrite
    const c = out[r.kind === 'rules' ? 'rules' : 'normative'];
    c.written += Number(r.written ?? 0);
    c.published += Number(r.published ?? 0);
    c.issued += Number(r.published ?? 0);
    c.repealed += Number(r.repealed ?? 0);
    c.in_force += Number(r.in_force ?? 0);
  }
  return out;
}

/** Yearly figures of one agency (roll-ups sum them in the domain). */
export async function yearlyFigures(
  db: Db | Tx,
  agencyId: number,
  year: number,
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('yearly_figures')
    .select(['key', 'value'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function loadReportRecords(
  db: Db | Tx,
  agencyId: number,
  year: number,
): Promise<ReportRecords> {
  const ids = [agencyId];
  const [applications, reviews, documents, figures] = await Promise.all([
    applicationCounts(db, ids, year),
    reviewCounts(db, ids, year),
    documentCounts(db, ids, year),
    yearlyFigures(db, agencyId, year),
  ]);
  return { applications, reviews, documents, figures };
}

export async function findNarrative(db: Db | Tx, agencyId: number, year: number) {
  return db
    .selectFrom('report_narratives')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function upsertNarrative(
  db: Db | Tx,
  row: {
    agency_id: number;
    year: number;
    overview: string;
    problems: string;
    other: string;
    updated_by: string;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('report_narratives')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet({
        overview: row.overview,
        problems: row.problems,
        other: row.other,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function upsertFigure(
  db: Db | Tx,
  row: {
    agency_id: number;
    year: number;
    key: string;
    value: string;
    source: string;
    entered_by: string;
    entered_at: string;
  },
): Promise<void> {
  await db
    .insertInto('yearly_figures')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year', 'key']).doUpdateSet({
        value: row.value,
        source: row.source,
        entered_by: row.entered_by,
        entered_at: row.entered_at,
      }),
    )
    .execute();
}

/** The source recorded with the latest yearly figure of a year ('' when none). */
export async function latestFigureSource(db: Db | Tx, agencyId: number, year: number) {
  const r = await db
    .selectFrom('yearly_figures')
    .select('source')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('entered_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.source ?? '';
}

/** Yearly figures of several agencies: key → agency id → value. */
export async function yearlyFiguresOf(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
): Promise<Map<string, Map<number, string>>> {
  const rows = await db
    .selectFrom('yearly_figures')
    .select(['agency_id', 'key', 'value'])
    .where('agency_id', 'in', [...agencyIds])
    .where('year', '=', year)
    .execute();
  const out = new Map<string, Map<number, string>>();
  for (const r of rows) {
    const byAgency = out.get(r.key) ?? new Map<number, string>();
    byAgency.set(r.agency_id, r.value);
    out.set(r.key, byAgency);
  }
  return out;
}
