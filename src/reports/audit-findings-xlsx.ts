/**
 * The findings of a batch of audited published reports as an XLSX workbook for a supervising
 * office: sheet 汇总 (one row per file: agency, year, format, errors, warnings, or why it could not
 * be read) and sheet 问题清单 (one row per finding: rule, its name, severity, where, stated,
 * computed, explanation). Header rows are bold and frozen, with filters.
 */
import ExcelJS from 'exceljs';
import type { BatchResult } from '../app/audit-published-batch.ts';

export type AuditedFile = Pick<BatchResult, 'name' | 'audit' | 'unreadable'>;

const SEVERITY = { error: '错误', warning: '提示' } as const;
const FILE_KINDS = {
  pdf: 'PDF',
  ofd: 'OFD',
  docx: 'DOCX',
  doc: 'DOC',
  rtf: 'RTF',
  html: 'HTML',
  mhtml: 'MHTML',
  txt: '文本',
} as const;

function sheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: readonly [string, number][],
  rows: readonly (string | number | null)[][],
) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const col of ws.columns) col.alignment = { vertical: 'top', wrapText: true };
}

export async function renderAuditXlsx(
  files: readonly AuditedFile[],
  ruleTitle: (id: string) => string,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'gongkai';
  const summary = files.map((f) => {
    const a = f.unreadable ? undefined : f.audit;
    const errors = a?.findings.filter((x) => x.severity === 'error').length ?? null;
    return [
      f.name,
      a?.report?.agency.name || null,
      a?.report?.year ?? null,
      a?.report ? `${a.report.format}年版` : null,
      a ? FILE_KINDS[a.format] : null,
      errors,
      a ? a.findings.length - (errors ?? 0) : null,
      f.unreadable ? `无法读取：${f.unreadable}` : errors ? '有错误' : '未发现错误',
    ];
  });
  sheet(
    book,
    '汇总',
    [
      ['文件', 36],
      ['机关', 30],
      ['年度', 8],
      ['表格格式', 10],
      ['文件类型', 10],
      ['错误', 8],
      ['提示', 8],
      ['结论', 40],
    ],
    summary,
  );
  const findings = files.flatMap((f) =>
    (f.audit?.findings ?? []).map((x) => [
      f.name,
      x.rule,
      ruleTitle(x.rule),
      SEVERITY[x.severity],
      x.where,
      x.stated === undefined || x.stated === null ? null : String(x.stated),
      x.computed === undefined || x.computed === null ? null : String(x.computed),
      x.message,
    ]),
  );
  sheet(
    book,
    '问题清单',
    [
      ['文件', 30],
      ['规则', 16],
      ['规则名称', 24],
      ['级别', 6],
      ['位置', 30],
      ['填报值', 10],
      ['应为', 10],
      ['说明', 80],
    ],
    findings,
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
