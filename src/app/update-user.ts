import { fieldInvalid, forbidden } from '../domain/errors.ts';
import { grantableRoles, ROLE_LABELS, roleAgencyProblem } from '../domain/roles.ts';
import { findAgency } from '../store/agencies.ts';
import { appendAudit } from '../store/audit.ts';
import { deleteUserSessions } from '../store/sessions.ts';
import { toUser, type User } from '../store/users.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { loadUserInScope } from './get-user.ts';
import { loadScope } from './load-scope.ts';
import type { UserUpdateInput } from './user-input.ts';

/** Changes a user's name, role or status; a role or status change is a permission change. */
export async function updateUser(
  deps: Deps,
  ctx: Ctx,
  id: number,
  input: UserUpdateInput,
): Promise<User> {
  const { store } = deps;
  return store.db.transaction().execute(async (tx) => {
    const scope = await loadScope(tx, ctx.actor);
    const before = await loadUserInScope(tx, scope, id, 'manage');
    if (id === ctx.actor.userId && (input.role !== before.role || input.disabled)) {
      throw forbidden('不能变更本人的角色或停用本人账号，请由其他管理员操作。');
    }
    if (input.role !== before.role && !grantableRoles(ctx.actor).includes(input.role)) {
      throw fieldInvalid('role', '角色', `您不能授予“${ROLE_LABELS[input.role]}”角色。`);
    }
    if ((input.role === 'platform_admin') !== (before.agencyId === null)) {
      throw fieldInvalid(
        'role',
        '角色',
        '平台管理员不隶属于机关，机关用户不能改为平台管理员，请另建账号。',
      );
    }
    const agency = before.agencyId === null ? undefined : await findAgency(tx, before.agencyId);
    const problem = agency ? roleAgencyProblem(input.role, agency.kind) : null;
    if (problem) throw fieldInvalid('role', '角色', problem);
    const at = nowIso(deps);
    const row = await tx
      .updateTable('users')
      .set({
        display_name: input.displayName,
        role: input.role,
        disabled: input.disabled ? 1 : 0,
        updated_at: at,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toUser(row);
    if (after.disabled || after.role !== before.role) await deleteUserSessions(tx, id);
    const action =
      after.role !== before.role
        ? 'user.role_change'
        : after.disabled !== before.disabled
          ? after.disabled
            ? 'user.disable'
            : 'user.enable'
          : 'user.update';
    await appendAudit(store, tx, {
      at,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.username,
      agencyId: after.agencyId,
      action,
      entityType: 'user',
      entityId: id,
      before,
      after,
      ip: ctx.ip,
    });
    return after;
  });
}
