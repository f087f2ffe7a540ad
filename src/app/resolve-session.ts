import { sessionExpiry } from '../domain/auth-policy.ts';
import type { Actor, Role } from '../domain/roles.ts';
import { findLiveSession, touchSession } from '../store/sessions.ts';
import type { Deps } from './deps.ts';
import { hashToken } from './log-in.ts';

export interface SessionInfo {
  actor: Actor;
  displayName: string;
  csrfToken: string;
  mustChangePassword: boolean;
  tokenHash: string;
}

/** The live session behind a cookie token, extending its idle expiry (written at most once a minute). */
export async function resolveSession(deps: Deps, token: string): Promise<SessionInfo | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const now = deps.now();
  const tokenHash = hashToken(token);
  const s = await findLiveSession(deps.store.db, tokenHash, now.toISOString());
  if (!s || s.disabled === 1) return null;
  if (now.getTime() - Date.parse(s.last_seen_at) > 60_000) {
    const expiry = sessionExpiry(deps.auth, new Date(s.created_at), now);
    await touchSession(deps.store.db, tokenHash, now.toISOString(), expiry.toISOString());
  }
  return {
    actor: { userId: s.user_id, username: s.username, role: s.role as Role, agencyId: s.agency_id },
    displayName: s.display_name,
    csrfToken: s.csrf_token,
    mustChangePassword: s.must_change_password === 1,
    tokenHash,
  };
}
