/**
 * Audits a batch of published annual reports (issue 4): each file as auditPublishedReport does —
 * on worker threads when the batch is large enough to pay for starting them — and then the
 * checks across the reports of the batch: a report is checked against the same agency's report
 * for the year before with the engine's cross-year rules (carry-over of open applications,
 * 现行有效 stock, …), and two reports of one agency for one year are pointed out.
 *
 * Independent of where the files come from: each input carries its bytes, or a function that
 * loads them when their turn comes (the CLI reads paths that way; an upload has the bytes).
 */
import { availableParallelism } from 'node:os';
import type { AnnualReport } from '../domain/report/model.ts';
import { REPORT_RULES } from '../domain/report/rules.ts';
import { validate } from '../domain/report/validate.ts';
import {
  adviseUnread,
  READ_RULES,
  unreadOf,
  type ReadFinding,
  type ReadRule,
} from '../readers/read-report.ts';
import { detectFormat, type PublishedAudit } from './audit-published-report.ts';
import { auditFile, unreadableMessage, type FileOutcome } from './audit-worker.ts';
import {
  auditInWorkers,
  createAuditPool,
  type AuditPool,
  type PoolJob,
} from './audit-worker-pool.ts';

export type BatchInput =
  { name: string; bytes: Uint8Array } | { name: string; read: () => Promise<Uint8Array> };

/** A finding of the batch; `against` names the other file of the batch it concerns. */
export interface BatchFinding extends ReadFinding {
  against?: string;
}

/** A file's audit, its findings with those across the batch after its own. */
export interface BatchAudit extends PublishedAudit {
  findings: BatchFinding[];
}

export interface BatchResult {
  name: string;
  /** what was read and found (also kept for a file that holds no report) */
  audit?: BatchAudit;
  /** why the file could not be read as an annual report; absent when it was read */
  unreadable?: string;
}

export interface BatchOptions {
  /** worker threads at most (default: os.availableParallelism()), never more than the files */
  concurrency?: number;
  /**
   * 'auto' (default): worker threads for MIN_WORKER_BATCH files or more when concurrency > 1;
   * otherwise this thread, but PDF, DOCX and large files on one worker thread (see
   * auditInThisThread). 'always': worker threads. 'never': this thread only.
   */
  threads?: 'auto' | 'always' | 'never';
  /** called as each file finishes, in the order they finish */
  onProgress?: (done: number, total: number, name: string) => void;
  /** a file still being read after this long on a worker thread is abandoned */
  timeoutMs?: number;
  /**
   * Long-lived worker threads to use (the server's, warm and shared by its uploads): every file
   * of the batch is read there, `threads` aside, and the batch neither starts nor stops them.
   * The pool's own size and time limit apply.
   */
  pool?: AuditPool;
}

/**
 * From this many files on, 'auto' spreads a batch over worker threads. A worker takes 1–2 s to
 * start (tsx, the readers, pdfjs) and its code runs cold at first: a batch of text files alone is
 * faster on one thread, one with PDFs or DOCX gains from the pool where cores are free.
 */
export const MIN_WORKER_BATCH = 4;
export const DEFAULT_TIMEOUT_MS = 120_000;

export const BATCH_RULES = {
  duplicate: {
    id: 'BATCH-DUPLICATE',
    severity: 'warning',
    title: '同一机关同一年度有多份报告',
    statement:
      '本批次中同一机关（按名称）同一年度的报告不止一份：每份照常检查，跨年度核对使用排在前面的一份。',
  },
} as const satisfies Record<string, ReadRule>;

const CROSS_YEAR_RULES = REPORT_RULES.filter((r) => r.crossYear);

/** Names compared without spaces and with full-width forms folded (ＡＢ → AB). */
export const agencyKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');

/** Text and HTML files up to this size are read in this thread when a batch does not use workers. */
export const INLINE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * One file after another in this thread, except PDF, DOCX and any file over INLINE_MAX_BYTES,
 * which go to a worker thread (unless `thread` is null): pdfjs loads there without tsx (see
 * audit-worker-boot.mjs), in 0.3 s instead of 3 s and some 250 MB less at its peak, and a file
 * that makes a reader run away hits the worker's heap limit instead of the process's memory.
 */
async function auditInThisThread(
  jobs: readonly PoolJob[],
  thread: AuditPool | null,
  done: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  const inline = (bytes: Uint8Array) =>
    ['txt', 'html'].includes(detectFormat(bytes)) && bytes.length <= INLINE_MAX_BYTES;
  for (const job of jobs) {
    let outcome: FileOutcome;
    try {
      const { bytes, owned } = await job.load();
      outcome =
        thread && !inline(bytes) ? await thread.audit(bytes, owned) : await auditFile(bytes);
    } catch (err) {
      outcome = { unreadable: unreadableMessage(err) };
    }
    done(job.index, outcome);
  }
}

/** Every file of the batch read and audited, in input order, with the cross-report findings. */
export async function auditPublishedBatch(
  files: Iterable<BatchInput>,
  opts: BatchOptions = {},
): Promise<BatchResult[]> {
  const inputs = [...files];
  const outcomes: FileOutcome[] = new Array<FileOutcome>(inputs.length);
  let done = 0;
  const finish = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
    opts.onProgress?.(++done, inputs.length, (inputs[index] as BatchInput).name);
  };
  const jobs: PoolJob[] = inputs.map((input, index) => ({
    index,
    load: async () =>
      'bytes' in input
        ? { bytes: input.bytes, owned: false }
        : { bytes: await input.read(), owned: true },
  }));
  const threads = opts.threads ?? 'auto';
  const size = Math.max(1, Math.min(opts.concurrency ?? availableParallelism(), inputs.length));
  const spread =
    threads === 'always' || (threads === 'auto' && size > 1 && inputs.length >= MIN_WORKER_BATCH);
  if (opts.pool) await auditInWorkers(jobs, opts.pool, opts.pool.size, finish);
  else if (threads === 'never') await auditInThisThread(jobs, null, finish);
  else {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const pool = createAuditPool({ size: spread ? size : 1, timeoutMs });
    try {
      if (spread) await auditInWorkers(jobs, pool, size, finish);
      else await auditInThisThread(jobs, pool, finish);
    } finally {
      await pool.close();
    }
  }
  return checkAcrossReports(inputs.map((f, i) => ({ name: f.name, ...outcomes[i] })));
}

const withFindings = (r: BatchResult, extra: BatchFinding[]): BatchResult =>
  extra.length && r.audit
    ? { ...r, audit: { ...r.audit, findings: [...r.audit.findings, ...extra] } }
    : r;

/** The tables a report's reading found published as pictures (READ-TABLE-IMAGE's places). */
const picturesOf = (r: BatchResult): string[] =>
  r.audit?.findings.filter((f) => f.rule === READ_RULES.tableImage.id).map((f) => f.where) ?? [];

/**
 * The findings across reports, appended to each report's own: the cross-year rules against the
 * same agency's report for the year before (the first of them in the batch), and BATCH-DUPLICATE.
 */
export function checkAcrossReports(results: readonly BatchResult[]): BatchResult[] {
  const groups = new Map<string, number[]>();
  const keyOf = (r: AnnualReport, year = r.year) => `${agencyKey(r.agency.name)}\u0000${year}`;
  results.forEach((r, i) => {
    const report = r.unreadable ? null : r.audit?.report;
    if (!report || !agencyKey(report.agency.name)) return;
    const key = keyOf(report);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return results.map((r, i) => {
    const report = r.unreadable ? null : r.audit?.report;
    if (!report || !agencyKey(report.agency.name)) return r;
    const extra: BatchFinding[] = [];
    const prevIndex = groups.get(keyOf(report, report.year - 1))?.[0];
    if (prevIndex !== undefined) {
      const prev = results[prevIndex] as BatchResult;
      // same agency by the key: the rules compare names exactly, so give the previous this name
      const previous = { ...(prev.audit?.report as AnnualReport), agency: report.agency };
      // a table published as a picture in either report cannot be compared: said by READ-TABLE-IMAGE
      const pictures = new Set([...picturesOf(r), ...picturesOf(prev)]);
      // rows either reading could not read are not blank: said so, as on each report's own
      const unread = [
        ...unreadOf(r.audit?.findings ?? []),
        ...unreadOf(prev.audit?.findings ?? []),
      ];
      for (const f of validate(report, { previous }, CROSS_YEAR_RULES))
        if (!pictures.has(f.cell?.table ?? f.where.split(' ')[0] ?? ''))
          extra.push(adviseUnread({ ...f, against: prev.name }, unread));
    }
    const twins = (groups.get(keyOf(report)) ?? []).filter((j) => j !== i);
    if (twins.length) {
      const rule = BATCH_RULES.duplicate;
      const names = twins.map((j) => `“${(results[j] as BatchResult).name}”`).join('、');
      extra.push({
        rule: rule.id,
        severity: rule.severity,
        where: 'document',
        message: `本批次中${names}也是“${report.agency.name}”${report.year}年度的报告。同一机关同一年度只应有一份报告；如其中一份是更正版，请只检查更正后的一份。`,
        against: (results[twins[0] as number] as BatchResult).name,
      });
    }
    return withFindings(r, extra);
  });
}
