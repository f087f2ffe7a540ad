/** The one place that maps errors to HTTP status codes and pages a person understands. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorKind } from '../domain/errors.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { viewerOf } from './session.ts';

export const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  unauthenticated: 401,
  too_many: 429,
  unavailable: 503,
};

const HTTP_MESSAGES: Record<number, [string, string]> = {
  400: ['请求格式不正确', '提交的内容无法识别，请返回上一页，刷新后重新填写提交。'],
  403: ['无权访问', '您没有执行此操作的权限。'],
  404: ['页面不存在', '您访问的页面不存在，或者您无权查看。请检查网址，或从首页重新进入。'],
  405: ['请求方法不正确', '该页面不支持这种访问方式，请从页面上的链接或按钮进入。'],
  413: ['提交的内容过大', '提交的内容超过了允许的大小，请删减后重新提交。'],
  415: ['提交格式不支持', '请通过页面上的表单提交，不支持这种提交格式。'],
  429: ['操作过于频繁', '请稍后再试。'],
  503: ['系统繁忙', '系统暂时无法处理您的请求，请稍后再试。'],
};

export function errorPage(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  message: string,
) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      page({
        title,
        viewer: viewerOf(req),
        body: html`<h1>${title}</h1>
          <div class="alert" role="alert"><p>${message}</p></div>
          <p class="meta">请求编号：${req.id}</p>
          <p><a href="${req.session ? '/admin' : '/'}">返回首页</a></p>`,
      }),
    );
}

export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    const status = STATUS[err.kind];
    const title = HTTP_MESSAGES[status]?.[0] ?? '操作未完成';
    return errorPage(req, reply, status, title, err.message);
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const [title, message] = HTTP_MESSAGES[status] ?? HTTP_MESSAGES[400]!;
    return errorPage(req, reply, status, title, message);
  }
  req.log.error({ err }, 'unhandled error');
  return errorPage(
    req,
    reply,
    500,
    '系统暂时出现故障',
    '抱歉，处理您的请求时出现了内部错误，已记录在案。请稍后重试；如仍有问题，请将下面的请求编号告知平台管理员。',
  );
}
