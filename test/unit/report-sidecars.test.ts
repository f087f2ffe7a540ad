// The validator against the real published reports of shared/examples/reports: every defect a
// sidecar (<stem>.expected.json) lists must be found, and no error it does not list may be
// reported. The sidecars are read from test/fixtures/reports (copies of shared/examples/reports).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AGENCY_LEVELS, type AgencyKind, type AgencyLevel } from '../../src/domain/agency.ts';
import type { Finding, Severity } from '../../src/domain/report/findings.ts';
import { FORMATS, type FormatId } from '../../src/domain/report/formats.ts';
import type {
  AnnualReport,
  Table2,
  Table2Value,
  Table3,
  Table4,
} from '../../src/domain/report/model.ts';
import { validate } from '../../src/domain/report/validate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// byte-identical copies of shared/examples/reports, kept in the repository so that a clone tests alone
const DIR = path.resolve(repoRoot, 'test/fixtures/reports');
const CLEAN_CONTROLS = ['2021_pingtan.expected.json', '2024_huaian-city.expected.json'];

interface Defect {
  rule: string;
  severity: Severity;
  where?: string;
  status?: 'unverifiable';
  stated?: number | string | null;
  computed?: number | string | null;
  /** narrative defects: the table value the text contradicts */
  table?: number | string | null;
  count?: number;
  rows?: string[];
}

interface Sidecar {
  name: string;
  year: number;
  agency: string;
  agency_level: string;
  template: FormatId;
  table2: Table2;
  table3: { rows: Table3 };
  table4: { groups: Table4 };
  defects: Defect[];
}

function loadSidecars(): Sidecar[] {
  if (!existsSync(DIR)) return [];
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((name) => {
      const s = JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as Omit<Sidecar, 'name'>;
      assert.ok(Number.isInteger(s.year), `${name}: year`);
      assert.ok(['2019', '2021'].includes(s.template), `${name}: template ${s.template}`);
      assert.ok(s.table2 && s.table3?.rows && s.table4?.groups, `${name}: tables`);
      assert.ok(Array.isArray(s.defects), `${name}: defects`);
      return { ...s, name };
    });
}

/**
 * The sidecar's agency_level as the model's level and kind. `department` names no level; a
 * county-level department is chosen (LEVEL-规章 applies to local departments at every level).
 */
function agencyOf(s: Sidecar): { level: AgencyLevel; kind: AgencyKind } {
  if (s.agency_level === 'department') return { level: 'county', kind: 'department' };
  const level = AGENCY_LEVELS.find((l) => l === s.agency_level);
  assert.ok(level, `${s.name}: unknown agency_level ${s.agency_level}`);
  return { level, kind: 'government' };
}

/**
 * Sidecars keep money "exactly as printed" (`73802895.90元`); the model keeps a bare decimal in
 * the column's unit (model.ts). What a reader does is done here: thousands separators and a
 * unit equal to the column's unit are dropped. Anything else is left for T2-TYPES to report.
 */
function modelTable2(t: Table2): Table2 {
  const out: Table2 = {};
  for (const [caption, rows] of Object.entries(t)) {
    out[caption] = {};
    for (const [row, cells] of Object.entries(rows)) {
      const copy: Record<string, Table2Value> = { ...cells };
      for (const [col, v] of Object.entries(cells)) {
        const unit = FORMATS.flatMap((f) => f.table2)
          .find((b) => b.caption === caption)
          ?.columns.find((c) => c.label === col && c.kind === 'amount')?.unit;
        if (unit && typeof v === 'string') {
          const bare = v.trim().replace(/[,，]/g, '');
          copy[col] = bare.endsWith(unit) ? bare.slice(0, -unit.length).trim() : bare;
        }
      }
      out[caption][row] = copy;
    }
  }
  return out;
}

function toReport(s: Sidecar): AnnualReport {
  return {
    year: s.year,
    format: s.template,
    agency: { name: s.agency, ...agencyOf(s) },
    // The sidecars carry the tables only; narrative rules have nothing to read here.
    narrative: { overview: '', problems: '', other: '' },
    table2: modelTable2(s.table2),
    table3: structuredClone(s.table3.rows),
    table4: structuredClone(s.table4.groups),
  };
}

/** Rules that read the narrative, which the sidecars do not contain. */
const NARRATIVE_RULES = new Set(['TEXT-NUM', 'BASIS-OUTDATED', 'X-YEAR-SIMILAR']);

function fits(f: Finding, d: Defect): boolean {
  const same = (a: unknown, b: unknown) => b === undefined || a === b;
  return (
    f.rule === d.rule &&
    f.severity === d.severity &&
    f.status === d.status &&
    same(f.stated, d.stated) &&
    same(f.computed, d.computed) &&
    same(f.computed, d.table) &&
    same(f.count, d.count) &&
    (d.rows === undefined || JSON.stringify(f.rows) === JSON.stringify(d.rows))
  );
}

const show = (fs: Finding[]): string =>
  fs
    .map(
      (f) =>
        `  ${f.rule} ${f.severity} ${f.status ?? ''} ${f.where} ${f.stated ?? ''}/${f.computed ?? ''}`,
    )
    .join('\n');

const sidecars = loadSidecars();
const reports = new Map(sidecars.map((s) => [s.name, toReport(s)]));

function run(s: Sidecar): Finding[] {
  const report = reports.get(s.name);
  assert.ok(report);
  // Cross-year rules run when the same agency's report for the year before is also here.
  const previous = [...reports.values()].find(
    (r) => r.agency.name === report.agency.name && r.year === report.year - 1,
  );
  return validate(report, previous ? { previous } : {});
}

test('sidecars: the folder test/fixtures/reports exists and holds sidecars', () => {
  assert.ok(existsSync(DIR), `${DIR} is missing`);
  assert.ok(sidecars.length > 0, `no *.expected.json in ${DIR}`);
});

test('sidecars: the clean controls 2021_pingtan and 2024_huaian-city yield no error', () => {
  for (const name of CLEAN_CONTROLS) {
    const s = sidecars.find((x) => x.name === name);
    assert.ok(s, `${name} missing from ${DIR}`);
    const errs = run(s).filter((f) => f.severity === 'error');
    assert.deepEqual(errs, [], `${name}:\n${show(errs)}`);
  }
});

for (const s of sidecars) {
  test(`sidecar ${s.name} (${s.year}, ${s.agency}): every listed defect found, no unlisted error`, async (t) => {
    const findings = run(s);
    const used = new Set<number>();
    for (const d of s.defects) {
      if (NARRATIVE_RULES.has(d.rule)) {
        await t.test(
          `${d.rule} ${d.where ?? ''}`,
          { todo: 'the sidecar has no narrative text' },
          () => {
            assert.fail(`narrative defect ${d.rule} cannot be checked from the tables`);
          },
        );
        continue;
      }
      const candidates = findings.flatMap((f, i) => (!used.has(i) && fits(f, d) ? [i] : []));
      const i = candidates.find((k) => findings[k]?.where === d.where) ?? candidates[0];
      assert.ok(
        i !== undefined,
        `${s.name}: expected ${d.rule} ${d.severity} ${d.status ?? ''} at ${d.where} (stated ${String(d.stated)}, computed ${String(d.computed)}, count ${String(d.count)}); found:\n${show(findings)}`,
      );
      used.add(i);
      if (findings[i]?.where !== d.where)
        t.diagnostic(`${d.rule}: where "${findings[i]?.where}" vs sidecar "${d.where}"`);
    }
    const extra = findings.filter((_, i) => !used.has(i));
    const errs = extra.filter((f) => f.severity === 'error');
    assert.deepEqual(errs, [], `${s.name}: errors the sidecar does not list:\n${show(errs)}`);
    // Warnings beyond the sidecar are allowed only when they are `unverifiable`: a rule whose
    // operands are blank must say it could not be checked (spec §1.8). The sidecars list that for
    // the rules their authors looked at (意溪镇: T3-COL and T3-SUM7), not for every rule sharing
    // the blank cells — e.g. T3-ROW over the same blank rows 三（一）…三（七） of 意溪镇.
    const unjustified = extra.filter(
      (f) => f.severity === 'warning' && f.status !== 'unverifiable',
    );
    assert.deepEqual(
      unjustified,
      [],
      `${s.name}: warnings the sidecar does not list:\n${show(unjustified)}`,
    );
  });
}
