import { invalid, type FieldIssue } from '../domain/errors.ts';
import { FIGURES } from '../domain/report/table2-sources.ts';
import { appendAudit } from '../store/audit.ts';
import { upsertFigure, yearlyFigures } from '../store/report-records.ts';
import type { Tx } from '../store/database.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { assertYearOpen } from './report-lock.ts';

const PATTERN = {
  count: /^(0|[1-9][0-9]{0,11})$/,
  signed: /^-?(0|[1-9][0-9]{0,11})$/,
  amount: /^(0|[1-9][0-9]{0,13})(\.[0-9]{1,6})?$/,
};
const HINT = {
  count: '应为非负整数',
  signed: '应为整数（减少写负数）',
  amount: '应为非负数，最多 6 位小数',
};

/** Every problem with typed figures, naming each field; empty when all are acceptable. */
export function figureIssues(
  values: Readonly<Record<string, string>>,
  source: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = FIGURES.find((f) => f.key === key);
    if (!def) issues.push({ field: key, label: key, message: '不是可录入的统计项目。' });
    else if (!PATTERN[def.type].test(value))
      issues.push({ field: key, label: def.label, message: `“${value}”${HINT[def.type]}。` });
  }
  if (Object.keys(values).length && !source.trim()) {
    issues.push({
      field: 'source',
      label: '统计数据来源',
      message: '请注明数据来源（系统名称或文件）。',
    });
  }
  return issues;
}

/** Writes figures inside the caller's transaction, with their audit entry. */
export async function writeYearlyFigures(
  deps: Deps,
  tx: Tx,
  ctx: Ctx,
  agencyId: number,
  year: number,
  values: Readonly<Record<string, string>>,
  source: string,
): Promise<void> {
  await assertYearOpen(tx, agencyId, year, '修改年度统计数据');
  const before = await yearlyFigures(tx, agencyId, year);
  const at = nowIso(deps);
  for (const [key, value] of Object.entries(values)) {
    await upsertFigure(tx, {
      agency_id: agencyId,
      year,
      key,
      value,
      source: source.trim(),
      entered_by: ctx.actor.username,
      entered_at: at,
    });
  }
  await appendAudit(deps.store, tx, {
    at,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.username,
    agencyId,
    action: 'report.figures_update',
    entityType: 'yearly_figures',
    entityId: `${agencyId}/${year}`,
    before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k] ?? null])),
    after: { ...values, source: source.trim() },
    ip: ctx.ip,
  });
}

/**
 * Records yearly figures owned by other systems (licensing, penalty and enforcement decisions,
 * fees, 2019's item counts and procurement), each with the source it was taken from.
 */
export async function saveYearlyFigures(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
  values: Readonly<Record<string, string>>,
  source: string,
): Promise<void> {
  const issues = figureIssues(values, source);
  if (issues.length)
    throw invalid(
      `请修改以下内容：${issues.map((i) => `${i.label}：${i.message}`).join('；')}`,
      issues,
    );
  await deps.store.db.transaction().execute(async (tx) => {
    await assertMayWriteRecords(tx, ctx, agencyId);
    await writeYearlyFigures(deps, tx, ctx, agencyId, year, values, source);
  });
}
