/**
 * The 记录 pages: officers add an application and record its decision, add a review case and
 * its result, add a document and its repeal; errors come back in the form with the values kept;
 * a locked year answers 409 with the form kept; other roles only read; CSRF is required.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, login, startApp, type Client, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const NOW = new Date('2026-03-10T04:00:00Z');

for (const engine of engines()) {
  describe(`record forms on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let officer: Client;
    let base: string;
    before(async () => {
      db = await engine.create();
      t = await startApp(db, () => NOW);
      await addUser(t, 'yixi.officer', 'officer', 'yixi');
      officer = await login(t, 'yixi.officer');
      base = `/admin/records/${t.agencies.yixi}`;
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    const idOf = async (table: 'applications' | 'review_cases', no: string) =>
      (
        await db.store.db
          .selectFrom(table)
          .select('id')
          .where('case_number', '=', no)
          .executeTakeFirstOrThrow()
      ).id;

    test('add an application, then record its decision; both shown in the list and audited', async () => {
      assert.equal((await officer.get('/admin/records')).statusCode, 200);
      const form = await officer.get(`${base}/applications/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /登记政府信息公开申请/);
      const saved = await officer.post(`${base}/applications/new`, {
        caseNumber: '意申2025-1',
        applicantType: 'natural_person',
        receivedOn: '2025-12-20',
        outcome: '',
        decidedOn: '',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${base}?year=2025&saved=application`);
      const list = await officer.get(`${base}?year=2025&saved=application`);
      assert.match(list.body, /已登记申请/);
      assert.match(list.body, /意申2025-1/);
      assert.match(list.body, /尚未答复/);
      const id = await idOf('applications', '意申2025-1');
      assert.match(list.body, new RegExp(`${base}/applications/${id}/decision`));
      const decided = await officer.post(`${base}/applications/${id}/decision`, {
        outcome: 'withheld.third_party',
        decidedOn: '2026-01-08',
      });
      assert.equal(decided.statusCode, 303);
      const y26 = await officer.get(`${base}?year=2026`);
      assert.match(y26.body, /不予公开：保护第三方合法权益/);
      const audit = await db.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['application.create', 'application.decide'])
        .execute();
      assert.equal(audit.length, 2);
    });

    test('errors shown beside the fields in Chinese, values kept (400)', async () => {
      const res = await officer.post(`${base}/applications/new`, {
        caseNumber: '意申2025-2',
        applicantType: 'natural_person',
        receivedOn: '2025-02-30',
        outcome: 'other.no_clarification',
        decidedOn: '2020-01-01',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /提交的内容有误/);
      assert.match(res.body, /“2025-02-30”不是日历上存在的日期/);
      assert.match(res.body, /value="意申2025-2"/);
      assert.match(res.body, /value="other.no_clarification" selected/);
      const dup = await officer.post(`${base}/applications/new`, {
        caseNumber: '意申2025-1',
        applicantType: 'business',
        receivedOn: '2025-03-01',
      });
      assert.equal(dup.statusCode, 400);
      assert.match(dup.body, /本机关已登记过“意申2025-1”/);
    });

    test('a review case and its result; a document and its repeal', async () => {
      const r = await officer.post(`${base}/reviews/new`, {
        caseNumber: '潮府复〔2025〕9号',
        kind: 'reconsideration',
        filedOn: '2025-06-01',
        result: 'pending',
        concludedOn: '',
      });
      assert.equal(r.statusCode, 303);
      const id = await idOf('review_cases', '潮府复〔2025〕9号');
      const missing = await officer.post(`${base}/reviews/${id}/result`, {
        result: '',
        concludedOn: '',
      });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /请选择结果/);
      assert.equal(
        (
          await officer.post(`${base}/reviews/${id}/result`, {
            result: 'corrected',
            concludedOn: '2025-08-01',
          })
        ).statusCode,
        303,
      );
      assert.match((await officer.get(`${base}?year=2025`)).body, /结果纠正/);
      const d = await officer.post(`${base}/documents/new`, {
        documentNumber: '意府〔2025〕3号',
        title: '意溪镇村规民约管理办法',
        kind: 'normative',
        writtenOn: '2025-03-01',
        publishedOn: '2025-03-05',
        repealedOn: '',
      });
      assert.equal(d.statusCode, 303);
      const doc = await db.store.db
        .selectFrom('normative_documents')
        .select('id')
        .where('document_number', '=', '意府〔2025〕3号')
        .executeTakeFirstOrThrow();
      assert.equal(
        (await officer.post(`${base}/documents/${doc.id}/repeal`, { repealedOn: '2025-11-30' }))
          .statusCode,
        303,
      );
      const list = await officer.get(`${base}?year=2025`);
      assert.match(list.body, /意溪镇村规民约管理办法/);
      assert.match(list.body, /2025-11-30/);
    });

    test('a published year: 409 with the message saying how to correct, the form kept', async () => {
      const at = NOW.toISOString();
      await db.store.db
        .insertInto('annual_reports')
        .values({
          agency_id: t.agencies.yixi!,
          year: 2024,
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
      const res = await officer.post(`${base}/applications/new`, {
        caseNumber: '意申2024-99',
        applicantType: 'business',
        receivedOn: '2024-10-01',
        outcome: 'disclosed',
        decidedOn: '2024-10-10',
      });
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /2024年度报告已发布/);
      assert.match(res.body, /发起更正/);
      assert.match(res.body, /value="意申2024-99"/);
      assert.match((await officer.get(`${base}?year=2024`)).body, /2024年度报告已发布（第1版）/);
    });

    test('the list pages a busy agency’s applications, 50 a page', async () => {
      await addUser(t, 'xq.admin', 'agency_admin', 'district');
      const admin = await login(t, 'xq.admin');
      const url = `/admin/records/${t.agencies.district}?year=2024`;
      const first = await admin.get(url);
      assert.equal(first.statusCode, 200);
      const total = Number(/共 (\d+) 件/.exec(first.body)?.[1]);
      assert.ok(total > 50, `${total} applications`);
      const pages = Math.ceil(total / 50);
      const last = await admin.get(`${url}&page=${pages}`);
      assert.match(last.body, new RegExp(`第 ${pages} / ${pages} 页`));
      assert.equal(
        (last.body.match(/<th scope="row">/g) ?? []).length >= total - (pages - 1) * 50,
        true,
      );
      assert.equal((await admin.get(`${url}&page=x`)).statusCode, 404);
      assert.equal(
        (await admin.get(`/admin/records/${t.agencies.district}?year=2018`)).statusCode,
        404,
      );
    });

    test('read-only roles see the list without forms; foreign agencies are 404; CSRF required', async () => {
      await addUser(t, 'yixi.auditor', 'auditor', 'yixi');
      const auditor = await login(t, 'yixi.auditor');
      const list = await auditor.get(base);
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /登记办理结果|applications\/new/);
      assert.equal((await auditor.get(`${base}/applications/new`)).statusCode, 403);
      const post = await auditor.post(`${base}/applications/new`, {
        caseNumber: 'X',
        applicantType: 'natural_person',
        receivedOn: '2025-01-01',
      });
      assert.equal(post.statusCode, 403);
      assert.equal((await officer.get(`/admin/records/${t.agencies.lingxi}`)).statusCode, 404);
      assert.equal(
        (await officer.get(`/admin/records/${t.agencies.lingxi}/applications/new`)).statusCode,
        404,
      );
      assert.equal((await officer.get(`${base}/applications/999999/decision`)).statusCode, 404);
      const noCsrf = await officer.post(
        `${base}/applications/new`,
        { caseNumber: 'Y', applicantType: 'natural_person', receivedOn: '2025-01-01' },
        { csrf: null },
      );
      assert.equal(noCsrf.statusCode, 403);
      const n = await db.store.db
        .selectFrom('applications')
        .select('id')
        .where('case_number', 'in', ['X', 'Y'])
        .execute();
      assert.equal(n.length, 0);
    });
  });
}
