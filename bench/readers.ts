/**
 * `BENCH_ONLY=t npm run bench`: reading and auditing published reports (issue 4), in reports per
 * second on one core, beside the bare parse of the same files in the same run: text split into
 * lines, HTML parsed into a DOM (parse5), the PDF text layer extracted (pdfjs getTextContent on
 * every page). Inputs: the example texts and PDFs of test/fixtures/reports, and, for HTML, each
 * example read and rendered back as a published page (the report inside a portal's chrome) and,
 * as `html*`, three real published pages of test/fixtures/reports/real (Word exports).
 * Each kind: 5 rounds alternating the app and the bare parse, the best round of each side.
 * Budget on one core: ≥ 200 text, ≥ 50 HTML, ≥ 4 PDF reports/s, each ≥ ½ its bare rate.
 * The floors under the text and HTML ratios say what ½ × bare leaves for the reading itself:
 * decoding and the search view (text), decoding and the page's text (HTML), timed the same way.
 *
 * Then a batch: the same files, BATCH_ROUNDS times over, through auditPublishedBatch (with the
 * checks across reports) on this thread, on a pool of one worker thread and on a pool of
 * os.availableParallelism() workers — each pool's first batch from a cold start of its threads,
 * as a batch of the CLI would be, then a second batch on the warm threads, as the server's
 * uploads are.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parse as parseHtml } from 'parse5';
import { auditPublishedBatch, type BatchOptions } from '../src/app/audit-published-batch.ts';
import { createAuditPool } from '../src/app/audit-worker-pool.ts';
import { auditPublishedReport, decodeReport } from '../src/app/audit-published-report.ts';
import { renderHtml } from '../src/reports/html.ts';
import { htmlToText } from '../src/readers/html-text.ts';
import { toViews } from '../src/readers/normalize.ts';
import { pdfToText } from '../src/readers/pdf-text.ts';
import { readReportText } from '../src/readers/text.ts';
import { barePdf } from './bare-pdf.mjs';

const FIX = 'test/fixtures/reports';
const TEXTS = ['2020_yixi-town_chaozhou', '2020_pingtan', '2021_pingtan'];
const PDFS = ['2024_huaian-city', '2023_hongze-district'];
/** real published pages (test/fixtures/reports/real): the `html*` row */
const REAL = join(FIX, 'real');
const REAL_PAGES = [
  '2019_pingtan-tourism-page.html',
  '2020_pingtan-market-regulation-page.html',
  '2019_shanghai-office.html',
];
const BUDGET = { txt: 200, html: 50, pdf: 4 } as const;
/** seconds of each side of a kind's measurement, over ROUNDS alternating rounds */
const MIN_SECONDS = 3;
const ROUNDS = 5;
/** 400 files: a supervising office's batch is hundreds of reports, over which the workers' start-up (~2 s) is spread */
const BATCH_ROUNDS = 40;

/** Runs `fn` over the inputs round-robin for at least `seconds` and `minRuns` calls. */
async function rate(
  inputs: readonly Uint8Array[],
  fn: (b: Uint8Array) => unknown,
  seconds: number,
  minRuns: number,
) {
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds || n < minRuns) {
    await fn(inputs[n % inputs.length] as Uint8Array);
    n++;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return n / elapsed;
}

/**
 * The app's rate and the bare parse's, in ROUNDS alternating rounds (after a warm-up pass of
 * each), the best round of each side: this machine's speed drifts by ±20 % over seconds, and
 * alternating keeps both sides under the same drift instead of one measured after the other.
 */
async function rates(
  inputs: readonly Uint8Array[],
  app: (b: Uint8Array) => unknown,
  bare: (b: Uint8Array) => unknown,
) {
  for (const b of inputs) await app(b);
  for (const b of inputs) await bare(b);
  let best = { app: 0, bare: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const a = await rate(inputs, app, MIN_SECONDS / ROUNDS, inputs.length);
    const b = await rate(inputs, bare, MIN_SECONDS / ROUNDS, inputs.length);
    best = { app: Math.max(best.app, a), bare: Math.max(best.bare, b) };
  }
  return best;
}

export async function runReaderBench(): Promise<void> {
  const utf8 = new TextEncoder();
  const texts = TEXTS.map((s) => new Uint8Array(readFileSync(join(FIX, `${s}.txt`))));
  const pdfs = PDFS.map((s) => new Uint8Array(readFileSync(join(FIX, `${s}.pdf`))));
  // published pages: each example read, rendered back inside a portal's chrome
  const models = [
    ...texts.map((b) => readReportText(new TextDecoder().decode(b)).report),
    ...(await Promise.all(pdfs.map(async (b) => readReportText((await pdfToText(b)).text).report))),
  ];
  const pages = models.map((m) => {
    if (!m) throw new Error('bench: an example did not read as a report');
    const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/c/${i}">栏目${i}</a></li>`);
    return utf8.encode(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${m.agency.name}</title>` +
        `<script>var x = 1;</script><style>body{margin:0}</style></head><body>` +
        `<header><nav><ul>${nav.join('')}</ul></nav></header><div class="main">` +
        `${renderHtml(m).value}</div><footer>版权所有 联系我们</footer></body></html>`,
    );
  });

  const rows: {
    kind: keyof typeof BUDGET;
    label: string;
    files: number;
    app: number;
    bare: number;
  }[] = [];
  const decoder = new TextDecoder();
  process.stdout.write('\nReading published reports (one core) …\n');
  const measured = async (
    kind: keyof typeof BUDGET,
    files: readonly Uint8Array[],
    bare: (b: Uint8Array) => unknown,
    label: string = kind,
  ) => {
    const r = await rates(files, (b) => auditPublishedReport(b), bare);
    rows.push({ kind, label, files: files.length, ...r });
  };
  const splitLines = (b: Uint8Array) => decoder.decode(b).split('\n').length;
  await measured('txt', texts, splitLines);
  // The floor under the text ratio: decoding the bytes and building the normalised search view
  // that every reading starts from, before any label is looked for.
  const floor = await rates(texts, (b) => toViews(decodeReport(b)), splitLines);
  await measured('html', pages, (b) => parseHtml(decoder.decode(b)));
  // The floor under the HTML ratio: decoding and the page's text (parse5, then the walk that
  // lays its tables out as TAB cells), before the text is read.
  const htmlFloor = await rates(
    pages,
    (b) => htmlToText(decodeReport(b)),
    (b) => parseHtml(decoder.decode(b)),
  );
  // published pages as they are: Word exports inside a portal's article (~175 KB each)
  await measured(
    'html',
    REAL_PAGES.map((f) => new Uint8Array(readFileSync(join(REAL, f)))),
    (b) => parseHtml(decoder.decode(b)),
    'html*',
  );
  await measured('pdf', pdfs, barePdf);

  const pad = (s: string, n: number) => s.padStart(n);
  console.log(
    `\n${'input'.padEnd(6)} ${pad('files', 5)} ${pad('reports/s', 10)} ${pad('bare/s', 10)} ${pad('ratio', 6)}  budget                      result`,
  );
  for (const r of rows) {
    const ratio = r.app / r.bare;
    const ok = r.app >= BUDGET[r.kind] && ratio >= 0.5;
    console.log(
      `${r.label.padEnd(6)} ${pad(String(r.files), 5)} ${pad(r.app.toFixed(1), 10)} ${pad(r.bare.toFixed(1), 10)} ${pad(ratio.toFixed(2), 6)}  ≥ ${String(BUDGET[r.kind]).padEnd(3)} /s, ≥ 0.5 × bare    ${ok ? 'PASS' : 'MISS'}`,
    );
  }
  console.log(
    'reports/s: read into the report model and audited (reading findings + every rule); bare: text split into lines, HTML parsed by parse5, PDF text layer extracted by pdfjs. html: the examples rendered inside a portal page; html*: three real published pages. One core, sequential; the best of 5 alternating rounds of each side.',
  );
  const perReport = (rate: number) => (1e6 / rate).toFixed(0);
  console.log(
    `txt floor: decoding + the normalised search view alone (no label looked for yet) ${floor.app.toFixed(0)}/s = ${(floor.app / floor.bare).toFixed(2)} × bare. ` +
      `½ × bare allows ${perReport(floor.bare / 2)} µs a report, of which these take ${perReport(floor.app)} µs; the whole audit takes ${perReport(rows[0]?.app ?? 1)} µs.`,
  );
  const html = rows.find((r) => r.label === 'html');
  console.log(
    `html floor: decoding + the page's text (parse5 and the walk over its tables; no label looked for yet) ${htmlFloor.app.toFixed(0)}/s = ${(htmlFloor.app / htmlFloor.bare).toFixed(2)} × bare. ` +
      `½ × bare allows ${perReport(htmlFloor.bare / 2)} µs a page, of which these take ${perReport(htmlFloor.app)} µs; the whole audit takes ${perReport(html?.app ?? 1)} µs.`,
  );
  await batchBench([
    ...texts.map((bytes, i) => ({ name: `${TEXTS[i]}.txt`, bytes })),
    ...pages.map((bytes, i) => ({ name: `page${i}.html`, bytes })),
    ...pdfs.map((bytes, i) => ({ name: `${PDFS[i]}.pdf`, bytes })),
  ]);
}

/** Reports per second of one batch of `files`, BATCH_ROUNDS times over. */
async function batchRate(files: { name: string; bytes: Uint8Array }[], opts: BatchOptions) {
  const batch = Array.from({ length: BATCH_ROUNDS }, (_, round) =>
    files.map((f) => ({ name: `${round}/${f.name}`, bytes: f.bytes })),
  ).flat();
  const t0 = process.hrtime.bigint();
  const results = await auditPublishedBatch(batch, opts);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const unread = results.filter((r) => r.unreadable);
  if (unread.length) throw new Error(`bench: ${unread[0]?.name}: ${unread[0]?.unreadable}`);
  return { files: batch.length, seconds, rate: batch.length / seconds };
}

async function batchBench(files: { name: string; bytes: Uint8Array }[]) {
  const cores = availableParallelism();
  const kinds = ['txt', 'html', 'pdf']
    .map((k) => `${files.filter((f) => f.name.endsWith(`.${k}`)).length * BATCH_ROUNDS} ${k}`)
    .join(', ');
  process.stdout.write(`\nA batch of ${files.length * BATCH_ROUNDS} files (${kinds}) …\n`);
  const show = (label: string, r: { files: number; seconds: number; rate: number }) =>
    console.log(
      `${label.padEnd(34)} ${r.rate.toFixed(1).padStart(7)} reports/s  (${r.files} in ${r.seconds.toFixed(2)} s)`,
    );
  const inline = await batchRate(files, { threads: 'never' });
  show('this thread (one core)', inline);
  const rates: Record<string, number> = {};
  for (const size of [1, cores]) {
    // a pool's first batch pays its threads' start-up, as a batch of the CLI does; the second
    // runs on warm threads, as the server's uploads do
    const pool = createAuditPool({ size, timeoutMs: 120_000 });
    try {
      const cold = await batchRate(files, { pool });
      const warm = await batchRate(files, { pool });
      const name = size === 1 ? '1 worker thread' : `pool of ${size} workers`;
      show(`${name}, first batch`, cold);
      show(`${name}, warm`, warm);
      rates[size] = warm.rate;
    } finally {
      await pool.close();
    }
  }
  const loop = await bareScaling(cores);
  const pdf = await barePdfScaling(cores);
  const pool = rates[cores] ?? 0;
  console.log(
    `warm pool of ${cores} / this thread: ${(pool / inline.rate).toFixed(2)} ×; / 1 warm worker: ${(pool / (rates[1] ?? 1)).toFixed(2)} ×.\n` +
      `bare, on ${cores} threads against one: a CPU loop does ${loop.toFixed(2)} × the work per second, pdfjs extracting the PDFs' text ${pdf.toFixed(2)} × (this machine's ceiling for allocation-heavy work).`,
  );
}

/** Work per second of `n` threads running a fixed arithmetic loop, relative to one thread. */
async function bareScaling(n: number): Promise<number> {
  const loop = `let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003;
    require('node:worker_threads').parentPort.postMessage(x);`;
  const run = async (threads: number) => {
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(loop, { eval: true });
            w.once('message', () => void w.terminate().then(() => resolve()));
            w.once('error', reject);
          }),
      ),
    );
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const one = await run(1);
  const all = await run(n);
  return (n * one) / all;
}

/** The same for the bare PDF text extraction (bench/bare-pdf-worker.mjs), timed inside each thread. */
async function barePdfScaling(n: number): Promise<number> {
  const runs = 16;
  const files = PDFS.map((s) => join(FIX, `${s}.pdf`));
  const run = async (threads: number) => {
    const seconds = await Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<number>((resolve, reject) => {
            const w = new Worker(new URL('./bare-pdf-worker.mjs', import.meta.url), {
              execArgv: [],
              workerData: { files, runs },
            });
            w.once('message', (s: number) => void w.terminate().then(() => resolve(s)));
            w.once('error', reject);
          }),
      ),
    );
    return Math.max(...seconds);
  };
  const one = await run(1);
  const all = await run(n);
  return (n * one) / all;
}
