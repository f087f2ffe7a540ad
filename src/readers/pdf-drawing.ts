/**
 * A PDF page's rulings read straight from its content streams (pdf-lattice.ts collects them).
 *
 * pdfjs can give a page's drawing (its operator list), but only with every glyph of its text
 * resolved, outlined and copied across its message port: on a report's table pages that costs
 * about as much again as the text layer itself. A table's borders need none of that — only the
 * path operators (m l re h, S s f F f* B B* b b* n), the graphics state (q Q cm) and where the
 * page draws a form or an image (Do, BI: a table published as a picture). So pdf-lib (which parses the file's objects, lazily and fast) gives the
 * page's content streams, zlib inflates them (with an output limit), and the scanner below reads
 * those operators and skips everything else (text, strings, inline images).
 *
 * `null` — for the document or a page — means "read it from pdfjs's operator list instead": an
 * encrypted file (its streams cannot be read without decrypting), a file over 8 MB, a filter
 * other than Flate, a page that draws a form XObject (its borders may be inside it), a damaged
 * object, or anything else pdf-lib refuses.
 */
import { inflateSync, constants as zlib } from 'node:zlib';
import {
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFPage,
} from 'pdf-lib';
import { RulingPen, type Rulings } from './pdf-lattice.ts';

/** A page's content streams inflated are at most this long (a report page is ~10–200 KB). */
const MAX_CONTENT = 32 * 1024 * 1024;

/**
 * Files up to this size are parsed by pdf-lib (a report is ~0.2–2 MB). pdf-lib copies every
 * stream it parses, so a larger file (scans, photographs) would hold several copies of itself
 * in memory (a 40 MB file: +177 MB); its pages go to pdfjs's operator list instead.
 */
export const MAX_DRAWING_BYTES = 8 * 1024 * 1024;

export interface Drawing {
  /** The rulings (and images) of the page whose object number this is, or null (see above). */
  rulings(pageObject: number): Rulings | null;
  /** Whether the page's resources hold an image (a look at its resources, not its content). */
  hasImages(pageObject: number): boolean;
}

/** The document's drawing, or null when its streams cannot be read here (see above). */
export async function openDrawing(bytes: Uint8Array): Promise<Drawing | null> {
  if (bytes.length > MAX_DRAWING_BYTES) return null;
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
      // A damaged object throws (its pages then go to pdfjs, which repairs what it can) instead
      // of pdf-lib's recovery, which prints its warnings to the console of the CLI and server.
      throwOnInvalidObject: true,
    });
  } catch {
    return null;
  }
  if (doc.isEncrypted) return null;
  let pages: Map<number, PDFPage>;
  try {
    pages = new Map(doc.getPages().map((p) => [p.ref.objectNumber, p]));
  } catch {
    return null;
  }
  return {
    rulings(pageObject) {
      const page = pages.get(pageObject);
      if (!page) return null;
      try {
        const content = contentOf(page);
        const { forms, images } = xobjectsOf(page);
        return content && scan(content, forms, images);
      } catch {
        return null;
      }
    },
    hasImages(pageObject) {
      const page = pages.get(pageObject);
      try {
        return page !== undefined && xobjectsOf(page).images.size > 0;
      } catch {
        return false;
      }
    },
  };
}

/** The page's content streams inflated and joined, or null if one cannot be read. */
function contentOf(page: PDFPage): Uint8Array | null {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const s of streams) {
    const stream = s instanceof PDFRef ? page.doc.context.lookup(s) : s;
    if (!(stream instanceof PDFRawStream)) return null;
    const data = decode(stream, MAX_CONTENT - size);
    if (!data) return null;
    parts.push(data, SPACE);
    size += data.length + 1;
  }
  return Buffer.concat(parts);
}

const SPACE = new Uint8Array([0x20]);

/** A stream's bytes: unfiltered or Flate without a predictor, else null. */
function decode(stream: PDFRawStream, limit: number): Uint8Array | null {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  if (stream.dict.has(PDFName.of('DecodeParms')) || stream.dict.has(PDFName.of('DP'))) return null;
  let data: Uint8Array = stream.contents;
  for (const f of filters) {
    const name = f instanceof PDFName ? f.asString() : '';
    if (name !== '/FlateDecode' && name !== '/Fl') return null;
    // a truncated stream gives what it holds, as pdfjs reads it
    data = inflateSync(data, {
      maxOutputLength: Math.max(limit, 1),
      finishFlush: zlib.Z_SYNC_FLUSH,
    });
  }
  return data.length <= limit ? data : null;
}

/** Names of the page's form and image XObjects (resources inherited from the page tree included). */
function xobjectsOf(page: PDFPage): { forms: Set<string>; images: Set<string> } {
  const forms = new Set<string>();
  const images = new Set<string>();
  const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
  if (xobjects instanceof PDFDict)
    for (const [name, ref] of xobjects.entries()) {
      const x = ref instanceof PDFRef ? page.doc.context.lookup(ref) : ref;
      const subtype = x instanceof PDFRawStream ? x.dict.lookup(PDFName.of('Subtype')) : undefined;
      const kind = subtype instanceof PDFName ? subtype.asString() : '';
      if (kind === '/Form') forms.add(name.asString().slice(1));
      else if (kind === '/Image') images.add(name.asString().slice(1));
    }
  return { forms, images };
}

// Content-stream bytes by class: whitespace, delimiters, and the rest ("regular").
const WHITE = 1;
const DELIM = 2;
const KIND = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) KIND[c] = WHITE;
for (const c of '()<>[]{}/%') KIND[c.charCodeAt(0)] = DELIM;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The rulings the content draws, or null when it draws a form XObject (read by pdfjs then).
 * Operands are kept only as numbers (anything else is NaN); each operator takes its last ones.
 */
export function scan(
  data: Uint8Array,
  forms: ReadonlySet<string>,
  images: ReadonlySet<string> = new Set(),
): Rulings | null {
  const pen = new RulingPen();
  const nums: number[] = [];
  const subs: number[][] = [];
  let cur: number[] | undefined;
  let curved = false;
  let lastName = '';
  const endSub = () => {
    if (cur && !curved && cur.length >= 4) subs.push(cur);
    cur = undefined;
    curved = false;
  };
  const paint = (stroke: boolean, fill: boolean, close: boolean) => {
    if (close && cur && cur.length >= 2) cur.push(cur[0]!, cur[1]!);
    endSub();
    if (stroke || fill) pen.paint(subs, stroke, fill);
    subs.length = 0;
  };
  const last = (k: number) => nums.slice(nums.length - k);
  const n = data.length;
  let i = 0;
  while (i < n) {
    const c = data[i]!;
    const kind = KIND[c];
    if (kind === WHITE) {
      i++;
      continue;
    }
    if (c === 0x25) {
      // % comment to the end of the line
      while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
      continue;
    }
    if (c === 0x28) {
      // (string) with nesting and backslash escapes
      let depth = 0;
      for (; i < n; i++) {
        const d = data[i];
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      i++;
      nums.push(NaN);
      continue;
    }
    if (c === 0x3c || c === 0x3e) {
      // << >> (a dictionary's brackets) or <hex string>
      if (data[i + 1] === c) i += 2;
      else if (c === 0x3c) {
        while (i < n && data[i] !== 0x3e) i++;
        i++;
      } else i++;
      nums.push(NaN);
      continue;
    }
    if (c === 0x2f) {
      // /Name
      const start = ++i;
      while (i < n && KIND[data[i]!] === 0) i++;
      lastName = Buffer.from(data.subarray(start, i)).toString('latin1');
      nums.push(NaN);
      continue;
    }
    if (kind === DELIM) {
      // [ ] { }
      i++;
      continue;
    }
    if (isDigit(c) || c === 0x2d || c === 0x2b || c === 0x2e) {
      let sign = 1;
      if (c === 0x2d || c === 0x2b) {
        if (c === 0x2d) sign = -1;
        i++;
      }
      let v = 0;
      while (i < n && isDigit(data[i]!)) v = v * 10 + data[i++]! - 0x30;
      if (data[i] === 0x2e) {
        i++;
        let f = 0.1;
        while (i < n && isDigit(data[i]!)) {
          v += (data[i++]! - 0x30) * f;
          f /= 10;
        }
      }
      nums.push(sign * v);
      continue;
    }
    // an operator
    const start = i;
    while (i < n && KIND[data[i]!] === 0) i++;
    const op = Buffer.from(data.subarray(start, i)).toString('latin1');
    switch (op) {
      case 'q':
        pen.save();
        break;
      case 'Q':
        pen.restore();
        break;
      case 'cm':
        pen.transform(last(6));
        break;
      case 'm':
        endSub();
        cur = last(2);
        break;
      case 'l':
        if (cur) cur.push(...last(2));
        break;
      case 'c':
      case 'v':
      case 'y':
        curved = true;
        break;
      case 'h':
        if (cur && cur.length >= 2) cur.push(cur[0]!, cur[1]!);
        endSub();
        break;
      case 're': {
        endSub();
        const [x, y, w, h] = last(4) as [number, number, number, number];
        subs.push([x, y, x + w, y, x + w, y + h, x, y + h, x, y]);
        break;
      }
      case 'S':
        paint(true, false, false);
        break;
      case 's':
        paint(true, false, true);
        break;
      case 'f':
      case 'F':
      case 'f*':
        paint(false, true, true);
        break;
      case 'B':
      case 'B*':
        paint(true, true, false);
        break;
      case 'b':
      case 'b*':
        paint(true, true, true);
        break;
      case 'n':
        paint(false, false, false);
        break;
      case 'Do':
        if (forms.has(lastName)) return null;
        if (images.has(lastName)) pen.image();
        break;
      case 'BI':
        pen.image();
        i = skipInlineImage(data, i);
        break;
      default:
        break;
    }
    nums.length = 0;
  }
  return pen.rulings();
}

/** After BI: past the image's data, which runs from ID to an EI between whitespace. */
function skipInlineImage(data: Uint8Array, from: number): number {
  const n = data.length;
  let i = from;
  // the image dictionary up to ID
  while (i + 1 < n && !(data[i] === 0x49 && data[i + 1] === 0x44 && KIND[data[i - 1]!] === WHITE))
    i++;
  i += 3;
  for (; i + 2 < n; i++)
    if (
      KIND[data[i]!] === WHITE &&
      data[i + 1] === 0x45 &&
      data[i + 2] === 0x49 &&
      (i + 3 >= n || KIND[data[i + 3]!] === WHITE)
    )
      return i + 3;
  return n;
}
