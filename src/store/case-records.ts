/** Inserts of the records the annual report counts (applications, review cases, documents). */
import type { Insertable } from 'kysely';
import type { Db, Tx } from './database.ts';
import type { ApplicationTable, NormativeDocumentTable, ReviewCaseTable } from './schema.ts';

/** Rows per statement: far below the parameter limits of both engines. */
const CHUNK = 500;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export const insertApplications = (db: Db | Tx, rows: readonly Insertable<ApplicationTable>[]) =>
  insertChunked(rows, (chunk) => db.insertInto('applications').values(chunk).execute());

export const insertReviewCases = (db: Db | Tx, rows: readonly Insertable<ReviewCaseTable>[]) =>
  insertChunked(rows, (chunk) => db.insertInto('review_cases').values(chunk).execute());

export const insertNormativeDocuments = (
  db: Db | Tx,
  rows: readonly Insertable<NormativeDocumentTable>[],
) => insertChunked(rows, (chunk) => db.insertInto('normative_documents').values(chunk).execute());
