// Entry of an audit worker thread (audit-worker-pool.ts). A worker does not inherit the tsx
// loader of the thread that starts it, so it registers tsx (as bin/gongkai.js does) before
// importing the TypeScript module that serves the audits.
//
// pdfjs is imported first, without tsx: through tsx its two 2 MB modules load in about 2.5 s
// (tsx rewrites their dynamic imports with a source map), natively in about 0.3 s. The module is
// cached, so pdf-text.ts's own import gets it; `globalThis.pdfjsWorker` is where pdfjs looks for
// its in-thread ("fake") worker before importing pdf.worker.mjs itself.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

await import('pdfjs-dist/legacy/build/pdf.mjs');
globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
register();
const { serveAudits } = await import('./audit-worker.ts');
serveAudits(parentPort);
