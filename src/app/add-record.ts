/**
 * Records one application, review case or document (the quick forms): validated as an import
 * row is, its number unique in the agency, refused when it would change a locked year.
 */
import { invalid } from '../domain/errors.ts';
import {
  factsOf,
  FIELDS,
  numberOf,
  recordLabel,
  type ApplicationRecord,
  type DocumentRecord,
  type RecordKind,
  type ReviewRecord,
} from '../domain/records/records.ts';
import { appendAudit } from '../store/audit.ts';
import {
  insertApplications,
  insertNormativeDocuments,
  insertReviewCases,
} from '../store/case-records.ts';
import type { Tx } from '../store/database.ts';
import { existingNumbers } from '../store/record-queries.ts';
import { isUniqueViolation, nowIso, type Ctx, type Deps } from './deps.ts';
import { readRecord, TABLE_OF } from './record-input.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { assertRecordChangesAllowed } from './report-lock.ts';

const ACTIONS = {
  applications: 'application.create',
  reviews: 'review_case.create',
  documents: 'document.create',
} as const;

function duplicate(kind: RecordKind, number: string) {
  const field = FIELDS[kind][0]!;
  return invalid(`${field.label}：本机关已登记过“${number}”。`, [
    {
      field: field.key,
      label: field.label,
      message: `本机关已登记过“${number}”，请核对编号；如需修改已登记的记录，请在记录列表中找到它。`,
    },
  ]);
}

async function insertOne(tx: Tx, kind: RecordKind, agencyId: number, rec: unknown, at: string) {
  const stamp = { agency_id: agencyId, created_at: at, updated_at: at };
  if (kind === 'applications') {
    const a = rec as ApplicationRecord;
    await insertApplications(tx, [
      {
        ...stamp,
        case_number: a.caseNumber,
        applicant_type: a.applicantType,
        received_on: a.receivedOn,
        outcome: a.outcome,
        decided_on: a.decidedOn,
        source: 'form',
      },
    ]);
  } else if (kind === 'reviews') {
    const c = rec as ReviewRecord;
    await insertReviewCases(tx, [
      {
        ...stamp,
        case_number: c.caseNumber,
        kind: c.kind,
        filed_on: c.filedOn,
        result: c.result,
        concluded_on: c.concludedOn,
        source: 'form',
      },
    ]);
  } else {
    const d = rec as DocumentRecord;
    await insertNormativeDocuments(tx, [
      {
        ...stamp,
        kind: d.kind,
        title: d.title,
        document_number: d.documentNumber,
        written_on: d.writtenOn,
        published_on: d.publishedOn,
        repealed_on: d.repealedOn,
      },
    ]);
  }
}

export async function addRecord(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  kind: RecordKind,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const rec = readRecord(deps, kind, values);
  const number = numberOf(kind, rec);
  try {
    await deps.store.db.transaction().execute(async (tx) => {
      await assertMayWriteRecords(tx, ctx, agencyId);
      if ((await existingNumbers(tx, TABLE_OF[kind], agencyId, [number])).size)
        throw duplicate(kind, number);
      const label = recordLabel(kind, number);
      await assertRecordChangesAllowed(tx, agencyId, [
        { label, before: null, after: factsOf(kind, rec) },
      ]);
      const at = nowIso(deps);
      await insertOne(tx, kind, agencyId, rec, at);
      await appendAudit(deps.store, tx, {
        at,
        actorUserId: ctx.actor.userId,
        actorName: ctx.actor.username,
        agencyId,
        action: ACTIONS[kind],
        entityType: TABLE_OF[kind],
        entityId: number,
        after: rec,
        ip: ctx.ip,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(kind, number);
    throw err;
  }
}
