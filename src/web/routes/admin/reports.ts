/**
 * 年度报告 in the admin area: the reports of the agencies the user reads, computed from their
 * records and checked against every rule; one report with its findings; and the roll-up of a
 * supervising office, with each report's workflow status (report-workflow.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildRollup } from '../../../app/build-rollup.ts';
import { checkAnnualReport } from '../../../app/check-annual-report.ts';
import type { Deps } from '../../../app/deps.ts';
import { listVisibleAgencies } from '../../../app/get-agency.ts';
import { notFound } from '../../../domain/errors.ts';
import { roleMayWriteRecords } from '../../../domain/roles.ts';
import type { Finding } from '../../../domain/report/findings.ts';
import { formatById } from '../../../domain/report/formats.ts';
import { figuresText } from '../../../domain/report/rules.ts';
import { buildAnnualReport } from '../../../app/build-annual-report.ts';
import { getReportState } from '../../../app/report-workflow.ts';
import {
  ACTION_LABELS,
  isLocking,
  REPORT_ACTIONS,
  STATUS_LABELS,
  type ReportStatus,
} from '../../../domain/report/workflow.ts';
import { formatChinaTime } from '../../../domain/china-time.ts';
import { latestVersionsOf } from '../../../store/annual-reports.ts';
import { workflowPanel } from './report-workflow.ts';
import type { AnnualReport } from '../../../domain/report/model.ts';
import { renderDocx } from '../../../reports/docx.ts';
import { renderHtml } from '../../../reports/html.ts';
import { cellHref } from './report-cells.ts';
import { toJson } from '../../../reports/json.ts';
import { renderText } from '../../../reports/txt.ts';
import { renderXlsx } from '../../../reports/xlsx.ts';
import { html, type SafeHtml } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { idParam, sendPage } from './common.ts';

const FIRST_YEAR = 2019;

/** The report year from `?year=`; by default the last complete year. */
export function yearOf(req: FastifyRequest, deps: Deps): number {
  const raw = (req.query as { year?: string }).year;
  const last = deps.now().getUTCFullYear() - 1;
  if (raw === undefined || raw === '') return last;
  if (!/^20[0-9]{2}$/.test(raw) || Number(raw) < FIRST_YEAR || Number(raw) > last + 1)
    throw notFound('没有该年度的报告。');
  return Number(raw);
}

const SEVERITY = { error: '错误', warning: '提示' } as const;

export function findingsList(findings: readonly Finding[]) {
  if (!findings.length) return html`<div class="notice" role="status">通过全部校验规则。</div>`;
  return html`<table>
    <caption>
      校验结果（${findings.length} 条）
    </caption>
    <thead>
      <tr>
        <th scope="col">级别</th>
        <th scope="col">规则</th>
        <th scope="col">位置</th>
        <th scope="col">说明</th>
        <th scope="col">填报值</th>
        <th scope="col">应为</th>
      </tr>
    </thead>
    <tbody>
      ${findings.map(
        (f) =>
          html`<tr>
            <td>${SEVERITY[f.severity]}</td>
            <td>${f.rule}</td>
            <td>${f.where}</td>
            <td>${f.message}</td>
            <td class="num">${f.stated ?? ''}</td>
            <td class="num">${f.computed ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The findings as a compact list, for the narrow panel beside the editing form. */
export function findingCards(findings: readonly Finding[]): SafeHtml {
  if (!findings.length) return html`<div class="notice" role="status">通过全部校验规则。</div>`;
  return html`<ul class="finding-cards">
    ${findings.map(
      (f) =>
        html`<li class="sev-${f.severity}">
          <strong>${SEVERITY[f.severity]}</strong> <code>${f.rule}</code>
          <span class="meta">${f.where}</span>
          <p>${f.message}${figuresText(f)}</p>
        </li>`,
    )}
  </ul>`;
}

function yearPicker(path: string, year: number, deps: Deps) {
  const last = deps.now().getUTCFullYear() - 1;
  const years = Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i);
  return html`<nav aria-label="选择年度">
    <p>
      年度：${years.map((y) =>
        y === year
          ? html`<strong aria-current="page">${y}</strong> `
          : html`<a href="${path}?year=${y}">${y}</a> `,
      )}
    </p>
  </nav>`;
}

export function reportRoutes(app: FastifyInstance, deps: Deps): void {
  const guard = { preHandler: requireUser };

  app.get('/admin/reports', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const year = yearOf(req, deps);
    const agencies = await listVisibleAgencies(deps, ctx);
    const versions = new Map(
      (
        await latestVersionsOf(
          deps.store.db,
          agencies.map((a) => a.id),
          year,
        )
      ).map((v) => [v.agency_id, v]),
    );
    const rows = [];
    for (const a of agencies) {
      const { findings } = await checkAnnualReport(deps, ctx, a.id, year);
      const v = versions.get(a.id);
      rows.push({
        a,
        status: (v?.status ?? 'draft') as ReportStatus,
        version: v?.version ?? 1,
        publishedAt: v?.published_at ?? null,
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
      });
    }
    const format = formatById(year <= 2020 ? '2019' : '2021');
    return sendPage(req, reply, {
      title: '年度报告',
      section: 'reports',
      body: html`<h1>${year}年度政府信息公开工作年度报告</h1>
        ${yearPicker('/admin/reports', year, deps)}
        <p>
          按${format.source}格式，由各机关的申请、复议诉讼、规范性文件和年度统计数据自动生成并校验。
        </p>
        ${agencies.length > 1 ? html`<p><a class="button secondary" href="/admin/reports/rollup?year=${year}">查看汇总（${agencies.length} 个机关）</a></p>` : ''}
        <table>
          <caption>
            各机关年度报告（${rows.length}）
          </caption>
          <thead>
            <tr>
              <th scope="col">机关</th>
              <th scope="col">状态</th>
              <th scope="col">发布时间</th>
              <th scope="col">错误</th>
              <th scope="col">提示</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.a.name}</th>
                  <td>${STATUS_LABELS[r.status]}${r.version > 1 ? `（第${r.version}版）` : ''}</td>
                  <td>${r.publishedAt ? formatChinaTime(r.publishedAt).slice(0, 10) : ''}</td>
                  <td class="num">${r.errors}</td>
                  <td class="num">${r.warnings}</td>
                  <td><a href="/admin/reports/${r.a.id}?year=${year}">查看报告</a></td>
                </tr>`,
            )}
          </tbody>
        </table>`,
    });
  });

  app.get('/admin/reports/rollup', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const year = yearOf(req, deps);
    const rollup = await buildRollup(deps, ctx, year);
    const report = {
      year,
      format: rollup.format,
      agency: {
        name: `汇总（${rollup.agencies.length} 个机关）`,
        level: 'county' as const,
        kind: 'government' as const,
      },
      narrative: { overview: '', problems: '', other: '' },
      ...rollup.tables,
    };
    return sendPage(req, reply, {
      title: `${year}年度汇总`,
      section: 'reports',
      body: html`<h1>${year}年度汇总</h1>
        ${yearPicker('/admin/reports/rollup', year, deps)}
        <p>
          汇总范围：${rollup.agencies.map((a) => a.name).join('、')}。汇总数等于各机关报告之和。
        </p>
        ${rollup.missingFigures.length ? html`<div class="notice" role="status">以下机关尚未录入全部年度统计数据，表二相应数字未计入：${rollup.missingFigures.map((m) => m.agency.name).join('、')}。</div>` : ''}
        ${renderHtml(report)}`,
    });
  });

  app.get('/admin/reports/:id', guard, async (req, reply) => {
    const q = req.query as { done?: string };
    const done = REPORT_ACTIONS.find((a) => a === q.done);
    return reportPage(req, reply, deps, done ? `已${ACTION_LABELS[done]}。` : undefined);
  });

  const EXPORTS: Record<
    string,
    { type: string; render: (r: AnnualReport) => Promise<Buffer | string> | string }
  > = {
    docx: {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      render: renderDocx,
    },
    xlsx: {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      render: renderXlsx,
    },
    txt: { type: 'text/plain; charset=utf-8', render: renderText },
    json: {
      type: 'application/json; charset=utf-8',
      render: (r) => `${JSON.stringify(toJson(r), null, 2)}\n`,
    },
  };

  app.get('/admin/reports/:id/export', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const year = yearOf(req, deps);
    const format = (req.query as { format?: string }).format ?? '';
    const exporter = EXPORTS[format];
    if (!exporter) throw notFound('不支持该导出格式。');
    const report = await buildAnnualReport(deps, ctx, idParam(req), year);
    const body = await exporter.render(report);
    const name = `${report.agency.name}${year}年政府信息公开工作年度报告.${format}`;
    return reply
      .type(exporter.type)
      .header(
        'content-disposition',
        `attachment; filename="report-${year}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .send(body);
  });
}

/**
 * One agency's report: its workflow (status, history, actions), findings and tables. `notice`
 * confirms an action; `error` explains a refused one (status 409/400, nothing changed).
 */
export async function reportPage(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  notice?: string,
  error?: { message: string; status: number },
) {
  const ctx = ctxOf(req);
  const id = idParam(req);
  const year = yearOf(req, deps);
  const [{ report, findings }, state] = await Promise.all([
    checkAnnualReport(deps, ctx, id, year),
    getReportState(deps, ctx, id, year),
  ]);
  const editable = !isLocking(state.status) && roleMayWriteRecords(ctx.actor.role);
  return sendPage(
    req,
    reply,
    {
      title: `${report.agency.name}${year}年度报告`,
      section: 'reports',
      body: html`${yearPicker(`/admin/reports/${id}`, year, deps)}
        ${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
        ${workflowPanel(req, state, report.publication, error?.message)}
        <p class="actions">
          ${editable ? html`<a class="button" href="/admin/reports/${id}/edit?year=${year}">编辑文字与统计数据</a>` : ''}
          下载：${(['docx', 'xlsx', 'txt', 'json'] as const).map((f) => html`<a href="/admin/reports/${id}/export?year=${year}&amp;format=${f}">${f.toUpperCase()}</a> `)}
        </p>
        ${findingsList(findings)} ${renderHtml(report, { cellHref: cellHref(id, year) })}`,
    },
    error?.status ?? 200,
  );
}
