import type { AuthPolicy } from '../domain/auth-policy.ts';
import type { Actor } from '../domain/roles.ts';
import type { Store } from '../store/database.ts';

/** What every use case needs: the store and the clock (time is an input). */
export interface Deps {
  store: Store;
  now: () => Date;
  auth: AuthPolicy;
}

/** Who is acting, and from where (for the audit trail). */
export interface Ctx {
  actor: Actor;
  ip: string;
}

export const nowIso = (deps: Deps) => deps.now().toISOString();

/** Maps a database unique-constraint violation (either engine) to a boolean. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The platform acting on its own (demo seed, first start), recorded as `system` in the audit trail. */
export const SYSTEM_CTX: Ctx = {
  actor: { userId: 0, username: 'system', role: 'platform_admin', agencyId: null },
  ip: '127.0.0.1',
};
