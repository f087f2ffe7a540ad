/** Records the repeal (废止) of a rule or normative document. */
import { conflict, notFound } from '../domain/errors.ts';
import { factsOf, recordLabel, type DocumentRecord } from '../domain/records/records.ts';
import { appendAudit } from '../store/audit.ts';
import { findDocument, updateDocumentRepeal } from '../store/record-queries.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { readRecord, throwIssues } from './record-input.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { assertRecordChangesAllowed } from './report-lock.ts';

export async function repealDocument(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  id: number,
  input: { repealedOn: string },
): Promise<void> {
  await deps.store.db.transaction().execute(async (tx) => {
    await assertMayWriteRecords(tx, ctx, agencyId);
    const row = await findDocument(tx, agencyId, id);
    if (!row) throw notFound();
    if (row.repealed_on !== null)
      throw conflict(`文件“${row.document_number}”已于${row.repealed_on}废止。`);
    if (!input.repealedOn.trim())
      throwIssues('documents', [{ field: 'repealedOn', message: '请填写废止日期。' }]);
    const before: DocumentRecord = {
      documentNumber: row.document_number,
      title: row.title,
      kind: row.kind as DocumentRecord['kind'],
      writtenOn: row.written_on,
      publishedOn: row.published_on,
      repealedOn: null,
    };
    const after = readRecord(deps, 'documents', {
      documentNumber: before.documentNumber,
      title: before.title,
      kind: before.kind,
      writtenOn: before.writtenOn,
      publishedOn: before.publishedOn ?? '',
      repealedOn: input.repealedOn,
    });
    await assertRecordChangesAllowed(tx, agencyId, [
      {
        label: recordLabel('documents', row.document_number),
        before: factsOf('documents', before),
        after: factsOf('documents', after),
      },
    ]);
    const at = nowIso(deps);
    await updateDocumentRepeal(tx, id, { repealed_on: after.repealedOn as string, updated_at: at });
    await appendAudit(deps.store, tx, {
      at,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.username,
      agencyId,
      action: 'document.repeal',
      entityType: 'normative_documents',
      entityId: row.document_number,
      before: { repealedOn: null },
      after: { repealedOn: after.repealedOn },
      ip: ctx.ip,
    });
  });
}
