import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  agencyCreateSchema,
  AGENCY_LABELS,
  agencyUpdateSchema,
} from '../../../app/agency-input.ts';
import { createAgency } from '../../../app/create-agency.ts';
import type { Deps } from '../../../app/deps.ts';
import { getAgency, listVisibleAgencies } from '../../../app/get-agency.ts';
import { parseInput } from '../../../app/input.ts';
import { loadScope } from '../../../app/load-scope.ts';
import { updateAgency } from '../../../app/update-agency.ts';
import { AGENCY_KINDS, AGENCY_LEVELS, KIND_LABELS, LEVEL_LABELS } from '../../../domain/agency.ts';
import { DomainError, forbidden } from '../../../domain/errors.ts';
import { canManage, ROLE_LABELS } from '../../../domain/roles.ts';
import type { Agency } from '../../../store/agencies.ts';
import { listUsers } from '../../../store/users.ts';
import { STATUS } from '../../errors.ts';
import {
  csrfField,
  emptyForm,
  errorSummary,
  field,
  formValues,
  select,
  type FormState,
} from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { idParam, sendPage } from './common.ts';

const CONTACT_FIELDS: readonly [string, string, Parameters<typeof field>[3]][] = [
  ['address', '办公地址', { maxlength: 200 }],
  [
    'officeHours',
    '办公时间',
    { maxlength: 200, hint: '例如：周一至周五 上午 8:30–12:00，下午 14:30–17:30' },
  ],
  ['phone', '联系电话', { maxlength: 50 }],
  ['fax', '传真', { maxlength: 50 }],
  ['email', '电子邮箱', { type: 'email', maxlength: 254 }],
  ['postcode', '邮政编码', { maxlength: 6 }],
  ['website', '网站', { type: 'url', maxlength: 300 }],
  [
    'reportDeadline',
    '年度报告发布期限',
    {
      maxlength: 5,
      hint: '次年的月-日，如 02-20。留空按《条例》第四十九条：政府部门1月31日、人民政府3月31日；乡镇（街道）按本地规定填写。',
    },
  ],
];

function agencyToValues(a: Agency): Record<string, string> {
  return {
    name: a.name,
    shortName: a.shortName,
    creditCode: a.creditCode,
    address: a.address,
    officeHours: a.officeHours,
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    postcode: a.postcode,
    website: a.website,
    reportDeadline: a.reportDeadline ?? '',
  };
}

function identityFields(state: FormState): SafeHtml {
  return html`${field(state, 'name', '机关全称', { required: true, maxlength: 100, hint: '例如：潮州市湘桥区意溪镇人民政府' })}
  ${field(state, 'shortName', '简称', { required: true, maxlength: 30 })}
  ${field(state, 'creditCode', '统一社会信用代码', { required: true, maxlength: 18, hint: '18 位，最后一位为校验码（GB 32100）' })}`;
}

function contactFields(state: FormState): SafeHtml {
  return html`<fieldset>
    <legend>公开指南所需的联系方式</legend>
    ${CONTACT_FIELDS.map(([name, label, o]) => field(state, name, label, o))}
  </fieldset>`;
}

export function agencyRoutes(app: FastifyInstance, deps: Deps): void {
  const guard = { preHandler: requireUser };

  app.get('/admin/agencies', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const agencies = await listVisibleAgencies(deps, ctx);
    const scope = await loadScope(deps.store.db, ctx.actor);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    // new agencies go under a government the actor manages
    const mayCreate =
      scope.manage === 'all' ||
      agencies.some((a) => a.kind === 'government' && canManage(scope, a.id));
    return sendPage(req, reply, {
      title: '机关管理',
      section: 'agencies',
      body: html`<h1>机关管理</h1>
        ${mayCreate ? html`<div class="actions"><a class="button" href="/admin/agencies/new">新增机关</a></div>` : ''}
        <table>
          <caption>
            您可以查看的机关（共 ${agencies.length} 个）
          </caption>
          <thead>
            <tr>
              <th scope="col">机关全称</th>
              <th scope="col">类型</th>
              <th scope="col">层级</th>
              <th scope="col">统一社会信用代码</th>
              <th scope="col">上级机关</th>
            </tr>
          </thead>
          <tbody>
            ${agencies.map(
              (a) =>
                html`<tr>
                  <th scope="row"><a href="/admin/agencies/${a.id}">${a.name}</a></th>
                  <td>${KIND_LABELS[a.kind]}</td>
                  <td>${LEVEL_LABELS[a.level]}</td>
                  <td>${a.creditCode}</td>
                  <td>${a.parentId !== null ? (names.get(a.parentId) ?? '（范围外）') : '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
    });
  });

  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
    message?: string,
  ) => {
    const ctx = ctxOf(req);
    const scope = await loadScope(deps.store.db, ctx.actor);
    const parents = (await listVisibleAgencies(deps, ctx)).filter(
      (a) => a.kind === 'government' && canManage(scope, a.id),
    );
    if (ctx.actor.role !== 'platform_admin' && parents.length === 0)
      throw forbidden('您没有新增机关的权限。');
    const parentOptions: [string, string][] = [
      ...(ctx.actor.role === 'platform_admin'
        ? [['', '（无上级，顶级机关）'] as [string, string]]
        : []),
      ...parents.map((a) => [String(a.id), a.name] as [string, string]),
    ];
    return sendPage(
      req,
      reply,
      {
        title: '新增机关',
        section: 'agencies',
        body: html`<h1>新增机关</h1>
          ${errorSummary(state, message)}
          <form class="stack" method="post" action="/admin/agencies" novalidate>
            ${csrfField(req.session!.csrfToken)} ${identityFields(state)}
            ${select(
              state,
              'kind',
              '机关类型',
              AGENCY_KINDS.map((k) => [k, KIND_LABELS[k]] as const),
              { required: true },
            )}
            ${select(state, 'parentId', '上级机关', parentOptions, { required: true })}
            ${select(state, 'level', '层级', [['', '（按上级机关自动确定）'], ...AGENCY_LEVELS.map((l) => [l, LEVEL_LABELS[l]] as const)], { hint: '仅顶级机关需要选择；其他机关的层级由上级机关决定。' })}
            ${contactFields(state)}
            <div class="actions">
              <button type="submit">保存</button><a href="/admin/agencies">取消</a>
            </div>
          </form>`,
      },
      status,
    );
  };

  app.get('/admin/agencies/new', guard, async (req, reply) =>
    renderNew(req, reply, emptyForm({ kind: 'government' })),
  );

  app.post('/admin/agencies', guard, async (req, reply) => {
    try {
      const input = parseInput(agencyCreateSchema, AGENCY_LABELS, req.body);
      const agency = await createAgency(deps, ctxOf(req), input);
      return reply.redirect(`/admin/agencies/${agency.id}?saved=1`, 303);
    } catch (err) {
      if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'conflict')) {
        const message = err.issues.length ? undefined : err.message;
        return renderNew(
          req,
          reply,
          { values: formValues(req.body), issues: err.issues },
          STATUS[err.kind],
          message,
        );
      }
      throw err;
    }
  });

  app.get<{ Querystring: { saved?: string } }>('/admin/agencies/:id', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const agency = await getAgency(deps, ctx, idParam(req));
    const scope = await loadScope(deps.store.db, ctx.actor);
    const users = await listUsers(deps.store.db, new Set([agency.id]));
    const row = (label: string, value: string) =>
      html`<dt>${label}</dt>
        <dd>${value || '—'}</dd>`;
    return sendPage(req, reply, {
      title: agency.name,
      section: 'agencies',
      body: html`<h1>${agency.name}</h1>
        ${req.query.saved ? html`<div class="notice" role="status">已保存。</div>` : ''}
        <dl class="facts">
          ${row('简称', agency.shortName)}${row('机关类型', KIND_LABELS[agency.kind])}${row('层级', LEVEL_LABELS[agency.level])}
          ${row('统一社会信用代码', agency.creditCode)}${row('办公地址', agency.address)}${row('办公时间', agency.officeHours)}
          ${row('联系电话', agency.phone)}${row('传真', agency.fax)}${row('电子邮箱', agency.email)}${row('邮政编码', agency.postcode)}${row('网站', agency.website)}
        </dl>
        <div class="actions">
          ${canManage(scope, agency.id) ? html`<a class="button" href="/admin/agencies/${agency.id}/edit">修改</a>` : ''}
          <a class="button secondary" href="/agencies/${agency.creditCode}">查看公开页面</a>
        </div>
        <h2>本机关用户</h2>
        <table>
          <caption>
            本机关用户（${users.length}）
          </caption>
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            ${users.map(
              (u) =>
                html`<tr>
                  <th scope="row"><a href="/admin/users/${u.id}">${u.username}</a></th>
                  <td>${u.displayName}</td>
                  <td>${ROLE_LABELS[u.role]}</td>
                  <td>${u.disabled ? '已停用' : '正常'}</td>
                </tr>`,
            )}
            ${
              users.length
                ? ''
                : html`<tr>
                    <td colspan="4">暂无用户。</td>
                  </tr>`
            }
          </tbody>
        </table>`,
    });
  });

  const renderEdit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agency: Agency,
    state: FormState,
    status = 200,
    message?: string,
  ) =>
    sendPage(
      req,
      reply,
      {
        title: `修改：${agency.name}`,
        section: 'agencies',
        body: html`<h1>修改机关信息</h1>
          ${errorSummary(state, message)}
          <form class="stack" method="post" action="/admin/agencies/${agency.id}" novalidate>
            ${csrfField(req.session!.csrfToken)} ${identityFields(state)}${contactFields(state)}
            <div class="actions">
              <button type="submit">保存</button><a href="/admin/agencies/${agency.id}">取消</a>
            </div>
          </form>`,
      },
      status,
    );

  app.get('/admin/agencies/:id/edit', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const agency = await getAgency(deps, ctx, idParam(req));
    const scope = await loadScope(deps.store.db, ctx.actor);
    if (!canManage(scope, agency.id)) throw forbidden('您可以查看但不能修改该机关的信息。');
    return renderEdit(req, reply, agency, emptyForm(agencyToValues(agency)));
  });

  app.post('/admin/agencies/:id', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = idParam(req);
    try {
      const input = parseInput(agencyUpdateSchema, AGENCY_LABELS, req.body);
      await updateAgency(deps, ctx, id, input);
      return reply.redirect(`/admin/agencies/${id}?saved=1`, 303);
    } catch (err) {
      if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'conflict')) {
        const agency = await getAgency(deps, ctx, id);
        const scope = await loadScope(deps.store.db, ctx.actor);
        if (!canManage(scope, agency.id)) throw forbidden('您可以查看但不能修改该机关的信息。');
        const message = err.issues.length ? undefined : err.message;
        return renderEdit(
          req,
          reply,
          agency,
          { values: formValues(req.body), issues: err.issues },
          STATUS[err.kind],
          message,
        );
      }
      throw err;
    }
  });
}
