/**
 * Editing a year's report: the narrative (一、五、六) and the yearly figures owned by other
 * systems, with the validation findings of the report as it stands shown above the form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkAnnualReport, previewAnnualReport } from '../../../app/check-annual-report.ts';
import type { Deps } from '../../../app/deps.ts';
import { parseInput } from '../../../app/input.ts';
import { assertMayWriteRecords } from '../../../app/record-access.ts';
import { figuresFromForm, REPORT_LABELS, reportEditSchema } from '../../../app/report-input.ts';
import { saveReportEdits } from '../../../app/save-report-edits.ts';
import { lockedYears, lockMessage } from '../../../app/report-lock.ts';
import { DomainError } from '../../../domain/errors.ts';
import { FIGURES, figureKeys } from '../../../domain/report/table2-sources.ts';
import { latestFigureSource, yearlyFigures } from '../../../store/report-records.ts';
import {
  csrfField,
  errorSummary,
  field,
  formValues,
  textarea,
  type FormState,
} from '../../form.ts';
import { html } from '../../html.ts';
import { ctxOf, requireUser } from '../../session.ts';
import { idParam, sendPage } from './common.ts';
import { findingCards, yearOf } from './reports.ts';

export function reportEditRoutes(app: FastifyInstance, deps: Deps): void {
  const guard = { preHandler: requireUser };

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: FormState | null,
    status = 200,
  ) => {
    const ctx = ctxOf(req);
    const id = idParam(req);
    const year = yearOf(req, deps);
    await assertMayWriteRecords(deps.store.db, ctx, id);
    const { report, findings } = await checkAnnualReport(deps, ctx, id, year);
    const keys = figureKeys(report.format);
    const current = await yearlyFigures(deps.store.db, id, year);
    const values = state?.values ?? {
      ...report.narrative,
      ...Object.fromEntries(keys.map((k) => [k, current[k] ?? ''])),
      source: await latestFigureSource(deps.store.db, id, year),
    };
    const form: FormState = { values, issues: state?.issues ?? [] };
    const lock = (await lockedYears(deps.store.db, id)).get(year);
    if (lock) {
      return sendPage(
        req,
        reply,
        {
          title: `编辑：${report.agency.name}${year}年度报告`,
          section: 'reports',
          body: html`<h1>编辑${report.agency.name}${year}年度报告</h1>
            <div class="alert" role="alert">${lockMessage(lock, '修改报告正文或统计数据')}</div>
            <p><a href="/admin/reports/${id}?year=${year}">返回年度报告</a></p>`,
        },
        status,
      );
    }
    const saved = (req.query as { saved?: string }).saved;
    return sendPage(
      req,
      reply,
      {
        title: `编辑：${report.agency.name}${year}年度报告`,
        section: 'reports',
        body: html`<h1>编辑${report.agency.name}${year}年度报告</h1>
          ${saved ? html`<div class="notice" role="status">已保存。下面是按最新数据重新校验的结果。</div>` : ''}
          <p><a href="/admin/reports/${id}?year=${year}">查看生成的报告</a></p>
          <div class="edit-grid">
            <div>
              ${errorSummary(form)}
              <form
                class="stack"
                method="post"
                action="/admin/reports/${id}/edit?year=${year}"
                data-live-check="/admin/reports/${id}/check?year=${year}"
                novalidate
              >
                ${csrfField(req.session!.csrfToken)}
                <h2>文字部分</h2>
                ${textarea(form, 'overview', '一、总体情况', { rows: 12, maxlength: 20000, hint: '分主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面综述（国办公开办函〔2021〕30号）。' })}
                ${textarea(form, 'problems', '五、存在的主要问题及改进情况', { rows: 6, maxlength: 20000 })}
                ${textarea(form, 'other', '六、其他需要报告的事项', { rows: 4, maxlength: 20000, hint: '含信息处理费收取情况等。' })}
                <h2>年度统计数据（表二）</h2>
                <p class="meta">
                  申请、复议诉讼和规范性文件的数字由系统记录自动计算；下列数字来自其他业务系统，请如实填写，无数据填“0”，留空表示未录入。
                </p>
                ${keys.map((k) => {
                  const def = FIGURES.find((f) => f.key === k)!;
                  return field(form, k, `${def.label}${def.unit ? `（${def.unit}）` : ''}`, {
                    maxlength: 24,
                  });
                })}
                ${field(form, 'source', '统计数据来源', { maxlength: 200, hint: '例如：区政务服务数据管理局年度统计表' })}
                <div class="actions"><button type="submit">保存并重新校验</button></div>
              </form>
            </div>
            <aside class="live-findings" aria-labelledby="lf-h">
              <h2 id="lf-h">校验结果</h2>
              <p class="meta">随输入自动重新校验（未保存）。</p>
              <div id="live-findings" aria-live="polite">${findingCards(findings)}</div>
            </aside>
          </div>
          <script src="/assets/report-edit.js" defer></script>`,
      },
      status,
    );
  };

  app.get('/admin/reports/:id/edit', guard, async (req, reply) => render(req, reply, null));

  // the live check: the findings the report would have with the form as typed (nothing saved)
  app.post('/admin/reports/:id/check', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = idParam(req);
    const year = yearOf(req, deps);
    const body = formValues(req.body);
    const text = (k: string) => (body[k] ?? '').slice(0, 20000);
    const format = year <= 2020 ? '2019' : '2021';
    const findings = await previewAnnualReport(deps, ctx, id, year, {
      narrative: { overview: text('overview'), problems: text('problems'), other: text('other') },
      figures: figuresFromForm(req.body, figureKeys(format)),
    });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(findingCards(findings).value);
  });

  app.post('/admin/reports/:id/edit', guard, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = idParam(req);
    const year = yearOf(req, deps);
    try {
      const input = parseInput(reportEditSchema, REPORT_LABELS, req.body);
      const format = year <= 2020 ? '2019' : '2021';
      const figures = figuresFromForm(req.body, figureKeys(format));
      await saveReportEdits(
        deps,
        ctx,
        id,
        year,
        { overview: input.overview, problems: input.problems, other: input.other },
        figures,
        input.source,
      );
      return reply.redirect(`/admin/reports/${id}/edit?year=${year}&saved=1`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'conflict') {
        return render(req, reply, { values: formValues(req.body), issues: [] }, 409);
      }
      if (err instanceof DomainError && err.kind === 'invalid') {
        return render(req, reply, { values: formValues(req.body), issues: err.issues }, 400);
      }
      throw err;
    }
  });
}
