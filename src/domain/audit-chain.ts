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

export type ChainEntry = AuditContent & { prevHash: string; hash: string };

export type ChainCheck =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; count: number; brokenSeq: number; reason: string };

/**
 * Checks entries one at a time, in sequence order, so that a long trail is verified as it
 * streams from the database. `push` returns the failure at the first entry that breaks.
 */
export function chainVerifier() {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let failure: Extract<ChainCheck, { ok: false }> | null = null;
  return {
    push(e: ChainEntry): Extract<ChainCheck, { ok: false }> | null {
      if (failure) return failure;
      count++;
      const fail = (reason: string) => (failure = { ok: false, count, brokenSeq: e.seq, reason });
      if (e.seq !== expectedSeq) return fail(`序号不连续：应为 ${expectedSeq}`);
      if (e.prevHash !== prev) return fail('前序哈希与上一条记录不符');
      if (auditHash(prev, e) !== e.hash) return fail('记录内容与哈希不符（已被修改）');
      prev = e.hash;
      expectedSeq++;
      return null;
    },
    result(): ChainCheck {
      if (failure) return failure;
      return { ok: true, count, head: count ? { seq: expectedSeq - 1, hash: prev } : null };
    },
  };
}

/** Walks entries in sequence order and reports the first that does not verify. */
export function verifyChain(entries: Iterable<ChainEntry>): ChainCheck {
  const v = chainVerifier();
  for (const e of entries) if (v.push(e)) break;
  return v.result();
}
