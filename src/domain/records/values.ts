/**
 * Reading the values of a record as people type them in a spreadsheet or a form: dates in the
 * usual Chinese ways, applicant types, outcomes, review kinds and results, document kinds by
 * their Chinese labels (full-width and half-width forms alike). Pure: no clock, no I/O.
 */
import {
  APPLICANT_TYPES,
  OUTCOMES,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type ApplicantType,
  type ReviewKind,
  type ReviewResult,
} from '../report/outcomes.ts';
import type { DocumentKind } from '../report/table2-sources.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/**
 * A key for comparing labels: NFKC (full-width letters, digits and brackets become half-width),
 * no whitespace, Chinese and straight quotes alike, 、．and ． read as a full stop.
 */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[“”「」『』"]/g, '"')
    .replace(/[、．。]/g, '.')
    .replace(/：/g, ':');
}

// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** A one-line text such as a case number or a title: trimmed, bounded, no control characters. */
export function parseText(raw: string, max: number, required: boolean): Parsed<string> {
  const v = raw.trim();
  if (v === '') return required ? bad('不能为空。') : ok('');
  if (v.length > max) return bad(`不能超过 ${max} 个字符（现为 ${v.length} 个）。`);
  if (CONTROL.test(v)) return bad('含有换行或不可见的控制字符，请删除后重新填写。');
  return ok(v);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether `YYYY-MM-DD` is a day of the calendar (2021-02-30 is not). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/**
 * A civil date: `2021-03-05`, `2021/3/5`, `2021.3.5` or `2021年3月5日` (full-width digits too).
 * '' is null; anything else that is not a real day is an error naming the accepted forms.
 */
export function parseDate(raw: string): Parsed<string | null> {
  const v = raw.normalize('NFKC').replace(/\s+/g, '');
  if (v === '') return ok(null);
  for (const re of DATE_FORMS) {
    const m = re.exec(v);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1949 || y > 2200) return bad(`“${raw.trim()}”的年份不正确。`);
    if (!isRealDate(y, mo, d)) return bad(`“${raw.trim()}”不是日历上存在的日期。`);
    return ok(`${y}-${pad(mo)}-${pad(d)}`);
  }
  return bad(`“${raw.trim()}”不是可识别的日期，请写成 2021-03-05、2021/3/5 或 2021年3月5日。`);
}

/** Looks `raw` up among labelled choices; the message lists what is accepted. */
function lookup<T>(
  raw: string,
  table: ReadonlyMap<string, T>,
  what: string,
  accepted: readonly string[],
): Parsed<T> {
  const v = table.get(normalizeLabel(raw));
  if (v !== undefined) return ok(v);
  return bad(`无法识别的${what}“${raw.trim()}”，应为：${accepted.join('、')}。`);
}

function tableOf<T>(entries: readonly (readonly [string, T])[]): Map<string, T> {
  return new Map(entries.map(([k, v]) => [normalizeLabel(k), v]));
}

const APPLICANTS = tableOf<ApplicantType>([
  ...APPLICANT_TYPES.map((a) => [a.column, a.code] as const),
  ...APPLICANT_TYPES.map((a) => [a.code, a.code] as const),
  ['其他组织', 'other_org'],
]);
export const APPLICANT_LABELS = APPLICANT_TYPES.map((a) => a.column);

export function parseApplicantType(raw: string): Parsed<ApplicantType> {
  return lookup(raw, APPLICANTS, '申请人类型', APPLICANT_LABELS);
}

/**
 * An outcome and the formats it exists in: the 2019 format has a single （六）其他处理 row (kept
 * as `other.other`), the 2021 format splits it into three sub-rows.
 */
export interface OutcomeChoice {
  code: string;
  formats: 'both' | '2019' | '2021';
}

/** The 2019 format's single 其他处理 row, as the form offers it. */
export const OTHER_2019 = '三（六）';

function outcomeEntries(): [string, OutcomeChoice][] {
  const out: [string, OutcomeChoice][] = [];
  for (const o of OUTCOMES) {
    const c: OutcomeChoice = {
      code: o.code,
      formats: o.code.startsWith('other.') ? '2021' : 'both',
    };
    const [group, item] = o.label.includes('：') ? o.label.split('：') : [null, o.label];
    const num = /(\d)$/.exec(o.row)?.[1];
    out.push([o.code, c], [o.row, c], [o.label, c], [item as string, c]);
    if (num) out.push([`${o.row.slice(1, 4)}${num}`, c], [`${num}.${item}`, c]);
    if (group && num) out.push([`${group}${num}`, c]);
    if (!num) out.push([`${o.row.slice(1)}${o.label}`, c]);
  }
  // the official wording of the 2021 sub-rows and of the 2019 row
  const sub = (code: string): OutcomeChoice => ({ code, formats: '2021' });
  out.push(
    [
      '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      sub('other.no_clarification'),
    ],
    [
      '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      sub('other.unpaid_fee'),
    ],
    ['部分公开', { code: 'partly_disclosed', formats: 'both' }],
    [
      '部分公开（区分处理的，只计这一情形，不计其他情形）',
      { code: 'partly_disclosed', formats: 'both' },
    ],
  );
  out.push(['申请人撤回申请', sub('other.other')], ['3.其他', sub('other.other')]);
  const single: OutcomeChoice = { code: 'other.other', formats: '2019' };
  out.push([OTHER_2019, single], ['其他处理', single], ['（六）其他处理', single]);
  return out;
}
const OUTCOME_TABLE = tableOf(outcomeEntries());

const GROUPS: Record<string, string> = {
  不予公开: '三（三）',
  无法提供: '三（四）',
  不予处理: '三（五）',
};

/** An outcome by its label (予以公开, 属于国家秘密, 不予公开：属于国家秘密), its row (三（三）1) or its code. */
export function parseOutcome(raw: string): Parsed<OutcomeChoice | null> {
  if (raw.trim() === '') return ok(null);
  const hit = OUTCOME_TABLE.get(normalizeLabel(raw));
  if (hit) return ok(hit);
  const group = Object.keys(GROUPS).find((g) => normalizeLabel(raw).replace(/^\(.\)/, '') === g);
  if (group) {
    const items = OUTCOMES.filter((o) => o.label.startsWith(`${group}：`)).map(
      (o) => o.label.split('：')[1],
    );
    return bad(`“${raw.trim()}”须写明具体情形，应为：${items.join('、')}。`);
  }
  return bad(
    `无法识别的办理结果“${raw.trim()}”，请填写年度报告表三的行名，如“予以公开”“部分公开”“属于国家秘密”“本机关不掌握相关政府信息”“重复申请”，或行号如“三（三）1”。`,
  );
}

/** Whether an outcome may be used for a decision made in `year` (the format of that year). */
export function outcomeProblem(choice: OutcomeChoice, year: number): string | null {
  if (choice.formats === '2021' && year <= 2020)
    return `该细分项自2021年版报告格式起才有；${year}年作出的答复适用2019年版格式，请填写“其他处理”。`;
  if (choice.formats === '2019' && year >= 2021)
    return '2021年版报告格式将“其他处理”分为三项，请填写具体情形：申请人逾期不补正、申请人逾期未缴纳信息处理费、其他（如申请人撤回申请）。';
  return null;
}

const KINDS = tableOf<ReviewKind>([
  ...REVIEW_KINDS.map((k) => [k.label, k.code] as const),
  ...REVIEW_KINDS.map((k) => [k.code, k.code] as const),
  ['复议', 'reconsideration'],
  ['未经复议直接起诉', 'litigation_direct'],
  ['直接起诉', 'litigation_direct'],
  ['行政诉讼（直接起诉）', 'litigation_direct'],
  ['复议后起诉', 'litigation_after_reconsideration'],
  ['行政诉讼（复议后）', 'litigation_after_reconsideration'],
]);
export const REVIEW_KIND_LABELS = REVIEW_KINDS.map((k) => k.label);

export function parseReviewKind(raw: string): Parsed<ReviewKind> {
  return lookup(raw, KINDS, '案件类型', REVIEW_KIND_LABELS);
}

const RESULTS = tableOf<ReviewResult>([
  ...REVIEW_RESULTS.map((r) => [r.column, r.code] as const),
  ...REVIEW_RESULTS.map((r) => [r.code, r.code] as const),
  ['维持', 'upheld'],
  ['纠正', 'corrected'],
  ['其他', 'other'],
  ['未审结', 'pending'],
]);
export const REVIEW_RESULT_LABELS = REVIEW_RESULTS.map((r) => r.column);

/** '' is 尚未审结. */
export function parseReviewResult(raw: string): Parsed<ReviewResult> {
  if (raw.trim() === '') return ok('pending');
  return lookup(raw, RESULTS, '结果', REVIEW_RESULT_LABELS);
}

const DOC_KINDS = tableOf<DocumentKind>([
  ['规章', 'rules'],
  ['行政规范性文件', 'normative'],
  ['规范性文件', 'normative'],
  ['rules', 'rules'],
  ['normative', 'normative'],
]);
export const DOCUMENT_KIND_LABELS = ['规章', '行政规范性文件'];

export function parseDocumentKind(raw: string): Parsed<DocumentKind> {
  return lookup(raw, DOC_KINDS, '文件类别', DOCUMENT_KIND_LABELS);
}

/** The civil date in China of an instant (UTC+8). */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
