import { forbidden, notFound } from '../domain/errors.ts';
import { canRead, roleMayWriteRecords } from '../domain/roles.ts';
import type { Db, Tx } from '../store/database.ts';
import type { Ctx } from './deps.ts';
import { loadScope } from './load-scope.ts';

/** Checks that the actor may change the disclosure records of `agencyId`. */
export async function assertMayWriteRecords(
  db: Db | Tx,
  ctx: Ctx,
  agencyId: number,
): Promise<void> {
  const scope = await loadScope(db, ctx.actor);
  if (!canRead(scope, agencyId)) throw notFound();
  if (!roleMayWriteRecords(ctx.actor.role))
    throw forbidden('您的角色只能查看，不能修改本机关的记录。');
}
