/** Sessions (stored in the database, so several app servers share them) and CSRF checks. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../app/deps.ts';
import { resolveSession, type SessionInfo } from '../app/resolve-session.ts';
import { DomainError } from '../domain/errors.ts';
import type { Viewer } from './layout.ts';

export const SESSION_COOKIE = 'gk_session';
/** pre-login double-submit token for the login form */
export const PRE_COOKIE = 'gk_pre';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
}

export function viewerOf(req: FastifyRequest): Viewer | null {
  const s = req.session;
  return s
    ? {
        username: s.actor.username,
        displayName: s.displayName,
        role: s.actor.role,
        csrfToken: s.csrfToken,
        mustChangePassword: s.mustChangePassword,
      }
    : null;
}

export function ctxOf(req: FastifyRequest): Ctx {
  if (!req.session) throw new DomainError('unauthenticated', '请先登录。');
  return { actor: req.session.actor, ip: req.ip };
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

function bodyToken(req: FastifyRequest): string {
  const b = req.body as Record<string, unknown> | undefined;
  return b && typeof b === 'object' && typeof b._csrf === 'string' ? b._csrf : '';
}

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

/** A fresh login-form token, set as a cookie and returned for the hidden field. */
export function issuePreToken(reply: FastifyReply, secure: boolean): string {
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(PRE_COOKIE, token, cookieOptions(secure));
  return token;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Forms anyone may send (no session yet): their token is the pre-session cookie's. */
export const PUBLIC_FORMS = new Set(['/login', '/report-check']);
const CSRF_MESSAGE =
  '安全校验未通过：页面可能已过期，或请求并非来自本网站。请返回上一页，刷新后重新提交。';

export function registerSessions(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', (req, reply, done) => {
    const token = req.cookies[SESSION_COOKIE];
    // the common public case: no session, nothing to check, no promise
    if (!token && !STATE_CHANGING.has(req.method)) return done();
    checkRequest(deps, req, reply, token).then(() => done(), done);
  });
}

async function checkRequest(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
) {
  req.session = token ? await resolveSession(deps, token) : null;
  if (token && !req.session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  if (!STATE_CHANGING.has(req.method)) return;
  // nothing to protect: an unknown URL (404) or logging out a session that has already ended
  if (!req.routeOptions.url || (req.routeOptions.url === '/logout' && !req.session)) return;
  const sent = bodyToken(req);
  const expected = PUBLIC_FORMS.has(req.routeOptions.url)
    ? (req.cookies[PRE_COOKIE] ?? '')
    : (req.session?.csrfToken ?? '');
  if (!safeEqual(sent, expected)) throw new DomainError('forbidden', CSRF_MESSAGE);
}

/** For admin routes: a logged-in user who has changed any password set by someone else. */
export async function requireUser(req: FastifyRequest, reply: FastifyReply) {
  if (!req.session) {
    return reply.redirect(`/login?next=${encodeURIComponent(req.url.slice(0, 200))}`, 303);
  }
  if (req.session.mustChangePassword && req.routeOptions.url !== '/admin/password') {
    return reply.redirect('/admin/password', 303);
  }
}
