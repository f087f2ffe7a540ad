/**
 * Outcomes (办理结果) of an application and the table-三 row each is counted in
 * (spec/regulations.md §1.9; the mapping is derived — the format does not state it).
 * The 2019 format has one （六）其他处理 row; the three 2021 sub-rows are summed into it.
 */
import type { FormatId } from './formats.ts';

export interface OutcomeDef {
  code: string;
  /** the table-三 row key in the 2021 layout */
  row: string;
  label: string;
  /** the article of the 条例 (or other source) the outcome rests on */
  basis: string;
}

export const OUTCOMES: readonly OutcomeDef[] = [
  { code: 'disclosed', row: '三（一）', label: '予以公开', basis: '第三十六条第（一）（二）项' },
  { code: 'partly_disclosed', row: '三（二）', label: '部分公开（区分处理）', basis: '第三十七条' },
  {
    code: 'withheld.state_secret',
    row: '三（三）1',
    label: '不予公开：属于国家秘密',
    basis: '第十四条',
  },
  {
    code: 'withheld.law_forbids',
    row: '三（三）2',
    label: '不予公开：其他法律行政法规禁止公开',
    basis: '第十四条',
  },
  {
    code: 'withheld.security',
    row: '三（三）3',
    label: '不予公开：危及“三安全一稳定”',
    basis: '第十四条',
  },
  {
    code: 'withheld.third_party',
    row: '三（三）4',
    label: '不予公开：保护第三方合法权益',
    basis: '第十五条、第三十二条',
  },
  {
    code: 'withheld.internal',
    row: '三（三）5',
    label: '不予公开：属于三类内部事务信息',
    basis: '第十六条第一款',
  },
  {
    code: 'withheld.process',
    row: '三（三）6',
    label: '不予公开：属于四类过程性信息',
    basis: '第十六条第二款',
  },
  {
    code: 'withheld.enforcement_file',
    row: '三（三）7',
    label: '不予公开：属于行政执法案卷',
    basis: '第十六条第二款',
  },
  {
    code: 'withheld.admin_query',
    row: '三（三）8',
    label: '不予公开：属于行政查询事项',
    basis: '第三十六条第（七）项',
  },
  {
    code: 'unavailable.not_held',
    row: '三（四）1',
    label: '无法提供：本机关不掌握相关政府信息',
    basis: '第三十六条第（四）（五）项',
  },
  {
    code: 'unavailable.needs_creation',
    row: '三（四）2',
    label: '无法提供：没有现成信息需要另行制作',
    basis: '第三十八条',
  },
  {
    code: 'unavailable.still_unclear',
    row: '三（四）3',
    label: '无法提供：补正后申请内容仍不明确',
    basis: '第三十条',
  },
  {
    code: 'not_processed.petition',
    row: '三（五）1',
    label: '不予处理：信访举报投诉类申请',
    basis: '第三十九条第一款',
  },
  {
    code: 'not_processed.repeated',
    row: '三（五）2',
    label: '不予处理：重复申请',
    basis: '第三十六条第（六）项',
  },
  {
    code: 'not_processed.publication',
    row: '三（五）3',
    label: '不予处理：要求提供公开出版物',
    basis: '第三十九条第二款',
  },
  {
    code: 'not_processed.excessive',
    row: '三（五）4',
    label: '不予处理：无正当理由大量反复申请',
    basis: '第三十五条',
  },
  {
    code: 'not_processed.confirmation',
    row: '三（五）5',
    label: '不予处理：要求行政机关确认或重新出具已获取信息',
    basis: '实务类别（无专门条款）',
  },
  {
    code: 'other.no_clarification',
    row: '三（六）1',
    label: '其他处理：申请人逾期不补正',
    basis: '第三十条',
  },
  {
    code: 'other.unpaid_fee',
    row: '三（六）2',
    label: '其他处理：申请人逾期未缴纳信息处理费',
    basis: '国办函〔2020〕109号',
  },
  {
    code: 'other.other',
    row: '三（六）3',
    label: '其他处理：其他（如申请人撤回申请）',
    basis: '实务',
  },
];

export type OutcomeCode = string;

export function outcomeByCode(code: string): OutcomeDef | undefined {
  return OUTCOMES.find((o) => o.code === code);
}

/** The row an outcome is counted in under a format. */
export function outcomeRow(code: string, format: FormatId): string | undefined {
  const row = outcomeByCode(code)?.row;
  if (!row) return undefined;
  return format === '2019' && row.startsWith('三（六）') ? '三（六）' : row;
}

/** Applicant types: 自然人 and the five organisation columns of table 三 (glossary). */
export const APPLICANT_TYPES = [
  { code: 'natural_person', column: '自然人' },
  { code: 'business', column: '商业企业' },
  { code: 'research', column: '科研机构' },
  { code: 'nonprofit', column: '社会公益组织' },
  { code: 'legal_service', column: '法律服务机构' },
  { code: 'other_org', column: '其他' },
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number]['code'];

/** Reconsideration and litigation (table 四). */
export const REVIEW_KINDS = [
  { code: 'reconsideration', group: '行政复议', label: '行政复议' },
  {
    code: 'litigation_direct',
    group: '行政诉讼.未经复议直接起诉',
    label: '行政诉讼（未经复议直接起诉）',
  },
  {
    code: 'litigation_after_reconsideration',
    group: '行政诉讼.复议后起诉',
    label: '行政诉讼（复议后起诉）',
  },
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number]['code'];

export const REVIEW_RESULTS = [
  { code: 'upheld', column: '结果维持' },
  { code: 'corrected', column: '结果纠正' },
  { code: 'other', column: '其他结果' },
  { code: 'pending', column: '尚未审结' },
] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number]['code'];
