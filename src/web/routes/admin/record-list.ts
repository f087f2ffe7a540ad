/** The 记录 list: a year's applications (paginated), review cases and documents of an agency. */
import { PAGE_SIZE, type listRecords } from '../../../app/list-records.ts';
import { html, type SafeHtml } from '../../html.ts';
import {
  APPLICATION_COLUMNS,
  DOCUMENT_COLUMNS,
  recordTable,
  REVIEW_COLUMNS,
  type Column,
} from '../../views/record-tables.ts';

export const FIRST_YEAR = 2019;

const SAVED: Record<string, string> = {
  application: '已登记申请。',
  decision: '已登记办理结果。',
  review: '已登记复议、诉讼案件。',
  result: '已登记结果。',
  document: '已登记文件。',
  repeal: '已登记废止。',
};

export function listPage(
  id: number,
  year: number,
  page: number,
  data: Awaited<ReturnType<typeof listRecords>>,
  current: number,
  saved: string | undefined,
): SafeHtml {
  const { applications, reviews, documents, lock, mayWrite } = data;
  const pages = Math.max(1, Math.ceil(applications.total / PAGE_SIZE));
  const base = `/admin/records/${id}`;
  const years = Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
  const act = (href: string, text: string) => html`<a href="${href}">${text}</a>`;
  /** the record's columns, and 操作 for a user who may record */
  const withAction = <R>(
    columns: readonly Column<NoInfer<R>>[],
    action: (r: R) => SafeHtml | string,
  ): readonly Column<R>[] => (mayWrite ? [...columns, { header: '操作', cell: action }] : columns);
  return html`<h1>${data.agency.name}：${year}年的记录</h1>
    <nav aria-label="选择年度">
      <p>
        年度：${years.map((y) => (y === year ? html`<strong aria-current="page">${y}</strong> ` : html`<a href="${base}?year=${y}">${y}</a> `))}
      </p>
    </nav>
    ${saved && SAVED[saved] ? html`<div class="notice" role="status">${SAVED[saved]}</div>` : ''}
    ${lock ? html`<div class="notice" role="status">${year}年度报告${lock.status === 'published' ? '已发布' : lock.status === 'submitted' ? '已报送审核' : '已审核通过'}（第${lock.version}版），会改变该年度报告的登记和修改将被拒绝。如需更正，请在“年度报告”页面发起更正。</div>` : ''}
    <p class="meta">
      年度报告表三、表四和表二第二十条第（一）项由这些记录自动计算。批量导入 CSV 或 Excel
      表格请使用命令
      <code>gongkai import</code>（见说明文档“导入记录”）。
    </p>
    ${mayWrite ? html`<div class="actions"><a class="button" href="${base}/applications/new">登记申请</a><a class="button secondary" href="${base}/reviews/new">登记复议、诉讼案件</a><a class="button secondary" href="${base}/documents/new">登记规章、规范性文件</a></div>` : ''}
    <h2>政府信息公开申请</h2>
    ${recordTable(
      `计入${year}年度报告的申请（本年收到或上年结转，共 ${applications.total} 件）`,
      withAction(APPLICATION_COLUMNS, (a: (typeof applications.rows)[number]) =>
        a.decided_on === null ? act(`${base}/applications/${a.id}/decision`, '登记办理结果') : '',
      ),
      applications.rows,
    )}
    ${
      pages > 1
        ? html`<nav aria-label="申请分页">
            <p>
              第 ${page} / ${pages} 页
              ${page > 1 ? html`<a href="${base}?year=${year}&page=${page - 1}">上一页</a>` : ''}
              ${page < pages ? html`<a href="${base}?year=${year}&page=${page + 1}">下一页</a>` : ''}
            </p>
          </nav>`
        : ''
    }
    <h2>行政复议、行政诉讼</h2>
    ${recordTable(
      `${year}年收到的案件（${reviews.length} 件）`,
      withAction(REVIEW_COLUMNS, (c: (typeof reviews)[number]) =>
        c.concluded_on === null ? act(`${base}/reviews/${c.id}/result`, '登记结果') : '',
      ),
      reviews,
    )}
    <h2>规章和规范性文件</h2>
    ${recordTable(
      `${year}年底前制发、当年仍有效或当年废止的文件（${documents.length} 件）`,
      withAction(DOCUMENT_COLUMNS, (d: (typeof documents)[number]) =>
        d.repealed_on === null ? act(`${base}/documents/${d.id}/repeal`, '登记废止') : '',
      ),
      documents,
    )}`;
}
