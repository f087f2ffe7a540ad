import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildAnnualReport } from '../../src/app/build-annual-report.ts';
import { BUSY_YEARS } from '../../src/app/demo/busy-agency.ts';
import { SYSTEM_CTX } from '../../src/app/seed-demo.ts';
import { TABLE3_COLUMNS } from '../../src/domain/report/formats.ts';
import {
  insertApplications,
  insertNormativeDocuments,
  insertReviewCases,
} from '../../src/store/case-records.ts';
import { startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const AT = '2026-01-01T00:00:00.000Z';

for (const engine of engines()) {
  describe(`annual report computed from records on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
      const agency = t.agencies.lingxi!;
      const app = (
        n: number,
        type: string,
        received: string,
        outcome: string | null,
        decided: string | null,
      ) => ({
        agency_id: agency,
        case_number: `SQ-${n}`,
        applicant_type: type,
        received_on: received,
        outcome,
        decided_on: decided,
        source: 'test',
        created_at: AT,
        updated_at: AT,
      });
      await insertApplications(db.store.db, [
        app(1, 'natural_person', '2021-03-01', 'disclosed', '2021-03-20'),
        app(2, 'business', '2021-12-20', 'withheld.third_party', '2022-01-10'), // carried into 2022
        app(3, 'natural_person', '2021-12-30', null, null), // still open
        app(4, 'legal_service', '2022-02-01', 'other.no_clarification', '2022-03-01'),
        app(5, 'natural_person', '2022-05-05', 'partly_disclosed', '2022-05-30'),
      ]);
      const review = (
        n: number,
        kind: string,
        filed: string,
        result: string,
        concluded: string | null,
      ) => ({
        agency_id: agency,
        case_number: `FY-${n}`,
        kind,
        filed_on: filed,
        result,
        concluded_on: concluded,
        source: 'test',
        created_at: AT,
        updated_at: AT,
      });
      await insertReviewCases(db.store.db, [
        review(1, 'reconsideration', '2022-01-05', 'upheld', '2022-03-01'),
        review(2, 'reconsideration', '2022-11-05', 'corrected', '2023-02-01'), // pending at 2022 year end
        review(3, 'litigation_after_reconsideration', '2022-04-01', 'other', '2022-09-01'),
      ]);
      const doc = (
        n: number,
        kind: string,
        written: string,
        published: string | null,
        repealed: string | null,
      ) => ({
        agency_id: agency,
        kind,
        title: `文件${n}`,
        document_number: `磷府〔${n}〕号`,
        written_on: written,
        published_on: published,
        repealed_on: repealed,
        created_at: AT,
        updated_at: AT,
      });
      await insertNormativeDocuments(db.store.db, [
        doc(1, 'normative', '2020-05-01', '2020-05-10', null),
        doc(2, 'normative', '2021-12-28', '2022-01-04', null),
        doc(3, 'normative', '2019-01-01', '2019-01-05', '2022-06-30'),
      ]);
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    test('意溪镇 2020 (seeded): 2019 format, every cell filled with 0, its narrative', async () => {
      const r = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.yixi!, 2020);
      assert.equal(r.format, '2019');
      for (const [key, values] of Object.entries(r.table3))
        assert.deepEqual(values, [0, 0, 0, 0, 0, 0, 0], key);
      assert.ok('三（六）' in r.table3 && !('三（六）1' in r.table3));
      for (const rows of Object.values(r.table2))
        for (const cells of Object.values(rows))
          for (const v of Object.values(cells)) assert.equal(Number(v), 0);
      assert.equal(r.table2['第二十条第（九）项']!['政府集中采购']!['采购总金额'], '0');
      assert.match(r.narrative.overview, /^2020年，意溪镇在区委区政府的正确领导下/);
      assert.equal(r.narrative.other, '我镇无其他需要报告的事项');
    });

    test('意溪镇 2021: the 2021 format', async () => {
      const r = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.yixi!, 2021);
      assert.equal(r.format, '2021');
      assert.ok('三（六）3' in r.table3);
      assert.deepEqual(Object.keys(r.table2), [
        '第二十条第（一）项',
        '第二十条第（五）项',
        '第二十条第（六）项',
        '第二十条第（八）项',
      ]);
    });

    test('table 三: received, carried over, decided by outcome and applicant, totals computed', async () => {
      const y21 = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, 2021);
      const col = (c: string) => TABLE3_COLUMNS.indexOf(c as (typeof TABLE3_COLUMNS)[number]);
      assert.deepEqual(y21.table3['一'], [2, 1, 0, 0, 0, 0, 3]);
      assert.deepEqual(y21.table3['二'], [0, 0, 0, 0, 0, 0, 0]);
      assert.equal(y21.table3['三（一）']![col('自然人')], 1);
      assert.deepEqual(y21.table3['三（七）'], [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(y21.table3['四'], [1, 1, 0, 0, 0, 0, 2]);
      const y22 = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, 2022);
      assert.deepEqual(y22.table3['二'], y21.table3['四'], 'carry-over: 二 of 2022 = 四 of 2021');
      assert.deepEqual(y22.table3['三（三）4'], [0, 1, 0, 0, 0, 0, 1]);
      assert.deepEqual(y22.table3['三（六）1'], [0, 0, 0, 0, 1, 0, 1]);
      assert.deepEqual(y22.table3['三（二）'], [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(y22.table3['四'], [1, 0, 0, 0, 0, 0, 1]);
      for (let c = 0; c < 7; c++) {
        const v = (k: string) => y22.table3[k]![c]!;
        assert.equal(
          v('一') + v('二'),
          v('三（七）') + v('四'),
          `T3-COL holds in column ${TABLE3_COLUMNS[c]}`,
        );
      }
    });

    test('table 四: cases filed in the year, by their result at year end', async () => {
      const r = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, 2022);
      assert.deepEqual(r.table4['行政复议'], {
        结果维持: 1,
        结果纠正: 0,
        其他结果: 0,
        尚未审结: 1,
        总计: 2,
      });
      assert.deepEqual(r.table4['行政诉讼.复议后起诉'], {
        结果维持: 0,
        结果纠正: 0,
        其他结果: 1,
        尚未审结: 0,
        总计: 1,
      });
      assert.equal(r.table4['行政诉讼.未经复议直接起诉']!['总计'], 0);
    });

    test('table 二 第二十条第（一）项: issued, repealed and in force from the document register', async () => {
      const r = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, 2022);
      assert.deepEqual(r.table2['第二十条第（一）项']!['行政规范性文件'], {
        本年制发件数: 1,
        本年废止件数: 1,
        现行有效件数: 2,
      });
      assert.equal(
        r.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量'],
        null,
        'a figure nobody entered stays blank',
      );
      const y20 = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, 2020);
      assert.deepEqual(y20.table2['第二十条第（一）项']!['规范性文件'], {
        本年新制作数量: 1,
        本年新公开数量: 1,
        对外公开总数量: 2,
      });
    });

    test('the busy demo agency: every outcome row used, carry-over year to year, every review result', async () => {
      const reports = [];
      for (const year of BUSY_YEARS)
        reports.push(await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.district!, year));
      const used = new Set<string>();
      for (const r of reports) {
        for (const [key, values] of Object.entries(r.table3))
          if ((values[6] ?? 0) > 0) used.add(key);
        for (let c = 0; c < 7; c++) {
          const v = (k: string) => r.table3[k]![c]!;
          assert.equal(v('一') + v('二'), v('三（七）') + v('四'), `${r.year} T3-COL column ${c}`);
        }
        assert.ok(r.table3['一']![6]! >= 200, `${r.year}: hundreds of applications`);
      }
      for (const row of Object.keys(reports[0]!.table3))
        assert.ok(used.has(row), `row ${row} is used in some year`);
      for (let i = 1; i < reports.length; i++) {
        assert.deepEqual(
          reports[i]!.table3['二'],
          reports[i - 1]!.table3['四'],
          `carry-over into ${reports[i]!.year}`,
        );
      }
      for (const group of Object.values(reports[0]!.table4)) {
        for (const col of ['结果维持', '结果纠正', '其他结果', '尚未审结'] as const)
          assert.ok((group[col] ?? 0) > 0, col);
      }
      assert.ok(
        reports[reports.length - 1]!.table3['四']![6]! > 0,
        'open applications at the end of the last year',
      );
    });

    test('another township’s officer cannot build this report', async () => {
      const ctx = {
        actor: { userId: 99, username: 'x', role: 'officer' as const, agencyId: t.agencies.yixi! },
        ip: '1',
      };
      await assert.rejects(buildAnnualReport(t.deps, ctx, t.agencies.lingxi!, 2022), /找不到/);
      await assert.rejects(buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, 2018), /2019/);
    });
  });
}
