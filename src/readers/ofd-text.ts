/**
 * An OFD report (版式文档, GB/T 33190-2016: the national fixed-layout format, a zip of XML) → the
 * readers' intermediate text, laid out as a PDF's is: OFD places text and draws lines on pages
 * as PDF does, so each page's text objects become the PDF reader's fragments and its path
 * objects the rulings its tables are read from (pdf-text.ts, pdf-lattice.ts).
 *
 * Read: OFD.xml's first document (DocRoot), its pages (Document.xml's Pages, page size from the
 * page's or the document's PhysicalBox) and on each page the layers' TextObject (Boundary, CTM,
 * Size; each TextCode's X, Y, DeltaX and DeltaY, with their `g n d` repeats), PathObject (Boundary,
 * CTM, Stroke, Fill; AbbreviatedData's S/M/L/Q/B/A/C, curves taken as lines to their ends, which
 * rulings never are) and ImageObject (a scanned page), also inside PageBlock. Left out: template
 * pages (headers, footers), annotations and signatures (stamps), clip paths, fonts (the text is
 * in the XML). Coordinates are millimetres with y down; they are turned into points with y up,
 * as the PDF reader takes them.
 *
 * Bounded as a .docx is (zip entries checked before anything is inflated, each inflated within
 * its declared size), and by pages (MAX_OFD_PAGES), XML elements a page (MAX_PAGE_ELEMENTS) and
 * characters of text (MAX_TEXT_CHARS).
 */
import path from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { checkSizes, inflateEntry, zipEntries, type Entry } from './docx-text.ts';
import { refuseLarger, UnreadableInputError } from './html-text.ts';
import { gridsOf, RulingPen, type Grid } from './pdf-lattice.ts';
import {
  CUT_OFF_MARGIN,
  isScan,
  joinPages,
  mayHoldTable,
  pageBlocks,
  pictureLines,
  toFrag,
  type Block,
  type Frag,
} from './pdf-text.ts';
import { MAX_TEXT_CHARS } from './text.ts';

const MB = 1024 * 1024;
export const MAX_OFD_BYTES = 50 * MB;
export const MAX_OFD_PAGES = 200;
/** XML elements of one page's content: a report's page has a few thousand. */
export const MAX_PAGE_ELEMENTS = 200_000;
/** points per millimetre */
const PT = 72 / 25.4;

export interface OfdText {
  text: string;
  pages: number;
  hasTextLayer: boolean;
  scanned: number[];
  /** pages whose tables run past the page's edge (as a PDF's: printed on too narrow paper) */
  cutOff: number[];
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const corrupt = (detail: string) =>
  new UnreadableInputError(
    'corrupt',
    `无法读取该 OFD 文件：${detail}。请用 OFD 阅读器打开后另存为 PDF，或取得网页版本后再提交。`,
  );

/** Numbers of an attribute (`"0 0 210 297"`), or null when absent or not numbers. */
function numbers(value: string | undefined): number[] | null {
  if (value === undefined) return null;
  const parts = value
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  return parts.every(Number.isFinite) ? parts : null;
}

const matrixOf = (value: string | undefined): Matrix => {
  const m = numbers(value);
  return m && m.length === 6 ? (m as Matrix) : IDENTITY;
};

/** DeltaX/DeltaY: numbers, and `g n d` for n times d. */
export function deltas(value: string | undefined, max: number): number[] {
  if (!value) return [];
  const tokens = value.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < tokens.length && out.length < max; i++) {
    if (tokens[i] === 'g') {
      const n = Number(tokens[i + 1]);
      const d = Number(tokens[i + 2]);
      i += 2;
      if (Number.isFinite(n) && Number.isFinite(d))
        for (let k = 0; k < n && out.length < max; k++) out.push(d);
      continue;
    }
    const d = Number(tokens[i]);
    if (Number.isFinite(d)) out.push(d);
  }
  return out;
}

/** AbbreviatedData → subpaths as flat x, y lists (a closed one repeats its first point). */
export function subpaths(data: string): number[][] {
  const tokens = data.trim().split(/\s+/);
  const out: number[][] = [];
  let current: number[] = [];
  const take = (i: number, n: number) => tokens.slice(i, i + n).map(Number);
  for (let i = 0; i < tokens.length;) {
    const op = tokens[i++];
    const arity = { S: 2, M: 2, L: 2, Q: 4, B: 6, A: 7, C: 0 }[op ?? ''];
    if (arity === undefined) continue;
    const args = take(i, arity);
    i += arity;
    if (!args.every(Number.isFinite)) continue;
    if (op === 'S' || op === 'M') {
      if (current.length >= 4) out.push(current);
      current = [args[0]!, args[1]!];
    } else if (op === 'C') {
      if (current.length >= 2) current.push(current[0]!, current[1]!);
    } else current.push(args[arity - 2]!, args[arity - 1]!);
  }
  if (current.length >= 4) out.push(current);
  return out;
}

/** A character's advance in ems, as CJK fonts set it: full width, or half for ASCII and the like. */
const advance = (c: string) => ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.5);

interface PageRead {
  frags: Frag[];
  pen: RulingPen;
  chars: number;
}

/** One page's content: its text as fragments, its paths and images on the ruling pen. */
function readPage(xml: string, box: number[], page: number): PageRead {
  const [bx = 0, by = 0, , bh = 297] = box;
  // page millimetres (y down) → points (y up)
  const toPoints: Matrix = [PT, 0, 0, -PT, -bx * PT, (by + bh) * PT];
  const frags: Frag[] = [];
  const pen = new RulingPen();
  let chars = 0;
  let elements = 0;
  const parser = new SaxesParser({ xmlns: false, position: false });
  interface Open {
    name: string;
    attributes: Record<string, string>;
    text: string;
  }
  const stack: Open[] = [];
  let clips = 0;
  /** the text object being read, and where its next TextCode starts when it gives no X / Y */
  let textObject: { box: number[]; ctm: Matrix; size: number; x: number; y: number } | null = null;
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  const inside = (name: string) => stack.some((o) => o.name === name);

  const textCode = (o: Open) => {
    if (!textObject || clips > 0) return;
    const t = textObject;
    const x = Number(o.attributes.X ?? t.x);
    const y = Number(o.attributes.Y ?? t.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const chars_ = [...o.text];
    const dxs = deltas(o.attributes.DeltaX, Math.max(0, chars_.length - 1));
    const dys = deltas(o.attributes.DeltaY, Math.max(0, chars_.length - 1));
    const [a, b, c, d, e, f] = t.ctm;
    const scale = Math.hypot(a, b) || 1;
    const sizeMm = t.size * (Math.hypot(c, d) || 1);
    /** text at (cx, cy) of the object's space, `width` wide there */
    const place = (cx: number, cy: number, text: string, width: number) => {
      // object space → page millimetres (the Boundary's top-left is the object's origin)
      const px = t.box[0]! + a * cx + c * cy + e;
      const py = t.box[1]! + b * cx + d * cy + f;
      const X = toPoints[0] * px + toPoints[4];
      const Y = toPoints[3] * py + toPoints[5];
      const frag = toFrag(text, [sizeMm * PT, 0, 0, sizeMm * PT, X, Y], width * scale * PT);
      if (frag) {
        frags.push(frag);
        chars += frag.text.length;
      }
    };
    if (dys.length === 0) {
      // a line of text: one fragment, as wide as its advances
      let width = 0;
      for (let i = 0; i < chars_.length - 1; i++) width += dxs[i] ?? advance(chars_[i]!) * t.size;
      width += advance(chars_[chars_.length - 1] ?? '') * t.size;
      place(x, y, o.text, width);
      t.x = x + width;
      t.y = y;
      return;
    }
    // text set vertically (DeltaY: a narrow cell's label, one character under another): each
    // character where its advances put it
    let cx = x;
    let cy = y;
    chars_.forEach((ch, i) => {
      place(cx, cy, ch, advance(ch) * t.size);
      cx += dxs[i] ?? 0;
      cy += dys[i] ?? 0;
    });
    t.x = cx;
    t.y = cy;
  };

  parser.on('opentag', (node: SaxesTagPlain) => {
    if (++elements > MAX_PAGE_ELEMENTS)
      throw new UnreadableInputError(
        'too_large',
        `OFD 文件第 ${page} 页的内容过于庞杂（超过 ${MAX_PAGE_ELEMENTS / 10_000} 万个元素），不是正常的年度报告，无法读取。`,
      );
    const name = local(node.name);
    const attributes = node.attributes as Record<string, string>;
    stack.push({ name, attributes, text: '' });
    if (name === 'Clips') clips++;
    if (clips > 0) return;
    if (name === 'TextObject') {
      const box = numbers(attributes.Boundary);
      const size = Number(attributes.Size);
      textObject =
        box && box.length >= 2 && Number.isFinite(size) && size > 0
          ? { box, ctm: matrixOf(attributes.CTM), size, x: 0, y: 0 }
          : null;
    } else if (name === 'ImageObject') {
      const box = numbers(attributes.Boundary);
      if (!box || box.length < 4) return;
      pen.save();
      pen.transform(toPoints);
      pen.transform([1, 0, 0, 1, box[0]!, box[1]!]);
      pen.transform(attributes.CTM ? matrixOf(attributes.CTM) : [box[2]!, 0, 0, box[3]!, 0, 0]);
      pen.image();
      pen.restore();
    }
  });
  parser.on('text', (text: string) => {
    const top = stack[stack.length - 1];
    if (top && (top.name === 'TextCode' || top.name === 'AbbreviatedData')) top.text += text;
  });
  parser.on('closetag', () => {
    const o = stack.pop();
    if (!o) return;
    if (o.name === 'Clips') clips--;
    if (clips > 0) return;
    if (o.name === 'TextCode') textCode(o);
    else if (o.name === 'TextObject') textObject = null;
    else if (o.name === 'AbbreviatedData' && stack[stack.length - 1]?.name === 'PathObject') {
      const object = stack[stack.length - 1]!.attributes;
      const box = numbers(object.Boundary);
      if (!box || box.length < 2 || inside('Clips')) return;
      pen.save();
      pen.transform(toPoints);
      pen.transform([1, 0, 0, 1, box[0]!, box[1]!]);
      pen.transform(matrixOf(object.CTM));
      pen.paint(subpaths(o.text), object.Stroke !== 'false', object.Fill === 'true');
      pen.restore();
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof UnreadableInputError) throw e;
    throw corrupt(`第 ${page} 页的内容不是完整的 XML`);
  }
  return { frags, pen, chars };
}

/** The package's files by name, and a reader of each (inflated within its declared size). */
function openPackage(zip: Buffer) {
  let entries: Entry[];
  try {
    entries = zipEntries(zip);
  } catch (e) {
    if (e instanceof UnreadableInputError && e.reason === 'legacy_doc') throw e;
    throw corrupt('zip 压缩包已损坏');
  }
  checkSizes(entries, 'OFD');
  const byName = new Map(entries.map((e) => [e.name.replace(/^\/+/, ''), e]));
  const read = (name: string): string => {
    const entry = byName.get(name.replace(/^\/+/, ''));
    if (!entry) throw corrupt(`缺少 ${name}`);
    return inflateEntry(zip, entry).toString('utf8');
  };
  return { read };
}

/** `loc` relative to the folder of `from` (a package path), or from the root when absolute. */
const resolve = (from: string, loc: string): string =>
  loc.startsWith('/')
    ? loc.slice(1)
    : path.posix.normalize(path.posix.join(path.posix.dirname(from), loc));

/** The first element `name` (any prefix) of an XML text and its attributes, and its text. */
function element(xml: string, name: string): { attributes: string; text: string } | null {
  const m = new RegExp(
    `<(?:\\w+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${name}>)`,
  ).exec(xml);
  return m ? { attributes: m[1] ?? '', text: (m[2] ?? '').trim() } : null;
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1];
}

export async function ofdToText(bytes: Uint8Array): Promise<OfdText> {
  refuseLarger(bytes, MAX_OFD_BYTES, 'OFD');
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pkg = openPackage(zip);
  const root = element(pkg.read('OFD.xml'), 'DocRoot')?.text;
  if (!root) throw corrupt('OFD.xml 中没有文档（DocRoot）');
  const documentPath = resolve('OFD.xml', root);
  const document = pkg.read(documentPath);
  const defaultBox = numbers(element(document, 'PhysicalBox')?.text) ?? [0, 0, 210, 297];
  const pagesXml = element(document, 'Pages')?.text ?? '';
  const pageLocs = [...pagesXml.matchAll(/<(?:\w+:)?Page\b([^>]*)>/g)]
    .map((m) => attribute(m[1] ?? '', 'BaseLoc'))
    .filter((loc): loc is string => !!loc);
  if (pageLocs.length === 0) throw corrupt('文档中没有页面');
  if (pageLocs.length > MAX_OFD_PAGES)
    throw new UnreadableInputError(
      'too_large',
      `OFD 文件共 ${pageLocs.length} 页，超过上限 ${MAX_OFD_PAGES} 页，不像是一份年度报告。`,
    );
  const pages: Block[][] = [];
  const scanned: number[] = [];
  const cutOff: number[] = [];
  let items = 0;
  let chars = 0;
  for (const [i, loc] of pageLocs.entries()) {
    const contentPath = resolve(documentPath, loc.endsWith('.xml') ? loc : `${loc}/Content.xml`);
    const xml = pkg.read(contentPath);
    const box = numbers(element(xml, 'PhysicalBox')?.text) ?? defaultBox;
    const { frags, pen, chars: n } = readPage(xml, box, i + 1);
    items += frags.length;
    chars += n;
    if (chars > MAX_TEXT_CHARS)
      throw new UnreadableInputError(
        'too_large',
        `OFD 的文字超过 ${MAX_TEXT_CHARS / 10_000} 万字，远超一份年度报告的篇幅，不予读取。`,
      );
    const view = [0, 0, (box[2] ?? 210) * PT, (box[3] ?? 297) * PT];
    const rulings = pen.rulings();
    const images = rulings.images ?? [];
    if (frags.length === 0 && isScan(images, view)) scanned.push(i + 1);
    const grids: Grid[] = mayHoldTable(frags) ? gridsOf(rulings) : [];
    const beyond = (g: Grid) =>
      (g.xs[0] ?? 0) < -CUT_OFF_MARGIN || (g.xs.at(-1) ?? 0) > view[2]! + CUT_OFF_MARGIN;
    if (grids.some(beyond)) cutOff.push(i + 1);
    const blocks = pageBlocks(frags, grids);
    const pictures = pictureLines(images, view);
    if (pictures.length) blocks.push(...pictures);
    pages.push(pictures.length ? blocks.sort((p, q) => q.y - p.y) : blocks);
  }
  return {
    text: joinPages(pages),
    pages: pageLocs.length,
    hasTextLayer: items > 0,
    scanned,
    cutOff,
  };
}
