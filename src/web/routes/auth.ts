import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changePassword } from '../../app/change-password.ts';
import type { Deps } from '../../app/deps.ts';
import { parseInput } from '../../app/input.ts';
import { logIn } from '../../app/log-in.ts';
import { logOut } from '../../app/log-out.ts';
import { passwordChangeSchema, USER_LABELS } from '../../app/user-input.ts';
import type { Config } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { PASSWORD_MIN_LENGTH } from '../../domain/password-policy.ts';
import { STATUS } from '../errors.ts';
import { csrfField, emptyForm, errorSummary, field, type FormState } from '../form.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import {
  cookieOptions,
  ctxOf,
  issuePreToken,
  PRE_COOKIE,
  requireUser,
  SESSION_COOKIE,
  viewerOf,
} from '../session.ts';

/** Only same-site relative paths are followed after login. */
function safeNext(next: unknown): string {
  return typeof next === 'string' &&
    /^\/(admin)(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(next) &&
    !next.startsWith('//')
    ? next
    : '/admin';
}

export function authRoutes(
  app: FastifyInstance,
  deps: Deps,
  config: Pick<Config, 'cookieSecure'>,
): void {
  const renderLogin = (
    reply: FastifyReply,
    state: FormState,
    next: string,
    status = 200,
    message?: string,
  ) => {
    const token = issuePreToken(reply, config.cookieSecure);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        page({
          title: '工作人员登录',
          section: 'login',
          body: html`<h1>工作人员登录</h1>
            ${errorSummary(state, message)}
            <form class="stack" method="post" action="/login" novalidate>
              ${csrfField(token)}<input type="hidden" name="next" value="${next}" />
              ${field(state, 'username', '用户名', { required: true, autocomplete: 'username', maxlength: 64 })}
              ${field(state, 'password', '密码', { type: 'password', required: true, autocomplete: 'current-password', maxlength: 128 })}
              <div class="actions"><button type="submit">登录</button></div>
            </form>
            <p class="meta">忘记密码请联系本机关管理员重置。</p>`,
        }),
      );
  };

  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    if (req.session) return reply.redirect('/admin', 303);
    return renderLogin(reply, emptyForm(), safeNext(req.query.next));
  });

  app.post('/login', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const values = { username: username.slice(0, 64) };
    if (!username.trim() || !password) {
      const issues = [
        ...(!username.trim()
          ? [{ field: 'username', label: '用户名', message: '不能为空。' }]
          : []),
        ...(!password ? [{ field: 'password', label: '密码', message: '不能为空。' }] : []),
      ];
      return renderLogin(reply, { values, issues }, next, 400);
    }
    try {
      const result = await logIn(deps, {
        username,
        password: password.slice(0, 256),
        ip: req.ip,
        userAgent: String(req.headers['user-agent'] ?? ''),
        oldToken: req.cookies[SESSION_COOKIE],
      });
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(config.cookieSecure));
      reply.clearCookie(PRE_COOKIE, { path: '/' });
      return reply.redirect(result.mustChangePassword ? '/admin/password' : next, 303);
    } catch (err) {
      if (err instanceof DomainError)
        return renderLogin(reply, emptyForm(values), next, STATUS[err.kind], err.message);
      throw err;
    }
  });

  app.post('/logout', async (req, reply) => {
    if (req.session) await logOut(deps, ctxOf(req), req.session.tokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  const renderPassword = (
    req: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const viewer = viewerOf(req)!;
    const forced = req.session?.mustChangePassword;
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        page({
          title: '修改密码',
          viewer,
          section: 'password',
          body: html`<h1>修改密码</h1>
            ${forced ? html`<div class="notice" role="status">您的密码由他人设置（或为初始密码），请先设置一个只有您知道的新密码，然后才能使用系统。</div>` : ''}
            ${errorSummary(state)}
            <form class="stack" method="post" action="/admin/password" novalidate>
              ${csrfField(viewer.csrfToken)}
              ${field(state, 'currentPassword', '当前密码', { type: 'password', required: true, autocomplete: 'current-password' })}
              ${field(state, 'newPassword', '新密码', { type: 'password', required: true, autocomplete: 'new-password', hint: `至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名。` })}
              ${field(state, 'confirmPassword', '确认新密码', { type: 'password', required: true, autocomplete: 'new-password' })}
              <div class="actions"><button type="submit">保存新密码</button></div>
            </form>`,
        }),
      );
  };

  app.get('/admin/password', { preHandler: requireUser }, async (req, reply) =>
    renderPassword(req, reply, emptyForm()),
  );

  app.post('/admin/password', { preHandler: requireUser }, async (req, reply) => {
    try {
      const input = parseInput(passwordChangeSchema, USER_LABELS, req.body);
      await changePassword(deps, ctxOf(req), req.session!.tokenHash, input);
      return reply.redirect('/admin?changed=1', 303);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'invalid') {
        return renderPassword(req, reply, { values: {}, issues: err.issues }, 400);
      }
      throw err;
    }
  });
}
