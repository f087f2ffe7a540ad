/**
 * `gongkai audit <files or folders…>`: reads published annual reports (PDF, DOCX, HTML, text)
 * and lists their defects with the engine's rule ids. Exit 0: no error-severity finding; 1: some;
 * 2: an unreadable file or a usage error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { auditPublishedReport, type PublishedAudit } from '../app/audit-published-report.ts';
import { DomainError } from '../domain/errors.ts';
import { toJson } from '../reports/json.ts';
import { parse } from './args.ts';
import { EXIT_REFUSED, EXIT_USAGE, UsageError } from './io.ts';

export const REPORT_AUDIT_USAGE =
  '用法：gongkai audit <文件或文件夹…> [--format text|json|csv]（读取 .txt .html .htm .docx .pdf）';

const EXTENSIONS = new Set(['.txt', '.html', '.htm', '.docx', '.pdf']);
/** Larger files are refused before reading (a report is at most a few MB). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

function expand(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`找不到文件或文件夹：${p}`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const child = join(p, name);
        if (statSync(child).isDirectory() || EXTENSIONS.has(extname(name).toLowerCase()))
          walk(child);
      }
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

interface FileResult {
  file: string;
  audit?: PublishedAudit;
  /** why the file could not be read at all */
  unreadable?: string;
}

async function auditFile(file: string): Promise<FileResult> {
  try {
    if (statSync(file).size > MAX_FILE_BYTES)
      return {
        file,
        unreadable: `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，不是年度报告，不予读取。`,
      };
    return { file, audit: await auditPublishedReport(new Uint8Array(readFileSync(file))) };
  } catch (err) {
    if (err instanceof DomainError) return { file, unreadable: err.message };
    return { file, unreadable: `无法读取：${(err as Error)?.message ?? String(err)}` };
  }
}

const SEVERITY = { error: '错误', warning: '提示' } as const;
const errorsOf = (r: FileResult) =>
  r.audit?.findings.filter((f) => f.severity === 'error').length ?? 0;

/** The figures read, under the sidecars' keys (null = a blank cell), and the findings. */
function jsonOf(r: FileResult) {
  if (!r.audit) return { file: r.file, unreadable: r.unreadable };
  const { report, printedTable2, findings, format } = r.audit;
  const j = report ? toJson(report) : null;
  return {
    file: r.file,
    format,
    year: report?.year ?? null,
    template: report?.format ?? null,
    agency: report?.agency.name ?? null,
    table2: report ? printedTable2 : null,
    table3: j ? { columns: j.table3.columns, rows: j.table3.rows } : null,
    table4: j ? { values: j.table4.values, groups: j.table4.groups } : null,
    findings,
  };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function reportAuditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' } }, true);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'csv'].includes(format))
    throw new UsageError(`--format 只能是 text、json 或 csv。\n${REPORT_AUDIT_USAGE}`);
  if (!positionals.length) throw new UsageError(REPORT_AUDIT_USAGE);
  const files = expand(positionals);
  if (!files.length) throw new UsageError(`没有可读取的报告文件。\n${REPORT_AUDIT_USAGE}`);
  const progress = files.length > 1 && process.stderr.isTTY;
  const results: FileResult[] = [];
  for (const [i, file] of files.entries()) {
    if (progress)
      process.stderr.write(`\r检查中 ${i + 1}/${files.length} ${file.slice(-40)}\u001b[K`);
    results.push(await auditFile(file));
  }
  if (progress) process.stderr.write('\r\u001b[K');

  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(results.map(jsonOf), null, 2)}\n`);
  } else if (format === 'csv') {
    const lines = [['文件', '规则', '级别', '位置', '填报值', '应为', '说明'].join(',')];
    for (const r of results) {
      if (r.unreadable)
        lines.push([r.file, 'UNREADABLE', '错误', '', '', '', r.unreadable].map(csvCell).join(','));
      for (const f of r.audit?.findings ?? [])
        lines.push(
          [r.file, f.rule, SEVERITY[f.severity], f.where, f.stated, f.computed, f.message]
            .map(csvCell)
            .join(','),
        );
    }
    process.stdout.write(`\uFEFF${lines.join('\r\n')}\r\n`);
  } else {
    for (const r of results) {
      if (r.unreadable) {
        console.log(`${r.file}：无法读取。${r.unreadable}`);
        continue;
      }
      const a = r.audit!;
      const head = a.report
        ? `${a.report.agency.name || '（未识别机关）'}${a.report.year}年度报告，${a.report.format}年格式，${a.format.toUpperCase()}`
        : a.format.toUpperCase();
      const warnings = a.findings.length - errorsOf(r);
      console.log(`${r.file}（${head}）：${errorsOf(r)} 个错误，${warnings} 个提示。`);
      for (const f of a.findings) {
        const numbers =
          f.stated !== undefined
            ? `（填报 ${String(f.stated)}，应为 ${String(f.computed ?? '')}）`
            : '';
        console.log(`  [${SEVERITY[f.severity]}] ${f.rule} ${f.where}：${f.message}${numbers}`);
      }
    }
    const unreadable = results.filter((r) => r.unreadable).length;
    const withErrors = results.filter((r) => errorsOf(r) > 0).length;
    console.log(
      `共 ${results.length} 个文件：${withErrors} 个有错误，${results.length - withErrors - unreadable} 个无错误，${unreadable} 个无法读取。`,
    );
  }
  if (results.some((r) => r.unreadable)) return EXIT_USAGE;
  return results.some((r) => errorsOf(r) > 0) ? EXIT_REFUSED : 0;
}
