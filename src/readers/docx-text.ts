/**
 * A Word (.docx) report → the readers' intermediate text: mammoth converts the document to HTML
 * (merged cells as rowspan/colspan), then htmlToText lays it out (see html-text.ts).
 *
 * Before mammoth sees the file, its zip directory is checked, because mammoth (through jszip)
 * inflates whatever it is given: a zip bomb disguised as a DOCX would exhaust memory. Refused:
 * not a zip (an old binary .doc gets its own message), encrypted or ZIP64 archives, more than
 * MAX_ENTRIES entries, more than MAX_UNCOMPRESSED bytes in all, an entry of 1 MB or more that
 * inflates more than MAX_RATIO times its compressed size, a word/document.xml larger than
 * MAX_DOCUMENT_XML, of more than MAX_DOCUMENT_ELEMENTS elements, or missing. The sizes in the
 * directory are not trusted: every entry is inflated with a ceiling of its declared size before
 * mammoth reads it, so memory stays bounded by these limits (and images are never read: the text
 * needs none).
 */
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { UnreadableInputError, htmlToText, refuseLarger } from './html-text.ts';
import { isMhtml, mhtmlPage } from './mhtml.ts';
import { rtfToHtml } from './rtf-text.ts';

const MB = 1024 * 1024;
export const MAX_DOCX_BYTES = 40 * MB;
export const MAX_UNCOMPRESSED = 100 * MB;
/** word/document.xml of a report is 0.2–0.3 MB; mammoth's memory grows with it (below) */
export const MAX_DOCUMENT_XML = 4 * MB;
/**
 * XML elements of word/document.xml. mammoth holds about 2 KB of memory for each (1 MB of short
 * paragraphs, 75,000 elements, peaks at 180 MB more), so the elements, not the bytes, bound it.
 * A report's document.xml has about 10,000 (the Word files of test/fixtures/reports/real: 7,072
 * to 10,186 in 200–275 KB).
 */
export const MAX_DOCUMENT_ELEMENTS = 80_000;
export const MAX_RATIO = 200;
const MAX_ENTRIES = 10_000;
const DOCUMENT = 'word/document.xml';

export interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  local: number;
}

const WHOLE_REPORT = '请上传同一份年度报告的 PDF、Word（.docx）或网页版本。';
/** Zips that are other documents: how to tell them (an entry's name) and what to say. */
const OTHER_ZIPS: readonly { marker: RegExp; what: string; advice: string }[] = [
  {
    marker: /^(?:Doc_\d+\/)?(?:OFD\.xml|Document\.xml)$/i,
    what: 'OFD 版式文件（GB/T 33190）',
    advice: '请以 .ofd 文件提交检查。',
  },
  {
    marker: /^xl\/workbook\.xml$/,
    what: 'Excel（.xlsx）表格',
    advice: `年度报告的检查需要报告全文（章节和表格），${WHOLE_REPORT}`,
  },
  {
    marker: /^ppt\/presentation\.xml$/,
    what: 'PowerPoint（.pptx）演示文稿',
    advice: WHOLE_REPORT,
  },
  {
    marker: /^content\.xml$/,
    what: 'OpenDocument（WPS 或 LibreOffice 的 .odt 等）文件',
    advice: `请另存为 .docx 或 PDF 后再提交。`,
  },
];

const notDocx = (detail: string) =>
  new UnreadableInputError('not_docx', `这不是 Word（.docx）文件：${detail}`);
const bomb = (detail: string, kind = 'Word') =>
  new UnreadableInputError(
    'zip_bomb',
    `拒绝读取该 ${kind} 文件：${detail}，疑似压缩炸弹或已损坏。`,
  );

/** The central directory of a zip, every offset checked against the file's length. */
export function zipEntries(zip: Buffer): Entry[] {
  const ole = zip.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (ole)
    throw new UnreadableInputError(
      'legacy_doc',
      '这是旧版 Word（.doc）或加密的文档，无法读取：请在 Word 中另存为 .docx（不加密）后再提交。',
    );
  if (zip.length < 22 || zip.readUInt32LE(0) !== 0x04034b50)
    throw notDocx('文件不是 zip 格式（.docx 是 zip 压缩包）。');
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw notDocx('zip 压缩包不完整（缺少目录）。');
  const count = zip.readUInt16LE(eocd + 10);
  const start = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || start === 0xffffffff)
    throw notDocx('不支持 ZIP64 格式的压缩包（Word 文档不需要它）。');
  if (count > MAX_ENTRIES) throw bomb(`压缩包内有 ${count} 个文件`);
  const entries: Entry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw notDocx('zip 目录已损坏。');
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, Math.min(at + 46 + nameLength, zip.length)),
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      local: zip.readUInt32LE(at + 42),
    });
    at += skip;
  }
  return entries;
}

/**
 * The sizes a zip's directory declares, against the bounds (its entries are then inflated within
 * them): all together, and each entry's ratio; and no encrypted entry. `kind` names the file.
 */
export function checkSizes(entries: readonly Entry[], kind = 'Word'): void {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_UNCOMPRESSED)
    throw bomb(
      `解压后共 ${(total / MB).toFixed(0)} MB，超过 ${MAX_UNCOMPRESSED / MB} MB 的上限`,
      kind,
    );
  for (const e of entries) {
    if (e.size >= MB && e.size > MAX_RATIO * Math.max(e.compressed, 1))
      throw bomb(`其中 ${e.name} 的压缩比超过 ${MAX_RATIO} 倍`, kind);
    if (e.flags & 1)
      throw new UnreadableInputError(
        kind === 'Word' ? 'not_docx' : 'corrupt',
        kind === 'Word'
          ? '这不是 Word（.docx）文件：文档已加密，请取消密码保护后再提交。'
          : `${kind} 文件已加密，请取消密码保护后再提交。`,
      );
  }
}

function checkDeclared(entries: Entry[]): void {
  checkSizes(entries);
  const document = entries.find((e) => e.name === DOCUMENT);
  if (!document) {
    // other documents that are zips too, named for what they are
    const other = OTHER_ZIPS.find((o) => entries.some((e) => o.marker.test(e.name)));
    throw new UnreadableInputError(
      'no_document',
      other
        ? `这不是 Word（.docx）文件，而是${other.what}，无法读取；${other.advice}`
        : '这不是 Word（.docx）文件：压缩包中没有 word/document.xml（正文）。',
    );
  }
  if (document.size > MAX_DOCUMENT_XML)
    throw new UnreadableInputError(
      'too_large',
      `Word 文件的正文过大：word/document.xml 解压后有 ${(document.size / MB).toFixed(1)} MB，超过 ${MAX_DOCUMENT_XML / MB} MB 的上限（一份年度报告约 0.3 MB），不是正常的年度报告，无法读取。请只保留年度报告的正文，或另存为 PDF 后再提交。`,
    );
}

/** Start and empty-element tags of an XML text (`<` not followed by `/`, `?` or `!`). */
export function xmlElements(xml: Buffer): number {
  let n = 0;
  for (let at = xml.indexOf(0x3c); at >= 0; at = xml.indexOf(0x3c, at + 1)) {
    const next = xml[at + 1];
    if (next !== 0x2f && next !== 0x3f && next !== 0x21) n++;
  }
  return n;
}

/** An entry's bytes, inflated with a ceiling of its declared size: the directory may lie. */
export function inflateEntry(zip: Buffer, e: Entry): Buffer {
  const header = e.local;
  if (header + 30 > zip.length || zip.readUInt32LE(header) !== 0x04034b50)
    throw notDocx(`zip 压缩包已损坏（${e.name}）。`);
  const from = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  if (from + e.compressed > zip.length) throw notDocx(`zip 压缩包不完整（${e.name}）。`);
  const data = zip.subarray(from, from + e.compressed);
  if (e.method === 0) {
    if (e.compressed !== e.size) throw notDocx(`zip 压缩包已损坏（${e.name}）。`);
    return data;
  }
  if (e.method !== 8) throw notDocx(`不支持的压缩方式（${e.name}）。`);
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
  } catch (err) {
    if (err instanceof RangeError) throw bomb(`${e.name} 解压后大于目录所写的大小`);
    throw notDocx(`zip 压缩包已损坏（${e.name}）。`);
  }
  if (inflated.length !== e.size) throw notDocx(`zip 压缩包已损坏（${e.name}）。`);
  return inflated;
}

/** Inflates every entry (each within its declared size), and counts the document's elements. */
function checkActual(zip: Buffer, entries: Entry[]): void {
  for (const e of entries) {
    const bytes = inflateEntry(zip, e);
    if (e.name === DOCUMENT) checkElements(bytes);
  }
}

const RELATIONSHIPS = 'word/_rels/document.xml.rels';
/** XML attributes, in any order */
const ATTRIBUTE = /([\w:]+)\s*=\s*"([^"]*)"/g;
const attributes = (tag: string) =>
  new Map([...tag.matchAll(ATTRIBUTE)].map((m) => [m[1]!, m[2]!] as const));

/**
 * The parts a document imports whole with <w:altChunk> (“alternative format content”), in the
 * order the document holds them: a web page as MHTML or HTML, RTF or text. Web systems that
 * export a page “as Word” write such a .docx — html-docx-js puts the whole page in one
 * afchunk.mht — and mammoth leaves them out, so the report would be read as empty.
 */
function altChunks(zip: Buffer, entries: Entry[]): { name: string; bytes: Buffer }[] {
  const rels = entries.find((e) => e.name === RELATIONSHIPS);
  const document = entries.find((e) => e.name === DOCUMENT);
  if (!rels || !document) return [];
  const targets = new Map<string, string>();
  for (const [tag] of inflateEntry(zip, rels)
    .toString('utf8')
    .matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(tag);
    const target = a.get('Target');
    if (!/\/aFChunk$/i.test(a.get('Type') ?? '') || !target) continue;
    // a target is relative to word/, or absolute in the package
    const name = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`word/${target}`);
    targets.set(a.get('Id') ?? '', name);
  }
  if (targets.size === 0) return [];
  const chunks: { name: string; bytes: Buffer }[] = [];
  for (const [tag] of inflateEntry(zip, document)
    .toString('utf8')
    .matchAll(/<w:altChunk\b[^>]*>/g)) {
    const name = targets.get(attributes(tag).get('r:id') ?? '');
    const entry = name ? entries.find((e) => e.name === name) : undefined;
    if (entry) chunks.push({ name: entry.name, bytes: inflateEntry(zip, entry) });
  }
  return chunks;
}

/** A charset a page's markup declares in its first bytes, else UTF-8. */
function pageCharset(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head.toString('latin1'))?.[1] ?? 'utf-8';
}

function decodeAs(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** An imported part as HTML: a page (MHTML or HTML), RTF, or text. */
async function chunkHtml({ name, bytes }: { name: string; bytes: Buffer }): Promise<string> {
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (isMhtml(head.trimStart())) {
    const { html, charset } = await mhtmlPage(bytes);
    return decodeAs(html, charset ?? pageCharset(html));
  }
  if (head.startsWith('{\\rtf')) return rtfToHtml(bytes);
  if (/\.html?$/i.test(name) || /^\s*</.test(head)) return decodeAs(bytes, pageCharset(bytes));
  return decodeAs(bytes, 'utf-8')
    .split(/\r?\n/)
    .map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
}

function checkElements(document: Buffer): void {
  const elements = xmlElements(document);
  if (elements > MAX_DOCUMENT_ELEMENTS)
    throw new UnreadableInputError(
      'too_large',
      `Word 文件的正文过于庞杂：word/document.xml 有 ${elements} 个 XML 元素，超过 ${MAX_DOCUMENT_ELEMENTS / 10_000} 万个的上限（一份年度报告约有 1 万个），不是正常的年度报告，无法读取。请只保留年度报告的正文，或另存为 PDF 后再提交。`,
    );
}

/** What mammoth's XML parser (xmldom) says of malformed XML, without its decoration. */
const XML_PROBLEM = /\[xmldom (?:warning|error|fatalError)\]\s*([^\n@]*)/;

/** A Word file mammoth could not read, in words its user can act on (the detail kept short). */
function corrupt(detail: string): UnreadableInputError {
  const xml = XML_PROBLEM.exec(detail);
  const technical = (xml ? xml[1]! : detail).trim().slice(0, 100);
  return new UnreadableInputError(
    'corrupt',
    xml
      ? `Word 文件已损坏：其中的 XML 内容不完整或格式有误（技术信息：${technical}）。请用 Word 打开（提示修复时先修复）后另存为 .docx，或另存为 PDF 后再提交。`
      : `无法读取该 Word 文件：文件结构不完整或已损坏（技术信息：${technical}）。请用 Word 打开后另存为 .docx，或另存为 PDF 后再提交。`,
  );
}

export async function docxToText(bytes: Uint8Array): Promise<{ text: string }> {
  if (bytes.length === 0) throw new UnreadableInputError('empty', '文件是空的，没有可读取的内容。');
  refuseLarger(bytes, MAX_DOCX_BYTES, 'Word');
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(zip);
  checkDeclared(entries);
  checkActual(zip, entries);
  const chunks = altChunks(zip, entries);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: zip },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : String(err));
  }
  // (the imported parts after the document's own text: a document made by exporting a page has
  // nothing else)
  for (const chunk of chunks) html += `\n${await chunkHtml(chunk)}`;
  if (html.trim() === '')
    throw new UnreadableInputError('no_text', 'Word 文件中没有可读取的正文文字。');
  return { text: htmlToText(html).text };
}
