import { formatChinaTime } from '../../../domain/china-time.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createUser } from '../../../app/create-user.ts';
import type { Deps } from '../../../app/deps.ts';
import { listVisibleAgencies } from '../../../app/get-agency.ts';
import { getUser, listVisibleUsers } from '../../../app/get-user.ts';
import { parseInput } from '../../../app/input.ts';
import { loadScope } from '../../../app/load-scope.ts';
import { resetPassword } from '../../../app/reset-password.ts';
import { updateUser } from '../../../app/update-user.ts';
import { USER_LABELS, userCreateSchema, userUpdateSchema } from '../../../app/user-input.ts';
import { DomainError, forbidden } from '../../../domain/errors.ts';
import { canManage, grantableRoles, ROLE_LABELS, type Scope } from '../../../domain/roles.ts';
import type { User } from '../../../store/users.ts';
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
import { html } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { idParam, sendPage } from './common.ts';

const mayManageUser = (scope: Scope, u: User) =>
  u.agencyId === null ? scope.manage === 'all' : canManage(scope, u.agencyId);

function oneTimePasswordNotice(username: string, password: string) {
  return html`<div class="notice" role="status">
    <p>
      用户
      <strong>${username}</strong>
      的一次性密码（只显示这一次，请当面或通过安全渠道告知本人；本人首次登录时必须修改）：
    </p>
    <p><span class="secret" data-testid="one-time-password">${password}</span></p>
  </div>`;
}

export function userRoutes(app: FastifyInstance, deps: Deps): void {
  const guard = { preHandler: requireUser };

  app.get('/admin/users', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const [users, agencies, scope] = await Promise.all([
      listVisibleUsers(deps, ctx),
      listVisibleAgencies(deps, ctx),
      loadScope(deps.store.db, ctx.actor),
    ]);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    return sendPage(req, reply, {
      title: '用户与角色',
      section: 'users',
      body: html`<h1>用户与角色</h1>
        ${grantableRoles(ctx.actor).length && (scope.manage === 'all' || scope.manage.size) ? html`<div class="actions"><a class="button" href="/admin/users/new">新增用户</a></div>` : ''}
        <table>
          <caption>
            您可以查看的用户（共 ${users.length} 个）
          </caption>
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">所属机关</th>
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
                  <td>${u.agencyId === null ? '（平台）' : (names.get(u.agencyId) ?? '')}</td>
                  <td>${ROLE_LABELS[u.role]}</td>
                  <td>
                    ${u.disabled ? '已停用' : u.mustChangePassword ? '待修改初始密码' : '正常'}
                  </td>
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
    const roles = grantableRoles(ctx.actor);
    const scope = await loadScope(deps.store.db, ctx.actor);
    const agencies = (await listVisibleAgencies(deps, ctx)).filter((a) => canManage(scope, a.id));
    if (!roles.length || (!agencies.length && ctx.actor.role !== 'platform_admin'))
      throw forbidden('您没有新增用户的权限。');
    const agencyOptions: [string, string][] = [
      ['', ctx.actor.role === 'platform_admin' ? '（不属于机关：仅平台管理员）' : '（请选择）'],
      ...agencies.map((a) => [String(a.id), a.name] as [string, string]),
    ];
    return sendPage(
      req,
      reply,
      {
        title: '新增用户',
        section: 'users',
        body: html`<h1>新增用户</h1>
          ${errorSummary(state, message)}
          <form class="stack" method="post" action="/admin/users" novalidate>
            ${csrfField(req.session!.csrfToken)}
            ${field(state, 'username', '用户名', { required: true, maxlength: 32, hint: '3–32 位小写字母、数字、点、下划线或连字符，以字母开头', autocomplete: 'off' })}
            ${field(state, 'displayName', '姓名', { required: true, maxlength: 50 })}
            ${select(state, 'agencyId', '所属机关', agencyOptions, { required: true })}
            ${select(
              state,
              'role',
              '角色',
              roles.map((r) => [r, ROLE_LABELS[r]] as const),
              { required: true },
            )}
            <p class="meta">保存后系统生成一次性密码，只显示一次；用户首次登录时必须修改。</p>
            <div class="actions">
              <button type="submit">保存</button><a href="/admin/users">取消</a>
            </div>
          </form>`,
      },
      status,
    );
  };

  app.get('/admin/users/new', guard, async (req, reply) =>
    renderNew(req, reply, emptyForm({ role: 'officer' })),
  );

  app.post('/admin/users', guard, async (req, reply) => {
    try {
      const input = parseInput(userCreateSchema, USER_LABELS, req.body);
      const { user, oneTimePassword } = await createUser(deps, ctxOf(req), input);
      return renderUser(
        req,
        reply,
        user,
        emptyForm(userValues(user)),
        201,
        oneTimePasswordNotice(user.username, oneTimePassword),
      );
    } catch (err) {
      if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'conflict')) {
        return renderNew(
          req,
          reply,
          { values: formValues(req.body), issues: err.issues },
          STATUS[err.kind],
          err.issues.length ? undefined : err.message,
        );
      }
      throw err;
    }
  });

  const userValues = (u: User) => ({
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled ? '1' : '',
  });

  const renderUser = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: User,
    state: FormState,
    status = 200,
    notice?: ReturnType<typeof html>,
    message?: string,
  ) => {
    const ctx = ctxOf(req);
    const scope = await loadScope(deps.store.db, ctx.actor);
    const agencies = await listVisibleAgencies(deps, ctx);
    const agencyName =
      user.agencyId === null
        ? '（平台）'
        : (agencies.find((a) => a.id === user.agencyId)?.name ?? '');
    const manage = mayManageUser(scope, user) && user.id !== ctx.actor.userId;
    const roles = grantableRoles(ctx.actor).filter(
      (r) => (r === 'platform_admin') === (user.agencyId === null),
    );
    return sendPage(
      req,
      reply,
      {
        title: `用户：${user.username}`,
        section: 'users',
        body: html`<h1>用户：${user.username}</h1>
          ${notice ?? ''}${errorSummary(state, message)}
          <dl class="facts">
            <dt>所属机关</dt>
            <dd>${agencyName}</dd>
            <dt>角色</dt>
            <dd>${ROLE_LABELS[user.role]}</dd>
            <dt>状态</dt>
            <dd>
              ${user.disabled ? '已停用' : user.mustChangePassword ? '待修改初始密码' : '正常'}
            </dd>
            <dt>创建时间</dt>
            <dd>${formatChinaTime(user.createdAt)}</dd>
          </dl>
          ${
            manage
              ? html`<h2>修改用户</h2>
                  <form class="stack" method="post" action="/admin/users/${user.id}" novalidate>
                    ${csrfField(req.session!.csrfToken)}
                    ${field(state, 'displayName', '姓名', { required: true, maxlength: 50 })}
                    ${select(
                      state,
                      'role',
                      '角色',
                      roles.map((r) => [r, ROLE_LABELS[r]] as const),
                      { required: true },
                    )}
                    <div class="field check">
                      <input
                        type="checkbox"
                        id="f-disabled"
                        name="disabled"
                        value="1"
                        ${state.values.disabled ? html`checked` : ''}
                      />
                      <label for="f-disabled">停用该账号（立即退出其所有会话）</label>
                    </div>
                    <div class="actions"><button type="submit">保存</button></div>
                  </form>
                  <h2>重置密码</h2>
                  <form method="post" action="/admin/users/${user.id}/reset-password">
                    ${csrfField(req.session!.csrfToken)}
                    <p>生成新的一次性密码并退出该用户的所有会话。</p>
                    <button type="submit" class="secondary">重置密码</button>
                  </form>`
              : ''
          }`,
      },
      status,
    );
  };

  app.get('/admin/users/:id', guard, async (req, reply) => {
    const user = await getUser(deps, ctxOf(req), idParam(req));
    return renderUser(req, reply, user, emptyForm(userValues(user)));
  });

  app.post('/admin/users/:id', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = idParam(req);
    try {
      const input = parseInput(userUpdateSchema, USER_LABELS, req.body);
      await updateUser(deps, ctx, id, input);
      return reply.redirect(`/admin/users/${id}`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'invalid') {
        const user = await getUser(deps, ctx, id);
        const scope = await loadScope(deps.store.db, ctx.actor);
        if (!mayManageUser(scope, user)) throw forbidden();
        return renderUser(
          req,
          reply,
          user,
          { values: formValues(req.body), issues: err.issues },
          400,
          undefined,
          err.issues.length ? undefined : err.message,
        );
      }
      throw err;
    }
  });

  app.post('/admin/users/:id/reset-password', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = idParam(req);
    const password = await resetPassword(deps, ctx, id);
    const user = await getUser(deps, ctx, id);
    return renderUser(
      req,
      reply,
      user,
      emptyForm(userValues(user)),
      200,
      oneTimePasswordNotice(user.username, password),
    );
  });
}
