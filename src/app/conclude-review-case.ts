/** Records the result of a reconsideration or lawsuit that was still pending. */
import { conflict, notFound } from '../domain/errors.ts';
import { factsOf, recordLabel, type ReviewRecord } from '../domain/records/records.ts';
import { appendAudit } from '../store/audit.ts';
import { findReviewCase, updateReviewResult } from '../store/record-queries.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { readRecord, throwIssues } from './record-input.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { assertRecordChangesAllowed } from './report-lock.ts';

export async function concludeReviewCase(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  id: number,
  input: { result: string; concludedOn: string },
): Promise<void> {
  await deps.store.db.transaction().execute(async (tx) => {
    await assertMayWriteRecords(tx, ctx, agencyId);
    const row = await findReviewCase(tx, agencyId, id);
    if (!row) throw notFound();
    if (row.concluded_on !== null)
      throw conflict(`案件“${row.case_number}”已于${row.concluded_on}审结，不能重复登记结果。`);
    const problems = [];
    if (!input.result.trim() || input.result === 'pending')
      problems.push({ field: 'result', message: '请选择结果（结果维持、结果纠正或其他结果）。' });
    if (!input.concludedOn.trim())
      problems.push({ field: 'concludedOn', message: '请填写审结日期。' });
    if (problems.length) throwIssues('reviews', problems);
    const before: ReviewRecord = {
      caseNumber: row.case_number,
      kind: row.kind as ReviewRecord['kind'],
      filedOn: row.filed_on,
      result: 'pending',
      concludedOn: null,
    };
    const after = readRecord(deps, 'reviews', {
      caseNumber: before.caseNumber,
      kind: before.kind,
      filedOn: before.filedOn,
      result: input.result,
      concludedOn: input.concludedOn,
    });
    await assertRecordChangesAllowed(tx, agencyId, [
      {
        label: recordLabel('reviews', row.case_number),
        before: factsOf('reviews', before),
        after: factsOf('reviews', after),
      },
    ]);
    const at = nowIso(deps);
    await updateReviewResult(tx, id, {
      result: after.result,
      concluded_on: after.concludedOn as string,
      updated_at: at,
    });
    await appendAudit(deps.store, tx, {
      at,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.username,
      agencyId,
      action: 'review_case.conclude',
      entityType: 'review_cases',
      entityId: row.case_number,
      before: { result: 'pending', concludedOn: null },
      after: { result: after.result, concludedOn: after.concludedOn },
      ip: ctx.ip,
    });
  });
}
