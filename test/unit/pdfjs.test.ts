import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

// Every own property of every global object and prototype, before anything loads pdfjs-dist.
// (node --test runs each file in its own process, so nothing has loaded it yet.)
type Snapshot = Map<string, unknown>;
function snapshot(): Snapshot {
  const out: Snapshot = new Map();
  // data properties only: Node defines some globals as getters that replace themselves on first use
  const valueOf = (o: object, p: PropertyKey) => Object.getOwnPropertyDescriptor(o, p)?.value;
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    const g = valueOf(globalThis, name);
    if ((typeof g !== 'function' && typeof g !== 'object') || g === null) continue;
    const objs: [string, object][] = [[name, g as object]];
    const proto = (g as { prototype?: unknown }).prototype;
    if (typeof proto === 'object' && proto !== null) objs.push([`${name}.prototype`, proto]);
    for (const [label, o] of objs)
      for (const p of Reflect.ownKeys(o)) out.set(`${label}.${String(p)}`, valueOf(o, p));
  }
  return out;
}
const before = snapshot();

test('reading a PDF leaves every built-in of the process as it was (core-js in pdfjs replaces some)', async () => {
  const { pdfToText } = await import('../../src/readers/pdf-text.ts');
  const pdf = new Uint8Array(
    readFileSync(new URL('../fixtures/reports/2023_hongze-district.pdf', import.meta.url)),
  );
  const { text } = await pdfToText(pdf);
  assert.match(text, /主动公开/);
  const after = snapshot();
  const replaced = [...before]
    .filter(([k, v]) => typeof v === 'function' && after.get(k) !== v)
    .map(([k]) => k);
  assert.deepEqual(replaced, []);
  // what core-js adds is what pdfjs needs on Node 20; it stays
  assert.equal(typeof (Promise as { withResolvers?: unknown }).withResolvers, 'function');
});
