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
import { listRecords } from '../../../app/list-records.ts';
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
import { FIRST_YEAR, listPage } from './record-list.ts';
import {
  applicantText,
  applicationForm,
  decisionForm,
  docKindText,
  documentForm,
  repealForm,
  resultForm,
  reviewForm,
  reviewKindText,
  type FormPage,
} from './record-views.ts';

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
        ['发布日期', d.published_on ?? '未公开'],
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
