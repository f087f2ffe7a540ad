import { fieldInvalid } from '../domain/errors.ts';
import { FIGURES } from '../domain/report/table2-sources.ts';
import { appendAudit } from '../store/audit.ts';
import { upsertFigure, yearlyFigures } from '../store/report-records.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { assertMayWriteRecords } from './record-access.ts';

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
  for (const [key, value] of Object.entries(values)) {
    const def = FIGURES.find((f) => f.key === key);
    if (!def) throw fieldInvalid(key, key, '不是可录入的统计项目。');
    if (!PATTERN[def.type].test(value))
      throw fieldInvalid(key, def.label, `“${value}”${HINT[def.type]}。`);
  }
  if (!source.trim())
    throw fieldInvalid('source', '数据来源', '请注明数据来源（系统名称或文件）。');
  await deps.store.db.transaction().execute(async (tx) => {
    await assertMayWriteRecords(tx, ctx, agencyId);
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
  });
}
