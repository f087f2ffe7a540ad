import { formatChinaTime } from '../../../domain/china-time.ts';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../app/deps.ts';
import { listAuditTrail, AUDIT_PAGE_SIZE } from '../../../app/list-audit-trail.ts';
import { AUDIT_ACTIONS, auditActionLabel } from '../../../domain/audit-actions.ts';
import { html } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { emptyForm, field, select } from '../../form.ts';
import { sendPage } from './common.ts';

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/admin/audit',
    { preHandler: requireUser },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const q = req.query;
      const { entries, filter, agencyNames } = await listAuditTrail(deps, ctx, q);
      const state = emptyForm({
        actor: filter.actor ?? '',
        action: filter.action ?? '',
        from: q.from ?? '',
        to: q.to ?? '',
      });
      const last = entries[entries.length - 1];
      const more = entries.length === AUDIT_PAGE_SIZE && last;
      const params = new URLSearchParams(Object.entries(state.values).filter(([, v]) => v));
      const pretty = (s: string | null) => (s ? JSON.stringify(JSON.parse(s), null, 1) : '');
      return sendPage(req, reply, {
        title: '审计日志',
        section: 'audit',
        body: html`<h1>审计日志</h1>
          <p class="meta">
            每条记录都带有与上一条相连的哈希值：修改或删除任何一条（最新一条除外）都会被
            <code>gongkai audit verify</code> 发现并指出。
          </p>
          <form
            class="filters"
            method="get"
            action="/admin/audit"
            role="search"
            aria-label="筛选审计日志"
          >
            ${field(state, 'actor', '操作人', { maxlength: 64 })}
            ${select(state, 'action', '操作', [['', '（全部）'], ...Object.entries(AUDIT_ACTIONS)])}
            ${field(state, 'from', '起始日期', { type: 'date' })}
            ${field(state, 'to', '截止日期', { type: 'date' })}
            <button type="submit">筛选</button>
          </form>
          <table>
            <caption>
              审计记录（最新在前，每页 ${AUDIT_PAGE_SIZE} 条）
            </caption>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">时间（北京时间）</th>
                <th scope="col">操作人</th>
                <th scope="col">机关</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                <th scope="col">变更前 → 变更后</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              ${entries.map(
                (e) =>
                  html`<tr>
                    <td>${e.seq}</td>
                    <td>${formatChinaTime(e.at)}</td>
                    <td>${e.actor_name}</td>
                    <td>${e.agency_id === null ? '—' : (agencyNames.get(e.agency_id) ?? '')}</td>
                    <td>${auditActionLabel(e.action)}</td>
                    <td>${e.entity_type}${e.entity_id ? ` #${e.entity_id}` : ''}</td>
                    <td>
                      ${
                        e.before_json
                          ? html`<pre class="json">${pretty(e.before_json)}</pre>
                              →`
                          : ''
                      }${e.after_json ? html`<pre class="json">${pretty(e.after_json)}</pre>` : ''}
                    </td>
                    <td>${e.ip ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${entries.length === 0 ? html`<p>没有符合条件的记录。</p>` : ''}
          ${more ? html`<p><a href="/admin/audit?${params.toString()}${params.size ? '&' : ''}before=${last.seq}">更早的记录</a></p>` : ''}`,
      });
    },
  );
}
