import { invalid } from '../domain/errors.ts';
import type { ReportNarrative } from '../domain/report/model.ts';
import type { Ctx, Deps } from './deps.ts';
import { assertMayWriteRecords } from './record-access.ts';
import { writeReportNarrative } from './save-report-narrative.ts';
import { figureIssues, writeYearlyFigures } from './save-yearly-figures.ts';

/** The report editing form: narrative and figures, checked first, then written in one transaction. */
export async function saveReportEdits(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
  narrative: ReportNarrative,
  figures: Readonly<Record<string, string>>,
  source: string,
): Promise<void> {
  const issues = figureIssues(figures, source);
  if (issues.length) {
    throw invalid(
      `请修改以下内容：${issues.map((i) => `${i.label}：${i.message}`).join('；')}`,
      issues,
    );
  }
  await deps.store.db.transaction().execute(async (tx) => {
    await assertMayWriteRecords(tx, ctx, agencyId);
    await writeReportNarrative(deps, tx, ctx, agencyId, year, narrative);
    if (Object.keys(figures).length)
      await writeYearlyFigures(deps, tx, ctx, agencyId, year, figures, source);
  });
}
