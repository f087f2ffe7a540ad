/**
 * Reads an import file into rows of text cells: CSV in whatever encoding an office's
 * spreadsheet wrote it (UTF-8 with or without BOM, UTF-16, or GBK/GB18030 as Excel saves “CSV”
 * on Chinese Windows), or the first worksheet of an XLSX workbook (formulas by their result,
 * real Excel dates as `YYYY-MM-DD`). Anything else is refused with a message saying what to send.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { invalid } from '../domain/errors.ts';
import type { TableRow } from '../domain/records/import-table.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 200_000;

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReadTable {
  format: 'csv' | 'xlsx';
  /** for CSV: the encoding the text was read in */
  encoding?: string;
  rows: TableRow[];
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** The text of a CSV file and the encoding it was read in. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const boms: [readonly number[], string][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [sig, encoding] of boms)
    if (startsWith(bytes, sig))
      return { text: new TextDecoder(encoding, { fatal: false }).decode(bytes), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: Excel on Chinese Windows writes “CSV” in the ANSI code page (GBK), which
    // GB18030 contains
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw invalid(
      '无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入。',
    );
  }
}

export function readCsv(bytes: Uint8Array): ReadTable {
  const { text, encoding } = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      to: MAX_ROWS + 1,
    }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw invalid(
      `CSV 文件格式有误${e.lines ? `（约在文本第${e.lines}行）` : ''}：引号不成对或字段中的引号未写成两个双引号。请用 Excel 打开后重新“另存为”CSV 或 .xlsx。`,
    );
  }
  return { format: 'csv', encoding, rows: records.map((cells, i) => ({ line: i + 1, cells })) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The text a person sees in a cell (formulas by their cached result). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date)
    return Number.isNaN(v.getTime())
      ? ''
      : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v)
    return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('error' in v) return String(v.error);
  if ('text' in v) return String(v.text);
  return '';
}

export async function readXlsx(bytes: Uint8Array): Promise<ReadTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw invalid(
      '无法读取该 XLSX 文件（文件已损坏或不是 Excel 工作簿）。请在 Excel 中打开并重新保存后再导入。',
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid('该 XLSX 文件没有工作表。');
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (rows.length > MAX_ROWS) return;
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
    rows.push({ line, cells });
  });
  return { format: 'xlsx', rows };
}

/** Reads an import file by its type; refuses what is too large or of another type. */
export async function readRecordsFile(file: ImportFile): Promise<ReadTable> {
  const { bytes } = file;
  if (bytes.length > MAX_IMPORT_BYTES)
    throw invalid(
      `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），每次最多导入 20 MB。请把记录拆成几个文件分别导入。`,
    );
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls' || startsWith(bytes, OLE))
    throw invalid(
      '不支持 Excel 97-2003（.xls）格式。请在 Excel 中“另存为”.xlsx 或“CSV UTF-8（逗号分隔）”后再导入。',
    );
  let table: ReadTable;
  if (ext === 'xlsx' || (ext !== 'csv' && startsWith(bytes, ZIP))) table = await readXlsx(bytes);
  else if (ext === 'csv' || ext === 'txt') table = readCsv(bytes);
  else throw invalid(`不支持的文件类型“${file.name}”：只能导入 .csv 或 .xlsx 文件。`);
  if (table.rows.length > MAX_ROWS)
    throw invalid(`记录过多：每次最多导入 ${MAX_ROWS} 行，请拆成几个文件分别导入。`);
  return table;
}
