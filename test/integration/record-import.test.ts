/**
 * Importing records on each engine: a good file changes the report's cells; a file with any bad
 * row writes nothing; a published year refuses changes with a message saying how to correct,
 * while a decision in February of a case received in its December is still allowed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { addRecord } from '../../src/app/add-record.ts';
import { buildAnnualReport } from '../../src/app/build-annual-report.ts';
import { decideApplication } from '../../src/app/decide-application.ts';
import type { Ctx } from '../../src/app/deps.ts';
import { importRecords } from '../../src/app/import-records.ts';
import { SYSTEM_CTX } from '../../src/app/seed-demo.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { addUser, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const NOW = new Date('2026-03-10T04:00:00Z');
const csv = (name: string, lines: string[]) => ({
  name,
  bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n'),
});

for (const engine of engines()) {
  describe(`importing records on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let agency: number;
    let officer: Ctx;

    before(async () => {
      db = await engine.create();
      t = await startApp(db, () => NOW);
      agency = t.agencies.lingxi!;
      const u = await addUser(t, 'lingxi.officer', 'officer', 'lingxi');
      officer = {
        actor: { userId: u.id, username: u.username, role: 'officer', agencyId: agency },
        ip: '10.0.0.1',
      };
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    const counts = async () => {
      const n = async (
        table: 'applications' | 'review_cases' | 'normative_documents' | 'audit_log',
      ) =>
        Number(
          (
            await db.store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        applications: await n('applications'),
        reviews: await n('review_cases'),
        documents: await n('normative_documents'),
        audit: await n('audit_log'),
      };
    };
    const lockYear = async (year: number) => {
      const at = NOW.toISOString();
      await db.store.db
        .insertInto('annual_reports')
        .values({
          agency_id: agency,
          year,
          version: 1,
          status: 'published',
          revision_note: null,
          snapshot_json: null,
          created_at: at,
          updated_at: at,
          submitted_at: null,
          accepted_at: null,
          published_at: at,
        })
        .execute();
    };

    test('a good CSV of applications changes table 三 of 2023 as expected, with one audit entry', async () => {
      const before = await counts();
      const r = await importRecords(
        t.deps,
        officer,
        agency,
        csv('2023.csv', [
          '申请编号,申请人类型,收到申请日期,办理结果,答复日期',
          '磷申2023-1,自然人,2023-02-01,予以公开,2023-02-15',
          '磷申2023-2,商业企业,2023-03-01,属于国家秘密,2023-03-20',
          '磷申2023-3,法律服务机构,2023-05-01,三（六）3,2023-05-10',
          '磷申2023-4,自然人,2023-12-20,,',
        ]),
      );
      assert.deepEqual(r, {
        ok: true,
        kind: 'applications',
        count: 4,
        dryRun: false,
        encoding: 'utf-8',
      });
      const after = await counts();
      assert.equal(after.applications, before.applications + 4);
      assert.equal(after.audit, before.audit + 1);
      const y = await buildAnnualReport(t.deps, SYSTEM_CTX, agency, 2023);
      assert.deepEqual(y.table3['一'], [2, 1, 0, 0, 1, 0, 4]);
      assert.deepEqual(y.table3['三（一）'], [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(y.table3['三（三）1'], [0, 1, 0, 0, 0, 0, 1]);
      assert.deepEqual(y.table3['三（六）3'], [0, 0, 0, 0, 1, 0, 1]);
      assert.deepEqual(y.table3['四'], [1, 0, 0, 0, 0, 0, 1]);
      const audit = await db.store.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      assert.equal(audit.action, 'records.import');
      assert.equal(audit.actor_name, 'lingxi.officer');
      assert.match(audit.after_json ?? '', /"count":4/);
    });

    test('a GBK CSV and an XLSX of reviews and documents: tables 四 and 二 change', async () => {
      const gbk = await importRecords(t.deps, officer, agency, {
        name: 'applications-gbk.csv',
        bytes: readFileSync('test/fixtures/import/applications-gbk.csv'),
      });
      assert.equal(gbk.ok, true);
      const reviews = await importRecords(
        t.deps,
        officer,
        agency,
        csv('复议.csv', [
          '案号,类型,收到日期,结果,审结日期',
          '复-1,行政复议,2023-04-01,维持,2023-06-01',
          '诉-1,复议后起诉,2023-11-01,,',
        ]),
      );
      assert.equal(reviews.ok, true);
      const docs = await importRecords(
        t.deps,
        officer,
        agency,
        csv('文件.csv', [
          '文号,标题,类别,成文日期,公开日期,废止日期',
          '磷府〔2023〕1号,关于甲的通知,行政规范性文件,2023-01-05,2023-01-10,',
          '磷府〔2023〕2号,关于乙的规定,行政规范性文件,2023-02-05,2023-02-10,2023-09-01',
        ]),
      );
      assert.equal(docs.ok, true);
      const y = await buildAnnualReport(t.deps, SYSTEM_CTX, agency, 2023);
      assert.equal(y.table4['行政复议']!['结果维持'], 1);
      assert.equal(y.table4['行政诉讼.复议后起诉']!['尚未审结'], 1);
      const cells = y.table2['第二十条第（一）项']!['行政规范性文件']!;
      assert.equal(cells['本年制发件数'], 2);
      assert.equal(cells['本年废止件数'], 1);
      assert.equal(cells['现行有效件数'], 1);
    });

    test('a file with bad rows writes nothing and names every row; duplicates against the database too', async () => {
      const before = await counts();
      const r = await importRecords(
        t.deps,
        officer,
        agency,
        csv('bad.csv', [
          '申请编号,申请人类型,收到申请日期,办理结果,答复日期',
          '磷申2023-9,自然人,2023-06-01,予以公开,2023-06-10',
          '磷申2023-1,自然人,2023-06-01,,',
          '磷申2023-10,自然人,2023-02-30,,',
          '磷申2023-11,自然人,2023-06-01,不晓得,2023-06-10',
        ]),
      );
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.deepEqual(
        r.errors.map((e) => [e.line, e.column]),
        [
          [3, '申请编号'],
          [4, '收到申请日期'],
          [5, '办理结果'],
        ],
      );
      assert.match(r.errors[0]!.message, /本机关已登记过“磷申2023-1”/);
      assert.deepEqual(await counts(), before, 'nothing written');
    });

    test('dry run checks everything and writes nothing', async () => {
      const before = await counts();
      const r = await importRecords(
        t.deps,
        officer,
        agency,
        csv('ok.csv', ['申请编号,申请人类型,收到申请日期', '磷申2023-20,自然人,2023-07-01']),
        { dryRun: true },
      );
      assert.deepEqual(r, {
        ok: true,
        kind: 'applications',
        count: 1,
        dryRun: true,
        encoding: 'utf-8',
      });
      assert.deepEqual(await counts(), before);
    });

    test('roles that only read are refused; agencies outside the scope do not exist', async () => {
      const auditor = await addUser(t, 'lingxi.auditor', 'auditor', 'lingxi');
      const file = csv('x.csv', ['申请编号,申请人类型,收到申请日期', 'Z-1,自然人,2023-07-01']);
      await assert.rejects(
        importRecords(
          t.deps,
          {
            actor: {
              userId: auditor.id,
              username: 'lingxi.auditor',
              role: 'auditor',
              agencyId: agency,
            },
            ip: '',
          },
          agency,
          file,
        ),
        (e: unknown) => e instanceof DomainError && e.kind === 'forbidden',
      );
      await assert.rejects(
        importRecords(t.deps, officer, t.agencies.yixi!, file),
        (e: unknown) => e instanceof DomainError && e.kind === 'not_found',
      );
    });

    test('a published year: changes refused with how to correct; a February decision of its December case allowed', async () => {
      await lockYear(2023);
      const before = await counts();
      const r = await importRecords(
        t.deps,
        officer,
        agency,
        csv('late.csv', [
          '申请编号,申请人类型,收到申请日期,办理结果,答复日期',
          '磷申2023-30,自然人,2023-11-01,予以公开,2023-11-10',
          '磷申2024-1,自然人,2024-01-05,予以公开,2024-01-10',
        ]),
      );
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.errors.length, 1);
        assert.equal(r.errors[0]!.line, 2);
        assert.equal(r.errors[0]!.column, '收到申请日期');
        assert.match(r.errors[0]!.message, /2023年度报告已发布.*发起更正/);
      }
      assert.deepEqual(await counts(), before, 'nothing written, not even the good 2024 row');

      // the form: an application received in the published year is refused with the same message
      await assert.rejects(
        addRecord(t.deps, officer, agency, 'applications', {
          caseNumber: '磷申2023-31',
          applicantType: 'natural_person',
          receivedOn: '2023-12-01',
          outcome: '',
          decidedOn: '',
        }),
        (e: unknown) =>
          e instanceof DomainError && e.kind === 'conflict' && /2023年度报告已发布/.test(e.message),
      );
      // 磷申2023-4 was received on 2023-12-20 and is open: deciding it in 2024 leaves 2023 unchanged
      const open = await db.store.db
        .selectFrom('applications')
        .select('id')
        .where('case_number', '=', '磷申2023-4')
        .executeTakeFirstOrThrow();
      await decideApplication(t.deps, officer, agency, open.id, {
        outcome: '予以公开',
        decidedOn: '2024-02-05',
      });
      const y24 = await buildAnnualReport(t.deps, SYSTEM_CTX, agency, 2024);
      // carried in: 磷申2023-4 and the GBK file's open 2021 application (法律服务机构)
      assert.deepEqual(y24.table3['二'], [1, 0, 0, 0, 1, 0, 2]);
      assert.deepEqual(y24.table3['三（一）'], [1, 0, 0, 0, 0, 0, 1]);
      // …but a decision dated in the published year is refused
      const other = await db.store.db
        .selectFrom('applications')
        .select('id')
        .where('case_number', '=', '意府申〔2021〕3号')
        .executeTakeFirstOrThrow();
      await assert.rejects(
        decideApplication(t.deps, officer, agency, other.id, {
          outcome: '予以公开',
          decidedOn: '2023-01-10',
        }),
        (e: unknown) =>
          e instanceof DomainError && e.kind === 'conflict' && /2023年度报告已发布/.test(e.message),
      );
    });
  });
}
