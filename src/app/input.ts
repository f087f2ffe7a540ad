/**
 * Validation at the edge: one zod schema per form or command, with Chinese messages. A parse
 * collects every bad field, so a form can show them all at once, and names each field by its
 * Chinese label.
 */
import { z } from 'zod';
import { invalid, type FieldIssue } from '../domain/errors.ts';

/** C0 controls and DEL, except tab/newline/carriage return in multi-line fields. */
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const CONTROL_SINGLE = /[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const CONTROL_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export interface TextOpts {
  max: number;
  required?: boolean;
  multiline?: boolean;
  pattern?: readonly [RegExp, string];
}

export function text(opts: TextOpts) {
  return z
    .string({ error: '格式不正确，应为一段文字。' })
    .optional()
    .transform((v) => (v ?? '').trim())
    .superRefine((v, ctx) => {
      if (opts.required && v === '') ctx.addIssue({ code: 'custom', message: '不能为空。' });
      if (v.length > opts.max)
        ctx.addIssue({
          code: 'custom',
          message: `不能超过 ${opts.max} 个字符（现为 ${v.length} 个）。`,
        });
      if ((opts.multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(v))
        ctx.addIssue({ code: 'custom', message: '含有不可见的控制字符，请删除后重新填写。' });
      if (opts.pattern && v !== '' && !opts.pattern[0].test(v))
        ctx.addIssue({ code: 'custom', message: opts.pattern[1] });
    });
}

export function choice<T extends string>(values: readonly T[], message = '请从列表中选择。') {
  return z
    .string({ error: message })
    .optional()
    .transform((v, ctx) => {
      if (v !== undefined && (values as readonly string[]).includes(v)) return v as T;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}

/** An optional id from a select box: '' means none. */
export function optionalId() {
  return z
    .string({ error: '格式不正确。' })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      if (!/^[1-9][0-9]{0,9}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: '格式不正确，请从列表中选择。' });
        return z.NEVER;
      }
      return Number(v);
    });
}

export function checkbox() {
  return z
    .union([z.string(), z.array(z.string())], { error: '格式不正确。' })
    .optional()
    .transform((v) => v !== undefined && v !== '' && v !== '0');
}

/** Parses `raw` (a form body or CLI options) or throws an `invalid` error naming every bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  labels: Record<string, string>,
  raw: unknown,
): z.output<S> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid('提交的内容格式不正确，请刷新页面后重新填写。');
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const i of result.error.issues) {
    const field = String(i.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, label: labels[field] ?? field, message: i.message });
  }
  const summary = issues.map((i) => `${i.label}：${i.message}`).join('；');
  throw invalid(`请修改以下内容：${summary}`, issues);
}
