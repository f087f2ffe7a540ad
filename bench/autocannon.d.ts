/** The part of autocannon 9's programmatic API that the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Options {
    url: string;
    connections?: number;
    /** seconds */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    pipelining?: number;
    /** seconds */
    timeout?: number;
  }

  export interface Stats {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  export interface Result {
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    /** per-second samples; `average` is the mean requests/s */
    requests: Stats & { sent: number };
    /** ms, recorded with 1 ms resolution */
    latency: Stats & { totalCount: number };
    throughput: Stats;
  }

  /** Emits `response` (client, statusCode, bytes, responseTimeMs) for every response. */
  export interface Instance extends EventEmitter, PromiseLike<Result> {}

  export default function autocannon(opts: Options): Instance;
}
