import { notFound } from '../domain/errors.ts';
import { assembleTables } from '../domain/report/assemble.ts';
import { addDecimals } from '../domain/report/decimal.ts';
import { formatForYear, type FormatId } from '../domain/report/formats.ts';
import type { ReportTables } from '../domain/report/model.ts';
import { FIGURES, figureKeys } from '../domain/report/table2-sources.ts';
import { fieldInvalid } from '../domain/errors.ts';
import { listAgencies, type Agency } from '../store/agencies.ts';
import {
  applicationCounts,
  documentCounts,
  reviewCounts,
  yearlyFiguresOf,
} from '../store/report-records.ts';
import type { Ctx, Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';

export interface Rollup {
  year: number;
  format: FormatId;
  agencies: Agency[];
  tables: ReportTables;
  /** agencies that have not entered every yearly figure of the format: their cells are left out */
  missingFigures: { agency: Agency; keys: string[] }[];
}

/**
 * The sum of the annual-report tables of every agency the actor reads (a supervising office:
 * its government and every agency below it), computed from the records in one pass; it equals
 * the sum of the agencies' own reports.
 */
export async function buildRollup(deps: Deps, ctx: Ctx, year: number): Promise<Rollup> {
  const db = deps.store.db;
  const scope = await loadScope(db, ctx.actor);
  const agencies = await listAgencies(db, scope.read);
  if (!agencies.length) throw notFound('您没有可以汇总的机关。');
  const format = formatForYear(year);
  if (!format) throw fieldInvalid('year', '年度', '统一格式的年度报告从 2019 年度开始。');
  const ids = agencies.map((a) => a.id);
  const [applications, reviews, documents, figuresByKey] = await Promise.all([
    applicationCounts(db, ids, year),
    reviewCounts(db, ids, year),
    documentCounts(db, ids, year),
    yearlyFiguresOf(db, ids, year),
  ]);
  const keys = figureKeys(format.id);
  const figures: Record<string, string> = {};
  for (const key of keys) {
    const values = [...(figuresByKey.get(key)?.values() ?? [])];
    if (!values.length) continue;
    const type = FIGURES.find((f) => f.key === key)?.type;
    figures[key] =
      type === 'amount' ? addDecimals(values) : String(values.reduce((s, v) => s + Number(v), 0));
  }
  const missingFigures = agencies
    .map((agency) => ({ agency, keys: keys.filter((k) => !figuresByKey.get(k)?.has(agency.id)) }))
    .filter((m) => m.keys.length > 0);
  return {
    year,
    format: format.id,
    agencies,
    tables: assembleTables(format, { applications, reviews, documents, figures }),
    missingFigures,
  };
}
