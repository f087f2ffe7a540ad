/** The append-only, hash-chained audit trail. Appends happen inside the caller's transaction. */
import { auditHash, GENESIS_HASH, type AuditContent } from '../domain/audit-chain.ts';
import type { Db, Store, Tx } from './database.ts';
import type { AuditRow } from './schema.ts';

export interface AuditInput {
  actorUserId: number | null;
  actorName: string;
  agencyId: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  at: string;
}

export async function appendAudit(store: Store, tx: Tx, e: AuditInput): Promise<number> {
  await store.lockAuditChain(tx);
  const last = await tx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const content: AuditContent = {
    seq: (last?.seq ?? 0) + 1,
    at: e.at,
    actorUserId: e.actorUserId,
    actorName: e.actorName,
    agencyId: e.agencyId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId === null ? null : String(e.entityId),
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    ip: e.ip ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx
    .insertInto('audit_log')
    .values({
      seq: content.seq,
      at: content.at,
      actor_user_id: content.actorUserId,
      actor_name: content.actorName,
      agency_id: content.agencyId,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      before_json: content.before,
      after_json: content.after,
      ip: content.ip,
      prev_hash: prevHash,
      hash: auditHash(prevHash, content),
    })
    .execute();
  return content.seq;
}

export function rowToContent(r: AuditRow): AuditContent & { prevHash: string; hash: string } {
  return {
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    agencyId: r.agency_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before_json,
    after: r.after_json,
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Streams the whole trail in pages, in sequence order. */
export async function* auditRowsInOrder(db: Db, pageSize = 5000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    yield* page;
    if (page.length < pageSize) return;
    after = (page[page.length - 1] as AuditRow).seq;
  }
}

export interface AuditFilter {
  agencyIds: 'all' | ReadonlySet<number>;
  actor?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
}

export async function searchAudit(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  if (f.agencyIds !== 'all' && f.agencyIds.size === 0) return [];
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(f.limit);
  if (f.agencyIds !== 'all') q = q.where('agency_id', 'in', [...f.agencyIds]);
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
  return q.execute();
}
