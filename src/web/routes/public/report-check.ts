/**
 * 年报检查 (public): anyone uploads a published annual report (web page, Word, PDF or text) and
 * sees its tables as read, the offending cells highlighted, each finding explained. Nothing is
 * stored: the file lives for the request only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { auditUploads } from '../../../app/audit-uploads.ts';
import type { AuditPool } from '../../../app/audit-worker-pool.ts';
import type { Config, ReportCheckAdmission } from '../../../config.ts';
import { DomainError } from '../../../domain/errors.ts';
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
    hint: '支持 .pdf .ofd .docx .doc .wps .rtf .html .htm .mhtml .mht .txt .md，不超过 50 MB。扫描件（没有文字层的 PDF）无法读取。',
    buttons: [['检查']],
    ...(message ? { message } : {}),
  });

/**
 * Registers the page in `app`, the upload scope. Anyone may check a report here, so what one client
 * and everyone together may use is limited (ReportCheckAdmission): a client's checks per window
 * (counted when the request arrives, before its upload is read: @fastify/rate-limit, in memory),
 * and the checks being uploaded or read at once, each of which holds its upload in memory and
 * then a worker thread (the pool's queue is shared with the supervising office's batches).
 */
export async function reportCheckRoutes(
  app: FastifyInstance,
  config: Pick<Config, 'cookieSecure'>,
  pool: AuditPool,
  admission: ReportCheckAdmission,
) {
  await app.register(rateLimit, { global: false });
  let inFlight = 0;
  const admitted = new WeakSet<FastifyRequest>();
  const release = (req: FastifyRequest) => {
    if (admitted.delete(req)) inFlight--;
  };
  app.addHook('onResponse', async (req) => release(req));
  app.addHook('onRequestAbort', async (req) => release(req));

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

  app.post(
    '/report-check',
    {
      config: {
        uploads: PUBLIC_CHECK_LIMITS,
        rateLimit: {
          max: admission.perClient,
          timeWindow: admission.windowMinutes * 60_000,
          errorResponseBuilder: (_req, ctx) =>
            new DomainError(
              'too_many',
              `同一网络地址每 ${admission.windowMinutes} 分钟最多检查 ${admission.perClient} 份报告，本时段已达上限，请 ${Math.max(1, Math.ceil(ctx.ttl / 60_000))} 分钟后再试。需要成批检查的，请工作人员登录后在“年报检查”中批量上传。`,
            ),
        },
      },
      onRequest: async (req, reply) => {
        if (inFlight >= admission.inFlight) {
          reply.header('retry-after', '30');
          throw new DomainError(
            'unavailable',
            '正在检查的报告较多，系统暂时无法接收新的文件，请半分钟后再试。',
          );
        }
        inFlight++;
        admitted.add(req);
      },
    },
    async (req, reply) => {
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
    },
  );
}
