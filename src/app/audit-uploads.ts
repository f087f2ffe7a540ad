/**
 * Audits the files uploaded through the web (the public check and a supervising office's batch)
 * as one batch (audit-published-batch.ts) on the server's worker threads, so that reading never
 * holds up the event loop and a hostile file meets a worker's heap limit; with the checks across
 * reports of one agency. Keeps a file refused by the upload limits in its place with its
 * message. Results are in upload order.
 */
import { auditPublishedBatch, type BatchResult } from './audit-published-batch.ts';
import type { AuditPool } from './audit-worker-pool.ts';

export interface UploadedFile {
  name: string;
  bytes?: Uint8Array;
  /** why the upload was refused (too large, empty, over the request's total) */
  problem?: string;
}

/** `pool`: the server's upload threads, on which every file is read. */
export async function auditUploads(
  files: readonly UploadedFile[],
  pool: AuditPool,
): Promise<BatchResult[]> {
  const readable = files.filter((f): f is UploadedFile & { bytes: Uint8Array } => !!f.bytes);
  const audited = await auditPublishedBatch(
    readable.map((f) => ({ name: f.name, bytes: f.bytes })),
    { pool },
  );
  let next = 0;
  return files.map((f) =>
    f.bytes
      ? (audited[next++] as BatchResult)
      : { name: f.name, unreadable: f.problem ?? '无法读取。' },
  );
}
