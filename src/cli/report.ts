/** `gongkai report build|check`: an agency's annual report, computed from its records. */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { checkAnnualReport } from '../app/check-annual-report.ts';
import { SYSTEM_CTX } from '../app/deps.ts';
import { formatChinaTime } from '../domain/china-time.ts';
import { explainAnnualReport, type ReportExplanation } from '../app/explain-annual-report.ts';
import { cellText } from '../reports/layout.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { figuresText } from '../domain/report/rules.ts';
import { openRuntime } from '../main.ts';
import { renderHtml } from '../reports/html.ts';
import { toJson } from '../reports/json.ts';
import { renderText } from '../reports/txt.ts';
import { renderDocx } from '../reports/docx.ts';
import { renderXlsx } from '../reports/xlsx.ts';
import { parse } from './args.ts';
import { EXIT_REFUSED, UsageError } from './io.ts';
import { resolveAgency } from './resolve-agency.ts';

const USAGE = [
  '用法：gongkai report build --agency <统一社会信用代码或全称> --year <年度> --format txt|html|json|docx|xlsx [-o 文件] [--explain]',
  '      --explain：列出每个非零单元格的计算规则及其依据的案号、文号（有 -o 时写入“文件.explain.txt”，否则接在报告后输出）',
  '      gongkai report check --agency <统一社会信用代码或全称> --year <年度> [--json]',
].join('\n');

const RENDERERS: Record<string, (r: AnnualReport) => string | Promise<Buffer>> = {
  txt: renderText,
  html: (r) => renderHtml(r).value,
  json: (r) => `${JSON.stringify(toJson(r), null, 2)}\n`,
  docx: renderDocx,
  xlsx: renderXlsx,
};
const BINARY = new Set(['docx', 'xlsx']);

function yearArg(raw: string | undefined): number {
  if (!raw || !/^20[0-9]{2}$/.test(raw))
    throw new UsageError(`--year 应为四位年份，如 2020。\n${USAGE}`);
  return Number(raw);
}

export async function reportCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return checkCommand(rest);
  if (sub !== 'build') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    agency: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string' },
    o: { type: 'string', short: 'o' },
    explain: { type: 'boolean' },
  });
  const render = RENDERERS[values.format ?? 'txt'];
  if (!render) throw new UsageError(`--format 只能是 txt、html、json、docx 或 xlsx。\n${USAGE}`);
  if (BINARY.has(values.format ?? '') && !values.o) {
    throw new UsageError(`${values.format} 是二进制文件，请用 -o 指定输出文件。\n${USAGE}`);
  }
  if (!values.agency) throw new UsageError(`请用 --agency 指明机关。\n${USAGE}`);
  const year = yearArg(values.year);
  const rt = await openRuntime(undefined, { mustExist: true });
  try {
    const agency = await resolveAgency(rt.deps.store.db, values.agency);
    const explanation = await explainAnnualReport(rt.deps, SYSTEM_CTX, agency.id, year);
    const out = await render(explanation.report);
    if (values.o) {
      writeFileSync(values.o, out);
      console.error(`已生成 ${values.o}`);
    } else {
      process.stdout.write(out);
    }
    if (values.explain) {
      const file = values.o ? `${values.o}.explain.txt` : null;
      const fd = file ? openSync(file, 'w') : 1;
      try {
        if (!file) writeSync(fd, '\n');
        await writeExplanation(explanation, (text) => writeSync(fd, text));
      } finally {
        if (file) closeSync(fd);
      }
      if (file) console.error(`已生成 ${file}`);
    }
    return 0;
  } finally {
    await rt.close();
  }
}

/**
 * One line per non-zero cell: `表三 三（一）予以公开 · 自然人 = 12：rule。案号：A-001、A-002`.
 * Numbers are written batch by batch as they are read, so a large cell is never held whole.
 */
async function writeExplanation(e: ReportExplanation, write: (text: string) => void) {
  write(`${e.report.agency.name}${e.report.year}年度报告：各单元格的计算依据\n\n`);
  let n = 0;
  for await (const cell of e.cells) {
    n++;
    write(`${cell.label} = ${cellText(cell.value)}：${cell.description}`);
    if (cell.figure) {
      const f = cell.figure;
      write(`来源：${f.source}（${f.entered_by} 录入于 ${formatChinaTime(f.entered_at)}）`);
    }
    if (cell.numbers) {
      write(cell.provenance.records === 'documents' ? '文号：' : '案号：');
      let first = true;
      for await (const batch of cell.numbers) {
        write(`${first ? '' : '、'}${batch.join('、')}`);
        first = false;
      }
    }
    write('\n');
  }
  write(n ? `\n共 ${n} 个非零单元格。\n` : '报告中没有非零的单元格。\n');
}

const SEVERITY = { error: '错误', warning: '提示' } as const;

/** Exit 1 when an error-severity finding exists (the report must not be submitted as it is). */
async function checkCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    agency: { type: 'string' },
    year: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.agency) throw new UsageError(`请用 --agency 指明机关。\n${USAGE}`);
  const year = yearArg(values.year);
  const rt = await openRuntime(undefined, { mustExist: true });
  try {
    const agency = await resolveAgency(rt.deps.store.db, values.agency);
    const { findings } = await checkAnnualReport(rt.deps, SYSTEM_CTX, agency.id, year);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ agency: agency.name, year, findings }, null, 2)}\n`);
    } else {
      for (const f of findings) {
        console.log(
          `[${SEVERITY[f.severity]}] ${f.rule} ${f.where}：${f.message}${figuresText(f)}`,
        );
      }
      console.log(
        findings.length
          ? `${agency.name}${year}年度报告：${errors} 个错误，${findings.length - errors} 个提示。`
          : `${agency.name}${year}年度报告：通过全部校验规则。`,
      );
    }
    return errors ? EXIT_REFUSED : 0;
  } finally {
    await rt.close();
  }
}
