/**
 * The lock a report puts on its year: while a version is submitted, accepted or published, no
 * change may alter that year's report (records, yearly figures, narrative). Every writer of
 * report records calls these checks inside its transaction.
 */
import { conflict, type FieldIssue } from '../domain/errors.ts';
import { yearsAltered, type RecordFacts } from '../domain/report/footprint.ts';
import { isLocking, type ReportStatus } from '../domain/report/workflow.ts';
import { latestStatusByYear } from '../store/annual-reports.ts';
import type { Db, Tx } from '../store/database.ts';
import { sql } from 'kysely';

export interface YearLock {
  year: number;
  version: number;
  status: ReportStatus;
}

/**
 * Years of the agency whose newest report version locks its records. Inside a transaction the
 * agency's row is locked first (a no-op update: a row lock on PostgreSQL, the write lock on
 * SQLite), so a record change and a submission of the same agency never interleave: the
 * submission's snapshot and the lock check see the same records.
 */
export async function lockedYears(db: Db | Tx, agencyId: number): Promise<Map<number, YearLock>> {
  if (db.isTransaction) await sql`update agencies set id = id where id = ${agencyId}`.execute(db);
  const out = new Map<number, YearLock>();
  for (const [year, v] of await latestStatusByYear(db, agencyId)) {
    const status = v.status as ReportStatus;
    if (isLocking(status)) out.set(year, { year, version: v.version, status });
  }
  return out;
}

/** Why `what` cannot change while `lock` holds, and how to proceed. */
export function lockMessage(lock: YearLock, what: string): string {
  const y = `${lock.year}年度报告`;
  switch (lock.status) {
    case 'published':
      return `${y}已发布（第${lock.version}版），该年度的数据已锁定，${what}会改变已发布的报告。如需更正，请在“年度报告”页面对${lock.year}年度报告“发起更正”并填写更正说明，再修改，改正后重新报送审核、发布。`;
    case 'submitted':
      return `${y}已报送政务公开办审核，该年度的数据已锁定，${what}会改变正在审核的报告。如需修改，请联系政务公开办将报告退回后再修改。`;
    default:
      return `${y}已审核通过、待发布，该年度的数据已锁定，${what}会改变审核通过的报告。如需修改，请联系政务公开办将报告退回后再修改。`;
  }
}

export interface RecordChange {
  /** how the user names the record, e.g. 申请“2021-001” */
  label: string;
  before: RecordFacts | null;
  after: RecordFacts | null;
}

/** For each change that would alter a locked year: its index and the message. */
export function recordChangeProblems(
  locks: ReadonlyMap<number, YearLock>,
  changes: readonly RecordChange[],
): { index: number; year: number; message: string }[] {
  if (!locks.size) return [];
  const out: { index: number; year: number; message: string }[] = [];
  changes.forEach((c, index) => {
    const year = yearsAltered(c.before, c.after, locks.keys())[0];
    if (year !== undefined) {
      const lock = locks.get(year) as YearLock;
      out.push({ index, year, message: lockMessage(lock, `修改${c.label}`) });
    }
  });
  return out;
}

/** Throws a conflict naming every change that would alter a locked year. */
export async function assertRecordChangesAllowed(
  db: Db | Tx,
  agencyId: number,
  changes: readonly RecordChange[],
): Promise<void> {
  const problems = recordChangeProblems(await lockedYears(db, agencyId), changes);
  if (!problems.length) return;
  const issues: FieldIssue[] = problems.map((p) => ({
    field: 'record',
    label: changes[p.index]?.label ?? '记录',
    message: p.message,
  }));
  throw conflict(problems[0]?.message ?? '', issues);
}

/** Throws when the year's report is locked (narrative and yearly figures belong to one year). */
export async function assertYearOpen(
  db: Db | Tx,
  agencyId: number,
  year: number,
  what: string,
): Promise<void> {
  const lock = (await lockedYears(db, agencyId)).get(year);
  if (lock) throw conflict(lockMessage(lock, what));
}
