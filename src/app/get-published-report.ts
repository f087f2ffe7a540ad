/**
 * The published annual reports of an agency, for the public 年报 column: what was published,
 * exactly as frozen at publication, with every correction's revision note. Public: no actor.
 */
import { notFound } from '../domain/errors.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { fromJson } from '../reports/json.ts';
import { findPublished, listPublished } from '../store/annual-reports.ts';
import type { Deps } from './deps.ts';

export interface PublishedEntry {
  year: number;
  version: number;
  publishedAt: string;
  revisionNote: string | null;
}

/** Newest year first; per year the newest version first. */
export async function listPublishedReports(
  deps: Deps,
  agencyId: number,
): Promise<PublishedEntry[]> {
  return (await listPublished(deps.store.db, agencyId)).map((r) => ({
    year: r.year,
    version: r.version,
    publishedAt: r.published_at ?? '',
    revisionNote: r.revision_note,
  }));
}

export interface PublishedReport {
  report: AnnualReport;
  entry: PublishedEntry;
  /** every published version of the year, newest first */
  versions: PublishedEntry[];
}

/** The newest published version of a year, or the version asked for. */
export async function getPublishedReport(
  deps: Deps,
  agencyId: number,
  year: number,
  version?: number,
): Promise<PublishedReport> {
  const row = await findPublished(deps.store.db, agencyId, year, version);
  if (!row?.snapshot_json || !row.published_at)
    throw notFound('该年度报告尚未发布，或没有这一版本。');
  const versions = (await listPublishedReports(deps, agencyId)).filter((e) => e.year === year);
  return {
    report: fromJson(JSON.parse(row.snapshot_json)),
    entry: {
      year,
      version: row.version,
      publishedAt: row.published_at,
      revisionNote: row.revision_note,
    },
    versions,
  };
}
