// A worker thread of the batch bench's bare baseline (bench/readers.ts): the bare PDF parse of the
// one-core table (bare-pdf.mjs) over the example PDFs `runs` times, natively (no tsx); posts the
// seconds it took, so that its scaling over threads shows what this machine allows for this kind
// of work (allocation-heavy, unlike a CPU loop).
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import { barePdf } from './bare-pdf.mjs';

const files = workerData.files.map((f) => new Uint8Array(readFileSync(f)));
for (const b of files) await barePdf(b);
const t0 = process.hrtime.bigint();
for (let i = 0; i < workerData.runs; i++) await barePdf(files[i % files.length]);
parentPort.postMessage(Number(process.hrtime.bigint() - t0) / 1e9);
