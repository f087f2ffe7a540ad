import { ROLE_LABELS, roleMayAudit, type Role } from '../domain/roles.ts';
import { html, type SafeHtml } from './html.ts';

export interface Viewer {
  username: string;
  displayName: string;
  role: Role;
  csrfToken: string;
  /** until a password set by someone else is changed, only that page is offered */
  mustChangePassword?: boolean;
}

export interface PageOpts {
  title: string;
  body: SafeHtml;
  viewer?: Viewer | null;
  /** which admin section is current, for aria-current */
  section?: string;
  /** for public pages: the agency name shown in the banner */
  siteName?: string;
}

const ADMIN_NAV: readonly [string, string, string][] = [
  ['home', '/admin', '工作台'],
  ['agencies', '/admin/agencies', '机关管理'],
  ['users', '/admin/users', '用户与角色'],
  ['records', '/admin/records', '记录'],
  ['reports', '/admin/reports', '年度报告'],
  ['check', '/admin/report-check', '年报检查'],
  ['audit', '/admin/audit', '审计日志'],
  ['password', '/admin/password', '修改密码'],
];

export function page(o: PageOpts): string {
  const v = o.viewer;
  const nav = v
    ? html`<nav class="main" aria-label="管理导航">
        <ul>
          ${ADMIN_NAV.filter(
            ([key]) =>
              (key !== 'audit' || roleMayAudit(v.role)) &&
              (!v.mustChangePassword || key === 'password'),
          ).map(
            ([key, href, label]) =>
              html`<li>
                <a href="${href}" ${o.section === key ? html`aria-current="page"` : ''}>${label}</a>
              </li>`,
          )}
        </ul>
      </nav>`
    : html`<nav class="main" aria-label="网站导航">
        <ul>
          <li>
            <a href="/" ${o.section === 'portal' ? html`aria-current="page"` : ''}>政府信息公开</a>
          </li>
          <li>
            <a href="/report-check" ${o.section === 'check' ? html`aria-current="page"` : ''}
              >年报检查</a
            >
          </li>
          <li>
            <a href="/login" ${o.section === 'login' ? html`aria-current="page"` : ''}
              >工作人员登录</a
            >
          </li>
        </ul>
      </nav>`;
  const who = v
    ? html`<div class="who">
        ${v.displayName}（${ROLE_LABELS[v.role]}）
        <form method="post" action="/logout">
          <input type="hidden" name="_csrf" value="${v.csrfToken}" /><button type="submit">
            退出
          </button>
        </form>
      </div>`
    : '';
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} - ${o.siteName ?? '政府信息公开平台'}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip" href="#content">跳到主要内容</a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="${v ? '/admin' : '/'}">${o.siteName ?? '政府信息公开平台'}</a>
            ${who}
          </div>
        </header>
        ${nav}
        <main id="content" tabindex="-1">${o.body}</main>
        <footer class="site">
          <p>政府信息公开平台 · 依据《中华人民共和国政府信息公开条例》</p>
        </footer>
      </body>
    </html>`.value;
}
