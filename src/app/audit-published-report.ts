/**
 * Audits one published annual report file (issue 4): the file is turned into the readers'
 * intermediate text (PDF text layer, DOCX, HTML or plain text), read into the report model, and
 * checked: the reading findings, then the engine's own rules. Unreadable input throws a
 * DomainError of kind `invalid` (the CLI's exit 2) with a Chinese message; input that is read but
 * holds no report (a PDF without text layer, an unrelated document) returns `report: null` with
 * its READ-* error finding, which auditPublishedBatch reports as unreadable too.
 */
import { isUtf8, transcode } from 'node:buffer';
import { invalid } from '../domain/errors.ts';
import type { AnnualReport, Table2 } from '../domain/report/model.ts';
import { publicationDeadline } from '../domain/report/publication-deadline.ts';
import { docToText } from '../readers/doc-text.ts';
import { docxToText, zipEntries } from '../readers/docx-text.ts';
import { htmlToText, OPEN_IN_BROWSER, textWithTables } from '../readers/html-text.ts';
import { isMhtml, mhtmlPage } from '../readers/mhtml.ts';
import { ofdToText } from '../readers/ofd-text.ts';
import { pdfToText } from '../readers/pdf-text.ts';
import { auditRead, READ_RULES, readFinding, type ReadFinding } from '../readers/read-report.ts';
import { rtfToText } from '../readers/rtf-text.ts';
import { readReportText } from '../readers/text.ts';

export type PublishedFormat = 'pdf' | 'ofd' | 'docx' | 'doc' | 'rtf' | 'html' | 'mhtml' | 'txt';

export interface PublishedAudit {
  format: PublishedFormat;
  report: AnnualReport | null;
  /** table 二 as printed (amounts keep their unit), the sidecars' form */
  printedTable2: Table2;
  findings: ReadFinding[];
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
/** `{\rtf` */
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66];

/** An HTML tag that starts a page, in the lower-cased text of its first 4096 bytes. */
const HTML_TAG = /<(!doctype html|html|body|table|div|p)[\s>]/;
/** The same tags in any case, followed by an ASCII space or `>`; and the tags alone. */
const HTML_TAG_ASCII = /<(!doctype html|html|body|table|div|p)[\t\n\v\f\r >]/i;
const HTML_TAG_NAME = /<(!doctype html|html|body|table|div|p)/i;

/** The format from the bytes (never from the name alone: a .doc may be an HTML page). */
export function detectFormat(bytes: Uint8Array): PublishedFormat {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  // a zip: an OFD (GB/T 33190) has OFD.xml at its root; else taken for a .docx
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return isOfd(bytes) ? 'ofd' : 'docx';
  // an OLE compound file: a Word 97–2003 .doc (or WPS 文字's .wps), else named in docToText
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  // Word's and WPS's “RTF 格式”, often saved under a .doc name
  if (startsWith(bytes, RTF)) return 'rtf';
  const first = firstNonBlank(bytes);
  // a page saved as one file: a message's header lines (From: …, MIME-Version: …), then its parts
  if (isAsciiLetter(first)) {
    const start = bytes.subarray(0, 4096);
    const head = Buffer.from(start.buffer, start.byteOffset, start.byteLength);
    if (isMhtml(head.toString('latin1'))) return 'mhtml';
  }
  // A page, or a fragment of one, starts with markup; a text file does not, even with HTML tables
  // after its first lines (Markdown converted from a page or a PDF: see textWithTables).
  if (first !== 0x3c) return 'txt';
  // The tags are ASCII, and decoding (UTF-8, errors replaced) gives every ASCII byte as itself:
  // the bytes read as Latin-1, one character each and nothing to decode, settle most files. Only
  // a tag followed by a character other than those needs the decoded text: \s includes U+3000 …
  const head = bytes.subarray(0, 4096);
  const latin1 = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  if (HTML_TAG_ASCII.test(latin1)) return 'html';
  if (!HTML_TAG_NAME.test(latin1)) return 'txt';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).toLowerCase();
  return HTML_TAG.test(text) ? 'html' : 'txt';
}

/** Whether a zip's directory names OFD.xml at its root (an unreadable directory: no). */
function isOfd(bytes: Uint8Array): boolean {
  try {
    return zipEntries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).some(
      (e) => e.name.replace(/^\/+/, '').toLowerCase() === 'ofd.xml',
    );
  } catch {
    return false;
  }
}

const isAsciiLetter = (byte: number) => (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;

/** The first byte after a UTF-8 BOM and ASCII whitespace, or −1. */
function firstNonBlank(bytes: Uint8Array): number {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d, 0x0c].includes(bytes[i] ?? 0)) i++;
  return bytes[i] ?? -1;
}

/**
 * A table's markup in a text file: text converted to Markdown keeps as HTML the tables it cannot
 * express (merged cells), after pages of narrative. (Found in the bytes: the tags are ASCII in
 * every encoding read here.)
 */
function hasTableMarkup(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (tags: readonly string[]) => tags.some((t) => b.indexOf(t, 0, 'latin1') >= 0);
  return has(['<table', '<TABLE', '<Table']) && has(['<td', '<TD', '<Td', '<th', '<TH', '<Th']);
}

const BOMS: [readonly number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/**
 * The text of a page or text file: a BOM's encoding, else UTF-8, else GB18030 (which contains the
 * GBK of older Chinese sites). Not read-records-file.ts's decodeText: that module loads exceljs,
 * most of a second of start-up for every worker thread of a batch.
 */
export function decodeReport(bytes: Uint8Array): string {
  for (const [sig, encoding] of BOMS)
    if (startsWith(bytes, sig)) return new TextDecoder(encoding).decode(bytes);
  // Valid UTF-8 (checked as TextDecoder's fatal mode would) goes through ICU to UTF-16 and is
  // copied into a string: for Chinese text about 6× faster than TextDecoder, which builds the
  // string from UTF-8 itself (11 KB of report: ~8 µs against ~50 µs), and the same characters.
  if (isUtf8(bytes))
    return transcode(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      'utf8',
      'ucs2',
    ).toString('ucs2');
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('无法识别文件的文字编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030），无法读取。');
  }
}

/**
 * The HTML of a page saved as one file: in the charset its part declares, else told as a page
 * file's is (decodeReport: a GBK page saved by Chrome is GBK, declared only in its <meta>).
 */
async function savedPage(bytes: Uint8Array): Promise<string> {
  const { html, charset } = await mhtmlPage(bytes);
  if (charset)
    try {
      return new TextDecoder(charset).decode(html);
    } catch {
      // (a charset this runtime does not know: told from the bytes)
    }
  return decodeReport(html);
}

/** Reads and audits one published report. */
export async function auditPublishedReport(bytes: Uint8Array): Promise<PublishedAudit> {
  if (bytes.length === 0) throw invalid('文件是空的，无法读取。');
  const format = detectFormat(bytes);
  let text: string;
  let attachments: string[] = [];
  let publishedOn: string | undefined;
  let title: string | undefined;
  let scripted = false;
  let fromScript = false;
  const notes: ReadFinding[] = [];
  switch (format) {
    case 'pdf':
    case 'ofd': {
      const laid = format === 'pdf' ? await pdfToText(bytes) : await ofdToText(bytes);
      const kind = format.toUpperCase();
      const other =
        format === 'pdf' ? '可复制文字的 PDF 或网页版本' : '含文字的 OFD、PDF 或网页版本';
      if (!laid.hasTextLayer)
        return {
          format,
          report: null,
          printedTable2: {},
          findings: [
            readFinding(
              'notReport',
              'document',
              `${kind} 共 ${laid.pages} 页，没有文字${format === 'pdf' ? '层' : ''}（扫描件或图片），无法读取其中的数字；请取得${other}。`,
            ),
          ],
        };
      text = laid.text;
      if (laid.scanned.length > 0)
        notes.push(
          readFinding(
            'scannedPages',
            'document',
            `${kind} 第${laid.scanned.join('、')}页没有文字，是扫描件或图片，其中的内容无法读取；这些页上的章节和表格须对照原件人工核对，或取得${other}后再检查。`,
          ),
        );
      if (laid.cutOff.length > 0)
        notes.push(
          readFinding(
            'cutOff',
            'document',
            `${kind} 第${laid.cutOff.join('、')}页的表格宽于页面，超出页面边缘的栏没有印出，其中的数字不在文件中，无法读取（打印或导出时纸张过窄）。请取得完整的${format === 'pdf' ? 'PDF' : 'OFD、PDF'} 或网页版本后再检查。`,
          ),
        );
      break;
    }
    case 'docx':
      text = (await docxToText(bytes)).text;
      break;
    case 'doc':
      text = (await docToText(bytes)).text;
      break;
    case 'rtf':
      text = (await rtfToText(bytes)).text;
      break;
    case 'html':
    case 'mhtml': {
      const page = htmlToText(format === 'html' ? decodeReport(bytes) : await savedPage(bytes));
      text = page.text;
      attachments = page.attachments;
      publishedOn = page.publishedOn;
      title = page.title;
      scripted = page.scripted === true;
      fromScript = page.from === 'script';
      break;
    }
    case 'txt':
      text = decodeReport(bytes);
      if (text.includes('\u0000'))
        throw invalid('文件不是文字、网页、Word 或 PDF 文件，无法读取。');
      if (hasTableMarkup(bytes)) text = textWithTables(text);
      break;
  }
  const read = readReportText(text, title ? { title } : {});
  // (said only of a report read there: a script's menu of links is no report)
  if (fromScript && read.report)
    notes.push(
      readFinding(
        'scriptContent',
        'document',
        '网页的 HTML 中没有年度报告，报告写在网页脚本的字符串中（打开网页时由脚本写入页面），已按脚本中的内容读取；请在浏览器中打开该页面核对。',
      ),
    );
  // a page that states when it was published: PUB-DEADLINE checks it against 第四十九条's
  // deadline for the agency read (its kind and level presumed from its name, as said)
  if (read.report && publishedOn) {
    const { kind, level } = read.report.agency;
    const due = publicationDeadline({ kind, level, reportDeadline: null }, read.report.year);
    read.report.publication = {
      deadline: due.date,
      basis: due.basis,
      publishedOn,
      asOf: publishedOn,
    };
  }
  return {
    format,
    report: read.report,
    printedTable2: read.printedTable2,
    findings: [...notes, ...auditRead(read)].map((f) => {
      const message = f.rule === READ_RULES.notReport.id && notReportOfPage(attachments, scripted);
      return message ? { ...f, message } : f;
    }),
  };
}

/**
 * What a page without a report has instead, when it can be told: the report attached to it as
 * a file, or loaded by its scripts when it is shown.
 */
function notReportOfPage(attachments: readonly string[], scripted: boolean): string | undefined {
  if (attachments.length > 0)
    return `网页中没有年度报告的正文，只有附件“${attachments.join('”“')}”：年度报告在附件中，请下载附件后上传检查。`;
  if (scripted)
    return `网页中没有年度报告的正文：正文可能由网页脚本在浏览器中加载，保存下来的网页里没有。${OPEN_IN_BROWSER}`;
  return undefined;
}
