/**
 * 年报检查 (public): anyone uploads a published annual report (web page, Word, PDF or text) and
 * sees its tables as read, the offending cells highlighted, each finding explained. Nothing is
 * stored: the file lives for the request only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditUploads } from '../../../app/audit-uploads.ts';
import type { AuditPool } from '../../../app/audit-worker-pool.ts';
import type { Config } from '../../../config.ts';
import { html, type SafeHtml } from '../../html.ts';
import { page } from '../../layout.ts';
import { issuePreToken, PRE_COOKIE, viewerOf } from '../../session.ts';
import { uploadsOf, type UploadLimits } from '../../uploads.ts';
import { checkIntro, publishedAuditView, uploadForm } from '../../views/published-audit.ts';

const MB = 1024 * 1024;
export const PUBLIC_CHECK_LIMITS: UploadLimits = {
  fileBytes: 50 * MB,
  totalBytes: 50 * MB,
  files: 1,
};

const form = (token: string, message?: string): SafeHtml =>
  uploadForm({
    action: '/report-check',
    token,
    field: 'report',
    label: '年度报告文件',
    hint: '支持 .pdf .docx .html .htm .txt，不超过 50 MB。扫描件（没有文字层的 PDF）无法读取。',
    buttons: [['检查']],
    ...(message ? { message } : {}),
  });

export function reportCheckRoutes(
  app: FastifyInstance,
  config: Pick<Config, 'cookieSecure'>,
  pool: AuditPool,
) {
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
    // on the server's worker threads: a hostile file meets a worker's heap limit, not the server's
    const [result] = await auditUploads([upload], pool);
    if (!result?.audit || result.unreadable)
      return refuse(`${upload.name}：${result?.unreadable ?? '无法读取。'}`, 422);
    return send(
      req,
      reply,
      html`<h1>检查结果</h1>
        ${publishedAuditView(upload.name, result.audit)}
        <h2>检查另一份报告</h2>
        ${form(token)}`,
      200,
      '年度报告检查结果',
    );
  });
}
