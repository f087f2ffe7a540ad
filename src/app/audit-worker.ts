/**
 * One file of a batch audit, in whichever thread runs it: `auditFile` never throws — a file that
 * cannot be read becomes its `unreadable` message — and `serveAudits` answers a worker-thread
 * pool (audit-worker-pool.ts) one file at a time with it. The thread is started through
 * audit-worker-boot.mjs, which registers tsx first (a worker does not inherit the loader hooks of
 * the thread that starts it).
 */
import type { MessagePort } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import { auditPublishedReport, type PublishedAudit } from './audit-published-report.ts';

export interface FileOutcome {
  /** what was read and found; present also when nothing could be read as a report */
  audit?: PublishedAudit;
  /** why the file could not be read as an annual report at all (the CLI's exit 2) */
  unreadable?: string;
}

/** The Chinese message of a failure: a DomainError's own, any other error's in brackets. */
export function unreadableMessage(err: unknown): string {
  if (err instanceof DomainError) return err.message;
  const detail = err instanceof Error ? err.message : String(err);
  return `读取该文件时出错（${detail.slice(0, 200)}），无法读取。`;
}

/**
 * Reads and audits one file. A file whose bytes were read but hold no report (a PDF without a
 * text layer, an unrelated document, a text beyond the size limit) is unreadable too: its error
 * findings are the message, and its audit is kept.
 */
export async function auditFile(bytes: Uint8Array): Promise<FileOutcome> {
  let audit: PublishedAudit;
  try {
    audit = await auditPublishedReport(bytes);
  } catch (err) {
    return { unreadable: unreadableMessage(err) };
  }
  if (audit.report) return { audit };
  const errors = audit.findings.filter((f) => f.severity === 'error').map((f) => f.message);
  return { audit, unreadable: errors.join(' ') || '文件中没有可读取的年度报告。' };
}

export interface AuditRequest {
  bytes: Uint8Array;
}

/** Answers each request with its outcome, in order (the pool sends the next one after a reply). */
export function serveAudits(port: MessagePort): void {
  port.on('message', (req: AuditRequest) => {
    void auditFile(req.bytes).then((outcome) => {
      try {
        port.postMessage(outcome);
      } catch (err) {
        port.postMessage({ unreadable: unreadableMessage(err) } satisfies FileOutcome);
      }
    });
  });
}
