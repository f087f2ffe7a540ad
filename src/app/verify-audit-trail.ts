import { chainVerifier, type ChainCheck } from '../domain/audit-chain.ts';
import { auditRowsInOrder, rowToContent } from '../store/audit.ts';
import type { Deps } from './deps.ts';

/**
 * Verifies the whole trail as it streams from the database. With `anchor` (a sequence number
 * and hash recorded earlier, outside the database), also detects a trail cut back or rewritten
 * from that entry on, which the chain alone cannot show.
 */
export async function verifyAuditTrail(
  deps: Deps,
  anchor?: { seq: number; hash: string },
): Promise<ChainCheck> {
  const v = chainVerifier();
  let anchorSeen = false;
  for await (const r of auditRowsInOrder(deps.store.db)) {
    const e = rowToContent(r);
    if (v.push(e)) break;
    if (anchor && e.seq === anchor.seq) {
      anchorSeen = true;
      if (e.hash !== anchor.hash) {
        return {
          ok: false,
          count: e.seq,
          brokenSeq: e.seq,
          reason: '与此前记下的锚点哈希不符（日志被整体改写）',
        };
      }
    }
  }
  const result = v.result();
  if (result.ok && anchor && !anchorSeen) {
    return {
      ok: false,
      count: result.count,
      brokenSeq: anchor.seq,
      reason: `记录已不存在，日志只剩 ${result.count} 条（最新的记录被删除）`,
    };
  }
  return result;
}
