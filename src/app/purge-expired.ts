import { deleteFailuresBefore } from '../store/login-failures.ts';
import { deleteExpiredSessions } from '../store/sessions.ts';
import type { Deps } from './deps.ts';

/** Removes ended sessions and login failures older than a day (run periodically by `serve`). */
export async function purgeExpired(deps: Deps): Promise<void> {
  const now = deps.now();
  await deleteExpiredSessions(deps.store.db, now.toISOString());
  await deleteFailuresBefore(deps.store.db, new Date(now.getTime() - 86_400_000).toISOString());
}
