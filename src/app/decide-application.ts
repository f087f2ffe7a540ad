/**
 * Records the decision (outcome and date) of an open application. A decision in February of a
 * case received in a published December stays possible: the published year still counts it as
 * carried over, so its report does not change (domain/report/footprint.ts).
 */
import { conflict, notFound } from '../domain/errors.ts';
import { factsOf, recordLabel, type ApplicationRecord } from '../domain/records/records.ts';
import { appendAudit } from '../store/audit.ts';
import { findApplication, updateApplicationDecision } from '../store/record-queries.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { readRecord, throwIssues } from './record-input.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { assertRecordChangesAllowed } from './report-lock.ts';

export async function decideApplication(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  id: number,
  input: { outcome: string; decidedOn: string },
): Promise<void> {
  await deps.store.db.transaction().execute(async (tx) => {
    await assertMayWriteRecords(tx, ctx, agencyId);
    const row = await findApplication(tx, agencyId, id);
    if (!row) throw notFound();
    if (row.decided_on !== null)
      throw conflict(`申请“${row.case_number}”已于${row.decided_on}答复，不能重复登记办理结果。`);
    const problems = [];
    if (!input.outcome.trim()) problems.push({ field: 'outcome', message: '请选择办理结果。' });
    if (!input.decidedOn.trim()) problems.push({ field: 'decidedOn', message: '请填写答复日期。' });
    if (problems.length) throwIssues('applications', problems);
    const before: ApplicationRecord = {
      caseNumber: row.case_number,
      applicantType: row.applicant_type as ApplicationRecord['applicantType'],
      receivedOn: row.received_on,
      outcome: null,
      decidedOn: null,
    };
    const after = readRecord(deps, 'applications', {
      caseNumber: before.caseNumber,
      applicantType: before.applicantType,
      receivedOn: before.receivedOn,
      outcome: input.outcome,
      decidedOn: input.decidedOn,
    });
    await assertRecordChangesAllowed(tx, agencyId, [
      {
        label: recordLabel('applications', row.case_number),
        before: factsOf('applications', before),
        after: factsOf('applications', after),
      },
    ]);
    const at = nowIso(deps);
    await updateApplicationDecision(tx, id, {
      outcome: after.outcome as string,
      decided_on: after.decidedOn as string,
      updated_at: at,
    });
    await appendAudit(deps.store, tx, {
      at,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.username,
      agencyId,
      action: 'application.decide',
      entityType: 'applications',
      entityId: row.case_number,
      before: { outcome: null, decidedOn: null },
      after: { outcome: after.outcome, decidedOn: after.decidedOn },
      ip: ctx.ip,
    });
  });
}
