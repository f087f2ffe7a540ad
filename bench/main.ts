/**
 * `npm run bench`: throughput and latency of the public agency page and a logged-in admin page,
 * against a bare Fastify route serving the same bytes from memory (the ceiling for this machine).
 *
 * The servers run in a child process (bench/servers.ts) on a fresh SQLite database in a temp
 * dir; this process logs in with fetch and drives autocannon, so load generation does not share
 * the servers' event loop. Environment:
 *   BENCH_SECONDS   measured seconds per route (default 10; each run is preceded by a warm-up)
 *   BENCH_ONLY      subset to run, e.g. "a", "a,c" or "r" (default all: a, d, b, c, then r, the
 *                   annual report and roll-up on SQLite and PostgreSQL: bench/report.ts, then t,
 *                   reading published reports: bench/readers.ts)
 *   PUBLIC_CACHE_SECONDS  the public-page cache of row (a), as deployed (default 5); row (d) runs with it off
 *   BENCH_CPU_PROF  a directory: profile the server process with --cpu-prof into it
 * Exits non-zero if any request errored or answered non-2xx, or the report part failed; a missed
 * budget is only reported.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { runReaderBench } from './readers.ts';
import { runReportBench } from './report.ts';
import { ADMIN_PATH, PUBLIC_PATH, type CpuMessage, type ReadyMessage } from './shared.ts';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const BUDGET_RPS = 2000;
const BUDGET_P99_MS = 50;
const BUDGET_RATIO = 0.5;

function envSeconds(): number {
  const raw = process.env.BENCH_SECONDS;
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 3600) {
    throw new Error(`BENCH_SECONDS=${raw}: expected an integer number of seconds, 1–3600`);
  }
  return n;
}

interface Target {
  key: 'a' | 'b' | 'c' | 'd';
  label: string;
  url: string;
  headers: Record<string, string>;
}

interface Measured {
  target: Target;
  result: Result;
  p50: number;
  p99: number;
  /** errors (incl. timeouts) and non-2xx answers, warm-up included */
  errors: number;
  non2xx: number;
  /** CPU time (user + system) over the measured run, as a share of one core */
  serverCpu: number;
  loadCpu: number;
  /** everything else running on the machine meanwhile */
  otherCpu: number;
  /** server CPU µs per completed request */
  cpuPerRequest: number;
}

type CpuProbe = () => Promise<NodeJS.CpuUsage>;
const cpuSum = (u: NodeJS.CpuUsage) => u.user + u.system;
/** busy time of the whole machine so far, µs (to see other processes competing for the CPUs) */
const machineBusyUs = () =>
  cpus().reduce((t, c) => t + (c.times.user + c.times.nice + c.times.sys + c.times.irq) * 1000, 0);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

async function load(t: Target, seconds: number) {
  // autocannon's own latency histogram has 1 ms resolution; keep every response time instead.
  const times: number[] = [];
  const instance = autocannon({
    url: t.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: t.headers,
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    times.push(ms);
  });
  const result = await instance;
  const sorted = Float64Array.from(times).sort();
  return { result, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function measure(t: Target, seconds: number, serverCpu: CpuProbe): Promise<Measured> {
  process.stdout.write(`${t.label}: warm-up ${WARMUP_SECONDS} s, measuring ${seconds} s … `);
  const warm = await load(t, WARMUP_SECONDS);
  const server0 = await serverCpu();
  const [load0, busy0, wall0] = [process.cpuUsage(), machineBusyUs(), performance.now()];
  const { result, p50, p99 } = await load(t, seconds);
  const [load1, busy1, wall1] = [process.cpuUsage(load0), machineBusyUs(), performance.now()];
  const server1 = await serverCpu();
  const wallUs = (wall1 - wall0) * 1000;
  const serverUs = cpuSum(server1) - cpuSum(server0);
  const errors = warm.result.errors + result.errors;
  const non2xx = warm.result.non2xx + result.non2xx;
  const codes = Object.entries(result.statusCodeStats)
    .map(([code, s]) => `${code}×${s.count}`)
    .join(' ');
  console.log(`${Math.round(result.requests.average)} req/s (${codes || 'no responses'})`);
  return {
    target: t,
    result,
    p50,
    p99,
    errors,
    non2xx,
    serverCpu: serverUs / wallUs,
    loadCpu: cpuSum(load1) / wallUs,
    otherCpu: Math.max(0, busy1 - busy0 - serverUs - cpuSum(load1)) / wallUs,
    cpuPerRequest: serverUs / Math.max(1, result.requests.total),
  };
}

/** name → value from Set-Cookie headers, dropping cleared cookies. */
function applySetCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k = '', v = ''] = a.split('=').map((s) => s.trim());
      return (
        (/^max-age$/i.test(k) && Number(v) <= 0) ||
        (/^expires$/i.test(k) && Date.parse(v) <= Date.now())
      );
    });
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The browser flow: GET /login (pre-login CSRF cookie + hidden field), POST /login. */
async function logIn(appUrl: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${appUrl}/login`);
  if (form.status !== 200) throw new Error(`GET /login answered ${form.status}`);
  applySetCookies(jar, form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('GET /login: no _csrf field in the form');
  const res = await fetch(`${appUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: cookieHeader(jar),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ username, password, _csrf: csrf, next: ADMIN_PATH }).toString(),
  });
  applySetCookies(jar, res);
  if (res.status !== 303 || res.headers.get('location') !== ADMIN_PATH || !jar.has('gk_session')) {
    throw new Error(
      `POST /login answered ${res.status} → ${res.headers.get('location')} (expected 303 → ${ADMIN_PATH} with a session cookie)`,
    );
  }
  const cookie = cookieHeader(jar);
  const check = await fetch(appUrl + ADMIN_PATH, { headers: { cookie }, redirect: 'manual' });
  const body = await check.text();
  if (check.status !== 200 || !body.includes('机关管理')) {
    throw new Error(`GET ${ADMIN_PATH} with the session answered ${check.status}`);
  }
  return cookie;
}

async function sameBytes(a: string, b: string): Promise<void> {
  const [ra, rb] = await Promise.all([fetch(a), fetch(b)]);
  const [ba, bb] = await Promise.all([ra.arrayBuffer(), rb.arrayBuffer()]);
  const ta = ra.headers.get('content-type');
  const tb = rb.headers.get('content-type');
  if (ra.status !== 200 || rb.status !== 200) {
    throw new Error(`status ${ra.status} / ${rb.status}`);
  }
  if (ta !== tb || Buffer.compare(Buffer.from(ba), Buffer.from(bb)) !== 0) {
    throw new Error('the bare route does not serve the same bytes/content-type as the app');
  }
}

function startServers(dir: string, profileDir: string | undefined) {
  const benchDir = fileURLToPath(new URL('.', import.meta.url));
  const child = fork(join(benchDir, 'servers.ts'), [], {
    cwd: resolve(benchDir, '..'),
    execArgv: [
      '--import',
      'tsx',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : []),
    ],
    env: { ...process.env, BENCH_DIR: dir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cpuWaiters: ((u: NodeJS.CpuUsage) => void)[] = [];
  let onReady: (m: ReadyMessage) => void = () => {};
  child.on('message', (m: ReadyMessage | CpuMessage) => {
    if (m.type === 'ready') onReady(m);
    else if (m.type === 'cpu') cpuWaiters.shift()?.(m.usage);
  });
  const cpu: CpuProbe = () =>
    new Promise((ok) => {
      cpuWaiters.push(ok);
      child.send({ type: 'cpu' });
    });
  const ready = new Promise<ReadyMessage>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('server process: not ready after 60 s')), 60_000);
    onReady = (m) => {
      clearTimeout(timer);
      ok(m);
    };
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server process exited (${code}) before it was ready`));
    });
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.send({ type: 'stop' });
    });
  return { ready, stop, cpu, pid: child.pid };
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => n.toFixed(2);

function printTable(rows: Measured[], bare: Measured | undefined): void {
  const header = [
    'route',
    'req/s (avg)',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'errors',
    '÷ bare',
    'server CPU',
    'µs CPU/req',
    'loadgen CPU',
    'other CPU',
  ];
  const lines = rows.map((m) => [
    m.target.label,
    fmtInt(m.result.requests.average),
    fmtMs(m.p50),
    fmtMs(m.p99),
    String(m.non2xx),
    String(m.errors),
    bare ? (m.result.requests.average / bare.result.requests.average).toFixed(2) : '–',
    `${Math.round(m.serverCpu * 100)} %`,
    fmtInt(m.cpuPerRequest),
    `${Math.round(m.loadCpu * 100)} %`,
    `${Math.round(m.otherCpu * 100)} %`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
  console.log(
    'CPU columns: share of one core during the measured run — server process, this process ' +
      '(autocannon), and all other processes on the machine (non-zero means the figures are disturbed).',
  );
}

function printBudget(pub: Measured | undefined, bare: Measured | undefined): void {
  console.log();
  console.log(
    `Budget: public page ≥ ${fmtInt(BUDGET_RPS)} req/s with p99 < ${BUDGET_P99_MS} ms, and at least half the bare route's rate`,
  );
  const item = (ok: boolean | undefined, what: string, measured: string) =>
    console.log(
      `  ${ok === undefined ? 'N/A ' : ok ? 'PASS' : 'FAIL'}  ${what.padEnd(34)}${measured}`,
    );
  const rps = pub?.result.requests.average;
  item(
    rps === undefined ? undefined : rps >= BUDGET_RPS,
    `public page ≥ ${fmtInt(BUDGET_RPS)} req/s`,
    rps === undefined ? 'not run' : `${fmtInt(rps)} req/s`,
  );
  item(
    pub ? pub.p99 < BUDGET_P99_MS : undefined,
    `public page p99 < ${BUDGET_P99_MS} ms`,
    pub ? `${fmtMs(pub.p99)} ms` : 'not run',
  );
  const ratio =
    pub && bare ? pub.result.requests.average / bare.result.requests.average : undefined;
  item(
    ratio === undefined ? undefined : ratio >= BUDGET_RATIO,
    'public page ≥ ½ bare route rate',
    ratio === undefined ? 'not run' : `${ratio.toFixed(2)} × bare`,
  );
}

const HTTP_KEYS = ['a', 'b', 'c', 'd'] as const;

async function main(): Promise<number> {
  const only = new Set(
    (process.env.BENCH_ONLY || 'a,b,c,d,r,t').split(',').map((s) => s.trim().toLowerCase()),
  );
  const unknown = [...only].filter(
    (k) => k !== 'r' && k !== 't' && !(HTTP_KEYS as readonly string[]).includes(k),
  );
  if (unknown.length) {
    throw new Error(
      `BENCH_ONLY=${process.env.BENCH_ONLY}: unknown ${unknown.join(', ')} (a, b, c, d, r, t)`,
    );
  }
  const code = HTTP_KEYS.some((k) => only.has(k)) ? await httpBench(only) : 0;
  if (only.has('r')) await runReportBench();
  if (only.has('t')) await runReaderBench();
  return code;
}

async function httpBench(only: ReadonlySet<string>): Promise<number> {
  const seconds = envSeconds();
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  const servers = startServers(dir, process.env.BENCH_CPU_PROF || undefined);
  try {
    const ready = await servers.ready;
    const publicUrl = ready.appUrl + PUBLIC_PATH;
    const bareUrl = ready.bareUrl + PUBLIC_PATH;
    await sameBytes(publicUrl, bareUrl);
    await sameBytes(ready.uncachedUrl + PUBLIC_PATH, bareUrl);
    const cookie = await logIn(ready.appUrl, ready.username, ready.password);

    console.log(
      `Node ${process.version}, ${availableParallelism()} CPU(s) (${cpus()[0]?.model ?? '?'}), ` +
        `server process pid ${servers.pid}; ${CONNECTIONS} connections, ` +
        `${WARMUP_SECONDS} s warm-up + ${seconds} s per route; public page ${ready.bytes} bytes (${ready.contentType})`,
    );
    const targets: Target[] = [
      {
        key: 'a',
        label: `(a) app    GET ${PUBLIC_PATH} (cache ${ready.publicCacheSeconds} s)`,
        url: publicUrl,
        headers: {},
      },
      {
        key: 'd',
        label: `(d) app    GET ${PUBLIC_PATH} (cache off)`,
        url: ready.uncachedUrl + PUBLIC_PATH,
        headers: {},
      },
      {
        key: 'b',
        label: `(b) app    GET ${ADMIN_PATH} (session)`,
        url: ready.appUrl + ADMIN_PATH,
        headers: { cookie },
      },
      { key: 'c', label: `(c) bare   GET ${PUBLIC_PATH}`, url: bareUrl, headers: {} },
    ];
    const rows: Measured[] = [];
    for (const t of targets) if (only.has(t.key)) rows.push(await measure(t, seconds, servers.cpu));

    const bare = rows.find((m) => m.target.key === 'c');
    printTable(rows, bare);
    printBudget(
      rows.find((m) => m.target.key === 'a'),
      bare,
    );

    const bad = rows.filter((m) => m.errors > 0 || m.non2xx > 0);
    if (bad.length) {
      console.error(
        `\nFAILED: errors or non-2xx answers on ${bad.map((m) => m.target.label).join(', ')}`,
      );
      return 1;
    }
    return 0;
  } finally {
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_CPU_PROF)
      console.log(`CPU profile of the server process in ${process.env.BENCH_CPU_PROF}`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
