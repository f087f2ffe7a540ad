/**
 * 记录: an agency's applications, review cases and documents for a year, and the quick forms
 * that record them — add an application and later its decision, add a review case and later
 * its result, add a document and later its repeal. Officers write; other roles read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addRecord } from '../../../app/add-record.ts';
import { concludeReviewCase } from '../../../app/conclude-review-case.ts';
import { decideApplication } from '../../../app/decide-application.ts';
import type { Deps } from '../../../app/deps.ts';
import { listVisibleAgencies } from '../../../app/get-agency.ts';
import { listRecords, PAGE_SIZE } from '../../../app/list-records.ts';
import { assertMayWriteRecords } from '../../../app/record-access.ts';
import { repealDocument } from '../../../app/repeal-document.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { chinaDate } from '../../../domain/records/values.ts';
import type { RecordKind } from '../../../domain/records/records.ts';
import { findApplication, findDocument, findReviewCase } from '../../../store/record-queries.ts';
import { formValues, type FormState } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { idParam, sendPage } from './common.ts';
import {
  applicantText,
  applicationForm,
  decisionForm,
  docKindText,
  documentForm,
  outcomeText,
  repealForm,
  resultForm,
  resultText,
  reviewForm,
  reviewKindText,
  type FormPage,
} from './record-views.ts';

const FIRST_YEAR = 2019;

function yearOf(req: FastifyRequest, deps: Deps): number {
  const raw = (req.query as { year?: string }).year;
  const current = Number(chinaDate(deps.now()).slice(0, 4));
  if (raw === undefined || raw === '') return current;
  if (!/^20[0-9]{2}$/.test(raw) || Number(raw) < FIRST_YEAR || Number(raw) > current)
    throw notFound('没有该年度的记录。');
  return Number(raw);
}

function pageOf(req: FastifyRequest): number {
  const raw = (req.query as { page?: string }).page;
  if (raw === undefined || raw === '') return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) throw notFound();
  return Number(raw);
}

function recordIdParam(req: FastifyRequest): number {
  const raw = (req.params as { recordId?: string }).recordId ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

const SAVED: Record<string, string> = {
  application: '已登记申请。',
  decision: '已登记办理结果。',
  review: '已登记复议、诉讼案件。',
  result: '已登记结果。',
  document: '已登记文件。',
  repeal: '已登记废止。',
};

function listPage(
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
  const act = (href: string, text: string) => (mayWrite ? html`<a href="${href}">${text}</a>` : '');
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
    <table>
      <caption>
        计入${year}年度报告的申请（本年收到或上年结转，共 ${applications.total} 件）
      </caption>
      <thead>
        <tr>
          <th scope="col">申请编号</th>
          <th scope="col">申请人类型</th>
          <th scope="col">收到申请日期</th>
          <th scope="col">办理结果</th>
          <th scope="col">答复日期</th>
          ${mayWrite ? html`<th scope="col">操作</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${applications.rows.map(
          (a) =>
            html`<tr>
              <th scope="row">${a.case_number}</th>
              <td>${applicantText(a.applicant_type)}</td>
              <td>${a.received_on}</td>
              <td>${outcomeText(a.outcome, a.decided_on)}</td>
              <td>${a.decided_on ?? ''}</td>
              ${mayWrite ? html`<td>${a.decided_on === null ? act(`${base}/applications/${a.id}/decision`, '登记办理结果') : ''}</td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>
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
    <table>
      <caption>
        ${year}年收到的案件（${reviews.length} 件）
      </caption>
      <thead>
        <tr>
          <th scope="col">案号</th>
          <th scope="col">类型</th>
          <th scope="col">收到日期</th>
          <th scope="col">结果</th>
          <th scope="col">审结日期</th>
          ${mayWrite ? html`<th scope="col">操作</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${reviews.map(
          (c) =>
            html`<tr>
              <th scope="row">${c.case_number}</th>
              <td>${reviewKindText(c.kind)}</td>
              <td>${c.filed_on}</td>
              <td>${resultText(c.result)}</td>
              <td>${c.concluded_on ?? ''}</td>
              ${mayWrite ? html`<td>${c.concluded_on === null ? act(`${base}/reviews/${c.id}/result`, '登记结果') : ''}</td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>规章和规范性文件</h2>
    <table>
      <caption>
        ${year}年底前制发、当年仍有效或当年废止的文件（${documents.length} 件）
      </caption>
      <thead>
        <tr>
          <th scope="col">文号</th>
          <th scope="col">标题</th>
          <th scope="col">类别</th>
          <th scope="col">成文日期</th>
          <th scope="col">公开日期</th>
          <th scope="col">废止日期</th>
          ${mayWrite ? html`<th scope="col">操作</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${documents.map(
          (d) =>
            html`<tr>
              <th scope="row">${d.document_number}</th>
              <td>${d.title}</td>
              <td>${docKindText(d.kind)}</td>
              <td>${d.written_on}</td>
              <td>${d.published_on ?? ''}</td>
              <td>${d.repealed_on ?? ''}</td>
              ${mayWrite ? html`<td>${d.repealed_on === null ? act(`${base}/documents/${d.id}/repeal`, '登记废止') : ''}</td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** One form: GET shows it, POST runs the change and goes back to the list, or shows it again. */
interface FormRoute {
  path: string;
  title: string;
  /** the facts shown above the form, and whether the record is found (404 otherwise) */
  intro: (deps: Deps, id: number, recordId: number | null) => Promise<SafeHtml | ''>;
  render: (p: FormPage) => SafeHtml;
  initial: (deps: Deps) => Record<string, string>;
  save: (
    deps: Deps,
    req: FastifyRequest,
    id: number,
    recordId: number | null,
    v: Record<string, string>,
  ) => Promise<void>;
  saved: string;
  /** the year of the list to go back to after saving */
  yearOf: (v: Record<string, string>) => string | undefined;
}

/** The year of a saved date, for the list to show it (years before 2019 have no list). */
const yearIn = (d: string | undefined) =>
  d && /^20\d{2}-/.test(d) && d >= `${FIRST_YEAR}` ? d.slice(0, 4) : undefined;

const facts = (rows: [string, string][]) =>
  html`<dl class="facts">
    ${rows.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v}</dd>`,
    )}
  </dl>`;

const notFoundIfMissing = <T>(v: T | undefined): T => {
  if (v === undefined) throw notFound();
  return v;
};

function addRoute(
  kind: RecordKind,
  path: string,
  title: string,
  render: FormRoute['render'],
  dateField: string,
  saved: string,
): FormRoute {
  return {
    path,
    title,
    intro: async () => '',
    render,
    initial: (): Record<string, string> => (kind === 'reviews' ? { result: 'pending' } : {}),
    save: (deps, req, id, _r, v) => addRecord(deps, ctxOf(req), id, kind, v),
    saved,
    yearOf: (v) => yearIn(v[dateField]),
  };
}

const ROUTES: FormRoute[] = [
  addRoute(
    'applications',
    'applications/new',
    '登记政府信息公开申请',
    applicationForm,
    'receivedOn',
    'application',
  ),
  addRoute('reviews', 'reviews/new', '登记行政复议、行政诉讼案件', reviewForm, 'filedOn', 'review'),
  addRoute(
    'documents',
    'documents/new',
    '登记规章、规范性文件',
    documentForm,
    'writtenOn',
    'document',
  ),
  {
    path: 'applications/:recordId/decision',
    title: '登记申请的办理结果',
    intro: async (deps, id, rid) => {
      const a = notFoundIfMissing(await findApplication(deps.store.db, id, rid as number));
      return facts([
        ['申请编号', a.case_number],
        ['申请人类型', applicantText(a.applicant_type)],
        ['收到申请日期', a.received_on],
      ]);
    },
    render: decisionForm,
    initial: () => ({}),
    save: (deps, req, id, rid, v) =>
      decideApplication(deps, ctxOf(req), id, rid as number, {
        outcome: v.outcome ?? '',
        decidedOn: v.decidedOn ?? '',
      }),
    saved: 'decision',
    yearOf: (v) => yearIn(v.decidedOn),
  },
  {
    path: 'reviews/:recordId/result',
    title: '登记复议、诉讼结果',
    intro: async (deps, id, rid) => {
      const c = notFoundIfMissing(await findReviewCase(deps.store.db, id, rid as number));
      return facts([
        ['案号', c.case_number],
        ['类型', reviewKindText(c.kind)],
        ['收到日期', c.filed_on],
      ]);
    },
    render: resultForm,
    initial: () => ({}),
    save: (deps, req, id, rid, v) =>
      concludeReviewCase(deps, ctxOf(req), id, rid as number, {
        result: v.result ?? '',
        concludedOn: v.concludedOn ?? '',
      }),
    saved: 'result',
    yearOf: () => undefined,
  },
  {
    path: 'documents/:recordId/repeal',
    title: '登记文件废止',
    intro: async (deps, id, rid) => {
      const d = notFoundIfMissing(await findDocument(deps.store.db, id, rid as number));
      return facts([
        ['文号', d.document_number],
        ['标题', d.title],
        ['类别', docKindText(d.kind)],
        ['公开日期', d.published_on ?? '未公开'],
      ]);
    },
    render: repealForm,
    initial: () => ({}),
    save: (deps, req, id, rid, v) =>
      repealDocument(deps, ctxOf(req), id, rid as number, { repealedOn: v.repealedOn ?? '' }),
    saved: 'repeal',
    yearOf: (v) => yearIn(v.repealedOn),
  },
];

export function recordRoutes(app: FastifyInstance, deps: Deps): void {
  const guard = { preHandler: requireUser };

  app.get('/admin/records', guard, async (req, reply) => {
    const agencies = await listVisibleAgencies(deps, ctxOf(req));
    return sendPage(req, reply, {
      title: '记录',
      section: 'records',
      body: html`<h1>申请、复议诉讼和规范性文件记录</h1>
        <p>年度报告由各机关登记的记录自动计算。请选择机关：</p>
        <ul>
          ${agencies.map((a) => html`<li><a href="/admin/records/${a.id}">${a.name}</a></li>`)}
        </ul>`,
    });
  });

  app.get('/admin/records/:id', guard, async (req, reply) => {
    const id = idParam(req);
    const year = yearOf(req, deps);
    const page = pageOf(req);
    const data = await listRecords(deps, ctxOf(req), id, year, page);
    const current = Number(chinaDate(deps.now()).slice(0, 4));
    const saved = (req.query as { saved?: string }).saved;
    return sendPage(req, reply, {
      title: `${data.agency.name}的记录`,
      section: 'records',
      body: listPage(id, year, page, data, current, saved),
    });
  });

  for (const r of ROUTES) {
    const url = `/admin/records/:id/${r.path}`;
    const show = async (
      req: FastifyRequest,
      reply: FastifyReply,
      form: FormState,
      status = 200,
      refused?: string,
    ) => {
      const id = idParam(req);
      const recordId = r.path.includes(':recordId') ? recordIdParam(req) : null;
      const ctx = ctxOf(req);
      await assertMayWriteRecords(deps.store.db, ctx, id);
      const intro = await r.intro(deps, id, recordId);
      const action = req.url.split('?')[0] as string;
      return sendPage(
        req,
        reply,
        {
          title: r.title,
          section: 'records',
          body: html`<h1>${r.title}</h1>
            ${intro}
            ${r.render({ action, csrf: req.session!.csrfToken, form, refused, back: `/admin/records/${id}` })}`,
        },
        status,
      );
    };

    app.get(url, guard, async (req, reply) =>
      show(req, reply, { values: r.initial(deps), issues: [] }),
    );

    app.post(url, guard, async (req, reply) => {
      const id = idParam(req);
      const recordId = r.path.includes(':recordId') ? recordIdParam(req) : null;
      await assertMayWriteRecords(deps.store.db, ctxOf(req), id);
      const values = formValues(req.body);
      try {
        await r.save(deps, req, id, recordId, values);
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'invalid')
          return show(req, reply, { values, issues: err.issues }, 400);
        if (err instanceof DomainError && err.kind === 'conflict')
          return show(req, reply, { values, issues: [] }, 409, err.message);
        throw err;
      }
      const y = r.yearOf(values);
      return reply.redirect(`/admin/records/${id}?${y ? `year=${y}&` : ''}saved=${r.saved}`, 303);
    });
  }
}
