/**
 * The report's workflow in the admin area: its status, version and history beside the report,
 * and the forms that submit, return, accept, publish or correct it (app/report-workflow.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../../app/deps.ts';
import { actOnReport, type ReportState } from '../../../app/report-workflow.ts';
import { formatChinaTime } from '../../../domain/china-time.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import type { ReportPublication } from '../../../domain/report/model.ts';
import {
  ACTION_LABELS,
  COMMENT_MAX,
  REPORT_ACTIONS,
  STATUS_LABELS,
  TRANSITIONS,
  type ReportAction,
} from '../../../domain/report/workflow.ts';
import { csrfField } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { idParam } from './common.ts';
import { reportPage, yearOf } from './reports.ts';

const COMMENT_LABEL: Record<ReportAction, string> = {
  submit: '报送说明（可选）',
  return: '退回意见（必填）',
  accept: '审核意见（可选）',
  publish: '',
  correct: '更正说明（必填，将与更正后的报告一起公布）',
};

function actionForm(req: FastifyRequest, state: ReportState, action: ReportAction, n: number) {
  const t = TRANSITIONS[action];
  const id = `c-${action}-${n}`;
  return html`<form
    class="stack workflow-action"
    method="post"
    action="/admin/reports/${state.agencyId}/workflow?year=${state.year}"
  >
    ${csrfField(req.session!.csrfToken)}
    <input type="hidden" name="action" value="${action}" />
    ${
      t.comment === 'none'
        ? ''
        : html`<div class="field">
            <label for="${id}">${COMMENT_LABEL[action]}</label>
            <textarea
              id="${id}"
              name="comment"
              rows="3"
              maxlength="${COMMENT_MAX}"
              ${t.comment === 'required' ? 'required' : ''}
            ></textarea>
          </div>`
    }
    <div class="actions">
      <button type="submit" class="${action === 'return' ? 'secondary' : ''}">
        ${ACTION_LABELS[action]}
      </button>
    </div>
  </form>`;
}

/** Status, deadline, history and the actions open to the viewer. */
export function workflowPanel(
  req: FastifyRequest,
  state: ReportState,
  publication: ReportPublication | undefined,
  error?: string,
): SafeHtml {
  const current = state.versions[0];
  const published = state.versions.find((v) => v.publishedAt);
  return html`<section class="workflow" aria-labelledby="wf-h">
    <h2 id="wf-h">报送与发布</h2>
    ${error ? html`<div class="alert" role="alert">${error}</div>` : ''}
    <dl class="facts">
      <dt>状态</dt>
      <dd><strong>${STATUS_LABELS[state.status]}</strong>（第${state.version}版）</dd>
      ${
        current?.revisionNote
          ? html`<dt>更正说明</dt>
              <dd>${current.revisionNote}</dd>`
          : ''
      }
      <dt>报送至</dt>
      <dd>${state.supervisor ? state.supervisor.name : '无上级政务公开办，审核后直接发布'}</dd>
      ${
        publication
          ? html`<dt>发布期限</dt>
              <dd>${publication.deadline}前 <span class="meta">${publication.basis}</span></dd>`
          : ''
      }
      ${
        published?.publishedAt
          ? html`<dt>发布时间</dt>
              <dd>${formatChinaTime(published.publishedAt)}</dd>`
          : ''
      }
    </dl>
    ${
      state.actions.length
        ? state.actions.map((a, i) => actionForm(req, state, a, i))
        : html`<p class="meta">当前状态下您没有可执行的操作。</p>`
    }
    ${
      state.events.length
        ? html`<table>
            <caption>
              办理记录
            </caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">版本</th>
                <th scope="col">操作</th>
                <th scope="col">操作人</th>
                <th scope="col">意见或说明</th>
              </tr>
            </thead>
            <tbody>
              ${state.events.map(
                (e) =>
                  html`<tr>
                    <td>${formatChinaTime(e.at)}</td>
                    <td class="num">${e.version}</td>
                    <td>${ACTION_LABELS[e.action] ?? e.action}</td>
                    <td>${e.actorName}</td>
                    <td>${e.comment}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
  </section>`;
}

export function reportWorkflowRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/admin/reports/:id/workflow', { preHandler: requireUser }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = idParam(req);
    const year = yearOf(req, deps);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = REPORT_ACTIONS.find((a) => a === body.action);
    if (!action) throw notFound('没有该操作。');
    const comment = typeof body.comment === 'string' ? body.comment : '';
    try {
      await actOnReport(deps, ctx, id, year, action, comment);
    } catch (err) {
      // show the refusal on the report page itself, with the way forward
      if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'conflict')) {
        const status = err.kind === 'invalid' ? 400 : 409;
        return reportPage(req, reply, deps, undefined, { message: err.message, status });
      }
      throw err;
    }
    return reply.redirect(`/admin/reports/${id}?year=${year}&done=${action}`, 303);
  });
}
