/** The agency form (web) and `gongkai agency add` (CLI) share this one schema. */
import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_LEVELS } from '../domain/agency.ts';
import { checkCreditCode } from '../domain/credit-code.ts';
import { MONTH_DAY } from '../domain/report/publication-deadline.ts';
import { choice, optionalId, text } from './input.ts';

export const AGENCY_LABELS: Record<string, string> = {
  name: '机关全称',
  shortName: '简称',
  kind: '机关类型',
  level: '层级',
  creditCode: '统一社会信用代码',
  parentId: '上级机关',
  address: '办公地址',
  officeHours: '办公时间',
  phone: '联系电话',
  fax: '传真',
  email: '电子邮箱',
  postcode: '邮政编码',
  website: '网站',
  reportDeadline: '年度报告发布期限',
};

const PHONE: readonly [RegExp, string] = [
  /^[0-9+()（）\-－ 、,，转]{5,50}$/,
  '只能包含数字、空格、+、-、括号和“转”。',
];

const contacts = {
  address: text({ max: 200 }),
  officeHours: text({ max: 200 }),
  phone: text({ max: 50, pattern: PHONE }),
  fax: text({ max: 50, pattern: PHONE }),
  email: text({ max: 254, pattern: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, '不是有效的电子邮箱地址。'] }),
  postcode: text({ max: 6, pattern: [/^[0-9]{6}$/, '应为 6 位数字。'] }),
  website: text({
    max: 300,
    pattern: [/^https?:\/\/[^\s<>"]+$/i, '应以 http:// 或 https:// 开头。'],
  }),
  /** `MM-DD`; '' = the statutory default of 第四十九条 (townships: the local rule) */
  reportDeadline: text({
    max: 5,
    pattern: [MONTH_DAY, '应为“月-日”，如 02-20；留空按《条例》第四十九条。'],
  }).optional(),
};

const creditCode = text({ max: 18 + 8, required: true }).transform((v, ctx) => {
  if (v === '') return v;
  const check = checkCreditCode(v);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: check.message });
    return z.NEVER;
  }
  return check.code;
});

export const agencyCreateSchema = z.object({
  name: text({ max: 100, required: true }),
  shortName: text({ max: 30, required: true }),
  kind: choice(AGENCY_KINDS, '请选择机关类型。'),
  level: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      if ((AGENCY_LEVELS as readonly string[]).includes(v))
        return v as (typeof AGENCY_LEVELS)[number];
      ctx.addIssue({ code: 'custom', message: '请从列表中选择层级。' });
      return z.NEVER;
    }),
  creditCode,
  parentId: optionalId(),
  ...contacts,
});
export type AgencyCreateInput = z.output<typeof agencyCreateSchema>;

export const agencyUpdateSchema = z.object({
  name: text({ max: 100, required: true }),
  shortName: text({ max: 30, required: true }),
  creditCode,
  ...contacts,
});
export type AgencyUpdateInput = z.output<typeof agencyUpdateSchema>;
