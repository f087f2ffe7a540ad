/**
 * Audits files on worker threads, so that a batch uses every core: `size` workers, each handed
 * one file at a time (the next file's bytes are loaded only when a worker is free, so at most one
 * file per worker is in memory). A worker that crashes, runs out of its heap or overruns the time
 * limit is stopped; its file gets an `unreadable` message and a fresh worker takes the next file.
 */
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './audit-worker.ts';
import { unreadableMessage } from './audit-worker.ts';

const BOOT = new URL('./audit-worker-boot.mjs', import.meta.url);
/**
 * Old-generation heap of one worker. Reading the example PDFs peaks near 150 MB of heap: at 160 MB
 * V8 collects five times as often and a PDF takes 1.6 × as long; from about 224 MB it runs as
 * without a limit. A runaway input (a 17 MB HTML page parses into a DOM of about 1 GB) stops at
 * the limit with its worker, not the process: about 450 MB for the whole process.
 */
export const WORKER_HEAP_MB = 256;

export interface PoolJob {
  index: number;
  /** the file's bytes, loaded when a worker is ready for it; `owned`: may be transferred */
  load: () => Promise<{ bytes: Uint8Array; owned: boolean }>;
}

interface AuditThread {
  audit(bytes: Uint8Array, owned: boolean, timeoutMs: number): Promise<FileOutcome>;
  /** false once the thread has crashed, been stopped or overrun */
  alive(): boolean;
  stop(): Promise<void>;
}

function crashMessage(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `读取该文件所需的内存超过 ${WORKER_HEAP_MB} MB 的上限，已中止；文件可能已损坏或不是年度报告。`;
  return `检查该文件的工作线程出错：${unreadableMessage(err)}`;
}

function startThread(): AuditThread {
  // execArgv []: the boot module registers tsx itself; an inherited --import tsx would do it twice
  const worker = new Worker(BOOT, {
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  let pending: ((o: FileOutcome) => void) | null = null;
  let failure: string | null = null;
  const fail = (message: string) => {
    failure ??= message;
    const p = pending;
    pending = null;
    p?.({ unreadable: message });
  };
  worker.on('message', (outcome: FileOutcome) => {
    const p = pending;
    pending = null;
    p?.(outcome);
  });
  worker.on('error', (err) => fail(crashMessage(err)));
  worker.on('exit', (code) => fail(`检查该文件的工作线程意外退出（退出码 ${code}），无法读取。`));
  return {
    alive: () => failure === null,
    audit: (bytes, owned, timeoutMs) =>
      new Promise((resolve) => {
        if (failure !== null) return resolve({ unreadable: failure });
        const timer = setTimeout(() => {
          fail(`检查该文件超过 ${timeoutMs / 1000} 秒，已中止；文件可能已损坏。`);
          void worker.terminate();
        }, timeoutMs);
        pending = (o) => {
          clearTimeout(timer);
          resolve(o);
        };
        // a buffer that is the whole of its ArrayBuffer moves to the worker instead of being copied
        const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        const transfer =
          owned && whole && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
        worker.postMessage({ bytes }, transfer);
      }),
    stop: async () => {
      failure ??= 'stopped';
      await worker.terminate();
    },
  };
}

/** One worker thread at a time for a sequence of files: a new one after a crash or an overrun. */
export function auditThread(timeoutMs: number) {
  let thread: AuditThread | null = null;
  return {
    audit: (bytes: Uint8Array, owned: boolean): Promise<FileOutcome> => {
      if (!thread?.alive()) thread = startThread();
      return thread.audit(bytes, owned, timeoutMs);
    },
    stop: async () => {
      await thread?.stop();
    },
  };
}

/** Runs every job on `size` worker threads; `done` is called as each file finishes. */
export async function auditInWorkers(
  jobs: readonly PoolJob[],
  size: number,
  timeoutMs: number,
  done: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  let next = 0;
  const slot = async () => {
    const thread = auditThread(timeoutMs);
    try {
      while (next < jobs.length) {
        const job = jobs[next++] as PoolJob;
        let input;
        try {
          input = await job.load();
        } catch (err) {
          done(job.index, { unreadable: unreadableMessage(err) });
          continue;
        }
        done(job.index, await thread.audit(input.bytes, input.owned));
      }
    } finally {
      await thread.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, size) }, slot));
}
