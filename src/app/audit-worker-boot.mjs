// Entry of an audit worker thread (audit-worker-pool.ts). A worker does not inherit the tsx
// loader of the thread that starts it, so it registers tsx (as bin/gongkai.js does) before
// importing the TypeScript module that serves the audits.
//
// pdfjs is loaded first, without tsx: through tsx its two 2 MB modules load in about 2.5 s
// (tsx rewrites their dynamic imports with a source map), natively in about 0.3 s. The module
// load-pdfjs.mjs is cached, so pdf-text.ts gets the same one, with pdfjs loaded and the
// built-ins its core-js replaces put back (ADR 0013).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { loadPdfjs } from '../readers/load-pdfjs.mjs';

await loadPdfjs();
register();
const { serveAudits } = await import('./audit-worker.ts');
serveAudits(parentPort);
