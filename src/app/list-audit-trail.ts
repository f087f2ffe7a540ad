import { chinaDayStart } from '../domain/china-time.ts';
import { forbidden } from '../domain/errors.ts';
import { listAgencies } from '../store/agencies.ts';
import { searchAudit, type AuditFilter } from '../store/audit.ts';
import type { AuditRow } from '../store/schema.ts';
import type { Ctx, Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';

export const AUDIT_PAGE_SIZE = 100;

/**
 * The audit trail of the agencies the actor may audit. Filters come from the query string;
 * malformed values are ignored rather than refused (it is a read-only search).
 */
export async function listAuditTrail(
  deps: Deps,
  ctx: Ctx,
  query: Record<string, string | undefined>,
): Promise<{ entries: AuditRow[]; filter: AuditFilter; agencyNames: Map<number, string> }> {
  const scope = await loadScope(deps.store.db, ctx.actor);
  if (!scope.audit) throw forbidden('您的角色不能查看审计日志。');
  const str = (v: string | undefined, max: number) =>
    typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
  // filter dates are Beijing civil dates; the trail stores UTC instants
  const dayStart = (v: string | undefined) => (typeof v === 'string' ? chinaDayStart(v) : null);
  const to = dayStart(query.to);
  const before = str(query.before, 12);
  const filter: AuditFilter = {
    agencyIds: scope.read,
    actor: str(query.actor, 64),
    action: str(query.action, 64),
    from: dayStart(query.from) ?? undefined,
    to: to ? new Date(Date.parse(to) + 86_400_000).toISOString() : undefined,
    beforeSeq: before && /^[0-9]+$/.test(before) ? Number(before) : undefined,
    limit: AUDIT_PAGE_SIZE,
  };
  const entries = await searchAudit(deps.store.db, filter);
  const agencies = await listAgencies(deps.store.db, scope.read);
  return { entries, filter, agencyNames: new Map(agencies.map((a) => [a.id, a.name])) };
}
