/** Reads and single-record changes of applications, review cases and documents (inserts: case-records.ts). */
import type { Db, Tx } from './database.ts';

export type NumberedTable = 'applications' | 'review_cases' | 'normative_documents';

/** Rows per `in (…)` list: far below the parameter limits of both engines. */
const CHUNK = 500;

/** Which of `numbers` the agency already has in `table`. */
export async function existingNumbers(
  db: Db | Tx,
  table: NumberedTable,
  agencyId: number,
  numbers: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const chunk = numbers.slice(i, i + CHUNK);
    const rows =
      table === 'normative_documents'
        ? await db
            .selectFrom('normative_documents')
            .select('document_number as n')
            .where('agency_id', '=', agencyId)
            .where('document_number', 'in', chunk)
            .execute()
        : await db
            .selectFrom(table)
            .select('case_number as n')
            .where('agency_id', '=', agencyId)
            .where('case_number', 'in', chunk)
            .execute();
    for (const r of rows) out.add(r.n);
  }
  return out;
}

const yearBounds = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });

/** Applications that count in the year's report (received in it, or open on 1 January). */
export async function listApplications(
  db: Db | Tx,
  agencyId: number,
  year: number,
  page: { limit: number; offset: number },
) {
  const { first, last } = yearBounds(year);
  const base = db
    .selectFrom('applications')
    .where('agency_id', '=', agencyId)
    .where('received_on', '<=', last)
    .where((eb) =>
      eb.or([
        eb('received_on', '>=', first),
        eb('decided_on', 'is', null),
        eb('decided_on', '>=', first),
      ]),
    );
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('received_on', 'desc')
      .orderBy('case_number', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Review cases filed in the year. */
export async function listReviewCases(db: Db | Tx, agencyId: number, year: number) {
  const { first, last } = yearBounds(year);
  return db
    .selectFrom('review_cases')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('filed_on', '>=', first)
    .where('filed_on', '<=', last)
    .orderBy('filed_on', 'desc')
    .orderBy('case_number', 'desc')
    .execute();
}

/** Documents written by the end of the year and not repealed before it began. */
export async function listDocuments(db: Db | Tx, agencyId: number, year: number) {
  const { first, last } = yearBounds(year);
  return db
    .selectFrom('normative_documents')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('written_on', '<=', last)
    .where((eb) => eb.or([eb('repealed_on', 'is', null), eb('repealed_on', '>=', first)]))
    .orderBy('written_on', 'desc')
    .orderBy('document_number', 'desc')
    .execute();
}

export const findApplication = (db: Db | Tx, agencyId: number, id: number) =>
  db
    .selectFrom('applications')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findReviewCase = (db: Db | Tx, agencyId: number, id: number) =>
  db
    .selectFrom('review_cases')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findDocument = (db: Db | Tx, agencyId: number, id: number) =>
  db
    .selectFrom('normative_documents')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function updateApplicationDecision(
  tx: Tx,
  id: number,
  v: { outcome: string; decided_on: string; updated_at: string },
): Promise<void> {
  await tx.updateTable('applications').set(v).where('id', '=', id).execute();
}

export async function updateReviewResult(
  tx: Tx,
  id: number,
  v: { result: string; concluded_on: string; updated_at: string },
): Promise<void> {
  await tx.updateTable('review_cases').set(v).where('id', '=', id).execute();
}

export async function updateDocumentRepeal(
  tx: Tx,
  id: number,
  v: { repealed_on: string; updated_at: string },
): Promise<void> {
  await tx.updateTable('normative_documents').set(v).where('id', '=', id).execute();
}
