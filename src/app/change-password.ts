import { DomainError, fieldInvalid } from '../domain/errors.ts';
import { countFailuresSince, recordLoginFailure } from '../store/login-failures.ts';
import { passwordProblem } from '../domain/password-policy.ts';
import { appendAudit } from '../store/audit.ts';
import { deleteUserSessions } from '../store/sessions.ts';
import { findUserRow } from '../store/users.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { PasswordChangeInput } from './user-input.ts';

/** The user changes its own password; every other session of the user ends. */
export async function changePassword(
  deps: Deps,
  ctx: Ctx,
  currentTokenHash: string,
  input: PasswordChangeInput,
): Promise<void> {
  const row = await findUserRow(deps.store.db, ctx.actor.userId);
  if (!row) throw fieldInvalid('currentPassword', '当前密码', '不正确。');
  // a stolen session must not become a way to guess the password: same throttle as login
  const now = deps.now();
  const since = new Date(now.getTime() - deps.auth.throttleWindowMinutes * 60_000).toISOString();
  if (
    (await countFailuresSince(deps.store.db, 'username', row.username, since)) >=
    deps.auth.maxFailuresPerAccount
  ) {
    throw new DomainError(
      'too_many',
      `当前密码输错次数过多，请 ${deps.auth.throttleWindowMinutes} 分钟后再试。`,
    );
  }
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    await deps.store.db.transaction().execute(async (tx) => {
      await recordLoginFailure(tx, row.username, ctx.ip, now.toISOString());
      await appendAudit(deps.store, tx, {
        at: now.toISOString(),
        actorUserId: row.id,
        actorName: row.username,
        agencyId: row.agency_id,
        action: 'user.password_change_failure',
        entityType: 'user',
        entityId: row.id,
        ip: ctx.ip,
      });
    });
    throw fieldInvalid('currentPassword', '当前密码', '不正确。');
  }
  const problem = passwordProblem(input.newPassword, row.username);
  if (problem) throw fieldInvalid('newPassword', '新密码', problem);
  if (input.newPassword === input.currentPassword) {
    throw fieldInvalid('newPassword', '新密码', '不能与当前密码相同。');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.store.db.transaction().execute(async (tx) => {
    const at = nowIso(deps);
    await tx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        password_changed_at: at,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .execute();
    await deleteUserSessions(tx, row.id, currentTokenHash);
    await appendAudit(deps.store, tx, {
      at,
      actorUserId: row.id,
      actorName: row.username,
      agencyId: row.agency_id,
      action: 'user.password_change',
      entityType: 'user',
      entityId: row.id,
      ip: ctx.ip,
    });
  });
}
