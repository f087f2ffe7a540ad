import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildAnnualReport } from '../../src/app/build-annual-report.ts';
import { buildRollup } from '../../src/app/build-rollup.ts';
import { saveYearlyFigures } from '../../src/app/save-yearly-figures.ts';
import { SYSTEM_CTX } from '../../src/app/deps.ts';
import { addDecimals } from '../../src/domain/report/decimal.ts';
import type { ReportTables } from '../../src/domain/report/model.ts';
import { insertApplications } from '../../src/store/case-records.ts';
import { addUser, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

/** cell-by-cell sum of reports (null + anything = the other; all null = null) */
function sum(tables: ReportTables[]): ReportTables {
  const first = tables[0]!;
  const out: ReportTables = structuredClone({
    table2: first.table2,
    table3: first.table3,
    table4: first.table4,
  });
  for (const t of tables.slice(1)) {
    for (const [k, vals] of Object.entries(t.table3))
      out.table3[k] = out.table3[k]!.map((v, i) => (v ?? 0) + (vals[i] ?? 0));
    for (const [g, cols] of Object.entries(t.table4))
      for (const [c, v] of Object.entries(cols))
        (out.table4[g] as Record<string, number>)[c] =
          ((out.table4[g] as Record<string, number>)[c] ?? 0) + (v ?? 0);
    for (const [cap, rows] of Object.entries(t.table2))
      for (const [row, cells] of Object.entries(rows))
        for (const [col, v] of Object.entries(cells)) {
          const cur = out.table2[cap]![row]![col] ?? null;
          if (v === null) continue;
          out.table2[cap]![row]![col] =
            cur === null
              ? v
              : typeof v === 'string'
                ? addDecimals([String(cur), v])
                : Number(cur) + v;
        }
  }
  return out;
}

for (const engine of engines()) {
  describe(`supervising office roll-up on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
      await insertApplications(db.store.db, [
        {
          agency_id: t.agencies.yixi!,
          case_number: 'YX-1',
          applicant_type: 'business',
          received_on: '2022-03-03',
          outcome: 'disclosed',
          decided_on: '2022-03-20',
          source: 'test',
          created_at: 'x',
          updated_at: 'x',
        },
      ]);
      await saveYearlyFigures(
        t.deps,
        SYSTEM_CTX,
        t.agencies.yixi!,
        2022,
        { 'fees.amount_wan': '0.25', 'penalty.decisions': '3' },
        '测试',
      );
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    test('the roll-up equals the sum of the supervised agencies’ own reports', async () => {
      const sup = await addUser(t, 'xq.supervisor', 'supervisor', 'office');
      const ctx = {
        actor: { userId: sup.id, username: sup.username, role: sup.role, agencyId: sup.agencyId },
        ip: '1',
      };
      for (const year of [2022, 2023]) {
        const rollup = await buildRollup(t.deps, ctx, year);
        assert.deepEqual(
          rollup.agencies.map((a) => a.name).sort(),
          [
            '潮州市湘桥区人民政府',
            '潮州市湘桥区人民政府办公室（区政务公开办）',
            '潮州市湘桥区意溪镇人民政府',
            '潮州市湘桥区教育局',
            '潮州市湘桥区磷溪镇人民政府',
          ].sort(),
        );
        const reports = await Promise.all(
          rollup.agencies.map((a) => buildAnnualReport(t.deps, ctx, a.id, year)),
        );
        assert.deepEqual(rollup.tables, sum(reports), `${year}: roll-up reconciles`);
        assert.ok(rollup.missingFigures.some((m) => m.agency.name === '潮州市湘桥区教育局'));
      }
      const r22 = await buildRollup(t.deps, ctx, 2022);
      const busy = await buildAnnualReport(t.deps, ctx, t.agencies.district!, 2022);
      assert.equal(r22.tables.table3['一']![6], busy.table3['一']![6]! + 1);
    });

    test('a township officer’s roll-up is its own township only', async () => {
      const officer = await addUser(t, 'yx.officer', 'officer', 'yixi');
      const ctx = {
        actor: {
          userId: officer.id,
          username: officer.username,
          role: officer.role,
          agencyId: officer.agencyId,
        },
        ip: '1',
      };
      const r = await buildRollup(t.deps, ctx, 2022);
      assert.deepEqual(
        r.agencies.map((a) => a.id),
        [t.agencies.yixi],
      );
      assert.equal(
        r.tables.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'],
        '0.25',
      );
    });
  });
}
