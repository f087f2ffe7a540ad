/**
 * `gongkai audit <files or folders…>`: reads published annual reports (PDF, DOCX, HTML, text)
 * and lists their defects with the engine's rule ids, the checks across the reports of the batch
 * included (the same agency's year before, two reports of one year). Exit 0: no error-severity
 * finding; 1: some; 2: a file that cannot be read as a report, or a usage error.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  auditPublishedBatch,
  type BatchFinding,
  type BatchInput,
  type BatchResult,
} from '../app/audit-published-batch.ts';
import { invalid } from '../domain/errors.ts';
import { whereText } from '../domain/report/findings.ts';
import { figuresText } from '../domain/report/rules.ts';
import { toJson } from '../reports/json.ts';
import { withBlanks } from '../reports/layout.ts';
import { parse } from './args.ts';
import { EXIT_REFUSED, EXIT_USAGE, UsageError } from './io.ts';

export const REPORT_AUDIT_USAGE =
  '用法：gongkai audit <文件或文件夹…> [--format text|json|csv]（读取 .txt .md .html .htm .mhtml .mht .docx .doc .wps .rtf .pdf .ofd）';

/** a text file may be Markdown (.md): converted from a page or a PDF */
const EXTENSIONS = new Set([
  '.txt',
  '.md',
  '.html',
  '.htm',
  '.mhtml',
  '.mht',
  '.docx',
  '.doc',
  '.wps',
  '.rtf',
  '.pdf',
  '.ofd',
]);
/** Larger files are refused before reading (a report is at most a few MB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

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

/** A file of the batch, read only when its turn comes and only below the size limit. */
const fileInput = (file: string): BatchInput => ({
  name: file,
  read: async () => {
    const { size } = await stat(file);
    if (size > MAX_FILE_BYTES)
      throw invalid(
        `文件大于 ${MAX_FILE_BYTES / 1024 / 1024} MB（${size} 字节），年度报告不过数 MB，不予读取。`,
      );
    return readFile(file);
  },
});

/** The bar on a terminal: `检查中 [█████░░░░░] 12/40 30% name`. */
function progressBar(stream: NodeJS.WriteStream) {
  const width = 24;
  return (done: number, total: number, name: string) => {
    const filled = Math.round((width * done) / total);
    const pct = Math.floor((100 * done) / total);
    const shown = name.length > 40 ? `…${name.slice(-39)}` : name;
    stream.write(
      `\r检查中 [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${pct}% ${shown}\u001b[K`,
    );
  };
}

const SEVERITY = { error: '错误', warning: '提示' } as const;
const findingsOf = (r: BatchResult): BatchFinding[] =>
  r.unreadable ? [] : (r.audit?.findings ?? []);
const errorsOf = (r: BatchResult) => findingsOf(r).filter((f) => f.severity === 'error').length;

/** The figures read, under the sidecars' keys (null = a blank cell), and the findings. */
function jsonOf(r: BatchResult) {
  if (r.unreadable || !r.audit)
    return {
      file: r.name,
      unreadable: r.unreadable,
      ...(r.audit ? { format: r.audit.format, findings: r.audit.findings } : {}),
    };
  const { report, printedTable2, findings, format } = r.audit;
  // a row, group or table not found is given as blanks; its READ-MISSING-ROW/TABLE-SHAPE finding says so
  const j = report ? toJson(withBlanks(report)) : null;
  return {
    file: r.name,
    format,
    year: report?.year ?? null,
    template: report?.format ?? null,
    agency: report?.agency.name ?? null,
    table2: report ? withBlanks({ ...report, table2: printedTable2 }).table2 : null,
    table3: j ? { columns: j.table3.columns, rows: j.table3.rows } : null,
    table4: j ? { values: j.table4.values, groups: j.table4.groups } : null,
    // the report's fee table (信息处理费收取情况), when it prints one, under its columns' names
    ...(report?.fees ? { fees: report.fees } : {}),
    findings,
  };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function csvOf(results: readonly BatchResult[]): string {
  const lines = [['文件', '规则', '级别', '位置', '填报值', '应为', '说明'].join(',')];
  for (const r of results) {
    if (r.unreadable)
      lines.push([r.name, 'UNREADABLE', '错误', '', '', '', r.unreadable].map(csvCell).join(','));
    for (const f of findingsOf(r))
      lines.push(
        [r.name, f.rule, SEVERITY[f.severity], f.where, f.stated, f.computed, f.message]
          .map(csvCell)
          .join(','),
      );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Columns a string takes on a terminal: CJK and full-width characters take two. */
const displayWidth = (s: string) =>
  [...s].reduce((n, ch) => {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    return n + (wide ? 2 : 1);
  }, 0);

/** One line per file: agency, year, format, errors, warnings. */
function summaryTable(results: readonly BatchResult[]): string[] {
  const rows = results.map((r) => {
    const a = r.audit;
    if (r.unreadable) return [r.name, '（无法读取）', '', a?.format.toUpperCase() ?? '', '', ''];
    const errors = errorsOf(r);
    return [
      r.name,
      a?.report?.agency.name || '（未识别机关）',
      String(a?.report?.year ?? ''),
      a?.format.toUpperCase() ?? '',
      String(errors),
      String(findingsOf(r).length - errors),
    ];
  });
  const all = [['文件', '机关', '年度', '格式', '错误', '提示'], ...rows];
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => displayWidth(row[c] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - displayWidth(cell));
        return c >= 4 ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

function textOf(results: readonly BatchResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (r.unreadable) {
      out.push(`${r.name}：无法读取。${r.unreadable}`);
      continue;
    }
    const a = r.audit!;
    const head = a.report
      ? `${a.report.agency.name || '（未识别机关）'}${a.report.year}年度报告，${a.report.format}年格式，${a.format.toUpperCase()}`
      : a.format.toUpperCase();
    const errors = errorsOf(r);
    out.push(`${r.name}（${head}）：${errors} 个错误，${a.findings.length - errors} 个提示。`);
    for (const f of a.findings) {
      const against = f.against ? `（对照 ${f.against}）` : '';
      out.push(
        `  [${SEVERITY[f.severity]}] ${f.rule} ${whereText(f.where)}：${f.message}${figuresText(f)}${against}`,
      );
    }
  }
  const unreadable = results.filter((r) => r.unreadable).length;
  const withErrors = results.filter((r) => errorsOf(r) > 0).length;
  if (results.length > 1) out.push('', ...summaryTable(results), '');
  out.push(
    `共 ${results.length} 个文件：${withErrors} 个有错误，${results.length - withErrors - unreadable} 个无错误，${unreadable} 个无法读取。`,
  );
  return out;
}

export async function reportAuditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' } }, true);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'csv'].includes(format))
    throw new UsageError(`--format 只能是 text、json 或 csv。\n${REPORT_AUDIT_USAGE}`);
  if (!positionals.length) throw new UsageError(REPORT_AUDIT_USAGE);
  const files = expand(positionals);
  if (!files.length) throw new UsageError(`没有可读取的报告文件。\n${REPORT_AUDIT_USAGE}`);
  // the bar only on a terminal: piped output (JSON, CSV, logs) stays clean
  const bar = files.length > 1 && process.stderr.isTTY ? progressBar(process.stderr) : undefined;
  bar?.(0, files.length, '');
  const results = await auditPublishedBatch(files.map(fileInput), { onProgress: bar });
  if (bar) process.stderr.write('\r\u001b[K');

  if (format === 'json') process.stdout.write(`${JSON.stringify(results.map(jsonOf), null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(csvOf(results));
  else process.stdout.write(`${textOf(results).join('\n')}\n`);
  // for the bad-input tests: the peak resident memory of the whole process (all threads)
  if (process.env.GONGKAI_PRINT_MAXRSS === '1')
    process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS} KiB\n`);
  if (results.some((r) => r.unreadable)) return EXIT_USAGE;
  return results.some((r) => errorsOf(r) > 0) ? EXIT_REFUSED : 0;
}
