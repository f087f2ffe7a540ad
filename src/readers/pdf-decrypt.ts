/**
 * Decryption of a PDF's streams under the standard security handler with an empty user password
 * (PDF 32000-1 §7.6.3, algorithms 1 and 2; revisions 2–4: RC4 40–128 bits and AES-128), the way
 * published reports are "protected" (they open without a password and forbid copying or
 * printing). Only for pdf-type1.ts's guard, which must see a font program as pdfjs will: pdfjs
 * itself decrypts the file for reading. Revisions 5–6 (AES-256) and other handlers are not read
 * here (null): what cannot be decrypted is left to pdfjs and to the worker thread's time limit.
 */
import { createDecipheriv, createHash } from 'node:crypto';

/** Decrypts the data of stream object `num gen`, or null when it cannot. */
export type StreamDecryptor = (num: number, gen: number, data: Buffer) => Buffer | null;

const PASSWORD_PAD = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);

const md5 = (...parts: Buffer[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * The file's stream decryptor: undefined when the file is not encrypted, null when it is but not
 * in a way read here.
 */
export function streamDecryptor(buf: Buffer): StreamDecryptor | null | undefined {
  const trailer = lastKey(buf, '/Encrypt');
  if (trailer < 0) return undefined;
  const dict = encryptDict(buf, trailer);
  const id = firstId(buf);
  if (!dict || !id) return null;
  const num = (key: string) => {
    const m = new RegExp(`/${key}\\s+(-?\\d+)`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const name = (key: string) => new RegExp(`/${key}\\s*/([A-Za-z0-9]+)`).exec(dict)?.[1];
  const v = num('V') ?? 0;
  const r = num('R') ?? 0;
  const p = num('P');
  const o = stringAfter(dict, '/O');
  if (!/\/Filter\s*\/Standard\b/.test(dict) || r < 2 || r > 4 || p === undefined || !o) return null;
  let aes = false;
  if (v === 4) {
    const stmF = name('StmF') ?? 'Identity';
    if (stmF === 'Identity') return () => null; // streams are not encrypted: read as they are
    const cfm = new RegExp(`/${stmF}\\s*<<[^>]*?/CFM\\s*/([A-Za-z0-9]+)`).exec(dict)?.[1];
    if (cfm === 'AESV2') aes = true;
    else if (cfm !== 'V2') return null;
  } else if (v !== 1 && v !== 2) return null;
  const n = r === 2 ? 5 : v === 4 ? 16 : Math.min(16, Math.max(5, (num('Length') ?? 40) / 8));
  // algorithm 2: the file key from the empty user password
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p | 0);
  const noMetadata = r >= 4 && /\/EncryptMetadata\s+false/.test(dict);
  let h = md5(
    PASSWORD_PAD,
    o.subarray(0, 32),
    pBytes,
    id,
    noMetadata ? Buffer.from([0xff, 0xff, 0xff, 0xff]) : Buffer.alloc(0),
  );
  if (r >= 3) for (let i = 0; i < 50; i++) h = md5(h.subarray(0, n));
  const fileKey = h.subarray(0, n);
  return (objNum, gen, data) => {
    // algorithm 1: the object's key
    const ref = Buffer.from([objNum, objNum >> 8, objNum >> 16, gen, gen >> 8]);
    const key = md5(fileKey, ref, aes ? Buffer.from('sAlT') : Buffer.alloc(0)).subarray(
      0,
      Math.min(n + 5, 16),
    );
    if (!aes) return rc4(key, data);
    if (data.length < 32 || data.length % 16 !== 0) return null;
    try {
      const d = createDecipheriv('aes-128-cbc', key, data.subarray(0, 16));
      return Buffer.concat([d.update(data.subarray(16)), d.final()]);
    } catch {
      return null;
    }
  };
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = Buffer.allocUnsafe(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}

/** Where the last `key` is, as a whole name (`/Encrypt`, not `/EncryptMetadata`), or -1. */
function lastKey(buf: Buffer, key: string): number {
  for (let at = buf.lastIndexOf(key); at >= 0; at = buf.lastIndexOf(key, at - 1)) {
    const next = buf[at + key.length];
    if (next === undefined || !/[A-Za-z0-9]/.test(String.fromCharCode(next))) return at;
    if (at === 0) break;
  }
  return -1;
}

const DICT_BYTES = 4096;

/** The encryption dictionary's text: inline after the trailer's /Encrypt, or its object's. */
function encryptDict(buf: Buffer, at: number): string | null {
  const after = buf.toString('latin1', at + '/Encrypt'.length, at + DICT_BYTES);
  const ref = /^\s*(\d+)\s+(\d+)\s+R/.exec(after);
  if (!ref) return /^\s*<</.test(after) ? after : null;
  const head = `${ref[1]} ${ref[2]} obj`;
  for (let i = buf.indexOf(head); i >= 0; i = buf.indexOf(head, i + 1)) {
    const before = i === 0 ? 0x0a : (buf[i - 1] as number);
    if (before !== 0x0a && before !== 0x0d && before !== 0x20) continue;
    const text = buf.toString('latin1', i, i + DICT_BYTES);
    const end = text.indexOf('endobj');
    return end < 0 ? text : text.slice(0, end);
  }
  return null;
}

/** The first string of the trailer's /ID array. */
function firstId(buf: Buffer): Buffer | null {
  const at = lastKey(buf, '/ID');
  if (at < 0) return null;
  const text = buf.toString('latin1', at + 3, at + 600);
  const open = /^\s*\[\s*/.exec(text);
  return open ? parseString(text, open[0].length) : null;
}

/** The string (literal or hex) after `key` in `dict`. */
function stringAfter(dict: string, key: string): Buffer | null {
  const m = new RegExp(`${key.replace('/', '\\/')}\\s*(?=[(<])`).exec(dict);
  return m ? parseString(dict, m.index + m[0].length) : null;
}

/** A PDF string starting at `i` (`(…)` with escapes, or `<hex>`), as bytes. */
function parseString(text: string, i: number): Buffer | null {
  if (text[i] === '<') {
    const end = text.indexOf('>', i);
    if (end < 0) return null;
    const hex = text.slice(i + 1, end).replace(/\s+/g, '');
    return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
  }
  if (text[i] !== '(') return null;
  const out: number[] = [];
  let depth = 1;
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x5c) {
      const e = text[++k];
      if (e === undefined) return null;
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
      if (e in simple) out.push(simple[e] as number);
      else if (/[0-7]/.test(e)) {
        let oct = e;
        while (oct.length < 3 && /[0-7]/.test(text[k + 1] ?? '')) oct += text[++k];
        out.push(parseInt(oct, 8) & 0xff);
      } else if (e === '\r') {
        if (text[k + 1] === '\n') k++;
      } else if (e !== '\n') out.push(e.charCodeAt(0));
      continue;
    }
    if (c === 0x28) depth++;
    if (c === 0x29 && --depth === 0) return Buffer.from(out);
    out.push(c);
  }
  return null;
}
