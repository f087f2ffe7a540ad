/**
 * Validates an annual report against the rules of rules.ts. Pure: the previous year's report,
 * when the caller has it, is passed in; nothing is read from outside.
 */
import type { Finding } from './findings.ts';
import { formatById } from './formats.ts';
import type { AnnualReport } from './model.ts';
import { REPORT_RULES, type ReportRule } from './rules.ts';

export interface ValidationContext {
  /** the same agency's report for year − 1; the cross-year rules run only when it is given */
  previous?: AnnualReport;
}

/**
 * Every finding, in a stable order: rules in the order of REPORT_RULES, and within a rule in
 * table order. The layout is the one report.format names; TEMPLATE-* and TABLE-* say where the
 * tables depart from it.
 */
export function validate(
  report: AnnualReport,
  ctx: ValidationContext = {},
  rules: readonly ReportRule[] = REPORT_RULES,
): Finding[] {
  const format = formatById(report.format);
  const memo = new Map<string, unknown>();
  const ruleCtx = ctx.previous ? { format, previous: ctx.previous, memo } : { format, memo };
  const out: Finding[] = [];
  for (const rule of rules) {
    if (!rule.formats.includes(report.format)) continue;
    if (rule.crossYear && !ctx.previous) continue;
    for (const issue of rule.check(report, ruleCtx)) {
      const severity = issue.status === 'unverifiable' ? 'warning' : rule.severity;
      out.push({ rule: rule.id, severity, ...issue });
    }
  }
  return out;
}
