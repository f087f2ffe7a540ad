/**
 * 年报检查 (admin): a supervising office uploads a batch of published annual reports (its
 * townships' and departments', or any others), sees a summary and each report's findings with
 * the offending cells highlighted, or downloads every finding as XLSX. Reports of the same
 * agency for consecutive years are checked against each other (carry-over, 现行有效).
 * Nothing is stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../app/deps.ts';
import { auditUploads } from '../../../app/audit-uploads.ts';
import type { AuditPool } from '../../../app/audit-worker-pool.ts';
import { chinaDate } from '../../../app/build-annual-report.ts';
import { renderAuditXlsx, type AuditedFile } from '../../../reports/audit-findings-xlsx.ts';
import { html, type SafeHtml } from '../../html.ts';
import { requireUser, viewerOf } from '../../session.ts';
import { fieldOf, uploadsOf, type UploadLimits } from '../../uploads.ts';
import {
  checkIntro,
  findingCounts,
  publishedAuditView,
  ruleTitle,
  uploadForm,
} from '../../views/published-audit.ts';
import { sendPage } from './common.ts';

const MB = 1024 * 1024;
export const BATCH_CHECK_LIMITS: UploadLimits = {
  fileBytes: 50 * MB,
  totalBytes: 100 * MB,
  files: 100,
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const form = (token: string, message?: string): SafeHtml =>
  uploadForm({
    action: '/admin/report-check',
    token,
    field: 'reports',
    label: '年度报告文件（可多选）',
    hint: `支持 .pdf .ofd .docx .doc .wps .rtf .html .htm .mhtml .mht .txt .md；一次最多 ${BATCH_CHECK_LIMITS.files} 个文件，每个不超过 50 MB，合计不超过 100 MB。同一机关相邻两个年度的报告一并上传时，还核对结转数和现行有效件数。`,
    multiple: true,
    buttons: [
      ['检查', 'page'],
      ['检查并下载问题清单（XLSX）', 'xlsx'],
    ],
    ...(message ? { message } : {}),
  });

function summaryTable(files: readonly AuditedFile[]): SafeHtml {
  return html`<table>
    <caption>
      检查汇总（${files.length} 个文件）
    </caption>
    <thead>
      <tr>
        <th scope="col">文件</th>
        <th scope="col">机关</th>
        <th scope="col">年度</th>
        <th scope="col">错误</th>
        <th scope="col">提示</th>
        <th scope="col">结论</th>
      </tr>
    </thead>
    <tbody>
      ${files.map((f, i) => {
        if (f.unreadable || !f.audit)
          return html`<tr class="sev-error">
            <th scope="row"><a href="#file-${i + 1}">${f.name}</a></th>
            <td>—</td>
            <td>—</td>
            <td class="num">—</td>
            <td class="num">—</td>
            <td>无法读取</td>
          </tr>`;
        const { errors, warnings } = findingCounts(f.audit.findings);
        const r = f.audit.report;
        return html`<tr>
          <th scope="row"><a href="#file-${i + 1}">${f.name}</a></th>
          <td>${r?.agency.name || '（未识别）'}</td>
          <td>${r ? String(r.year) : '—'}</td>
          <td class="num">${errors}</td>
          <td class="num">${warnings}</td>
          <td>${errors ? '有错误' : '未发现错误'}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function fileSection(f: AuditedFile, i: number, open: boolean): SafeHtml {
  const n = i + 1;
  const body =
    f.audit && !f.unreadable
      ? publishedAuditView(f.name, f.audit, `r${n}-`)
      : html`<div class="alert" role="alert">
          <strong>无法读取：</strong>${f.unreadable ?? ''}
        </div>`;
  return html`<details id="file-${n}" class="audited-file" ${open ? html`open` : ''}>
    <summary>${n}. ${f.name}</summary>
    ${body}
  </details>`;
}

export function adminReportCheckRoutes(app: FastifyInstance, deps: Deps, pool: AuditPool): void {
  const show = (req: FastifyRequest, reply: FastifyReply, body: SafeHtml, status = 200) =>
    sendPage(req, reply, { title: '年度报告检查', section: 'check', body }, status);
  const token = (req: FastifyRequest) => viewerOf(req)?.csrfToken ?? '';

  app.get('/admin/report-check', { preHandler: requireUser }, async (req, reply) =>
    show(
      req,
      reply,
      html`<h1>年度报告检查</h1>
        ${checkIntro()}${form(token(req))}`,
    ),
  );

  app.post(
    '/admin/report-check',
    { preHandler: requireUser, config: { uploads: BATCH_CHECK_LIMITS } },
    async (req, reply) => {
      const uploads = uploadsOf(req.body, 'reports');
      if (!uploads.length)
        return show(
          req,
          reply,
          html`<h1>年度报告检查</h1>
            ${form(token(req), '请选择要检查的年度报告文件。')}`,
          400,
        );
      const files = await auditUploads(uploads, pool);
      if (fieldOf(req.body, 'output') === 'xlsx') {
        const body = await renderAuditXlsx(files, ruleTitle);
        const day = chinaDate(deps.now().toISOString()).replaceAll('-', '');
        return reply
          .type(XLSX)
          .header(
            'content-disposition',
            `attachment; filename="report-check-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`年报检查结果-${day}.xlsx`)}`,
          )
          .send(body);
      }
      return show(
        req,
        reply,
        html`<h1>检查结果</h1>
          ${summaryTable(files)} ${files.map((f, i) => fileSection(f, i, files.length === 1))}
          <h2>再检查一批</h2>
          ${form(token(req))}`,
      );
    },
  );
}
