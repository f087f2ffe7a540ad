/**
 * 年报检查 (public): anyone uploads a published annual report (web page, Word, PDF or text) and
 * sees its tables as read, the offending cells highlighted, each finding explained. Nothing is
 * stored: the file lives for the request only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditPublishedReport } from '../../../app/audit-published-report.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Config } from '../../../config.ts';
import { csrfField } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { page } from '../../layout.ts';
import { issuePreToken, PRE_COOKIE, viewerOf } from '../../session.ts';
import { uploadsOf, type UploadLimits } from '../../uploads.ts';
import { publishedAuditView } from '../../views/published-audit.ts';

const MB = 1024 * 1024;
export const PUBLIC_CHECK_LIMITS: UploadLimits = {
  fileBytes: 50 * MB,
  totalBytes: 50 * MB,
  files: 1,
};

/** The accepted files, for the file pickers. */
export const REPORT_FILE_TYPES = '.pdf,.docx,.html,.htm,.txt';

export function checkIntro(): SafeHtml {
  return html`<p>
    上传一份已经发布的政府信息公开工作年度报告（网页、Word（.docx）、PDF
    或文本文件），系统读取报告中的表格，按《中华人民共和国政府信息公开条例》和国务院办公厅规定的年度报告格式逐项核对：表格是否填全、合计是否相等、格式是否与年度相符、正文数字是否与表格一致。
  </p>`;
}

function form(token: string, message?: string): SafeHtml {
  return html`${
      message ? html`<div class="alert" role="alert"><strong>${message}</strong></div>` : ''
    }
    <form
      class="stack"
      method="post"
      action="/report-check"
      enctype="multipart/form-data"
      novalidate
    >
      ${csrfField(token)}
      <div class="field">
        <label for="f-report">年度报告文件</label>
        <p class="hint" id="f-report-hint">
          支持 .pdf .docx .html .htm .txt，不超过 50 MB。扫描件（没有文字层的 PDF）无法读取。
        </p>
        <input
          id="f-report"
          name="report"
          type="file"
          accept="${REPORT_FILE_TYPES}"
          aria-describedby="f-report-hint"
          required
        />
      </div>
      <div class="actions"><button type="submit">检查</button></div>
    </form>
    <p class="meta">上传的文件只用于本次检查，不会保存。</p>`;
}

export function reportCheckRoutes(app: FastifyInstance, config: Pick<Config, 'cookieSecure'>) {
  const tokenOf = (req: FastifyRequest, reply: FastifyReply) =>
    req.cookies[PRE_COOKIE] || issuePreToken(reply, config.cookieSecure);
  const send = (
    req: FastifyRequest,
    reply: FastifyReply,
    body: SafeHtml,
    status = 200,
    title = '年度报告检查',
  ) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(page({ title, section: 'check', body, viewer: viewerOf(req) }));

  app.get('/report-check', async (req, reply) =>
    send(
      req,
      reply,
      html`<h1>年度报告检查</h1>
        ${checkIntro()}${form(tokenOf(req, reply))}`,
    ),
  );

  app.post('/report-check', { config: { uploads: PUBLIC_CHECK_LIMITS } }, async (req, reply) => {
    const token = tokenOf(req, reply);
    const refuse = (message: string, status: number) =>
      send(
        req,
        reply,
        html`<h1>年度报告检查</h1>
          ${checkIntro()}${form(token, message)}`,
        status,
      );
    const [upload] = uploadsOf(req.body, 'report');
    if (!upload) return refuse('请选择要检查的年度报告文件。', 400);
    if (!upload.bytes) return refuse(`${upload.name}：${upload.problem ?? '无法读取。'}`, 422);
    try {
      const audit = await auditPublishedReport(upload.bytes);
      return send(
        req,
        reply,
        html`<h1>检查结果</h1>
          ${publishedAuditView(upload.name, audit)}
          <h2>检查另一份报告</h2>
          ${form(token)}`,
        200,
        '年度报告检查结果',
      );
    } catch (err) {
      if (err instanceof DomainError) return refuse(`${upload.name}：${err.message}`, 422);
      throw err;
    }
  });
}
