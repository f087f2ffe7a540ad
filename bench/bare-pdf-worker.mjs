// A worker thread of the batch bench's bare baseline (bench/readers.ts): pdfjs extracts the text
// layer of the example PDFs `runs` times, natively (no tsx), and posts the seconds it took — the
// same extraction as the bare PDF parse of the one-core table, so that its scaling over threads
// shows what this machine allows for this kind of work (allocation-heavy, unlike a CPU loop).
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import { loadPdfjs } from '../src/readers/load-pdfjs.mjs';

const pdfjs = await loadPdfjs();
const files = workerData.files.map((f) => new Uint8Array(readFileSync(f)));

async function extract(bytes) {
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const doc = await task.promise;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    await page.getTextContent();
    page.cleanup();
  }
  await task.destroy();
}

for (const b of files) await extract(b);
const t0 = process.hrtime.bigint();
for (let i = 0; i < workerData.runs; i++) await extract(files[i % files.length]);
parentPort.postMessage(Number(process.hrtime.bigint() - t0) / 1e9);
