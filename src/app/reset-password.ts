import { forbidden } from '../domain/errors.ts';
import { appendAudit } from '../store/audit.ts';
import { deleteUserSessions } from '../store/sessions.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { loadUserInScope } from './get-user.ts';
import { loadScope } from './load-scope.ts';
import { generatePassword, hashPassword } from './passwords.ts';

/** Sets a new one-time password for another user, ends their sessions; they must change it. */
export async function resetPassword(deps: Deps, ctx: Ctx, id: number): Promise<string> {
  if (id === ctx.actor.userId) throw forbidden('请在“修改密码”页面修改本人密码。');
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await deps.store.db.transaction().execute(async (tx) => {
    const scope = await loadScope(tx, ctx.actor);
    const user = await loadUserInScope(tx, scope, id, 'manage');
    const at = nowIso(deps);
    await tx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 1,
        password_changed_at: at,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    await deleteUserSessions(tx, id);
    await appendAudit(deps.store, tx, {
      at,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.username,
      agencyId: user.agencyId,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      ip: ctx.ip,
    });
  });
  return oneTimePassword;
}
