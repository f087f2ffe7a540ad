/**
 * The audit trail is append-only and tamper-evident: each entry's hash covers its own
 * content and the previous entry's hash, so editing or deleting any row breaks the chain
 * from that row on.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  agencyId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
}

export function auditHash(prevHash: string, c: AuditContent): string {
  const canonical = JSON.stringify([
    c.seq,
    c.at,
    c.actorUserId,
    c.actorName,
    c.agencyId,
    c.action,
    c.entityType,
    c.entityId,
    c.before,
    c.after,
    c.ip,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export type ChainCheck =
  { ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string };

/** Walks entries in sequence order and reports the first that does not verify. */
export function verifyChain(
  entries: Iterable<AuditContent & { prevHash: string; hash: string }>,
): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const e of entries) {
    count++;
    if (e.seq !== expectedSeq) {
      return { ok: false, count, brokenSeq: e.seq, reason: `序号不连续：应为 ${expectedSeq}` };
    }
    if (e.prevHash !== prev) {
      return { ok: false, count, brokenSeq: e.seq, reason: '前序哈希与上一条记录不符' };
    }
    if (auditHash(prev, e) !== e.hash) {
      return { ok: false, count, brokenSeq: e.seq, reason: '记录内容与哈希不符（已被修改）' };
    }
    prev = e.hash;
    expectedSeq++;
  }
  return { ok: true, count };
}
