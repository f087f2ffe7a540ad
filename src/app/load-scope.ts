import { scopeOf, type Actor, type Scope } from '../domain/roles.ts';
import { listAgencyNodes } from '../store/agencies.ts';
import type { Db, Tx } from '../store/database.ts';

/** The agencies an actor may read and manage, derived from its role and agency. */
export async function loadScope(db: Db | Tx, actor: Actor): Promise<Scope> {
  if (actor.role === 'platform_admin') return scopeOf(actor, []);
  return scopeOf(actor, await listAgencyNodes(db));
}
