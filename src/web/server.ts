/** Fastify setup: security headers, forms, cookies, sessions, routes, one error mapping. */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { sql } from 'kysely';
import { DEFAULT_TIMEOUT_MS } from '../app/audit-published-batch.ts';
import { createAuditPool } from '../app/audit-worker-pool.ts';
import type { Deps } from '../app/deps.ts';
import { DEFAULT_REPORT_CHECK, type Config } from '../config.ts';
import { REPORT_EDIT_JS, SITE_CSS } from './assets.ts';
import { errorPage, handleError } from './errors.ts';
import { securityHeaders } from './security-headers.ts';
import { PageCache } from './page-cache.ts';
import { registerSessions } from './session.ts';
import { publicRoutes } from './routes/public/portal.ts';
import { annualReportRoutes } from './routes/public/annual-reports.ts';
import { authRoutes } from './routes/auth.ts';
import { adminHomeRoutes } from './routes/admin/home.ts';
import { agencyRoutes } from './routes/admin/agencies.ts';
import { userRoutes } from './routes/admin/users.ts';
import { auditRoutes } from './routes/admin/audit.ts';
import { reportEditRoutes } from './routes/admin/report-edit.ts';
import { reportRoutes } from './routes/admin/reports.ts';
import { recordRoutes } from './routes/admin/records.ts';
import { reportWorkflowRoutes } from './routes/admin/report-workflow.ts';
import { reportCellRoutes } from './routes/admin/report-cells.ts';
import { adminReportCheckRoutes, BATCH_CHECK_LIMITS } from './routes/admin/report-check.ts';
import { reportCheckRoutes } from './routes/public/report-check.ts';
import { registerUploads } from './uploads.ts';

/** Every route, so that tests can walk all of them (authorization, malformed input). */
export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

/** An upload thread idle this long is stopped (its memory freed); the next upload starts it again. */
const AUDIT_POOL_IDLE_MS = 10 * 60_000;

export interface ServerOptions {
  config: Pick<Config, 'cookieSecure' | 'trustProxy' | 'logLevel'> &
    Partial<Pick<Config, 'publicCacheSeconds' | 'reportCheck'>>;
  /** false in tests that do not want logs */
  logger?: boolean;
}

export async function buildServer(deps: Deps, opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    trustProxy: opts.config.trustProxy,
    bodyLimit: 256 * 1024,
    // a load balancer's request id is kept when it looks like one; otherwise a new UUID
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given)
        ? given
        : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeTable.push({ method, url: r.url });
  });
  app.decorate('routeTable', routeTable);
  const headers = securityHeaders({ hsts: opts.config.cookieSecure });
  // Callback style (not async): this runs on every request, and a promise per hook shows up.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', req.id);
    // admin pages (one-time passwords, audit data) and the login form must never be cached
    if (req.url.startsWith('/admin') || req.url.startsWith('/login')) {
      reply.header('cache-control', 'no-store');
    }
    done();
  });
  // Forms only: every state change comes from an HTML form, so JSON and text bodies are refused (415).
  app.removeAllContentTypeParsers();
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  registerSessions(app, deps);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) =>
    errorPage(
      req,
      reply,
      404,
      '页面不存在',
      '您访问的页面不存在，或者您无权查看。请检查网址，或从首页重新进入。',
    ),
  );

  app.get('/assets/site.css', async (_req, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(SITE_CSS),
  );
  app.get('/assets/report-edit.js', async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(REPORT_EDIT_JS),
  );
  app.get('/healthz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.store.db);
      return reply.send({ status: 'ok', engine: deps.store.engine });
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  const publicCache = new PageCache((opts.config.publicCacheSeconds ?? 0) * 1000, () =>
    deps.now().getTime(),
  );
  // a change made through this server shows on its public pages at once
  app.addHook('onResponse', (req, reply, done) => {
    if (req.method === 'POST' && reply.statusCode < 400) publicCache.clear();
    done();
  });
  publicRoutes(app, deps, publicCache);
  annualReportRoutes(app, deps, publicCache);
  authRoutes(app, deps, opts.config);
  adminHomeRoutes(app, deps);
  agencyRoutes(app, deps);
  userRoutes(app, deps);
  auditRoutes(app, deps);
  reportRoutes(app, deps);
  reportCellRoutes(app, deps);
  reportEditRoutes(app, deps);
  recordRoutes(app, deps);
  reportWorkflowRoutes(app, deps);
  // file uploads: the multipart parser exists only in this scope (the widest limits are the batch's)
  await app.register(async (scope) => {
    await registerUploads(scope, BATCH_CHECK_LIMITS);
    // uploaded reports are read on these threads, started on the first upload and kept warm
    // (a thread costs 1–2 s to start); the event loop stays free for other requests meanwhile
    const pool = createAuditPool({
      size: availableParallelism(),
      timeoutMs: DEFAULT_TIMEOUT_MS,
      idleMs: AUDIT_POOL_IDLE_MS,
    });
    scope.addHook('onClose', () => pool.close());
    // the public check never holds every thread (of two or more): one is left for staff's batches
    await reportCheckRoutes(
      scope,
      opts.config,
      pool.limited(pool.size - 1),
      opts.config.reportCheck ?? DEFAULT_REPORT_CHECK,
    );
    adminReportCheckRoutes(scope, deps, pool);
  });
  return app;
}
