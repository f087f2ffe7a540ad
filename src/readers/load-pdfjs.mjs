/**
 * pdfjs-dist, loaded once per thread without slowing the rest of the thread (ADR 0013).
 *
 * Plain JavaScript, so that an audit worker thread's boot (app/audit-worker-boot.mjs) loads it
 * natively before registering tsx, and pdf-text.ts later gets the same module from the cache.
 *
 * Node 20 needs pdfjs's legacy build, which bundles core-js. On import core-js replaces some
 * built-ins of the whole thread with its own versions even where Node's are correct: measured on
 * Node 20 with pdfjs-dist 5, `Array.prototype.push` became 5–10× slower and `JSON.parse` +
 * `JSON.stringify` about 5× slower, for every later caller — our readers, Fastify, the CLI's JSON.
 * The built-ins it *adds* (Promise.withResolvers, Uint8Array#toHex, …) are what pdfjs needs and
 * stay; the ones it *replaces* are put back once both of pdfjs's modules are evaluated. The
 * worker module is loaded here too and handed to pdfjs (`globalThis.pdfjsWorker`), so that no
 * later import evaluates core-js again. test/unit/pdfjs.test.ts checks that no built-in is left
 * replaced, so a new pdfjs-dist that replaces another one fails there rather than silently here.
 */

/** Built-ins core-js replaces on import (found by comparing every global before and after). */
const REPLACED = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

/** @type {Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined} */
let loading;

export function loadPdfjs() {
  loading ??= (async () => {
    const saved = REPLACED.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k));
    try {
      const [pdfjs, worker] = await Promise.all([
        import('pdfjs-dist/legacy/build/pdf.mjs'),
        import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
      ]);
      globalThis.pdfjsWorker = worker;
      return pdfjs;
    } finally {
      REPLACED.forEach(([o, k], i) => {
        const d = saved[i];
        if (d) Object.defineProperty(o, k, d);
      });
    }
  })();
  return loading;
}
