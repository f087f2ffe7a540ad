import { notFound } from '../domain/errors.ts';
import { canRead } from '../domain/roles.ts';
import { findAgency, listAgencies, type Agency } from '../store/agencies.ts';
import type { Ctx, Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';

/** One agency the actor may read; a foreign agency is reported as not found. */
export async function getAgency(deps: Deps, ctx: Ctx, id: number): Promise<Agency> {
  const scope = await loadScope(deps.store.db, ctx.actor);
  if (!canRead(scope, id)) throw notFound();
  const agency = await findAgency(deps.store.db, id);
  if (!agency) throw notFound();
  return agency;
}

/** Every agency the actor may read. */
export async function listVisibleAgencies(deps: Deps, ctx: Ctx): Promise<Agency[]> {
  const scope = await loadScope(deps.store.db, ctx.actor);
  return listAgencies(deps.store.db, scope.read);
}
