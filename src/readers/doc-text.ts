/**
 * A legacy Word report (.doc, Word 97–2003; WPS 文字 saves its .wps alike) → the readers'
 * intermediate text. Many agencies still attach their reports as .doc files.
 *
 * The file is an OLE compound file (read by cfb); its WordDocument stream holds the text, found
 * through the piece table, and the paragraphs' properties (MS-DOC, [MS-DOC] 2.4 and 2.9): a
 * paragraph in a table ends with a cell mark (U+0007), and the mark that ends a row is a
 * paragraph whose properties say so (sprmPFTtp) and hold the row's cell boundaries and merges
 * (sprmTDefTable, sprmTVertMerge). The document is rebuilt as HTML — paragraphs and tables with
 * colspan/rowspan from those boundaries and merges, as mammoth gives a .docx — and laid out by
 * htmlToText, so a .doc is read exactly as the same report saved as .docx.
 *
 * Left out, as a report's text does not need them: headers, footers, footnotes, text boxes,
 * pictures, fields' codes (their results are kept), deleted revisions and hidden text (dropped).
 * Every offset is checked against its stream: a damaged or crafted file is refused, never read
 * past its end; the text read is bounded (MAX_DOC_CHARS).
 */
import CFB from 'cfb';
import { UnreadableInputError } from './html-text.ts';
import {
  BlockBuilder,
  blocksHtml,
  wordText,
  type Block,
  type RowDefinition,
} from './word-tables.ts';

const MB = 1024 * 1024;
export const MAX_DOC_BYTES = 40 * MB;
/** Characters of the main text: a report has 10,000–30,000. */
export const MAX_DOC_CHARS = 1_000_000;

const corrupt = (detail: string) =>
  new UnreadableInputError(
    'corrupt',
    `无法读取该 Word（.doc）文件：${detail}。请用 Word 或 WPS 打开后另存为 .docx 或 PDF 再提交。`,
  );

/** What other OLE compound files are, by a stream they hold, and what to say of them. */
const OTHER_OLE: readonly { stream: string; message: string }[] = [
  {
    stream: 'EncryptedPackage',
    message:
      '这是加密（设有打开密码）的 Office 文件，无法读取：请取消密码保护后另存为 .docx 或 PDF 再提交。',
  },
  {
    stream: 'Workbook',
    message:
      '这是 Excel（.xls）表格，不是年度报告全文：年度报告的检查需要报告的章节和表格，请上传同一份年度报告的 PDF、Word 或网页版本。',
  },
  {
    stream: 'Book',
    message:
      '这是 Excel（.xls）表格，不是年度报告全文：年度报告的检查需要报告的章节和表格，请上传同一份年度报告的 PDF、Word 或网页版本。',
  },
  {
    stream: 'PowerPoint Document',
    message:
      '这是 PowerPoint（.ppt）演示文稿，不是年度报告：请上传年度报告的 PDF、Word 或网页版本。',
  },
];

/** A stream's bytes with every read checked (a crafted file may point anywhere). */
class Stream {
  constructor(
    readonly bytes: Buffer,
    readonly name: string,
  ) {}
  private check(at: number, size: number): void {
    if (!Number.isInteger(at) || at < 0 || at + size > this.bytes.length)
      throw corrupt(`文件结构已损坏（${this.name} 中的位置 ${at} 超出范围）`);
  }
  u8(at: number): number {
    this.check(at, 1);
    return this.bytes[at]!;
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.bytes.readUInt16LE(at);
  }
  i16(at: number): number {
    this.check(at, 2);
    return this.bytes.readInt16LE(at);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.bytes.readUInt32LE(at);
  }
  slice(at: number, size: number): Buffer {
    this.check(at, size);
    return this.bytes.subarray(at, at + size);
  }
}

/** One piece of the main text: characters [cp, cpEnd) stored from byte fc, 1 or 2 bytes each. */
interface Piece {
  cp: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

/** Properties of a paragraph that matter here, from its grpprl. */
interface ParaProps {
  inTable: boolean;
  /** the paragraph is a row's end mark (TTP) */
  rowEnd: boolean;
  /** table depth (1 outside nested tables) */
  depth: number;
  innerCell: boolean;
  innerRowEnd: boolean;
  /** the row's cells as boundaries (twips) and merge flags, on a row-end mark */
  cells?: RowDefinition;
}

/** Text run properties that matter here: deleted revisions and hidden text are no text. */
interface RunProps {
  dropped: boolean;
}

const SPRM = {
  pFInTable: 0x2416,
  pFTtp: 0x2417,
  pItap: 0x6649,
  pFInnerTableCell: 0x244b,
  pFInnerTtp: 0x244c,
  pChgTabs: 0xc615,
  tDefTable: 0xd608,
  tVertMerge: 0xd62b,
  pHugePapx: 0x6646,
  cFRMarkDel: 0x0800,
  cFVanish: 0x083c,
} as const;

/** Each sprm of a grpprl with its operand ([MS-DOC] 2.2.5.1: the operand size from spra). */
function* sprms(grpprl: Stream, from: number, end: number): Generator<[number, number, number]> {
  let at = from;
  while (at + 2 <= end) {
    const sprm = grpprl.u16(at);
    const op = at + 2;
    let size: number;
    switch (sprm >> 13) {
      case 0:
      case 1:
        size = 1;
        break;
      case 2:
      case 4:
      case 5:
        size = 2;
        break;
      case 3:
        size = 4;
        break;
      case 7:
        size = 3;
        break;
      default:
        if (sprm === SPRM.tDefTable) size = grpprl.u16(op) + 1;
        else if (sprm === SPRM.pChgTabs && grpprl.u8(op) === 255) {
          const del = grpprl.u8(op + 1);
          const add = grpprl.u8(op + 2 + del * 4);
          size = 1 + 1 + del * 4 + 1 + add * 3;
        } else size = grpprl.u8(op) + 1;
    }
    if (op + size > end) return;
    yield [sprm, op, size];
    at = op + size;
  }
}

/**
 * A paragraph's properties. A row's end mark may hold more than its FKP page can: then its only
 * sprm is sprmPHugePapx, the offset of the grpprl in the Data stream (cbGrpprl, grpprl).
 */
function paraProps(s: Stream, from: number, end: number, data: Stream | null): ParaProps {
  if (data && end - from >= 6 && s.u16(from) === SPRM.pHugePapx) {
    const at = s.u32(from + 2);
    return paraProps(data, at + 2, at + 2 + data.u16(at), null);
  }
  const p: ParaProps = {
    inTable: false,
    rowEnd: false,
    depth: 0,
    innerCell: false,
    innerRowEnd: false,
  };
  const vertical: [number, number][] = [];
  for (const [sprm, op] of sprms(s, from, end)) {
    switch (sprm) {
      case SPRM.pFInTable:
        p.inTable = s.u8(op) !== 0;
        break;
      case SPRM.pFTtp:
        p.rowEnd = s.u8(op) !== 0;
        break;
      case SPRM.pItap:
        p.depth = s.u32(op);
        break;
      case SPRM.pFInnerTableCell:
        p.innerCell = s.u8(op) !== 0;
        break;
      case SPRM.pFInnerTtp:
        p.innerRowEnd = s.u8(op) !== 0;
        break;
      case SPRM.tDefTable: {
        // TDefTableOperand: cb, itcMac, rgdxaCenter[itcMac + 1], rgTc80[itcMac] (20 bytes each;
        // a writer may leave out the last ones)
        const cells = s.u8(op + 2);
        const bounds = Array.from({ length: cells + 1 }, (_, i) => s.i16(op + 3 + 2 * i));
        const tcs = op + 3 + 2 * (cells + 1);
        const tcEnd = op + 2 + s.u16(op) - 1;
        const flags = (i: number) => (tcs + 20 * (i + 1) <= tcEnd ? s.u16(tcs + 20 * i) : 0);
        p.cells = {
          bounds,
          horzMerge: bounds.slice(1).map((_, i) => flags(i) & 3),
          vertMerge: bounds.slice(1).map((_, i) => (flags(i) >> 5) & 3),
        };
        break;
      }
      case SPRM.tVertMerge:
        // VerticalMergeFlag: cb (2), itc, vertMerge
        vertical.push([s.u8(op + 1), s.u8(op + 2)]);
        break;
    }
  }
  if (p.cells)
    for (const [itc, merge] of vertical)
      if (itc < p.cells.vertMerge.length) p.cells.vertMerge[itc] = merge;
  // a table depth alone says the paragraph is in a table (some writers leave out sprmPFInTable)
  if (p.depth > 0) p.inTable = true;
  else if (p.inTable) p.depth = 1;
  return p;
}

function runProps(s: Stream, from: number, end: number): RunProps {
  let dropped = false;
  for (const [sprm, op] of sprms(s, from, end))
    if (sprm === SPRM.cFRMarkDel || sprm === SPRM.cFVanish) {
      // ToggleOperand: 0 off, 1 on, 0x80/0x81 as the style (taken as on only when 0x81)
      const v = s.u8(op);
      if (v === 1 || v === 0x81) dropped = true;
    }
  return { dropped };
}

/**
 * A PLC of FKP page numbers (PlcBtePapx, PlcBteChpx) → a lookup from a stream position (fc) to
 * the properties of the run holding it, each FKP page parsed once.
 */
function fkpLookup<P>(
  doc: Stream,
  table: Stream,
  fc: number,
  lcb: number,
  kind: 'papx' | 'chpx',
  parse: (s: Stream, from: number, end: number) => P,
  none: P,
): (pos: number) => P {
  if (lcb < 8 || (lcb - 4) % 8 !== 0) return () => none;
  const n = (lcb - 4) / 8;
  const fcs = Array.from({ length: n + 1 }, (_, i) => table.u32(fc + 4 * i));
  const pages = Array.from({ length: n }, (_, i) => table.u32(fc + 4 * (n + 1) + 4 * i) & 0x3fffff);
  const cache = new Map<number, { fcs: number[]; props: P[] }>();
  const page = (pn: number) => {
    let got = cache.get(pn);
    if (got) return got;
    const base = pn * 512;
    const runs = doc.u8(base + 511);
    const runFcs = Array.from({ length: runs + 1 }, (_, i) => doc.u32(base + 4 * i));
    const props: P[] = [];
    for (let i = 0; i < runs; i++) {
      if (kind === 'papx') {
        // BxPap: a word offset to PapxInFkp (cb, [cb'], istd, grpprl)
        const offset = doc.u8(base + 4 * (runs + 1) + 13 * i) * 2;
        if (offset === 0) {
          props.push(none);
          continue;
        }
        let at = base + offset;
        let size = doc.u8(at++) * 2 - 1;
        if (size === -1) size = doc.u8(at++) * 2;
        // (the istd, then the grpprl)
        props.push(size >= 2 ? parse(doc, at + 2, Math.min(at + size, base + 511)) : none);
      } else {
        const offset = doc.u8(base + 4 * (runs + 1) + i) * 2;
        if (offset === 0) {
          props.push(none);
          continue;
        }
        const size = doc.u8(base + offset);
        props.push(parse(doc, base + offset + 1, Math.min(base + offset + 1 + size, base + 511)));
      }
    }
    got = { fcs: runFcs, props };
    cache.set(pn, got);
    return got;
  };
  return (pos) => {
    const i = lastAtOrBefore(fcs, pos);
    if (i < 0 || i >= n) return none;
    const { fcs: runFcs, props } = page(pages[i]!);
    const j = lastAtOrBefore(runFcs, pos);
    return j >= 0 && j < props.length ? props[j]! : none;
  };
}

/** The index of the last value ≤ x in an ascending list, or −1. */
function lastAtOrBefore(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const cp1252 = new TextDecoder('windows-1252');
const utf16 = new TextDecoder('utf-16le');

/** A character of the main text, with the position of its byte(s) in WordDocument. */
interface Char {
  ch: string;
  fc: number;
}

/** The main text, character by character, through the piece table (the Clx). */
function mainText(
  doc: Stream,
  table: Stream,
  fcClx: number,
  lcbClx: number,
  ccpText: number,
): Char[] {
  let at = fcClx;
  const end = fcClx + lcbClx;
  // Prc entries (property modifiers of pieces) come first
  while (at < end && table.u8(at) === 0x01) at += 3 + Math.max(0, table.i16(at + 1));
  if (table.u8(at) !== 0x02) throw corrupt('找不到正文的分段表（piece table）');
  const lcb = table.u32(at + 1);
  const plc = at + 5;
  if (lcb < 16 || (lcb - 4) % 12 !== 0) throw corrupt('正文的分段表已损坏');
  const n = (lcb - 4) / 12;
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const raw = table.u32(plc + 4 * (n + 1) + 8 * i + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const fc = raw & 0x3fffffff;
    pieces.push({
      cp: table.u32(plc + 4 * i),
      cpEnd: table.u32(plc + 4 * (i + 1)),
      fc: compressed ? fc / 2 : fc,
      compressed,
    });
  }
  const chars: Char[] = [];
  for (const piece of pieces) {
    const from = piece.cp;
    const to = Math.min(piece.cpEnd, ccpText);
    if (to <= from) continue;
    const count = to - from;
    if (chars.length + count > MAX_DOC_CHARS)
      throw new UnreadableInputError(
        'too_large',
        `Word 文件的正文过长（超过 ${MAX_DOC_CHARS / 10_000} 万字，一份年度报告约 2 万字），不是正常的年度报告，无法读取。`,
      );
    const width = piece.compressed ? 1 : 2;
    const bytes = doc.slice(piece.fc, count * width);
    const text = (piece.compressed ? cp1252 : utf16).decode(bytes);
    // (UTF-16 surrogate pairs stay two characters with two positions: only their order matters)
    for (let i = 0; i < text.length; i++) chars.push({ ch: text[i]!, fc: piece.fc + i * width });
  }
  return chars;
}

/**
 * The document as paragraphs and tables, from its characters and their paragraphs' properties:
 * in a table (depth 1) a cell ends with U+0007 and a row with a U+0007 whose paragraph says so
 * (sprmPFTtp); in a table inside a cell (depth 2 and more) both are paragraph marks, said by
 * sprmPFInnerTableCell and sprmPFInnerTtp.
 */
function blocks(
  chars: readonly Char[],
  para: (fc: number) => ParaProps,
  run: (fc: number) => RunProps,
): Block[] {
  const builder = new BlockBuilder();
  let text = '';
  // fields: [instruction shown?] for each open field; its code (before U+0014) is no text
  const fields: boolean[] = [];
  for (const { ch, fc } of chars) {
    switch (ch) {
      case '\u0013':
        fields.push(false);
        continue;
      case '\u0014':
        if (fields.length > 0) fields[fields.length - 1] = true;
        continue;
      case '\u0015':
        fields.pop();
        continue;
    }
    const ends = ch === '\r' || ch === '\u0007' || ch === '\f';
    if (!ends) {
      if (fields.some((shown) => !shown) || run(fc).dropped) continue;
      if (ch === '\u000b') text += '\n';
      else if (ch === '\u001e') text += '-';
      else if (ch === '\t') text += ' ';
      else if (ch >= ' ' || ch === '\u00a0') text += ch;
      continue;
    }
    const p = para(fc);
    const depth = p.depth;
    if (depth > 1 ? p.innerRowEnd : depth === 1 && ch === '\u0007' && p.rowEnd)
      builder.rowEnd(depth, p.cells);
    else if (depth > 1 ? p.innerCell : depth === 1 && ch === '\u0007') builder.cellEnd(text, depth);
    else builder.paragraph(text, depth);
    text = '';
  }
  if (text.trim() !== '') builder.paragraph(text, 0);
  return builder.finish();
}

/** The FIB's values needed here ([MS-DOC] 2.5.1), every one checked. */
function fib(doc: Stream) {
  if (doc.u16(0) !== 0xa5ec) throw corrupt('不是 Word 文档（文件头标识不符）');
  const nFib = doc.u16(2);
  const flags = doc.u16(0x0a);
  if (flags & 0x0100)
    throw new UnreadableInputError(
      'legacy_doc',
      '这个 Word（.doc）文件已加密（设有打开密码），无法读取：请取消密码保护后另存为 .docx 或 PDF 再提交。',
    );
  if (nFib < 0x00c1)
    throw new UnreadableInputError(
      'legacy_doc',
      '这是 Word 95 或更早版本的文件，无法读取：请用 Word 或 WPS 打开后另存为 .docx 或 PDF 再提交。',
    );
  const csw = doc.u16(0x20);
  const lw = 0x22 + csw * 2;
  const cslw = doc.u16(lw);
  const ccpText = doc.u32(lw + 2 + 3 * 4);
  const blob = lw + 2 + cslw * 4;
  const cbRgFcLcb = doc.u16(blob);
  const pair = (i: number): [number, number] => {
    if (i >= cbRgFcLcb) return [0, 0];
    return [doc.u32(blob + 2 + 8 * i), doc.u32(blob + 2 + 8 * i + 4)];
  };
  return {
    table: flags & 0x0200 ? '1Table' : '0Table',
    ccpText,
    chpx: pair(12),
    papx: pair(13),
    clx: pair(33),
  };
}

/** The HTML of a .doc's main text (exported for the tests). */
export function docToHtml(bytes: Uint8Array): string {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: 'buffer',
    });
  } catch {
    throw corrupt('复合文档结构已损坏');
  }
  const stream = (name: string) => {
    const entry = CFB.find(container, name);
    return entry?.content ? Buffer.from(entry.content as Uint8Array) : null;
  };
  const word = stream('WordDocument');
  if (!word) {
    const other = OTHER_OLE.find((o) => CFB.find(container, o.stream));
    throw new UnreadableInputError(
      'legacy_doc',
      other?.message ??
        '这是 Office 复合文档，但不是 Word（.doc）文件，无法读取：请上传年度报告的 PDF、Word 或网页版本。',
    );
  }
  const doc = new Stream(word, 'WordDocument');
  const f = fib(doc);
  const tableBytes = stream(f.table);
  if (!tableBytes) throw corrupt(`缺少 ${f.table} 数据流`);
  const table = new Stream(tableBytes, f.table);
  if (f.ccpText === 0)
    throw new UnreadableInputError('no_text', 'Word 文件中没有可读取的正文文字。');
  const chars = mainText(doc, table, f.clx[0], f.clx[1], f.ccpText);
  const none: ParaProps = {
    inTable: false,
    rowEnd: false,
    depth: 0,
    innerCell: false,
    innerRowEnd: false,
  };
  const dataBytes = stream('Data');
  const data = dataBytes ? new Stream(dataBytes, 'Data') : null;
  const para = fkpLookup(
    doc,
    table,
    f.papx[0],
    f.papx[1],
    'papx',
    (s, from, end) => paraProps(s, from, end, data),
    none,
  );
  const run = fkpLookup(doc, table, f.chpx[0], f.chpx[1], 'chpx', runProps, { dropped: false });
  return blocksHtml(blocks(chars, para, run));
}

export const docToText = (bytes: Uint8Array): Promise<{ text: string }> =>
  wordText(bytes, 'Word', MAX_DOC_BYTES, docToHtml);
