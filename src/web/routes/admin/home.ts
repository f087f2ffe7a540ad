import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../app/deps.ts';
import { listVisibleAgencies } from '../../../app/get-agency.ts';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import { html } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { agencyTree } from '../public/portal.ts';
import { sendPage } from './common.ts';

export function adminHomeRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: { changed?: string } }>(
    '/admin',
    { preHandler: requireUser },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const agencies = await listVisibleAgencies(deps, ctx);
      const own = agencies.find((a) => a.id === ctx.actor.agencyId);
      return sendPage(req, reply, {
        title: '工作台',
        section: 'home',
        body: html`<h1>工作台</h1>
          ${req.query.changed ? html`<div class="notice" role="status">密码已修改。</div>` : ''}
          <p>
            您好，${req.session!.displayName}。您的角色是<strong>${ROLE_LABELS[ctx.actor.role]}</strong>${own ? html`，所属机关为<strong>${own.name}</strong>` : ''}。
          </p>
          <h2>您可以查看的机关（${agencies.length}）</h2>
          ${agencies.length ? agencyTree(agencies, (a) => `/admin/agencies/${a.id}`) : html`<p>暂无。</p>`}`,
      });
    },
  );
}
