/**
 * A guard before pdfjs: embedded Type 1 fonts whose built-in encoding is damaged.
 *
 * A Type 1 font program (a PDF font's /FontFile stream, whose dictionary has /Length1, /Length2
 * and /Length3) begins with clear text that may give the font's own encoding as
 * `/Encoding 256 array … dup 65 /A put … readonly def`. A simple font's character codes are
 * 0–255, so every `dup N` index is at most 255. When one byte of the file is damaged, an index
 * may run to tens of millions: pdfjs (5.6, type1_parser.js) then builds an array that long and
 * looks each of the font's glyphs up in it with `indexOf`, which keeps the thread busy for
 * minutes without yielding (test/fixtures/pdf/README.md). An index past 255 can never be used, so
 * such a font is damaged and the text drawn with it cannot be trusted: the file is refused at
 * once with the font's name instead of waiting out the worker thread's time limit.
 *
 * The streams are found in the file's bytes (a stream is always an indirect object of its own,
 * never inside an object stream), so the check needs no parse of the document and works on the
 * damaged files pdf-lib refuses. It reads streams stored plain or with /FlateDecode alone,
 * inflated as pdfjs inflates them (the zlib checksum unchecked, a truncated stream giving what it
 * holds), and decrypts them first in a file protected as published reports often are
 * (pdf-decrypt.ts). A font it cannot read (another filter, AES-256 or a password) is left to
 * pdfjs and to the worker thread's time limit, which stays the defence against what this does not
 * foresee.
 */
import { inflateRawSync, constants as zlib } from 'node:zlib';
import { streamDecryptor, type StreamDecryptor } from './pdf-decrypt.ts';

export interface DamagedType1Font {
  /** the font's /FontName, or '' when the clear text does not give one */
  font: string;
  /** the first encoding index past 255 */
  index: number;
}

/** Largest font program (compressed or inflated) read here; real ones are 10–200 KB. */
const MAX_FONT_BYTES = 4 * 1024 * 1024;
/** The stream dictionary is read this far back from its /Length2 key. */
const DICT_WINDOW = 1024;
const LAST_CODE = 255;

/** An embedded Type 1 font's built-in encoding as read here. */
export interface Type1Encoding {
  /** the font's /FontName, or '' when the clear text does not give one */
  font: string;
  /** its `dup N` indices in order */
  indices: number[];
}

/**
 * The built-in encodings of the file's embedded Type 1 fonts that can be read here (a font with
 * the standard encoding has none), or null when the file is encrypted in a way not read here.
 */
export function type1Encodings(bytes: Uint8Array): Type1Encoding[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Type1Encoding[] = [];
  let decrypt: StreamDecryptor | null | undefined | false = false; // false: not looked for yet
  for (let at = buf.indexOf('/Length2'); at >= 0; at = buf.indexOf('/Length2', at + 1)) {
    const keyword = buf.indexOf('stream', at);
    if (keyword < 0) break;
    let start = keyword + 'stream'.length;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start);
    if (end < 0 || end - start > MAX_FONT_BYTES) continue;
    const objStart = buf.lastIndexOf(' obj', at);
    const dict = buf.toString('latin1', Math.max(objStart, at - DICT_WINDOW, 0), keyword);
    let data: Buffer | null = buf.subarray(start, end);
    if (decrypt === false) decrypt = streamDecryptor(buf);
    if (decrypt === null) return null;
    if (decrypt) {
      const ref = objStart < 0 ? null : objectRef(buf, objStart);
      data = ref && decrypt(ref.num, ref.gen, data);
    }
    const program = data && fontProgram(dict, data);
    const encoding = program && encodingOf(program);
    if (encoding) found.push(encoding);
  }
  return found;
}

/** The first embedded Type 1 font whose built-in encoding places a glyph past code 255, or null. */
export function damagedType1Font(bytes: Uint8Array): DamagedType1Font | null {
  for (const { font, indices } of type1Encodings(bytes) ?? []) {
    const index = indices.find((i) => i > LAST_CODE);
    if (index !== undefined) return { font, index };
  }
  return null;
}

/** The object number and generation of `N G obj` whose ` obj` is at `at`. */
function objectRef(buf: Buffer, at: number): { num: number; gen: number } | null {
  const m = /(\d+)\s+(\d+)$/.exec(buf.toString('latin1', Math.max(0, at - 24), at));
  return m ? { num: Number(m[1]), gen: Number(m[2]) } : null;
}

/** The stream's bytes as pdfjs would read them, or null when its filters are not read here. */
function fontProgram(dict: string, data: Buffer): Buffer | null {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]]+)/.exec(dict)?.[1];
  if (filter === undefined) return data;
  const names = filter.match(/\/[^\s/<>[\]]+/g) ?? [];
  if (names.length !== 1 || !['/FlateDecode', '/Fl'].includes(names[0] as string)) return null;
  if (/\/(DecodeParms|DP)\b/.test(dict)) return null;
  try {
    // raw deflate past the 2-byte zlib header: no checksum check, as in pdfjs's FlateStream
    return inflateRawSync(data.subarray(2), {
      finishFlush: zlib.Z_SYNC_FLUSH,
      maxOutputLength: MAX_FONT_BYTES,
    });
  } catch {
    return null; // pdfjs fails on it too (or it is larger than any font): not this guard's case
  }
}

/**
 * The clear text's encoding (the clear text ends where the encrypted part begins): its `dup N`
 * entries up to the `def` that ends it, as pdfjs reads them.
 */
function encodingOf(program: Buffer): Type1Encoding | null {
  const eexec = program.indexOf('eexec');
  const clear = program.toString('latin1', 0, eexec < 0 ? program.length : eexec);
  const encoding = clear.indexOf('/Encoding');
  if (encoding < 0) return null;
  const body = clear.slice(encoding);
  const end = /(?:^|\s)def(?=\s|$)/.exec(body)?.index ?? body.length;
  const indices = Array.from(body.slice(0, end).matchAll(/\bdup\s+(\d+)/g), (m) => Number(m[1]));
  const font = /\/FontName\s*\/([^\s/<>[\](){}%]+)/.exec(clear)?.[1] ?? '';
  return { font, indices };
}
