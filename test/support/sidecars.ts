/**
 * Reports built from the example sidecars (test/fixtures/reports, copies of
 * ../shared/examples/reports): the sidecar's year, template, agency and tables, with a narrative.
 */
import { readFileSync } from 'node:fs';
import type { AgencyLevel } from '../../src/domain/agency.ts';
import type { AnnualReport, ReportNarrative } from '../../src/domain/report/model.ts';
import { fromJson } from '../../src/reports/json.ts';

export const FIXTURES = new URL('../fixtures/reports/', import.meta.url);

export interface SidecarTables {
  year: number;
  template: string;
  agency: string;
  agency_level: AgencyLevel;
  table2: unknown;
  table3: unknown;
  table4: unknown;
}

export const readSidecar = (stem: string): SidecarTables =>
  JSON.parse(readFileSync(new URL(`${stem}.expected.json`, FIXTURES), 'utf8')) as SidecarTables;

/** A narrative with paragraphs, numbered items and characters that need escaping. */
export const SAMPLE_NARRATIVE: ReportNarrative = {
  overview: '本年度，本机关坚持以公开为常态、不公开为例外。\n\n全年主动公开政府信息1234条。',
  problems: '（一）存在的主要问题：政策解读形式不够丰富。\n（二）改进措施：拓宽公开渠道。',
  other: '本年度未收取信息处理费。标点与符号：<>&“引号”。',
};

/** The sidecar's tables as a report document (agency kind: 人民政府). */
export function sidecarDoc(stem: string, narrative: ReportNarrative): Record<string, unknown> {
  const s = readSidecar(stem);
  return {
    year: s.year,
    template: s.template,
    agency: { name: s.agency, level: s.agency_level, kind: 'government' },
    narrative,
    table2: s.table2,
    table3: s.table3,
    table4: s.table4,
  };
}

export const sidecarReport = (stem: string, narrative = SAMPLE_NARRATIVE): AnnualReport =>
  fromJson(sidecarDoc(stem, narrative));
