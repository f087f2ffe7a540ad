/**
 * The records behind every cell, listed from the database, are as many as the cell says: the
 * busy demo agency (湘桥区人民政府, 2021–2024, 2021 format) and a township with records on the
 * edges of the rules (year ends, a case concluded after 31 December, a `pending` result with a
 * conclusion date, rules and normative documents) in both formats. On every engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildAnnualReport } from '../../src/app/build-annual-report.ts';
import { BUSY_YEARS } from '../../src/app/demo/busy-agency.ts';
import { explainAnnualReport } from '../../src/app/explain-annual-report.ts';
import { CELL_PAGE_SIZE, explainReportCell } from '../../src/app/explain-report-cell.ts';
import { SYSTEM_CTX } from '../../src/app/seed-demo.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import {
  cellProvenance,
  cellValue,
  reportCells,
  type ReportCell,
} from '../../src/domain/report/provenance.ts';
import {
  insertApplications,
  insertNormativeDocuments,
  insertReviewCases,
} from '../../src/store/case-records.ts';
import { listProvenanceRecords, provenanceNumbers } from '../../src/store/report-provenance.ts';
import { addUser, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const AT = '2026-01-01T00:00:00.000Z';
const ALL = { limit: 1_000_000, offset: 0 };

for (const engine of engines()) {
  describe(`report cell provenance on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
      const agency_id = t.agencies.lingxi!;
      const base = { agency_id, source: 'test', created_at: AT, updated_at: AT };
      const app = (
        n: string,
        type: string,
        rec: string,
        outcome: string | null,
        dec: string | null,
      ) => ({
        ...base,
        case_number: `LX-${n}`,
        applicant_type: type,
        received_on: rec,
        outcome,
        decided_on: dec,
      });
      await insertApplications(db.store.db, [
        app('01', 'natural_person', '2019-12-31', 'disclosed', '2020-01-01'),
        app('02', 'business', '2020-01-01', 'other.no_clarification', '2020-12-31'),
        app('03', 'research', '2020-12-31', 'other.unpaid_fee', '2021-01-01'),
        app('04', 'other_org', '2020-06-01', 'other.other', '2020-07-01'),
        app('05', 'nonprofit', '2020-11-30', null, null),
        app('06', 'legal_service', '2021-03-01', 'withheld.admin_query', '2021-03-15'),
        app('07', 'natural_person', '2021-12-31', 'other.other', '2022-01-01'),
        app('08', 'natural_person', '2022-01-01', 'other.unpaid_fee', '2022-12-31'),
        app('09', 'natural_person', '2023-01-01', 'disclosed', '2023-01-02'),
      ]);
      const review = (
        n: string,
        kind: string,
        filed: string,
        result: string,
        concluded: string | null,
      ) => ({
        ...base,
        case_number: `LX-FY-${n}`,
        kind,
        filed_on: filed,
        result,
        concluded_on: concluded,
      });
      await insertReviewCases(db.store.db, [
        review('1', 'reconsideration', '2020-12-31', 'upheld', '2021-01-01'), // pending at 2020 end
        review('2', 'reconsideration', '2020-01-01', 'pending', '2020-06-01'), // recorded pending
        review('3', 'litigation_direct', '2020-05-01', 'corrected', '2020-12-31'),
        review('4', 'litigation_after_reconsideration', '2021-01-01', 'other', null),
        review('5', 'litigation_direct', '2021-02-01', 'upheld', '2021-12-31'),
      ]);
      const doc = (n: string, kind: string, w: string, p: string | null, r: string | null) => ({
        agency_id,
        kind,
        title: `磷溪镇文件${n}`,
        document_number: `磷府〔${n}〕号`,
        written_on: w,
        published_on: p,
        repealed_on: r,
        created_at: AT,
        updated_at: AT,
      });
      await insertNormativeDocuments(db.store.db, [
        doc('1', 'rules', '2019-12-31', '2020-01-01', '2021-12-31'),
        doc('2', 'normative', '2020-12-31', '2021-01-01', null),
        doc('3', 'normative', '2020-03-01', null, null),
        doc('4', 'rules', '2021-05-01', '2021-05-01', '2022-01-01'),
      ]);
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    /** Every cell: the store lists as many records as the cell counts, in order, no duplicates. */
    async function checkEveryCell(agencyId: number, report: AnnualReport) {
      let nonZero = 0;
      for (const cell of reportCells(report.format)) {
        const p = cellProvenance(report.format, cell, report.year)!;
        const value = cellValue(report, cell);
        const listed = await listProvenanceRecords(
          db.store.db,
          [agencyId],
          report.year,
          p.provenance,
          ALL,
        );
        if (listed.records === 'figure') {
          const entered = listed.rows[0]?.value ?? null;
          assert.equal(
            entered === null ? null : String(entered),
            value === null ? null : String(value),
          );
          continue;
        }
        assert.equal(listed.total, value, `${report.year} ${p.label}`);
        assert.equal(listed.rows.length, listed.total);
        if (listed.total) nonZero++;
        const numbers = listed.rows.map((r) =>
          'case_number' in r ? r.case_number : r.document_number,
        );
        assert.equal(new Set(numbers).size, numbers.length, `${p.label}: no record listed twice`);
      }
      return nonZero;
    }

    test('the busy demo agency, 2021–2024: every cell equals its records', async () => {
      for (const year of BUSY_YEARS) {
        const report = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.district!, year);
        const nonZero = await checkEveryCell(t.agencies.district!, report);
        assert.ok(nonZero > 100, `${year}: ${nonZero} non-zero cells`);
      }
    });

    test('edge records in both formats (2020: 2019 format; 2021, 2022): every cell equals its records', async () => {
      for (const year of [2020, 2021, 2022]) {
        const report = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, year);
        await checkEveryCell(t.agencies.lingxi!, report);
      }
      const y20 = await buildAnnualReport(t.deps, SYSTEM_CTX, t.agencies.lingxi!, 2020);
      assert.equal(y20.format, '2019');
      assert.equal(y20.table3['三（六）']![6], 2, 'the single 2019 row takes the three sub-rows');
      assert.equal(y20.table4['行政复议']!['尚未审结'], 2);
    });

    test('explainReportCell pages through a cell 100 at a time, in case-number order', async () => {
      const cell: ReportCell = { table: 'table3', row: '一', column: 6 };
      const first = await explainReportCell(
        t.deps,
        SYSTEM_CTX,
        t.agencies.district!,
        2022,
        cell,
        1,
      );
      assert.equal(first.label, '表三 一、本年新收政府信息公开申请数量 · 总计');
      assert.equal(first.records.total, first.value);
      assert.equal(first.pages, Math.ceil(Number(first.value) / CELL_PAGE_SIZE));
      assert.ok(first.pages >= 3);
      const pages = [first];
      for (let p = 2; p <= first.pages; p++)
        pages.push(
          await explainReportCell(t.deps, SYSTEM_CTX, t.agencies.district!, 2022, cell, p),
        );
      const numbers = pages.flatMap((e) =>
        e.records.records === 'applications' ? e.records.rows.map((r) => r.case_number) : [],
      );
      assert.equal(numbers.length, first.value);
      assert.deepEqual(numbers, [...numbers].sort());
      await assert.rejects(
        explainReportCell(t.deps, SYSTEM_CTX, t.agencies.district!, 2022, cell, first.pages + 1),
        (e: unknown) =>
          e instanceof DomainError && e.kind === 'not_found' && /共 \d+ 页/.test(e.message),
      );
    });

    test('a cell the year’s format lacks, and an agency outside the actor’s scope, are not found', async () => {
      const notFound = (e: unknown) => e instanceof DomainError && e.kind === 'not_found';
      await assert.rejects(
        explainReportCell(
          t.deps,
          SYSTEM_CTX,
          t.agencies.lingxi!,
          2022,
          { table: 'table3', row: '三（六）', column: 0 },
          1,
        ),
        notFound,
      );
      await assert.rejects(
        explainReportCell(
          t.deps,
          SYSTEM_CTX,
          t.agencies.lingxi!,
          2020,
          { table: 'table3', row: '三（六）1', column: 0 },
          1,
        ),
        notFound,
      );
      const officer = await addUser(t, 'prov.yixi.officer', 'officer', 'yixi');
      const ctx = {
        actor: {
          userId: officer.id,
          username: officer.username,
          role: 'officer' as const,
          agencyId: t.agencies.yixi!,
        },
        ip: '127.0.0.1',
      };
      const cell: ReportCell = { table: 'table3', row: '一', column: 0 };
      await assert.rejects(
        explainReportCell(t.deps, ctx, t.agencies.lingxi!, 2021, cell, 1),
        notFound,
      );
      await assert.rejects(explainAnnualReport(t.deps, ctx, t.agencies.lingxi!, 2021), notFound);
      const own = await explainReportCell(t.deps, ctx, t.agencies.yixi!, 2021, cell, 1);
      assert.equal(own.records.total, 0);
    });

    test('the whole report: each non-zero cell streams its record numbers, as many as the cell says', async () => {
      const { report, cells } = await explainAnnualReport(
        t.deps,
        SYSTEM_CTX,
        t.agencies.district!,
        2023,
      );
      let n = 0;
      for await (const c of cells) {
        n++;
        assert.notEqual(Number(c.value), 0);
        if (c.numbers === null) {
          assert.equal(c.provenance.records, 'figure');
          assert.equal(c.figure?.value, String(c.value));
          continue;
        }
        const numbers: string[] = [];
        for await (const batch of c.numbers) numbers.push(...batch);
        assert.equal(numbers.length, c.value, c.label);
      }
      const expected = reportCells(report.format).filter(
        (cell) => Number(cellValue(report, cell) ?? 0) !== 0,
      );
      assert.equal(n, expected.length);
    });

    test('keyset batches give the same numbers as one listing, across batch boundaries', async () => {
      const p = cellProvenance(
        '2021',
        { table: 'table3', row: '三（七）', column: 6 },
        2022,
      )!.provenance;
      if (p.records === 'figure') throw new Error('not a count');
      const all = await listProvenanceRecords(db.store.db, [t.agencies.district!], 2022, p, ALL);
      const batched: string[] = [];
      for await (const b of provenanceNumbers(db.store.db, [t.agencies.district!], 2022, p, 7)) {
        assert.ok(b.length <= 7);
        batched.push(...b);
      }
      assert.deepEqual(
        batched,
        all.rows.map((r) => ('case_number' in r ? r.case_number : '')),
      );
    });
  });
}
