/** The 记录 pages' tables and forms: what an officer sees and fills in, in Chinese. */
import type { FormState } from '../../form.ts';
import { errorSummary, field, select, csrfField } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import {
  APPLICANT_TYPES,
  OUTCOMES,
  outcomeByCode,
  REVIEW_KINDS,
  REVIEW_RESULTS,
} from '../../../domain/report/outcomes.ts';
import { OTHER_2019 } from '../../../domain/records/values.ts';

type Options = readonly (readonly [string, string])[];

export const APPLICANT_OPTIONS: Options = [
  ['', '请选择'],
  ...APPLICANT_TYPES.map((a) => [a.code, a.column] as const),
];
export const OUTCOME_OPTIONS: Options = [
  ...OUTCOMES.map((o) => [o.code, `${o.row} ${o.label}`] as const),
  [OTHER_2019, '三（六） 其他处理（2019、2020年作出的答复）'],
];
export const KIND_OPTIONS: Options = [
  ['', '请选择'],
  ...REVIEW_KINDS.map((k) => [k.code, k.label] as const),
];
export const RESULT_OPTIONS: Options = REVIEW_RESULTS.map((r) => [r.code, r.column] as const);
export const DOC_KIND_OPTIONS: Options = [
  ['', '请选择'],
  ['rules', '规章'],
  ['normative', '行政规范性文件'],
];

const label = (options: Options, code: string | null) =>
  code === null ? '' : (options.find(([c]) => c === code)?.[1] ?? code);

/** An outcome as its table-三 row; `other.other` decided in 2019–2020 is the single 其他处理 row. */
export function outcomeText(code: string | null, decidedOn: string | null): string {
  if (code === null) return '尚未答复';
  if (code.startsWith('other.') && decidedOn !== null && decidedOn < '2021-01-01')
    return '其他处理';
  return outcomeByCode(code)?.label ?? code;
}
export const applicantText = (code: string) => label(APPLICANT_OPTIONS, code);
export const reviewKindText = (code: string) => label(KIND_OPTIONS, code);
export const resultText = (code: string) => label(RESULT_OPTIONS, code);
export const docKindText = (code: string) => label(DOC_KIND_OPTIONS, code);

const DATE_HINT = '在日历中选择，或填写如 2021-03-05。';

export interface FormPage {
  action: string;
  csrf: string;
  form: FormState;
  /** the message of a refused change (a locked year), shown above the form */
  refused?: string;
  back: string;
}

function formFrame(p: FormPage, submit: string, fields: SafeHtml[]): SafeHtml {
  return html`${p.refused ? errorSummary({ values: {}, issues: [] }, p.refused) : errorSummary(p.form)}
    <form class="stack" method="post" action="${p.action}" novalidate>
      ${csrfField(p.csrf)} ${fields}
      <div class="actions">
        <button type="submit">${submit}</button>
        <a href="${p.back}">返回记录列表</a>
      </div>
    </form>`;
}

export function applicationForm(p: FormPage): SafeHtml {
  const f = p.form;
  return formFrame(p, '登记申请', [
    field(f, 'caseNumber', '申请编号', {
      required: true,
      maxlength: 64,
      hint: '本机关的收件编号，如 意府申〔2021〕1号。',
    }),
    select(f, 'applicantType', '申请人类型', APPLICANT_OPTIONS, { required: true }),
    field(f, 'receivedOn', '收到申请日期', { type: 'date', required: true, hint: DATE_HINT }),
    select(f, 'outcome', '办理结果', [['', '尚未答复'], ...OUTCOME_OPTIONS], {
      hint: '已答复的申请选择年度报告表三的行；尚未答复的留空，答复后再登记。',
    }),
    field(f, 'decidedOn', '答复日期', { type: 'date', hint: '已答复的必填。' }),
  ]);
}

export function decisionForm(p: FormPage): SafeHtml {
  const f = p.form;
  return formFrame(p, '登记办理结果', [
    select(f, 'outcome', '办理结果', [['', '请选择'], ...OUTCOME_OPTIONS], {
      required: true,
      hint: '2021年起作出的答复，其他处理须选具体情形（三（六）1—3）；2019、2020年的选“其他处理”。',
    }),
    field(f, 'decidedOn', '答复日期', { type: 'date', required: true, hint: DATE_HINT }),
  ]);
}

export function reviewForm(p: FormPage): SafeHtml {
  const f = p.form;
  return formFrame(p, '登记案件', [
    field(f, 'caseNumber', '案号', {
      required: true,
      maxlength: 64,
      hint: '复议决定书或法院立案的案号。',
    }),
    select(f, 'kind', '类型', KIND_OPTIONS, { required: true }),
    field(f, 'filedOn', '收到日期', {
      type: 'date',
      required: true,
      hint: '收到复议申请或应诉通知的日期。',
    }),
    select(f, 'result', '结果', RESULT_OPTIONS),
    field(f, 'concludedOn', '审结日期', { type: 'date', hint: '已审结的必填。' }),
  ]);
}

export function resultForm(p: FormPage): SafeHtml {
  const f = p.form;
  return formFrame(p, '登记结果', [
    select(
      f,
      'result',
      '结果',
      [['', '请选择'], ...RESULT_OPTIONS.filter(([c]) => c !== 'pending')],
      {
        required: true,
      },
    ),
    field(f, 'concludedOn', '审结日期', { type: 'date', required: true, hint: DATE_HINT }),
  ]);
}

export function documentForm(p: FormPage): SafeHtml {
  const f = p.form;
  return formFrame(p, '登记文件', [
    field(f, 'documentNumber', '文号', {
      required: true,
      maxlength: 100,
      hint: '如 意府〔2021〕3号。',
    }),
    field(f, 'title', '标题', { required: true, maxlength: 500 }),
    select(f, 'kind', '类别', DOC_KIND_OPTIONS, { required: true }),
    field(f, 'writtenOn', '成文日期', { type: 'date', required: true, hint: DATE_HINT }),
    field(f, 'publishedOn', '发布日期', {
      type: 'date',
      hint: '已公开的填写；计入“本年制发件数”和“现行有效件数”。',
    }),
    field(f, 'repealedOn', '废止日期', { type: 'date', hint: '尚未废止的留空。' }),
  ]);
}

export function repealForm(p: FormPage): SafeHtml {
  return formFrame(p, '登记废止', [
    field(p.form, 'repealedOn', '废止日期', { type: 'date', required: true, hint: DATE_HINT }),
  ]);
}
