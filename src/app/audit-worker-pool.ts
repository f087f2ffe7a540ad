/**
 * Audits files on worker threads, so that a batch uses every core and a hostile file meets a
 * worker's heap limit instead of the process's memory: a pool of workers, each handed one file
 * at a time (a batch loads a file's bytes only when it is its turn, so about one file per worker
 * is in memory). A worker that crashes, runs out of its heap or overruns the time limit is
 * stopped; its file gets an `unreadable` message and a fresh worker takes the next file.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './audit-worker.ts';
import { unreadableMessage } from './audit-worker.ts';

const CLOSED = '检查已中止：服务正在停止，请稍后重新上传。';
const BOOT = new URL('./audit-worker-boot.mjs', import.meta.url);
/**
 * Old-generation heap of one worker. Reading an example PDF needs about 25 MB live (it peaks
 * higher only because collection waits for the heap to grow; see setHeapGrowth). The readers
 * refuse what would make them run away (pages of too many elements or table cells, Word files of
 * too many XML elements); an input that still does stops at the limit with its worker, not the
 * process: about 550 MB for the whole process at worst.
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

function crashMessage(err: unknown, heapMb: number): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `读取该文件所需的内存超过 ${heapMb} MB 的上限，已中止；文件可能已损坏或不是年度报告。`;
  return `检查该文件的工作线程出错：${unreadableMessage(err)}`;
}

/**
 * V8 lets a heap limited below about 1 GB grow by only 1.3–2 × between full collections (a large
 * heap: up to 4 ×), so under WORKER_HEAP_MB a worker ran about three times as many mark-compacts
 * as this thread and read a PDF in about 245 ms instead of 155 ms. A fixed factor of 2 brings it
 * back to about 158 ms. The flag is process-wide: this thread's heap, too, then grows by at most
 * 2 × between full collections — a little more collecting, a lower peak.
 */
let heapGrowthSet = false;
function setHeapGrowth() {
  if (heapGrowthSet) return;
  heapGrowthSet = true;
  setFlagsFromString('--heap-growing-percent=100');
}

function startThread(heapMb: number): AuditThread {
  setHeapGrowth();
  // execArgv []: the boot module registers tsx itself; an inherited --import tsx would do it twice
  const worker = new Worker(BOOT, {
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  // an idle thread does not keep the process alive; a file being read has its timeout timer
  worker.unref();
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
  worker.on('error', (err) => fail(crashMessage(err, heapMb)));
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
      fail(CLOSED);
      await worker.terminate();
    },
  };
}

export interface AuditPool {
  /** threads at most */
  readonly size: number;
  /**
   * Audits one file on the next free thread: a thread is started when needed, and a fresh one
   * replaces a thread that crashed or overran. Files wait their turn in order of arrival.
   */
  audit(bytes: Uint8Array, owned: boolean): Promise<FileOutcome>;
  /** Stops every thread; a file still waiting or being read gets a message saying so. */
  close(): Promise<void>;
  /** threads started since the pool was made, running now, and files waiting for one */
  stats(): { started: number; running: number; waiting: number };
  /**
   * The same threads and queue, for files of which at most `maxThreads` are read at once: a file
   * that would exceed it waits, and files behind it (of the pool itself or of another view) go
   * first. The server gives its public check such a view, so that uploads from anyone never hold
   * every thread and a supervising office's batch always has one. Closing a view closes the pool.
   */
  limited(maxThreads: number): AuditPool;
}

export interface AuditPoolOptions {
  size: number;
  /** a file still being read after this long is abandoned with its thread */
  timeoutMs: number;
  /** a thread idle this long is stopped (it starts again when needed); default: kept */
  idleMs?: number;
  /** each thread's old-generation heap in MB; default WORKER_HEAP_MB */
  heapMb?: number;
}

/**
 * `size` worker threads shared by every batch that uses the pool: the server keeps one for its
 * uploads, so that an upload does not pay the 1–2 s start-up of a thread (tsx, the readers,
 * pdfjs) and its code is warm; a batch of the CLI makes its own and closes it.
 *
 * Threads are unref'd: an idle pool never keeps the process alive, and while a file is being
 * read its timeout timer does.
 */
export function createAuditPool(opts: AuditPoolOptions): AuditPool {
  interface Slot {
    thread: AuditThread | null;
    busy: boolean;
    idle?: ReturnType<typeof setTimeout>;
  }
  /** files read at once under one limit (the pool's own has none beyond its size) */
  interface Lane {
    max: number;
    running: number;
  }
  interface Waiting {
    bytes: Uint8Array;
    owned: boolean;
    lane: Lane;
    resolve: (o: FileOutcome) => void;
  }
  const slots: Slot[] = Array.from({ length: Math.max(1, opts.size) }, () => ({
    thread: null,
    busy: false,
  }));
  const queue: Waiting[] = [];
  let closed = false;
  let started = 0;

  const rest = (slot: Slot) => {
    if (opts.idleMs === undefined || closed) return;
    slot.idle = setTimeout(() => {
      const thread = slot.thread;
      slot.thread = null;
      void thread?.stop();
    }, opts.idleMs);
    slot.idle.unref();
  };
  const pump = () => {
    for (const slot of slots) {
      if (slot.busy || closed) continue;
      // the first waiting file whose lane has room (in order of arrival otherwise)
      const next = queue.findIndex((j) => j.lane.running < j.lane.max);
      if (next < 0) return;
      const [job] = queue.splice(next, 1) as [Waiting];
      job.lane.running++;
      slot.busy = true;
      clearTimeout(slot.idle);
      if (!slot.thread?.alive()) {
        slot.thread = startThread(opts.heapMb ?? WORKER_HEAP_MB);
        started++;
      }
      void slot.thread.audit(job.bytes, job.owned, opts.timeoutMs).then((outcome) => {
        slot.busy = false;
        job.lane.running--;
        job.resolve(outcome);
        pump();
        // (files may be waiting that their lane keeps from this thread)
        if (!slot.busy) rest(slot);
      });
    }
  };
  const stats = () => ({
    started,
    running: slots.filter((s) => s.thread?.alive()).length,
    waiting: queue.length,
  });
  const enqueue = (lane: Lane) => (bytes: Uint8Array, owned: boolean) =>
    new Promise<FileOutcome>((resolve) => {
      if (closed) return resolve({ unreadable: CLOSED });
      queue.push({ bytes, owned, lane, resolve });
      pump();
    });
  const view = (maxThreads: number): AuditPool => {
    const lane: Lane = { max: Math.max(1, Math.min(maxThreads, slots.length)), running: 0 };
    return { size: lane.max, stats, audit: enqueue(lane), close, limited: view };
  };
  const close = async () => {
    closed = true;
    for (const job of queue.splice(0)) job.resolve({ unreadable: CLOSED });
    await Promise.all(
      slots.map(async (slot) => {
        clearTimeout(slot.idle);
        const thread = slot.thread;
        slot.thread = null;
        await thread?.stop();
      }),
    );
  };
  return {
    size: slots.length,
    stats,
    audit: enqueue({ max: slots.length, running: 0 }),
    close,
    limited: view,
  };
}

/**
 * Runs every job on the pool's threads, `size` files at a time (a file's bytes are loaded only
 * when it is its turn); `done` is called as each file finishes.
 */
export async function auditInWorkers(
  jobs: readonly PoolJob[],
  pool: AuditPool,
  size: number,
  done: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as PoolJob;
      let input;
      try {
        input = await job.load();
      } catch (err) {
        done(job.index, { unreadable: unreadableMessage(err) });
        continue;
      }
      done(job.index, await pool.audit(input.bytes, input.owned));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, size) }, lane));
}
