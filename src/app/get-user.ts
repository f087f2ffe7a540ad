import { notFound } from '../domain/errors.ts';
import { canManage, canRead, type Scope } from '../domain/roles.ts';
import type { Db, Tx } from '../store/database.ts';
import { findUserRow, listUsers, toUser, type User } from '../store/users.ts';
import type { Ctx, Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';

function userVisible(scope: Scope, agencyId: number | null, mode: 'read' | 'manage'): boolean {
  if (agencyId === null) return scope.read === 'all';
  return mode === 'read' ? canRead(scope, agencyId) : canManage(scope, agencyId);
}

/** A user the actor may read (or manage); anyone else is reported as not found. */
export async function loadUserInScope(
  db: Db | Tx,
  scope: Scope,
  id: number,
  mode: 'read' | 'manage',
): Promise<User> {
  const row = await findUserRow(db, id);
  if (!row || !userVisible(scope, row.agency_id, mode)) throw notFound();
  return toUser(row);
}

export async function getUser(deps: Deps, ctx: Ctx, id: number): Promise<User> {
  const scope = await loadScope(deps.store.db, ctx.actor);
  return loadUserInScope(deps.store.db, scope, id, 'read');
}

export async function listVisibleUsers(deps: Deps, ctx: Ctx): Promise<User[]> {
  const scope = await loadScope(deps.store.db, ctx.actor);
  return listUsers(deps.store.db, scope.read);
}
