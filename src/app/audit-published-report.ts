/**
 * Audits one published annual report file (issue 4): the file is turned into the readers'
 * intermediate text (PDF text layer, DOCX, HTML or plain text), read into the report model, and
 * checked: the reading findings, then the engine's own rules. Unreadable input throws a
 * DomainError of kind `invalid` (the CLI's exit 2) with a Chinese message; input that is read but
 * holds no report (a PDF without text layer, an unrelated document) returns `report: null` with
 * its READ-* error finding, which auditPublishedBatch reports as unreadable too.
 */
import { invalid } from '../domain/errors.ts';
import type { AnnualReport, Table2 } from '../domain/report/model.ts';
import { docxToText } from '../readers/docx-text.ts';
import { htmlToText } from '../readers/html-text.ts';
import { pdfToText } from '../readers/pdf-text.ts';
import { auditRead, readFinding, type ReadFinding } from '../readers/read-report.ts';
import { readReportText } from '../readers/text.ts';

export type PublishedFormat = 'pdf' | 'docx' | 'html' | 'txt';

export interface PublishedAudit {
  format: PublishedFormat;
  report: AnnualReport | null;
  /** table 二 as printed (amounts keep their unit), the sidecars' form */
  printedTable2: Table2;
  findings: ReadFinding[];
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);

/** The format from the bytes (never from the name alone: a .doc may be an HTML page). */
export function detectFormat(bytes: Uint8Array): PublishedFormat | 'legacy_doc' {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'legacy_doc';
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .toLowerCase();
  return /<(!doctype html|html|body|table|div|p)[\s>]/.test(head) ? 'html' : 'txt';
}

/**
 * The text of a page or text file: a BOM's encoding, else UTF-8, else GB18030 (which contains the
 * GBK of older Chinese sites). Not read-records-file.ts's decodeText: that module loads exceljs,
 * most of a second of start-up for every worker thread of a batch.
 */
function decode(bytes: Uint8Array): string {
  const boms: [readonly number[], string][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [sig, encoding] of boms)
    if (startsWith(bytes, sig)) return new TextDecoder(encoding).decode(bytes);
  for (const encoding of ['utf-8', 'gb18030'])
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // the next encoding
    }
  throw invalid('无法识别文件的文字编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030），无法读取。');
}

/** Reads and audits one published report. */
export async function auditPublishedReport(bytes: Uint8Array): Promise<PublishedAudit> {
  if (bytes.length === 0) throw invalid('文件是空的，无法读取。');
  const format = detectFormat(bytes);
  if (format === 'legacy_doc')
    throw invalid('这是旧版 Word（.doc）文件，无法直接读取；请另存为 .docx 或 PDF 后再检查。');
  let text: string;
  switch (format) {
    case 'pdf': {
      const pdf = await pdfToText(bytes);
      if (!pdf.hasTextLayer) {
        return {
          format,
          report: null,
          printedTable2: {},
          findings: [
            readFinding(
              'notReport',
              'document',
              `PDF 共 ${pdf.pages} 页，没有文字层（扫描件或图片），无法读取其中的数字；请取得可复制文字的 PDF 或网页版本。`,
            ),
          ],
        };
      }
      text = pdf.text;
      break;
    }
    case 'docx':
      text = (await docxToText(bytes)).text;
      break;
    case 'html':
      text = htmlToText(decode(bytes)).text;
      break;
    case 'txt':
      text = decode(bytes);
      if (text.includes('\u0000'))
        throw invalid('文件不是文字、网页、Word 或 PDF 文件，无法读取。');
      break;
  }
  const read = readReportText(text);
  return {
    format,
    report: read.report,
    printedTable2: read.printedTable2,
    findings: auditRead(read),
  };
}
