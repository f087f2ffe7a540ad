/** The public site: the platform's agency list and each agency's 政府信息公开 column. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../app/deps.ts';
import { KIND_LABELS, LEVEL_LABELS } from '../../../domain/agency.ts';
import { notFound } from '../../../domain/errors.ts';
import { findAgencyByCode, listAgencies, type Agency } from '../../../store/agencies.ts';
import { html, type SafeHtml } from '../../html.ts';
import { page } from '../../layout.ts';
import type { PageCache } from '../../page-cache.ts';
import { listPublishedReports } from '../../../app/get-published-report.ts';
import { reportColumn } from './annual-reports.ts';

export function agencyTree(agencies: readonly Agency[], link: (a: Agency) => string): SafeHtml {
  const ids = new Set(agencies.map((a) => a.id));
  const byParent = new Map<number | null, Agency[]>();
  for (const a of agencies) {
    const key = a.parentId !== null && ids.has(a.parentId) ? a.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), a]);
  }
  const branch = (parent: number | null): SafeHtml =>
    html`<ul>
      ${(byParent.get(parent) ?? []).map(
        (a) =>
          html`<li>
            <a href="${link(a)}">${a.name}</a>
            <span class="meta">${KIND_LABELS[a.kind]}</span
            >${byParent.has(a.id) ? branch(a.id) : ''}
          </li>`,
      )}
    </ul>`;
  return html`<div class="tree">${branch(null)}</div>`;
}

const HTML = 'text/html; charset=utf-8';

export function publicRoutes(app: FastifyInstance, deps: Deps, cache: PageCache): void {
  app.get('/', async (req, reply) => {
    const cached = cache.get('/');
    if (cached) return reply.type(HTML).send(cached);
    const agencies = await listAgencies(deps.store.db, 'all');
    const body = agencies.length
      ? html`<h1>政府信息公开</h1>
          <p>请选择机关，查看其政府信息公开栏目。</p>
          <nav aria-label="机关列表">
            ${agencyTree(agencies, (a) => `/agencies/${a.creditCode}`)}
          </nav>`
      : html`<h1>政府信息公开</h1>
          <p>平台尚未添加机关。</p>`;
    const out = page({ title: '首页', section: 'portal', body });
    cache.set('/', out);
    return reply.type(HTML).send(out);
  });

  app.get<{ Params: { code: string } }>('/agencies/:code', async (req, reply) => {
    const code = req.params.code;
    const key = `/agencies/${code}`;
    const cached = cache.get(key);
    if (cached) return reply.type(HTML).send(cached);
    const agency = /^[0-9A-Z]{18}$/.test(code)
      ? await findAgencyByCode(deps.store.db, code)
      : undefined;
    if (!agency) throw notFound('该机关不存在，请从首页的机关列表进入。');
    const row = (label: string, value: string) =>
      value
        ? html`<dt>${label}</dt>
            <dd>${value}</dd>`
        : '';
    const body = html`<h1>${agency.name}政府信息公开</h1>
      <section aria-labelledby="s-org">
        <h2 id="s-org">机关信息</h2>
        <dl class="facts">
          <dt>机关名称</dt>
          <dd>${agency.name}</dd>
          <dt>机关类型</dt>
          <dd>${KIND_LABELS[agency.kind]}（${LEVEL_LABELS[agency.level]}）</dd>
          <dt>统一社会信用代码</dt>
          <dd>${agency.creditCode}</dd>
        </dl>
      </section>
      <section aria-labelledby="s-contact">
        <h2 id="s-contact">政府信息公开工作机构联系方式</h2>
        <dl class="facts">
          ${row('办公地址', agency.address)}${row('办公时间', agency.officeHours)}
          ${row('联系电话', agency.phone)}${row('传真', agency.fax)}${row('电子邮箱', agency.email)}
          ${row('邮政编码', agency.postcode)}
          ${
            agency.website
              ? html`<dt>网站</dt>
                  <dd><a href="${agency.website}" rel="noopener">${agency.website}</a></dd>`
              : ''
          }
        </dl>
      </section>
      ${reportColumn(agency, await listPublishedReports(deps, agency.id))}`;
    const out = page({ title: '政府信息公开', siteName: agency.name, body });
    cache.set(key, out);
    return reply.type(HTML).send(out);
  });
}
