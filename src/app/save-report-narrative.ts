import type { ReportNarrative } from '../domain/report/model.ts';
import { appendAudit } from '../store/audit.ts';
import { findNarrative, upsertNarrative } from '../store/report-records.ts';
import type { Tx } from '../store/database.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { assertYearOpen } from './report-lock.ts';

/** Writes the narrative inside the caller's transaction, with its audit entry. */
export async function writeReportNarrative(
  deps: Deps,
  tx: Tx,
  ctx: Ctx,
  agencyId: number,
  year: number,
  narrative: ReportNarrative,
): Promise<void> {
  await assertYearOpen(tx, agencyId, year, '修改报告正文');
  const before = await findNarrative(tx, agencyId, year);
  const at = nowIso(deps);
  await upsertNarrative(tx, {
    agency_id: agencyId,
    year,
    ...narrative,
    updated_by: ctx.actor.username,
    updated_at: at,
  });
  await appendAudit(deps.store, tx, {
    at,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.username,
    agencyId,
    action: 'report.narrative_update',
    entityType: 'report',
    entityId: `${agencyId}/${year}`,
    before: before
      ? { overview: before.overview, problems: before.problems, other: before.other }
      : undefined,
    after: narrative,
    ip: ctx.ip,
  });
}

/** Saves the narrative sections (一、五、六) of an agency's report for a year. */
export async function saveReportNarrative(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
  narrative: ReportNarrative,
): Promise<void> {
  await deps.store.db.transaction().execute(async (tx) => {
    await assertMayWriteRecords(tx, ctx, agencyId);
    await writeReportNarrative(deps, tx, ctx, agencyId, year, narrative);
  });
}
