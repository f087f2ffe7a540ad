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
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { UnreadableInputError, htmlToText } from './html-text.ts';

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

interface Entry {
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
    advice: `本系统暂不读取 OFD 文件，${WHOLE_REPORT}`,
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
const bomb = (detail: string) =>
  new UnreadableInputError('zip_bomb', `拒绝读取该 Word 文件：${detail}，疑似压缩炸弹或已损坏。`);

/** The central directory of a zip, every offset checked against the file's length. */
function zipEntries(zip: Buffer): Entry[] {
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

function checkDeclared(entries: Entry[]): void {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_UNCOMPRESSED)
    throw bomb(`解压后共 ${(total / MB).toFixed(0)} MB，超过 ${MAX_UNCOMPRESSED / MB} MB 的上限`);
  for (const e of entries) {
    if (e.size >= MB && e.size > MAX_RATIO * Math.max(e.compressed, 1))
      throw bomb(`其中 ${e.name} 的压缩比超过 ${MAX_RATIO} 倍`);
    if (e.flags & 1) throw notDocx('文档已加密，请取消密码保护后再提交。');
  }
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

/** Inflates every entry with a ceiling of its declared size: the directory may lie. */
function checkActual(zip: Buffer, entries: Entry[]): void {
  for (const e of entries) {
    const header = e.local;
    if (header + 30 > zip.length || zip.readUInt32LE(header) !== 0x04034b50)
      throw notDocx(`zip 压缩包已损坏（${e.name}）。`);
    const from = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
    if (from + e.compressed > zip.length) throw notDocx(`zip 压缩包不完整（${e.name}）。`);
    const data = zip.subarray(from, from + e.compressed);
    if (e.method === 0) {
      if (e.compressed !== e.size) throw notDocx(`zip 压缩包已损坏（${e.name}）。`);
      if (e.name === DOCUMENT) checkElements(data);
      continue;
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
    if (e.name === DOCUMENT) checkElements(inflated);
  }
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
  if (bytes.length > MAX_DOCX_BYTES)
    throw new UnreadableInputError(
      'too_large',
      `Word 文件过大（${(bytes.length / MB).toFixed(1)} MB），上限为 ${MAX_DOCX_BYTES / MB} MB。`,
    );
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(zip);
  checkDeclared(entries);
  checkActual(zip, entries);
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
  if (html.trim() === '')
    throw new UnreadableInputError('no_text', 'Word 文件中没有可读取的正文文字。');
  return { text: htmlToText(html).text };
}
