/**
 * The drill-down of a report cell over HTTP: an officer of 意溪镇 follows a number of its own
 * report to the records behind it; another agency's cells and malformed addresses are 404 with a
 * Chinese message, never 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertApplications } from '../../src/store/case-records.ts';
import { addUser, login, startApp, type Client, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const AT = '2026-01-01T00:00:00.000Z';
const unescape = (s: string) => s.replace(/&amp;/g, '&');

for (const engine of engines()) {
  describe(`report cell drill-down on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let officer: Client;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
      const app = (
        n: number,
        type: string,
        received: string,
        outcome: string | null,
        decided: string | null,
      ) => ({
        agency_id: t.agencies.yixi!,
        case_number: `意溪依申〔2021〕${n}号`,
        applicant_type: type,
        received_on: received,
        outcome,
        decided_on: decided,
        source: 'test',
        created_at: AT,
        updated_at: AT,
      });
      await insertApplications(db.store.db, [
        app(1, 'natural_person', '2021-02-01', 'disclosed', '2021-02-20'),
        app(2, 'natural_person', '2021-05-01', 'disclosed', '2021-05-12'),
        app(3, 'business', '2021-12-30', null, null),
        // 150 decided applications: two pages in the 三（七） drill-down
        ...Array.from({ length: 150 }, (_, i) =>
          app(100 + i, 'natural_person', '2021-03-01', 'withheld.process', '2021-03-10'),
        ),
      ]);
      await addUser(t, 'cells.yixi.officer', 'officer', 'yixi');
      officer = await login(t, 'cells.yixi.officer');
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    const url = (agency: number, query: Record<string, string>) =>
      `/admin/reports/${agency}/cells?${new URLSearchParams(query).toString()}`;

    test('the numbers of the report link to their drill-down, which lists the records behind them', async () => {
      const report = await officer.get(`/admin/reports/${t.agencies.yixi}?year=2021`);
      assert.equal(report.statusCode, 200);
      const link = /<td class="num"><a href="([^"]+)">2<\/a><\/td>/.exec(report.body);
      assert.ok(link, 'the 2 of 三（一）予以公开 · 自然人 is a link');
      const page = await officer.get(unescape(link[1]!));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /表三 三（一）予以公开 · 自然人/);
      assert.match(page.body, /2021年内作出答复、答复结果为“予以公开”的申请（申请人为自然人）。/);
      assert.match(page.body, /意溪依申〔2021〕1号/);
      assert.match(page.body, /意溪依申〔2021〕2号/);
      assert.doesNotMatch(page.body, /意溪依申〔2021〕3号/);
      assert.match(page.body, /共 2 条，第 1\/1 页/);
    });

    test('a large cell is paged 100 at a time; the open application is carried over', async () => {
      const total = { year: '2021', table: 'table3', row: '三（七）', col: '6' };
      const p1 = await officer.get(url(t.agencies.yixi!, total));
      assert.equal(p1.statusCode, 200);
      assert.match(p1.body, /共 152 条，第 1\/2 页，每页 100 条/);
      assert.match(p1.body, /下一页/);
      const p2 = await officer.get(url(t.agencies.yixi!, { ...total, page: '2' }));
      assert.equal(p2.statusCode, 200);
      assert.match(p2.body, /第 2\/2 页/);
      assert.equal((p2.body.match(/<th scope="row">意溪依申/g) ?? []).length, 52);
      const p3 = await officer.get(url(t.agencies.yixi!, { ...total, page: '3' }));
      assert.equal(p3.statusCode, 404);
      assert.match(p3.body, /没有第 3 页/);
      const carried = await officer.get(
        url(t.agencies.yixi!, { year: '2021', table: 'table3', row: '四', col: '1' }),
      );
      assert.match(carried.body, /意溪依申〔2021〕3号/);
      assert.match(carried.body, /尚未答复/);
    });

    test('a yearly figure shows its value, source and who entered it; table 四 and 二 cells open', async () => {
      const fee = await officer.get(
        url(t.agencies.yixi!, {
          year: '2021',
          table: 'table2',
          caption: '第二十条第（八）项',
          row: '行政事业性收费',
          col: '本年收费金额（单位：万元）',
        }),
      );
      assert.equal(fee.statusCode, 200);
      assert.match(fee.body, /演示数据/);
      assert.match(fee.body, /录入时间（北京时间）/);
      const review = await officer.get(
        url(t.agencies.yixi!, { year: '2021', table: 'table4', row: '行政复议', col: '总计' }),
      );
      assert.equal(review.statusCode, 200);
      assert.match(review.body, /没有符合该规则的记录/);
    });

    test('another agency’s cells are not found, and nothing of it is shown', async () => {
      for (const other of [t.agencies.lingxi!, t.agencies.district!]) {
        const res = await officer.get(
          url(other, { year: '2022', table: 'table3', row: '一', col: '6' }),
        );
        assert.equal(res.statusCode, 404);
        assert.doesNotMatch(res.body, /磷溪镇|湘桥区人民政府2022|湘府依申/);
      }
    });

    test('malformed addresses are 404 with a Chinese message, never 500', async () => {
      const id = t.agencies.yixi!;
      const bad: Record<string, string>[] = [
        {},
        { year: '2021' },
        { year: '2021', table: 'table9', row: '一', col: '0' },
        { year: '2021', table: 'table3', row: '一', col: '7' },
        { year: '2021', table: 'table3', row: '一', col: '-1' },
        { year: '2021', table: 'table3', row: '一', col: 'x' },
        { year: '2021', table: 'table3', row: '三（六）', col: '0' },
        { year: '2020', table: 'table3', row: '三（六）1', col: '0' },
        { year: '2021', table: 'table3', row: '一', col: '0', page: '0' },
        { year: '2021', table: 'table3', row: '一', col: '0', page: 'abc' },
        { year: '2021', table: 'table3', row: '一', col: '0', page: '99999999999' },
        { year: '2021', table: 'table4', row: '行政复议', col: '结果' },
        { year: '2021', table: 'table2', row: '规章', col: '本年制发件数' },
        {
          year: '2021',
          table: 'table2',
          caption: '第二十条第（九）项',
          row: '政府集中采购',
          col: '采购项目数量',
        },
        { year: '1999', table: 'table3', row: '一', col: '0' },
        { year: '20x1', table: 'table3', row: '一', col: '0' },
        { year: '2021', table: 'table3', row: 'x'.repeat(500), col: '0' },
      ];
      for (const q of bad) {
        const res = await officer.get(url(id, q));
        assert.equal(res.statusCode, 404, JSON.stringify(q));
        assert.match(res.body, /[\u4e00-\u9fff]/);
      }
      const repeated = await officer.get(
        `/admin/reports/${id}/cells?year=2021&table=table3&row=一&row=二&col=0`,
      );
      assert.equal(repeated.statusCode, 404);
      const noLogin = await t.app.inject({
        method: 'GET',
        url: url(id, { year: '2021', table: 'table3', row: '一', col: '0' }),
      });
      assert.equal(noLogin.statusCode, 303);
    });
  });
}
