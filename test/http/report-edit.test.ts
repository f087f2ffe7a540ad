import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, login, startApp, type Client, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

for (const engine of engines()) {
  describe(`editing a report on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let officer: Client;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
      await addUser(t, 'yixi.officer', 'officer', 'yixi');
      officer = await login(t, 'yixi.officer');
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    const form = (over: Record<string, string> = {}) => ({
      overview: '2021年，意溪镇认真落实政府信息公开各项工作。',
      problems: '公开形式不够丰富。',
      other: '本年度未收取信息处理费。',
      'licensing.decisions': '12',
      'penalty.decisions': '3',
      'enforcement.decisions': '0',
      'fees.amount_wan': '1.5',
      source: '镇综合行政执法办年度统计',
      ...over,
    });

    const auditCount = async () =>
      Number(
        (
          await t.deps.store.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('an officer saves the narrative and figures; a number in the text that contradicts table 三 is found, then fixed', async () => {
      const url = `/admin/reports/${t.agencies.yixi}/edit?year=2021`;
      assert.equal((await officer.get(url)).statusCode, 200);
      const saved = await officer.post(
        url,
        form({ overview: '2021年，我镇共收到政府信息公开申请5件，均已按时答复。' }),
      );
      assert.equal(saved.statusCode, 303);
      const page = await officer.get(`${url}&saved=1`);
      assert.match(page.body, /已保存/);
      assert.match(page.body, /TEXT-NUM/);
      assert.equal((await officer.post(url, form())).statusCode, 303);
      const fixed = await officer.get(url);
      assert.doesNotMatch(fixed.body, /TEXT-NUM/);
      const report = await officer.get(`/admin/reports/${t.agencies.yixi}?year=2021`);
      assert.match(report.body, /认真落实政府信息公开各项工作/);
      assert.match(report.body, />1\.5</);
    });

    test('a bad figure or a missing source: 400 naming the field, nothing written', async () => {
      const url = `/admin/reports/${t.agencies.yixi}/edit?year=2021`;
      const before = await auditCount();
      const bad = await officer.post(url, form({ 'penalty.decisions': '-3' }));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /行政处罚：（本年）处理决定数量：“-3”应为非负整数/);
      const noSource = await officer.post(url, form({ source: '' }));
      assert.equal(noSource.statusCode, 400);
      assert.match(noSource.body, /统计数据来源：请注明数据来源/);
      const control = await officer.post(url, form({ overview: '含有\u0007控制字符' }));
      assert.equal(control.statusCode, 400);
      assert.match(control.body, /一、总体情况：含有不可见的控制字符/);
      assert.equal(await auditCount(), before);
    });

    test('the report downloads as DOCX (it opens and holds the report) and XLSX; other formats are refused', async () => {
      const res = await officer.get(
        `/admin/reports/${t.agencies.yixi}/export?year=2020&format=docx`,
      );
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /wordprocessingml/);
      assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
      const mammoth = (await import('mammoth')).default;
      const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
      assert.match(value, /潮州市湘桥区意溪镇人民政府2020年政府信息公开工作年度报告/);
      assert.match(value, /第二十条第（九）项/);
      const xlsx = await officer.get(
        `/admin/reports/${t.agencies.yixi}/export?year=2020&format=xlsx`,
      );
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
      assert.equal(
        (await officer.get(`/admin/reports/${t.agencies.yixi}/export?year=2020&format=exe`))
          .statusCode,
        404,
      );
      assert.equal(
        (await officer.get(`/admin/reports/${t.agencies.lingxi}/export?year=2020&format=docx`))
          .statusCode,
        404,
      );
    });

    test('another township’s report is not found; an auditor may read but not edit', async () => {
      assert.equal(
        (await officer.get(`/admin/reports/${t.agencies.lingxi}/edit?year=2021`)).statusCode,
        404,
      );
      assert.equal(
        (await officer.post(`/admin/reports/${t.agencies.lingxi}/edit?year=2021`, form()))
          .statusCode,
        404,
      );
      await addUser(t, 'yixi.auditor', 'auditor', 'yixi');
      const auditor = await login(t, 'yixi.auditor');
      assert.equal(
        (await auditor.get(`/admin/reports/${t.agencies.yixi}?year=2021`)).statusCode,
        200,
      );
      assert.equal(
        (await auditor.get(`/admin/reports/${t.agencies.yixi}/edit?year=2021`)).statusCode,
        403,
      );
      assert.equal(
        (await auditor.post(`/admin/reports/${t.agencies.yixi}/edit?year=2021`, form())).statusCode,
        403,
      );
    });
  });
}
