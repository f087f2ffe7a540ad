/**
 * Validates an annual report against the rules of rules.ts. Pure: the previous year's report,
 * when the caller has it, is passed in; nothing is read from outside.
 */
import type { Finding } from './findings.ts';
import { formatById } from './formats.ts';
import type { AnnualReport } from './model.ts';
import { REPORT_RULES, type ReportRule } from './rules.ts';
import type { RuleContext } from './rule-helpers.ts';

export interface ValidationContext {
  /** the same agency's report for year − 1; the cross-year rules run only when it is given */
  previous?: AnnualReport;
  /**
   * rows whose empty cells are not known to be blank: cells a reader could not read from a
   * published document (`table2 <caption> <row>`, `table3 <row>`, `table4`); BLANK-CELL leaves
   * them out
   */
  unread?: ReadonlySet<string>;
  /**
   * of those rows, the figures a reader saw in the document but could not place in the cells
   * (a digit run with several splits: `table2 第二十条第（一）项 规章` → `101`)
   */
  unreadFigures?: ReadonlyMap<string, string>;
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
  const ruleCtx: RuleContext = { format, memo };
  if (ctx.previous) ruleCtx.previous = ctx.previous;
  if (ctx.unread) ruleCtx.unread = ctx.unread;
  if (ctx.unreadFigures) ruleCtx.unreadFigures = ctx.unreadFigures;
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
