/** The report editing form: the narrative sections and the year's figures with their source. */
import { z } from 'zod';
import { FIGURES } from '../domain/report/table2-sources.ts';
import { text } from './input.ts';

export const REPORT_LABELS: Record<string, string> = {
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
  source: '统计数据来源',
  ...Object.fromEntries(FIGURES.map((f) => [f.key, f.label])),
};

const narrative = () => text({ max: 20000, multiline: true });

export const reportEditSchema = z.object({
  overview: narrative(),
  problems: narrative(),
  other: narrative(),
  source: text({ max: 200 }),
});
export type ReportEditInput = z.output<typeof reportEditSchema>;

/** Figures typed in the form (blank inputs are left out: a blank stays blank, never 0). */
export function figuresFromForm(body: unknown, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const key of keys) {
    const v = (body as Record<string, unknown>)[key];
    if (typeof v === 'string' && v.trim() !== '')
      out[key] = v.trim().replace(/，/g, '').replace(/,/g, '');
  }
  return out;
}
