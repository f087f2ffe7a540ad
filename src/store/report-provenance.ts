/**
 * The records behind one report cell: the rows a provenance (domain/report/provenance.ts)
 * selects for some agencies and one year. The bucket conditions are those of the GROUP BYs in
 * report-records.ts, so the total here equals the cell there.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { ApplicationBucket, Provenance } from '../domain/report/provenance.ts';
import type { Db, Tx } from './database.ts';
import type { Database } from './schema.ts';

const yearBounds = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });

type AppsProvenance = Extract<Provenance, { records: 'applications' }>;
type ReviewProvenance = Extract<Provenance, { records: 'review_cases' }>;
type DocumentProvenance = Extract<Provenance, { records: 'documents' }>;

export interface ApplicationRecord {
  id: number;
  case_number: string;
  applicant_type: string;
  received_on: string;
  outcome: string | null;
  decided_on: string | null;
}
export interface ReviewRecord {
  id: number;
  case_number: string;
  kind: string;
  filed_on: string;
  result: string;
  concluded_on: string | null;
}
export interface DocumentRecord {
  id: number;
  kind: string;
  title: string;
  document_number: string;
  written_on: string;
  published_on: string | null;
  repealed_on: string | null;
}
export interface FigureRecord {
  key: string;
  value: string;
  source: string;
  entered_by: string;
  entered_at: string;
}

export type ProvenanceRecords =
  | { records: 'applications'; total: number; rows: ApplicationRecord[] }
  | { records: 'review_cases'; total: number; rows: ReviewRecord[] }
  | { records: 'documents'; total: number; rows: DocumentRecord[] }
  /** a yearly figure: one row, or none when it was not entered (the cell is blank) */
  | { records: 'figure'; total: number; rows: FigureRecord[] };

export interface Page {
  limit: number;
  offset: number;
}

function bucketCondition(
  eb: ExpressionBuilder<Database, 'applications'>,
  bucket: ApplicationBucket,
  year: number,
) {
  const { first, last } = yearBounds(year);
  switch (bucket) {
    case 'received':
      return eb('received_on', '>=', first);
    case 'carried_in':
      return eb.and([
        eb('received_on', '<', first),
        eb.or([eb('decided_on', 'is', null), eb('decided_on', '>=', first)]),
      ]);
    case 'decided':
      return eb.and([eb('decided_on', '>=', first), eb('decided_on', '<=', last)]);
    case 'carried_out':
      return eb.or([eb('decided_on', 'is', null), eb('decided_on', '>', last)]);
  }
}

function applicationsQuery(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
  p: AppsProvenance,
) {
  const { last } = yearBounds(year);
  let q = db
    .selectFrom('applications')
    .where('agency_id', 'in', [...agencyIds])
    .where('received_on', '<=', last)
    .where((eb) => bucketCondition(eb, p.bucket, year))
    .where('applicant_type', 'in', [...p.applicantTypes]);
  if (p.outcomes !== null) {
    // an empty list selects nothing (`in ()` is not valid SQL)
    q = p.outcomes.length
      ? q.where('outcome', 'in', [...p.outcomes])
      : q.where((eb) => eb.lit(false));
  }
  return q;
}

function reviewsQuery(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
  p: ReviewProvenance,
) {
  const { first, last } = yearBounds(year);
  // the result as it stood on 31 December: concluded by then → its result, otherwise pending
  const concluded = p.results.filter((r) => r !== 'pending');
  return db
    .selectFrom('review_cases')
    .where('agency_id', 'in', [...agencyIds])
    .where('filed_on', '>=', first)
    .where('filed_on', '<=', last)
    .where('kind', 'in', [...p.kinds])
    .where((eb) => {
      const byYearEnd = [eb('concluded_on', 'is not', null), eb('concluded_on', '<=', last)];
      const parts = [];
      if (concluded.length) parts.push(eb.and([...byYearEnd, eb('result', 'in', concluded)]));
      // a case concluded by 31 December whose recorded result is `pending` stays pending
      if (p.results.includes('pending'))
        parts.push(
          eb.or([
            eb('concluded_on', 'is', null),
            eb('concluded_on', '>', last),
            eb.and([...byYearEnd, eb('result', '=', 'pending')]),
          ]),
        );
      return parts.length ? eb.or(parts) : eb.lit(false);
    });
}

function documentsQuery(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
  p: DocumentProvenance,
) {
  const { first, last } = yearBounds(year);
  const q = db
    .selectFrom('normative_documents')
    .where('agency_id', 'in', [...agencyIds])
    // report-records.ts counts every kind other than `rules` as 行政规范性文件
    .where('kind', p.kind === 'rules' ? '=' : '<>', 'rules');
  const between = (col: 'written_on' | 'published_on' | 'repealed_on') =>
    q.where(col, '>=', first).where(col, '<=', last);
  switch (p.measure) {
    case 'written':
      return between('written_on');
    case 'issued':
    case 'published':
      return between('published_on');
    case 'repealed':
      return between('repealed_on');
    case 'in_force':
      return q
        .where('published_on', '<=', last)
        .where((eb) => eb.or([eb('repealed_on', 'is', null), eb('repealed_on', '>', last)]));
  }
}

const countOf = async (q: { executeTakeFirstOrThrow(): Promise<{ n: string | number }> }) =>
  Number((await q.executeTakeFirstOrThrow()).n);

/**
 * The records a provenance selects, a page of them in case-number (document-number) order, and
 * how many there are in all. A figure is read for the first agency only (figures are per agency).
 */
export async function listProvenanceRecords(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
  p: Provenance,
  page: Page,
): Promise<ProvenanceRecords> {
  switch (p.records) {
    case 'applications': {
      const q = applicationsQuery(db, agencyIds, year, p);
      const [total, rows] = await Promise.all([
        countOf(q.select((eb) => eb.fn.countAll<string | number>().as('n'))),
        q
          .select(['id', 'case_number', 'applicant_type', 'received_on', 'outcome', 'decided_on'])
          .orderBy('case_number')
          .orderBy('id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
      ]);
      return { records: 'applications', total, rows };
    }
    case 'review_cases': {
      const q = reviewsQuery(db, agencyIds, year, p);
      const [total, rows] = await Promise.all([
        countOf(q.select((eb) => eb.fn.countAll<string | number>().as('n'))),
        q
          .select(['id', 'case_number', 'kind', 'filed_on', 'result', 'concluded_on'])
          .orderBy('case_number')
          .orderBy('id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
      ]);
      return { records: 'review_cases', total, rows };
    }
    case 'documents': {
      const q = documentsQuery(db, agencyIds, year, p);
      const [total, rows] = await Promise.all([
        countOf(q.select((eb) => eb.fn.countAll<string | number>().as('n'))),
        q
          .select([
            'id',
            'kind',
            'title',
            'document_number',
            'written_on',
            'published_on',
            'repealed_on',
          ])
          .orderBy('document_number')
          .orderBy('id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
      ]);
      return { records: 'documents', total, rows };
    }
    case 'figure': {
      const row = await findFigure(db, agencyIds[0] ?? 0, year, p.key);
      return { records: 'figure', total: row ? 1 : 0, rows: row ? [row] : [] };
    }
  }
}

/** A yearly figure of one agency as entered, with its source and who entered it. */
export function findFigure(
  db: Db | Tx,
  agencyId: number,
  year: number,
  key: string,
): Promise<FigureRecord | undefined> {
  return db
    .selectFrom('yearly_figures')
    .select(['key', 'value', 'source', 'entered_by', 'entered_at'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * The case numbers (document numbers) a provenance selects, in order, `batch` at a time: keyset
 * pagination on (number, id), so a cell of 100,000 applications is never held in memory at once.
 */
export async function* provenanceNumbers(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
  p: Exclude<Provenance, { records: 'figure' }>,
  batch = 1000,
): AsyncGenerator<string[]> {
  let after: { number: string; id: number } | null = null;
  for (;;) {
    const rows: { id: number; number: string }[] = await nextBatch(
      db,
      agencyIds,
      year,
      p,
      after,
      batch,
    );
    if (rows.length) yield rows.map((r) => r.number);
    if (rows.length < batch) return;
    const tail = rows[rows.length - 1]!;
    after = { number: tail.number, id: tail.id };
  }
}

/** Keyset pagination by (number column, id): the rows after `after`, or all when null. */
function afterKey(
  column: 'case_number' | 'document_number',
  after: { number: string; id: number } | null,
) {
  const number = sql.ref<string>(column);
  const id = sql.ref<number>('id');
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
    after
      ? eb.or([
          eb(number, '>', after.number),
          eb.and([eb(number, '=', after.number), eb(id, '>', after.id)]),
        ])
      : eb.lit(true);
}

async function nextBatch(
  db: Db | Tx,
  agencyIds: readonly number[],
  year: number,
  p: Exclude<Provenance, { records: 'figure' }>,
  after: { number: string; id: number } | null,
  batch: number,
): Promise<{ id: number; number: string }[]> {
  switch (p.records) {
    case 'documents':
      return documentsQuery(db, agencyIds, year, p)
        .where(afterKey('document_number', after))
        .select(['id', 'document_number as number'])
        .orderBy('document_number')
        .orderBy('id')
        .limit(batch)
        .execute();
    case 'applications':
      return applicationsQuery(db, agencyIds, year, p)
        .where(afterKey('case_number', after))
        .select(['id', 'case_number as number'])
        .orderBy('case_number')
        .orderBy('id')
        .limit(batch)
        .execute();
    case 'review_cases':
      return reviewsQuery(db, agencyIds, year, p)
        .where(afterKey('case_number', after))
        .select(['id', 'case_number as number'])
        .orderBy('case_number')
        .orderBy('id')
        .limit(batch)
        .execute();
  }
}
