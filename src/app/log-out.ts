import { appendAudit } from '../store/audit.ts';
import { deleteSession } from '../store/sessions.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';

export async function logOut(deps: Deps, ctx: Ctx, tokenHash: string): Promise<void> {
  await deps.store.db.transaction().execute(async (tx) => {
    await deleteSession(tx, tokenHash);
    await appendAudit(deps.store, tx, {
      at: nowIso(deps),
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.username,
      agencyId: ctx.actor.agencyId,
      action: 'logout',
      entityType: 'session',
      entityId: null,
      ip: ctx.ip,
    });
  });
}
