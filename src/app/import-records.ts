/**
 * Imports an office's records from a CSV or XLSX file (an office moving from spreadsheets):
 * every row is checked first — its cells, numbers unique in the file and in the database, the
 * lock of published years — and every problem is returned with its line and column. Only a file
 * without any problem is written, in one transaction with one audit entry: all or nothing.
 */
import { invalid } from '../domain/errors.ts';
import {
  checkTable,
  HEADERS,
  sortIssues,
  type ImportIssue,
} from '../domain/records/import-table.ts';
import {
  DATE_FIELDS,
  factsOf,
  FIELDS,
  KIND_LABELS,
  numberOf,
  recordLabel,
  type ApplicationRecord,
  type DocumentRecord,
  type RecordKind,
  type RecordOf,
  type ReviewRecord,
} from '../domain/records/records.ts';
import { chinaDate } from '../domain/records/values.ts';
import { appendAudit } from '../store/audit.ts';
import {
  insertApplications,
  insertNormativeDocuments,
  insertReviewCases,
} from '../store/case-records.ts';
import type { Db, Tx } from '../store/database.ts';
import { existingNumbers } from '../store/record-queries.ts';
import { isUniqueViolation, nowIso, type Ctx, type Deps } from './deps.ts';
import { readRecordsFile, type ImportFile } from './read-records-file.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { TABLE_OF } from './record-input.ts';
import {
  assertRecordChangesAllowed,
  lockedYears,
  recordChangeProblems,
  type RecordChange,
} from './report-lock.ts';

export interface ImportOptions {
  /** the kind of record; by default read from the header row */
  kind?: RecordKind;
  /** check everything, write nothing */
  dryRun?: boolean;
}

export type ImportResult =
  | { ok: true; kind: RecordKind; count: number; dryRun: boolean; encoding?: string }
  | { ok: false; kind?: RecordKind; errors: ImportIssue[]; encoding?: string };

type Row = { line: number; record: RecordOf[RecordKind] };

/** Rows whose number the agency already has. */
async function duplicateIssues(
  db: Db | Tx,
  kind: RecordKind,
  agencyId: number,
  rows: readonly Row[],
  column: string,
): Promise<ImportIssue[]> {
  const numbers = rows.map((r) => numberOf(kind, r.record));
  const existing = await existingNumbers(db, TABLE_OF[kind], agencyId, numbers);
  return rows
    .filter((r) => existing.has(numberOf(kind, r.record)))
    .map((r) => ({
      line: r.line,
      column,
      message: `本机关已登记过“${numberOf(kind, r.record)}”。导入只能新增记录：请删除这一行；如需修改已登记的记录，请在“记录”页面修改。`,
    }));
}

const changesOf = (kind: RecordKind, rows: readonly Row[]): RecordChange[] =>
  rows.map((r) => ({
    label: recordLabel(kind, numberOf(kind, r.record)),
    before: null,
    after: factsOf(kind, r.record),
  }));

/** The column a locked year comes from: the first date of the record that falls in it. */
function lockColumn(
  kind: RecordKind,
  record: RecordOf[RecordKind],
  year: number,
  headerOf: Record<string, string>,
) {
  const values = record as unknown as Record<string, string | null>;
  const field =
    DATE_FIELDS[kind].find((f) => values[f]?.startsWith(`${year}-`)) ?? DATE_FIELDS[kind][0]!;
  return headerOf[field] ?? field;
}

export async function importRecords(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  file: ImportFile,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const db = deps.store.db;
  await assertMayWriteRecords(db, ctx, agencyId);
  const table = await readRecordsFile(file);
  const encoding = table.encoding;
  const checked = checkTable(table.rows, { kind: opts.kind, today: chinaDate(deps.now()) });
  const kind = checked.kind;
  if (!kind) return { ok: false, errors: checked.issues, encoding };
  const numberColumn =
    checked.headerOf[FIELDS[kind][0]!.key] ?? HEADERS[kind][FIELDS[kind][0]!.key]![0]!;
  const rows = checked.records;
  const issues = [...checked.issues];
  issues.push(...(await duplicateIssues(db, kind, agencyId, rows, numberColumn)));
  for (const p of recordChangeProblems(await lockedYears(db, agencyId), changesOf(kind, rows))) {
    const row = rows[p.index]!;
    issues.push({
      line: row.line,
      column: lockColumn(kind, row.record, p.year, checked.headerOf),
      message: p.message,
    });
  }
  if (issues.length) return { ok: false, kind, errors: sortIssues(issues), encoding };
  if (opts.dryRun) return { ok: true, kind, count: rows.length, dryRun: true, encoding };

  try {
    await db.transaction().execute(async (tx) => {
      await assertMayWriteRecords(tx, ctx, agencyId);
      await assertRecordChangesAllowed(tx, agencyId, changesOf(kind, rows));
      await writeRows(deps, tx, ctx, agencyId, kind, rows, file.name, encoding);
    });
  } catch (err) {
    // another import or form added one of the numbers since the check
    if (isUniqueViolation(err)) {
      const again = await duplicateIssues(db, kind, agencyId, rows, numberColumn);
      if (again.length) return { ok: false, kind, errors: again, encoding };
      throw invalid('有记录的编号与刚刚登记的记录重复，请重新导入。');
    }
    throw err;
  }
  return { ok: true, kind, count: rows.length, dryRun: false, encoding };
}

async function writeRows(
  deps: Deps,
  tx: Tx,
  ctx: Ctx,
  agencyId: number,
  kind: RecordKind,
  rows: readonly Row[],
  fileName: string,
  encoding: string | undefined,
): Promise<void> {
  const at = nowIso(deps);
  const stamp = { agency_id: agencyId, created_at: at, updated_at: at };
  const records = rows.map((r) => r.record);
  if (kind === 'applications')
    await insertApplications(
      tx,
      (records as ApplicationRecord[]).map((a) => ({
        ...stamp,
        case_number: a.caseNumber,
        applicant_type: a.applicantType,
        received_on: a.receivedOn,
        outcome: a.outcome,
        decided_on: a.decidedOn,
        source: 'import',
      })),
    );
  else if (kind === 'reviews')
    await insertReviewCases(
      tx,
      (records as ReviewRecord[]).map((c) => ({
        ...stamp,
        case_number: c.caseNumber,
        kind: c.kind,
        filed_on: c.filedOn,
        result: c.result,
        concluded_on: c.concludedOn,
        source: 'import',
      })),
    );
  else
    await insertNormativeDocuments(
      tx,
      (records as DocumentRecord[]).map((d) => ({
        ...stamp,
        kind: d.kind,
        title: d.title,
        document_number: d.documentNumber,
        written_on: d.writtenOn,
        published_on: d.publishedOn,
        repealed_on: d.repealedOn,
      })),
    );
  const numbers = records.map((r) => numberOf(kind, r));
  await appendAudit(deps.store, tx, {
    at,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.username,
    agencyId,
    action: 'records.import',
    entityType: TABLE_OF[kind],
    entityId: null,
    after: {
      file: fileName,
      kind: KIND_LABELS[kind],
      count: records.length,
      encoding: encoding ?? 'xlsx',
      first: numbers[0],
      last: numbers[numbers.length - 1],
    },
    ip: ctx.ip,
  });
}
