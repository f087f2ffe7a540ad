import { verifyChain, type ChainCheck } from '../domain/audit-chain.ts';
import { auditRowsInOrder, rowToContent } from '../store/audit.ts';
import type { Deps } from './deps.ts';

export async function verifyAuditTrail(deps: Deps): Promise<ChainCheck> {
  const rows: ReturnType<typeof rowToContent>[] = [];
  for await (const r of auditRowsInOrder(deps.store.db)) rows.push(rowToContent(r));
  return verifyChain(rows);
}
