/**
 * The audit of one published report as a page fragment: what was read (agency, year, format),
 * every finding numbered and explained (rule, its name, stated vs computed, the possible splits
 * of an ambiguous cell), and the report's tables as read, each offending cell highlighted and
 * linked to its findings. Used by the public 年报检查 page and the admin batch check.
 */
import { FEE_TABLE, TABLE3_COLUMNS } from '../../domain/report/formats.ts';
import { whereText, type Finding } from '../../domain/report/findings.ts';
import type { ReportCell } from '../../domain/report/provenance.ts';
import { FIGURES } from '../../domain/report/rule-helpers.ts';
import { figuresOf, ruleById } from '../../domain/report/rules.ts';
import { BATCH_RULES, type BatchFinding } from '../../app/audit-published-batch.ts';
import type { PublishedAudit } from '../../app/audit-published-report.ts';
import { READ_RULES } from '../../readers/read-report.ts';
import { renderHtml } from '../../reports/html.ts';
import { cellText, withBlanks, type ValueCell } from '../../reports/layout.ts';
import { csrfField } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';

const SEVERITY = { error: '错误', warning: '提示' } as const;
const FILE_KINDS = {
  pdf: 'PDF',
  ofd: 'OFD 版式文件',
  docx: 'Word（DOCX）',
  doc: 'Word 97–2003（DOC）',
  rtf: 'RTF',
  html: '网页（HTML）',
  mhtml: '单个文件网页（MHTML）',
  txt: '文本',
} as const;

const READ_TITLES = new Map<string, string>(
  [...Object.values(READ_RULES), ...Object.values(BATCH_RULES)].map((r) => [r.id, r.title]),
);
/** The rule's name in Chinese, for the engine's rules and the reading rules alike. */
export const ruleTitle = (id: string): string => ruleById(id)?.title ?? READ_TITLES.get(id) ?? '';

/** Findings about blanks mark only the blank cells of the rows they name. */
const ABOUT_BLANKS = new Set([
  'BLANK-CELL',
  'READ-AMBIGUOUS',
  'READ-UNREADABLE',
  'READ-MISSING-ROW',
]);

/** The cell's row and column in the words findings use. */
function address(cell: ReportCell): { table: string; rows: string[]; column: string } {
  switch (cell.table) {
    case 'table2':
      return {
        table: 'table2',
        rows: [cell.row, `${cell.caption} ${cell.row}`],
        column: cell.column,
      };
    case 'table3':
      return { table: 'table3', rows: [cell.row], column: TABLE3_COLUMNS[cell.column] ?? '' };
    case 'table4':
      return { table: 'table4', rows: [cell.group], column: cell.column };
    case 'fees':
      return { table: 'fees', rows: [FEE_TABLE.heading], column: cell.column };
  }
}

interface Mark {
  /** 1-based numbers of the findings about the cell */
  numbers: number[];
  severity: Finding['severity'];
  /** what the cell is compared with, when a finding is about exactly this cell: 应为 12 */
  note?: string;
}

/** Which findings concern a value cell; null when none does. */
function markOf(v: ValueCell, findings: readonly Finding[]): Mark | null {
  const a = address(v.cell);
  let mark: Mark | null = null;
  findings.forEach((f, i) => {
    const c = f.cell;
    if (!c || c.table !== a.table) return;
    const rows = c.row ? [c.row] : (f.rows ?? []);
    if (!rows.some((r) => a.rows.includes(r))) return;
    if (c.column && c.column !== a.column) return;
    if (!c.column && ABOUT_BLANKS.has(f.rule) && v.value !== null) return;
    mark ??= { numbers: [], severity: 'warning' };
    mark.numbers.push(i + 1);
    if (f.severity === 'error') mark.severity = 'error';
    if (!c.column || f.computed === undefined || f.computed === null) return;
    // the cell holds what is stated, unless the rule names its figures (then it holds the
    // computed one, and is marked with the stated: TEXT-NUM's 正文 749 on the table's 713)
    const words = figuresOf(f.rule);
    mark.note =
      words === FIGURES
        ? `${words.computed} ${String(f.computed)}`
        : `${words.stated} ${String(f.stated ?? '（空）')}`;
  });
  return mark;
}

const anchor = (prefix: string, n: number) => `${prefix}f-${n}`;

function valueCell(prefix: string, findings: readonly Finding[]) {
  return (v: ValueCell): SafeHtml => {
    const mark = markOf(v, findings);
    if (!mark) return html`<td class="num">${cellText(v.value)}</td>`;
    const shown = v.value === null ? '（空）' : cellText(v.value);
    const label = `第 ${mark.numbers.join('、')} 条${SEVERITY[mark.severity]}`;
    // prettier-ignore
    return html`<td class="num flag flag-${mark.severity}"><a href="#${anchor(prefix, mark.numbers[0] ?? 1)}" aria-label="${shown}，${label}">${shown}</a>${
      mark.note !== undefined ? html`<span class="flag-note">${mark.note}</span>` : ''}</td>`;
  };
}

function findingItem(f: BatchFinding, n: number, prefix: string): SafeHtml {
  const title = ruleTitle(f.rule);
  const words = figuresOf(f.rule);
  const figures =
    f.stated !== undefined
      ? html`<p class="figures">
          ${words.stated}：<strong>${String(f.stated ?? '（空）')}</strong>${
            f.computed !== undefined || words === FIGURES
              ? html`，${words.computed}：<strong>${String(f.computed ?? '（无法计算）')}</strong>`
              : ''
          }
        </p>`
      : '';
  // a digit run's splits, or where a row's values sit among its empty cells ('' = an empty cell)
  const placements = 'placements' in f && f.placements === true;
  const options = f.options?.length
    ? html`<details>
        <summary>全部 ${f.options.length} 种可能的${placements ? '位置' : '拆分'}</summary>
        <ul class="splits${placements ? ' placements' : ''}">
          ${f.options.map((o) => html`<li><code>${o.map((t) => t || '空').join(' | ')}</code></li>`)}
        </ul>
      </details>`
    : '';
  const confidence =
    f.confidence !== undefined ? html`<p>匹配置信度：${Math.round(f.confidence * 100)}%</p>` : '';
  return html`<li id="${anchor(prefix, n)}" class="sev-${f.severity}">
    <strong>${SEVERITY[f.severity]}</strong> <code>${f.rule}</code>${title ? html` ${title}` : ''}
    <span class="meta">${whereText(f.where)}</span>
    <p>${f.message}</p>
    ${figures}${options}${confidence}${f.against ? html`<p>对照文件：${f.against}</p>` : ''}
  </li>`;
}

/** Counts for a summary line. */
export function findingCounts(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/**
 * One report's audit. `prefix` keeps the finding anchors unique when several reports share a
 * page (the batch check).
 */
export function publishedAuditView(name: string, audit: PublishedAudit, prefix = ''): SafeHtml {
  const { report } = audit;
  // errors first (stable within a severity): the page leads with what must be corrected
  const findings = [...audit.findings].sort(
    (a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'),
  );
  const { errors, warnings } = findingCounts(findings);
  const verdict = errors
    ? html`<p class="verdict verdict-error" role="status">
        发现 <strong>${errors}</strong> 个错误、${warnings} 个提示。
      </p>`
    : html`<p class="verdict verdict-ok" role="status">
        未发现错误${warnings ? `，有 ${warnings} 个提示需人工核对` : ''}。
      </p>`;
  const facts = html`<dl class="facts">
    <dt>文件</dt>
    <dd>${name}（${FILE_KINDS[audit.format]}）</dd>
    <dt>机关</dt>
    <dd>${report ? report.agency.name || '（未识别）' : '—'}</dd>
    <dt>年度</dt>
    <dd>${report ? `${report.year}年` : '—'}</dd>
    <dt>表格格式</dt>
    <dd>${report ? `${report.format}年版格式` : '—'}</dd>
    ${
      report?.publication?.publishedOn
        ? html`<dt>发布日期</dt>
            <dd>
              ${report.publication.publishedOn}（网页标注；发布期限 ${report.publication.deadline}）
            </dd>`
        : ''
    }
  </dl>`;
  const list = findings.length
    ? html`<h3>问题清单（${findings.length} 条）</h3>
        <ol class="audit-findings">
          ${findings.map((f, i) => findingItem(f, i + 1, prefix))}
        </ol>`
    : html`<p>通过全部校验规则。</p>`;
  // a table published as a picture: said in its place, not drawn as a grid of blanks
  const instead = Object.fromEntries(
    findings
      .filter((f) => f.rule === READ_RULES.tableImage.id && f.cell)
      .map((f) => [f.cell?.table, html`<p class="table-picture">${f.message}（见问题清单）</p>`]),
  );
  const tables = report
    ? html`<h3>读取的报告</h3>
        <p class="legend">
          <span class="flag flag-error">红框</span>为错误，<span class="flag flag-warning"
            >橙框</span
          >为提示；点击单元格查看对应问题。“（空）”表示报告中该格未填写或未能读出（缺少的行见问题清单）。
        </p>
        <div class="audited-report">
          ${renderHtml(withBlanks(report), { valueCell: valueCell(prefix, findings), instead })}
        </div>`
    : '';
  return html`${verdict}${facts}${list}${tables}`;
}

/** The accepted files, for the file pickers. */
export const REPORT_FILE_TYPES = '.pdf,.ofd,.docx,.doc,.wps,.rtf,.html,.htm,.mhtml,.mht,.txt,.md';

export const checkIntro = (): SafeHtml =>
  html`<p>
    上传一份已经发布的政府信息公开工作年度报告（网页、Word（.docx、.doc 或 .rtf）、PDF、OFD
    或文本文件），系统读取报告中的表格，按《中华人民共和国政府信息公开条例》和国务院办公厅规定的年度报告格式逐项核对：表格是否填全、合计是否相等、格式是否与年度相符、正文数字是否与表格一致。
  </p>`;

export interface UploadFormOptions {
  action: string;
  token: string;
  /** the file field's name; several files when `multiple` */
  field: string;
  label: string;
  hint: string;
  multiple?: boolean;
  /** the submit buttons: [text, value of `output`]; one button needs no value */
  buttons: readonly (readonly [string, string?])[];
  /** an error to show above the form */
  message?: string;
}

/** The upload form of the 年报检查 pages (multipart; the file input labelled and described). */
export function uploadForm(o: UploadFormOptions): SafeHtml {
  const id = `f-${o.field}`;
  return html`${o.message ? html`<div class="alert" role="alert"><strong>${o.message}</strong></div>` : ''}
    <form class="stack" method="post" action="${o.action}" enctype="multipart/form-data" novalidate>
      ${csrfField(o.token)}
      <div class="field">
        <label for="${id}">${o.label}</label>
        <p class="hint" id="${id}-hint">${o.hint}</p>
        <input
          id="${id}"
          name="${o.field}"
          type="file"
          ${o.multiple ? html`multiple` : ''}
          accept="${REPORT_FILE_TYPES}"
          aria-describedby="${id}-hint"
          required
        />
      </div>
      <div class="actions">
        ${o.buttons.map(([text, value], i) =>
          value
            ? html`<button
                type="submit"
                name="output"
                value="${value}"
                ${i ? html`class="secondary"` : ''}
              >
                ${text}
              </button> `
            : html`<button type="submit">${text}</button>`,
        )}
      </div>
    </form>
    <p class="meta">上传的文件只用于本次检查，不会保存。</p>`;
}
