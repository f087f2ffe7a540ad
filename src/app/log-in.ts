import { createHash, randomBytes } from 'node:crypto';
import { sessionExpiry } from '../domain/auth-policy.ts';
import { DomainError } from '../domain/errors.ts';
import { appendAudit } from '../store/audit.ts';
import { clearFailures, countFailuresSince, recordLoginFailure } from '../store/login-failures.ts';
import { deleteSession, insertSession } from '../store/sessions.ts';
import { findUserRowByName } from '../store/users.ts';
import type { Deps } from './deps.ts';
import { dummyHash, verifyPassword } from './passwords.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

const WRONG = '用户名或密码错误；账号被停用时也显示此提示，请联系本机关管理员。';

/**
 * Checks the credentials and opens a new session. The old session (if any) is ended, so the
 * session id always rotates on login. Failures are throttled per account and per address.
 */
export async function logIn(
  deps: Deps,
  req: { username: string; password: string; ip: string; userAgent: string; oldToken?: string },
): Promise<LoginResult> {
  const { store, auth } = deps;
  const now = deps.now();
  const at = now.toISOString();
  const username = req.username.trim().toLowerCase().slice(0, 64);
  const since = new Date(now.getTime() - auth.throttleWindowMinutes * 60_000).toISOString();
  const [byAccount, byAddress] = await Promise.all([
    countFailuresSince(store.db, 'username', username, since),
    countFailuresSince(store.db, 'ip', req.ip, since),
  ]);
  if (byAccount >= auth.maxFailuresPerAccount || byAddress >= auth.maxFailuresPerAddress) {
    await store.db.transaction().execute(async (tx) => {
      await recordLoginFailure(tx, username, req.ip, at);
      await appendAudit(store, tx, {
        at,
        actorUserId: null,
        actorName: username || '（空）',
        agencyId: null,
        action: 'login.throttled',
        entityType: 'session',
        entityId: null,
        ip: req.ip,
      });
    });
    throw new DomainError(
      'too_many',
      `登录失败次数过多，请 ${auth.throttleWindowMinutes} 分钟后再试；如忘记密码，请联系本机关管理员重置。`,
    );
  }
  const row = username ? await findUserRowByName(store.db, username) : undefined;
  const ok = row
    ? await verifyPassword(row.password_hash, req.password)
    : (await verifyPassword(await dummyHash(), req.password), false);
  if (!row || !ok || row.disabled === 1) {
    await store.db.transaction().execute(async (tx) => {
      await recordLoginFailure(tx, username, req.ip, at);
      await appendAudit(store, tx, {
        at,
        actorUserId: row?.id ?? null,
        actorName: username || '（空）',
        agencyId: row?.agency_id ?? null,
        action: 'login.failure',
        entityType: 'session',
        entityId: null,
        after: { reason: !row ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' },
        ip: req.ip,
      });
    });
    throw new DomainError(
      'unauthenticated',
      WRONG, // also for a disabled account: the answer never confirms a correct password
    );
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await store.db.transaction().execute(async (tx) => {
    if (req.oldToken) await deleteSession(tx, hashToken(req.oldToken));
    await clearFailures(tx, username);
    await insertSession(tx, {
      id_hash: hashToken(token),
      user_id: row.id,
      csrf_token: csrfToken,
      created_at: at,
      expires_at: sessionExpiry(auth, now, now).toISOString(),
      last_seen_at: at,
      ip: req.ip,
      user_agent: req.userAgent.slice(0, 300),
    });
    await appendAudit(store, tx, {
      at,
      actorUserId: row.id,
      actorName: row.username,
      agencyId: row.agency_id,
      action: 'login.success',
      entityType: 'session',
      entityId: null,
      ip: req.ip,
    });
  });
  return { token, csrfToken, mustChangePassword: row.must_change_password === 1 };
}
