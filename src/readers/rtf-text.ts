/**
 * An RTF report (Word's and WPS's “RTF 格式”, often saved under a .doc name) → the readers'
 * intermediate text, the way doc-text.ts reads a .doc: the document is rebuilt as HTML —
 * paragraphs, and tables from each row's definition (\trowd, its cells' right boundaries \cellx
 * and merge marks \clmgf/\clmrg, \clvmgf/\clvmrg) and cell marks (\cell, \row) — and laid out by
 * htmlToText (RTF 1.9.1 specification).
 *
 * Text: \uN characters (their \ucN fallbacks skipped), \'hh bytes and raw 8-bit bytes decoded in
 * the code page of the current font's charset, else of \ansicpg; a field's instruction skipped,
 * its result kept; hidden (\v) and deleted (\deleted) text dropped; the document's tables of
 * fonts, colours, styles, lists, pictures, objects, headers, footers and footnotes left out.
 * Bounded: MAX_RTF_BYTES, MAX_GROUP_DEPTH and the characters of text (MAX_DOC_CHARS).
 */
import { MAX_DOC_CHARS } from './doc-text.ts';
import { UnreadableInputError } from './html-text.ts';
import {
  BlockBuilder,
  blocksHtml,
  wordText,
  type Block,
  type Cell,
  type RowDefinition,
} from './word-tables.ts';

const MB = 1024 * 1024;
export const MAX_RTF_BYTES = 40 * MB;
/** Groups open at once: a report's RTF nests a few dozen deep. */
export const MAX_GROUP_DEPTH = 1000;

/** Destinations whose text is no part of the document's body. */
const SKIPPED = new Set([
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'object',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'footnote',
  'annotation',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'revtbl',
  'filetbl',
  'fldinst',
  'bkmkstart',
  'bkmkend',
  'shp',
  'shpinst',
  'shptxt',
  'xe',
  'tc',
  'template',
  'docvar',
  'userprops',
  'generator',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'xmlnstbl',
  'pgdsctbl',
  'nonesttables',
  'listtext',
  'pntext',
]);

/** Windows code pages by font charset (\fcharset). */
const CHARSET_CODEPAGE: Record<number, number> = {
  128: 932,
  129: 949,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
};

const CODEPAGE_LABEL: Record<number, string> = {
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  65001: 'utf-8',
};

const decoders = new Map<number, TextDecoder>();
function decoder(codepage: number): TextDecoder {
  let d = decoders.get(codepage);
  if (!d) {
    d = new TextDecoder(CODEPAGE_LABEL[codepage] ?? 'windows-1252');
    decoders.set(codepage, d);
  }
  return d;
}

/** Symbols written as control words. */
const SYMBOLS: Record<string, string> = {
  emdash: '—',
  endash: '–',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  bullet: '•',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
};

interface GroupState {
  /** paragraph properties: in a table (\intbl), at table depth \itapN */
  inTable: boolean;
  itap: number;
  /** a nested row's definition ({\*\nesttableprops \trowd … \nestrow}) */
  nestProps: boolean;
  /** {\upr {ANSI text}{\*\ud {Unicode text}}}: the ANSI group is skipped, \ud read */
  upr: boolean;
  uprGroups: number;
  skip: boolean;
  hidden: boolean;
  deleted: boolean;
  uc: number;
  font: number;
  fontTable: boolean;
}

const isLetter = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

function hexValue(b: number): number {
  if (isDigit(b)) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

/** The blocks of an RTF document. */
function rtfBlocks(rtf: Buffer): Block[] {
  const builder = new BlockBuilder();
  let state: GroupState = {
    inTable: false,
    itap: 1,
    nestProps: false,
    upr: false,
    uprGroups: 0,
    skip: false,
    hidden: false,
    deleted: false,
    uc: 1,
    font: -1,
    fontTable: false,
  };
  const stack: GroupState[] = [];
  let ansiCodepage = 1252;
  const fontCharset = new Map<number, number>();
  let definingFont = -1;
  /** the first control word of a group decides whether it is a destination to skip */
  let groupStart = false;
  let starred = false;
  let pendingBytes: number[] = [];
  let text = '';
  let chars = 0;
  let skipFallback = 0;
  // the rows being defined, by table depth: the first cell's left boundary, each cell's right
  // boundary and merges (\trowd, \trleft, \cellx, \clmgf …)
  const definitions = new Map<number, { left: number; cells: Omit<Cell, 'content'>[] }>();
  let defining = { left: 0, cells: [] as Omit<Cell, 'content'>[] };
  let horzMerge = 0;
  let vertMerge = 0;
  const depth = () => (state.inTable ? Math.max(1, state.itap) : 0);
  const definition = (d: number): RowDefinition | undefined => {
    const def = definitions.get(d);
    if (!def) return undefined;
    return {
      bounds: [def.left, ...def.cells.map((c) => c.right ?? 0)],
      horzMerge: def.cells.map((c) => c.horzMerge),
      vertMerge: def.cells.map((c) => c.vertMerge),
    };
  };

  const codepage = () => {
    const charset = fontCharset.get(state.font);
    return charset !== undefined && CHARSET_CODEPAGE[charset]
      ? CHARSET_CODEPAGE[charset]
      : ansiCodepage;
  };
  const emit = (s: string) => {
    if (state.skip || state.hidden || state.deleted || state.fontTable) return;
    chars += s.length;
    if (chars > MAX_DOC_CHARS)
      throw new UnreadableInputError(
        'too_large',
        `RTF 文件的正文过长（超过 ${MAX_DOC_CHARS / 10_000} 万字，一份年度报告约 2 万字），不是正常的年度报告，无法读取。`,
      );
    text += s;
  };
  const flushBytes = () => {
    if (pendingBytes.length === 0) return;
    const bytes = Uint8Array.from(pendingBytes);
    pendingBytes = [];
    emit(decoder(codepage()).decode(bytes));
  };
  const endParagraph = () => {
    flushBytes();
    builder.paragraph(text, depth());
    text = '';
  };
  const endCell = (d: number) => {
    flushBytes();
    builder.cellEnd(text, d);
    text = '';
  };
  const endRow = (d: number) => {
    flushBytes();
    if (text.trim() !== '') builder.paragraph(text, d);
    text = '';
    builder.rowEnd(d, definition(d));
  };

  const control = (word: string, param: number | null) => {
    if (groupStart) {
      groupStart = false;
      if (word === 'nesttableprops') {
        state.nestProps = true;
        return;
      }
      if (word === 'upr') {
        state.upr = true;
        return;
      }
      // (the Unicode version of a \upr's text, starred for readers without Unicode)
      if (word === 'ud') return;
      if (starred || SKIPPED.has(word)) {
        state.skip = true;
        return;
      }
      if (word === 'fonttbl') {
        state.fontTable = true;
        return;
      }
    }
    if (word !== 'u' && skipFallback > 0) {
      // a control word in a \u fallback counts as one of its characters
      skipFallback--;
      return;
    }
    if (state.fontTable) {
      if (word === 'f' && param !== null) definingFont = param;
      else if (word === 'fcharset' && param !== null && definingFont >= 0)
        fontCharset.set(definingFont, param);
      return;
    }
    if (state.skip) return;
    switch (word) {
      case 'ansicpg':
        if (param !== null) ansiCodepage = param;
        return;
      case 'f':
        flushBytes();
        if (param !== null) state.font = param;
        return;
      case 'uc':
        if (param !== null) state.uc = param;
        return;
      case 'u':
        flushBytes();
        if (param !== null) emit(String.fromCharCode(param < 0 ? param + 65536 : param));
        skipFallback = state.uc;
        return;
      case 'par':
        endParagraph();
        return;
      case 'sect':
        endParagraph();
        return;
      case 'pard':
        flushBytes();
        state.inTable = false;
        state.itap = 1;
        return;
      case 'intbl':
        state.inTable = true;
        return;
      case 'itap':
        state.itap = param ?? 1;
        if (state.itap === 0) state.inTable = false;
        return;
      case 'cell':
        endCell(1);
        return;
      case 'nestcell':
        endCell(Math.max(2, depth()));
        return;
      case 'row':
        endRow(1);
        return;
      case 'nestrow':
        endRow(Math.max(2, depth()));
        return;
      case 'trowd':
        defining = { left: 0, cells: [] };
        definitions.set(state.nestProps ? Math.max(2, depth()) : 1, defining);
        horzMerge = 0;
        vertMerge = 0;
        return;
      case 'trleft':
        defining.left = param ?? 0;
        return;
      case 'clmgf':
        horzMerge = 1;
        return;
      case 'clmrg':
        horzMerge = 2;
        return;
      case 'clvmgf':
        vertMerge = 3;
        return;
      case 'clvmrg':
        vertMerge = 1;
        return;
      case 'cellx':
        defining.cells.push({ right: param ?? 0, horzMerge, vertMerge });
        horzMerge = 0;
        vertMerge = 0;
        return;
      case 'line':
        flushBytes();
        emit('\n');
        return;
      case 'tab':
        flushBytes();
        emit(' ');
        return;
      case 'v':
        flushBytes();
        state.hidden = param !== 0;
        return;
      case 'deleted':
        flushBytes();
        state.deleted = param !== 0;
        return;
      case 'plain':
        flushBytes();
        state.hidden = false;
        state.deleted = false;
        return;
    }
    const symbol = SYMBOLS[word];
    if (symbol) {
      flushBytes();
      emit(symbol);
    }
  };

  let i = 0;
  const n = rtf.length;
  while (i < n) {
    const b = rtf[i]!;
    if (b === 0x7b) {
      flushBytes();
      if (stack.length >= MAX_GROUP_DEPTH)
        throw new UnreadableInputError(
          'corrupt',
          `RTF 文件的结构嵌套超过 ${MAX_GROUP_DEPTH} 层，不是正常的文档，无法读取。请用 Word 或 WPS 打开后另存为 .docx 或 PDF 再提交。`,
        );
      const parent = state;
      stack.push(parent);
      state = { ...parent, upr: false, uprGroups: 0 };
      if (parent.upr && ++parent.uprGroups === 1) state.skip = true;
      groupStart = true;
      starred = false;
      skipFallback = 0;
      i++;
      continue;
    }
    if (b === 0x7d) {
      flushBytes();
      state = stack.pop() ?? state;
      groupStart = false;
      skipFallback = 0;
      i++;
      continue;
    }
    if (b === 0x5c) {
      const next = rtf[i + 1];
      if (next === undefined) break;
      if (isLetter(next)) {
        let j = i + 1;
        while (j < n && j - i <= 33 && isLetter(rtf[j]!)) j++;
        const word = rtf.toString('latin1', i + 1, j);
        let param: number | null = null;
        let k = j;
        if (rtf[k] === 0x2d || isDigit(rtf[k] ?? 0)) {
          const from = k;
          k++;
          while (k < n && k - from <= 11 && isDigit(rtf[k]!)) k++;
          const value = Number(rtf.toString('latin1', from, k));
          param = Number.isFinite(value) ? value : null;
        }
        if (rtf[k] === 0x20) k++;
        i = k;
        if (word === 'bin') {
          // binary data of `param` bytes: never text
          i += Math.max(0, param ?? 0);
          continue;
        }
        control(word, param);
        continue;
      }
      // control symbols
      i += 2;
      if (next === 0x2a) {
        starred = true;
        continue;
      }
      groupStart = false;
      if (next === 0x27) {
        const hi = hexValue(rtf[i] ?? 0);
        const lo = hexValue(rtf[i + 1] ?? 0);
        if (hi >= 0 && lo >= 0) {
          i += 2;
          if (skipFallback > 0) skipFallback--;
          else if (!state.skip && !state.fontTable) pendingBytes.push(hi * 16 + lo);
        }
        continue;
      }
      if (skipFallback > 0) {
        skipFallback--;
        continue;
      }
      if (state.skip || state.fontTable) continue;
      flushBytes();
      if (next === 0x5c || next === 0x7b || next === 0x7d) emit(String.fromCharCode(next));
      else if (next === 0x7e) emit('\u00a0');
      else if (next === 0x5f) emit('-');
      else if (next === 0x0a || next === 0x0d) endParagraph();
      continue;
    }
    i++;
    if (b === 0x0a || b === 0x0d) continue;
    groupStart = false;
    if (skipFallback > 0) {
      skipFallback--;
      continue;
    }
    if (state.skip || state.fontTable) continue;
    if (b >= 0x80) pendingBytes.push(b);
    else {
      flushBytes();
      if (b === 0x09) emit(' ');
      else if (b >= 0x20) emit(String.fromCharCode(b));
    }
  }
  flushBytes();
  if (text.trim() !== '') builder.paragraph(text, 0);
  return builder.finish();
}

/** The HTML of an RTF document (exported for the tests). */
export function rtfToHtml(bytes: Uint8Array): string {
  const rtf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return blocksHtml(rtfBlocks(rtf));
}

export const rtfToText = (bytes: Uint8Array): Promise<{ text: string }> =>
  wordText(bytes, 'RTF', MAX_RTF_BYTES, rtfToHtml);
