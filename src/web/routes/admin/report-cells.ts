/**
 * The drill-down of a computed report cell: the rule the cell counts by and the records behind
 * it, 100 a page (`/admin/reports/:id/cells?year=&table=&row=&col=[&caption=][&page=]`).
 * Cells are addressed by the model's keys: table 三 by row key and column index (0–6), table 四
 * by group key and column label, table 二 by caption, row and column label.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../../app/deps.ts';
import { explainReportCell, type CellExplanation } from '../../../app/explain-report-cell.ts';
import { formatChinaTime } from '../../../domain/china-time.ts';
import { notFound } from '../../../domain/errors.ts';
import {
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  type Table4Column,
} from '../../../domain/report/formats.ts';
import type { Table2Value } from '../../../domain/report/model.ts';
import {
  reviewResultLabel,
  yearEndResult,
  type RecordCell,
  type ReportCell,
} from '../../../domain/report/provenance.ts';
import { cellText } from '../../../reports/layout.ts';
import type { ProvenanceRecords, ReviewRecord } from '../../../store/report-provenance.ts';
import {
  APPLICATION_COLUMNS,
  DOCUMENT_COLUMNS,
  recordTable,
  REVIEW_COLUMNS,
} from '../../views/record-tables.ts';
import { html, type SafeHtml } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { idParam, sendPage } from './common.ts';
import { yearOf } from './reports.ts';

/** The URL of a cell's drill-down. */
export function cellUrl(agencyId: number, year: number, cell: RecordCell, page = 1): string {
  const q = new URLSearchParams({ year: String(year), table: cell.table });
  if (cell.table === 'table2') q.set('caption', cell.caption);
  q.set('row', cell.table === 'table4' ? cell.group : cell.row);
  q.set('col', String(cell.column));
  if (page > 1) q.set('page', String(page));
  return `/admin/reports/${agencyId}/cells?${q.toString()}`;
}

/** For `renderHtml`: every cell with a value links to its drill-down; a blank cell does not. */
export const cellHref =
  (agencyId: number, year: number) =>
  (cell: ReportCell, value: Table2Value): string | null =>
    // (a published report's fee table has no records behind it)
    value === null || cell.table === 'fees' ? null : cellUrl(agencyId, year, cell);

const BAD_CELL = '单元格参数不正确，请从年度报告中的数字进入明细。';

/** One query parameter as a string; a missing or repeated one is not a valid address. */
function param(req: FastifyRequest, name: string): string {
  const v = (req.query as Record<string, unknown>)[name];
  if (typeof v !== 'string' || v === '' || v.length > 100) throw notFound(BAD_CELL);
  return v;
}

function cellOf(req: FastifyRequest): RecordCell {
  const table = param(req, 'table');
  const row = param(req, 'row');
  const col = param(req, 'col');
  if (table === 'table2') return { table, caption: param(req, 'caption'), row, column: col };
  if (table === 'table3') {
    if (!/^[0-9]$/.test(col) || Number(col) >= TABLE3_COLUMNS.length) throw notFound(BAD_CELL);
    return { table, row, column: Number(col) };
  }
  if (table === 'table4') {
    const column = TABLE4_COLUMNS.find((c) => c === col);
    if (!column) throw notFound(BAD_CELL);
    return { table, group: row, column: column satisfies Table4Column };
  }
  throw notFound(BAD_CELL);
}

function pageOf(req: FastifyRequest): number {
  const raw = (req.query as Record<string, unknown>).page;
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,6}$/.test(raw))
    throw notFound('页码应为从 1 开始的整数。');
  return Number(raw);
}

function recordsTable(e: CellExplanation, records: ProvenanceRecords): SafeHtml {
  const range = `共 ${records.total} 条，第 ${e.page}/${e.pages} 页，每页 ${e.pageSize} 条`;
  switch (records.records) {
    case 'applications':
      return recordTable(`依据的政府信息公开申请（${range}）`, APPLICATION_COLUMNS, records.rows);
    case 'review_cases':
      return recordTable(
        `依据的行政复议、行政诉讼案件（${range}）`,
        [
          ...REVIEW_COLUMNS,
          {
            header: `${e.year}年12月31日的状态`,
            cell: (r: ReviewRecord) =>
              reviewResultLabel(
                yearEndResult(
                  {
                    kind: r.kind,
                    filedOn: r.filed_on,
                    result: r.result,
                    concludedOn: r.concluded_on,
                  },
                  e.year,
                ),
              ),
          },
        ],
        records.rows,
      );
    case 'documents':
      return recordTable(`依据的规章、行政规范性文件（${range}）`, DOCUMENT_COLUMNS, records.rows);
    case 'figure': {
      const f = records.rows[0];
      if (!f)
        return html`<div class="notice" role="status">
          尚未录入该项${e.year}年度统计数据，报告中此单元格为空。请在“编辑文字与统计数据”中录入并注明来源。
        </div>`;
      return html`<dl class="facts">
        <dt>录入的数值</dt>
        <dd>${f.value}</dd>
        <dt>数据来源</dt>
        <dd>${f.source}</dd>
        <dt>录入人</dt>
        <dd>${f.entered_by}</dd>
        <dt>录入时间（北京时间）</dt>
        <dd>${formatChinaTime(f.entered_at)}</dd>
      </dl>`;
    }
  }
}

function pager(e: CellExplanation): SafeHtml | '' {
  if (e.pages <= 1) return '';
  const link = (page: number, text: string) =>
    html`<a href="${cellUrl(e.agency.id, e.year, e.cell, page)}">${text}</a>`;
  return html`<nav class="actions" aria-label="分页">
    ${e.page > 1 ? link(1, '第一页') : ''} ${e.page > 1 ? link(e.page - 1, '上一页') : ''}
    <span>第 ${e.page} 页，共 ${e.pages} 页</span>
    ${e.page < e.pages ? link(e.page + 1, '下一页') : ''}
    ${e.page < e.pages ? link(e.pages, '最后一页') : ''}
  </nav>`;
}

export function reportCellRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/admin/reports/:id/cells', { preHandler: requireUser }, async (req, reply) => {
    const id = idParam(req);
    const year = yearOf(req, deps);
    const e = await explainReportCell(deps, ctxOf(req), id, year, cellOf(req), pageOf(req));
    const value = cellText(e.value);
    const counted = e.records.records !== 'figure';
    return sendPage(req, reply, {
      title: `${e.label}：${e.agency.name}${year}年度报告`,
      section: 'reports',
      body: html`<h1>${e.agency.name}${year}年度报告 · 单元格明细</h1>
        <p><a href="/admin/reports/${id}?year=${year}">返回${year}年度报告</a></p>
        <dl class="facts">
          <dt>单元格</dt>
          <dd>${e.label}</dd>
          <dt>报告中的数值</dt>
          <dd>${value === '' ? '（空）' : value}</dd>
          <dt>计算规则</dt>
          <dd>${e.description}</dd>
          ${
            counted
              ? html`<dt>符合规则的记录</dt>
                  <dd>${e.records.total} 条</dd>`
              : ''
          }
        </dl>
        ${counted && e.records.total !== Number(e.value ?? 0) ? html`<div class="alert" role="alert">记录数与报告中的数值不一致：数据可能在两次读取之间发生了变化，请刷新页面；仍不一致时请联系平台管理员。</div>` : ''}
        ${counted && e.records.total === 0 ? html`<p>没有符合该规则的记录，所以报告中此单元格为 0。</p>` : recordsTable(e, e.records)}
        ${pager(e)}`,
    });
  });
}
