import { appendAudit } from '../store/audit.ts';
import { countUsers } from '../store/users.ts';
import { nowIso, type Deps } from './deps.ts';
import { generatePassword, hashPassword } from './passwords.ts';

export const BOOTSTRAP_USERNAME = 'admin';

/**
 * On the first start (no user at all) creates the platform administrator with a random
 * one-time password, returned once to be printed. There are no default credentials.
 */
export async function bootstrapPlatformAdmin(
  deps: Deps,
): Promise<{ username: string; password: string } | null> {
  if ((await countUsers(deps.store.db)) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return deps.store.db.transaction().execute(async (tx) => {
    if ((await countUsers(tx)) > 0) return null;
    const at = nowIso(deps);
    const row = await tx
      .insertInto('users')
      .values({
        username: BOOTSTRAP_USERNAME,
        display_name: '平台管理员',
        agency_id: null,
        role: 'platform_admin',
        password_hash: passwordHash,
        must_change_password: 1,
        disabled: 0,
        created_at: at,
        updated_at: at,
        password_changed_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(deps.store, tx, {
      at,
      actorUserId: null,
      actorName: 'system',
      agencyId: null,
      action: 'platform.bootstrap',
      entityType: 'user',
      entityId: row.id,
      after: { username: BOOTSTRAP_USERNAME, role: 'platform_admin' },
      ip: null,
    });
    return { username: BOOTSTRAP_USERNAME, password };
  });
}
