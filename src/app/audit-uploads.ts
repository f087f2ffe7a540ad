/**
 * Audits the files uploaded through the web (the public check and a supervising office's batch):
 * each file read and checked, a file that cannot be read kept with its Chinese message, the
 * results in upload order. A file refused by the upload limits is never read.
 */
import { DomainError } from '../domain/errors.ts';
import type { AuditedFile } from '../reports/audit-findings-xlsx.ts';
import { auditPublishedReport } from './audit-published-report.ts';

export interface UploadedFile {
  name: string;
  bytes?: Uint8Array;
  /** why the upload was refused (too large, empty, over the request's total) */
  problem?: string;
}

export async function auditUploads(files: readonly UploadedFile[]): Promise<AuditedFile[]> {
  const out: AuditedFile[] = [];
  for (const f of files) {
    if (!f.bytes) {
      out.push({ name: f.name, unreadable: f.problem ?? '无法读取。' });
      continue;
    }
    try {
      out.push({ name: f.name, audit: await auditPublishedReport(f.bytes) });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      out.push({ name: f.name, unreadable: err.message });
    }
  }
  return out;
}
