/**
 * Editing a year's report: the narrative (一、五、六) and the yearly figures owned by other
 * systems, with the validation findings of the report as it stands shown above the form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkAnnualReport } from '../../../app/check-annual-report.ts';
import type { Deps } from '../../../app/deps.ts';
import { parseInput } from '../../../app/input.ts';
import { assertMayWriteRecords } from '../../../app/record-access.ts';
import { figuresFromForm, REPORT_LABELS, reportEditSchema } from '../../../app/report-input.ts';
import { saveReportEdits } from '../../../app/save-report-edits.ts';
import { DomainError } from '../../../domain/errors.ts';
import { FIGURES, figureKeys } from '../../../domain/report/table2-sources.ts';
import { yearlyFigures } from '../../../store/report-records.ts';
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
import { findingsList, yearOf } from './reports.ts';

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
    };
    const form: FormState = { values, issues: state?.issues ?? [] };
    const saved = (req.query as { saved?: string }).saved;
    return sendPage(
      req,
      reply,
      {
        title: `编辑：${report.agency.name}${year}年度报告`,
        section: 'reports',
        body: html`<h1>编辑${report.agency.name}${year}年度报告</h1>
          ${saved ? html`<div class="notice" role="status">已保存。下面是按最新数据重新校验的结果。</div>` : ''}
          <h2>校验结果</h2>
          ${findingsList(findings)}
          <p><a href="/admin/reports/${id}?year=${year}">查看生成的报告</a></p>
          ${errorSummary(form)}
          <form
            class="stack"
            method="post"
            action="/admin/reports/${id}/edit?year=${year}"
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
          </form>`,
      },
      status,
    );
  };

  app.get('/admin/reports/:id/edit', guard, async (req, reply) => render(req, reply, null));

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
      if (err instanceof DomainError && err.kind === 'invalid') {
        return render(req, reply, { values: formValues(req.body), issues: err.issues }, 400);
      }
      throw err;
    }
  });
}
