import { conflict, fieldInvalid, forbidden } from '../domain/errors.ts';
import { canManage, grantableRoles, ROLE_LABELS, roleAgencyProblem } from '../domain/roles.ts';
import { findAgency } from '../store/agencies.ts';
import { appendAudit } from '../store/audit.ts';
import { findUserRowByName, toUser, type User } from '../store/users.ts';
import { isUniqueViolation, nowIso, type Ctx, type Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import type { UserCreateInput } from './user-input.ts';

/**
 * Creates an account with a one-time password, returned once to show to the administrator;
 * the user must change it at first login.
 */
export async function createUser(
  deps: Deps,
  ctx: Ctx,
  input: UserCreateInput,
): Promise<{ user: User; oneTimePassword: string }> {
  const { store } = deps;
  if (!grantableRoles(ctx.actor).includes(input.role)) {
    throw fieldInvalid('role', '角色', `您不能授予“${ROLE_LABELS[input.role]}”角色。`);
  }
  if (input.role === 'platform_admin' && input.agencyId !== null) {
    throw fieldInvalid('agencyId', '所属机关', '平台管理员不隶属于任何机关，请留空。');
  }
  if (input.role !== 'platform_admin' && input.agencyId === null) {
    throw fieldInvalid('agencyId', '所属机关', '请选择该用户所属的机关。');
  }
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const user = await store.db.transaction().execute(async (tx) => {
      if (input.agencyId !== null) {
        const scope = await loadScope(tx, ctx.actor);
        const agency = canManage(scope, input.agencyId)
          ? await findAgency(tx, input.agencyId)
          : undefined;
        if (!agency) throw fieldInvalid('agencyId', '所属机关', '请选择您管理范围内的机关。');
        const problem = roleAgencyProblem(input.role, agency.kind);
        if (problem) throw fieldInvalid('role', '角色', problem);
      } else if (ctx.actor.role !== 'platform_admin') {
        throw forbidden();
      }
      if (await findUserRowByName(tx, input.username)) {
        throw conflict(`用户名：“${input.username}”已被使用。`, [
          { field: 'username', label: '用户名', message: `“${input.username}”已被使用。` },
        ]);
      }
      const at = nowIso(deps);
      const row = await tx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          agency_id: input.agencyId,
          role: input.role,
          password_hash: passwordHash,
          must_change_password: 1,
          disabled: 0,
          created_at: at,
          updated_at: at,
          password_changed_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = toUser(row);
      await appendAudit(store, tx, {
        at,
        actorUserId: ctx.actor.userId,
        actorName: ctx.actor.username,
        agencyId: created.agencyId,
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        after: created,
        ip: ctx.ip,
      });
      return created;
    });
    return { user, oneTimePassword };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`用户名：“${input.username}”已被使用。`);
    throw err;
  }
}
