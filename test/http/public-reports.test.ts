/**
 * The public 年报 column: published reports as published (the frozen snapshot), the revision note
 * of a correction, earlier versions, downloads that open, and nothing unpublished.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mammoth from 'mammoth';
import { actOnReport } from '../../src/app/report-workflow.ts';
import { saveReportNarrative } from '../../src/app/save-report-narrative.ts';
import { SYSTEM_CTX } from '../../src/app/seed-demo.ts';
import { startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const YIXI = '11445102007236021F';
const DISTRICT = '11445102007235012A';

for (const engine of engines()) {
  describe(`public annual reports on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    before(async () => {
      db = await engine.create();
      t = await startApp(db);
    });
    after(async () => {
      await t.close();
      await db.drop();
    });
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    test('the seeded history is listed with publication dates; unpublished years are not', async () => {
      const district = await get(`/agencies/${DISTRICT}`);
      assert.equal(district.statusCode, 200);
      for (const year of [2021, 2022, 2023, 2024])
        assert.match(district.body, new RegExp(`${year}年政府信息公开工作年度报告`));
      assert.match(district.body, /发布日期：2022-03-2/);
      const lingxi = await get('/agencies/11445102007238055D');
      assert.equal(lingxi.statusCode, 200);
      assert.match(lingxi.body, /尚未发布年度报告/);
      assert.equal((await get(`/agencies/${YIXI}/reports/2021`)).statusCode, 404);
      assert.equal((await get(`/agencies/${YIXI}/reports/20x1`)).statusCode, 404);
      assert.equal((await get(`/agencies/${YIXI}/reports/2020?version=x`)).statusCode, 404);
      assert.equal((await get(`/agencies/${YIXI}/reports/2020?version=7`)).statusCode, 404);
      assert.equal(
        (await get(`/agencies/${YIXI}/reports/2020/download?format=exe`)).statusCode,
        404,
      );
    });

    test('a correction: the new version with its note, the old one still readable and marked', async () => {
      const yixi = t.agencies.yixi!;
      const first = await get(`/agencies/${YIXI}/reports/2020`);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /发布日期<\/dt>\s*<dd>2021-01-26/);
      assert.doesNotMatch(first.body, /更正说明/);

      await actOnReport(
        t.deps,
        SYSTEM_CTX,
        yixi,
        2020,
        'correct',
        '补充政府信息公开平台建设情况。',
      );
      const narrative = {
        overview: '2020年，意溪镇补充说明：镇政府网站全年正常运行。',
        problems: '',
        other: '',
      };
      await saveReportNarrative(t.deps, SYSTEM_CTX, yixi, 2020, narrative);
      // until the correction is published, the public still reads version 1
      assert.doesNotMatch((await get(`/agencies/${YIXI}/reports/2020`)).body, /补充说明/);
      await actOnReport(t.deps, SYSTEM_CTX, yixi, 2020, 'submit', '');
      await actOnReport(t.deps, SYSTEM_CTX, yixi, 2020, 'accept', '');
      await actOnReport(t.deps, SYSTEM_CTX, yixi, 2020, 'publish', '');

      const column = await get(`/agencies/${YIXI}`);
      assert.match(column.body, /已更正，第2版/);
      const latest = await get(`/agencies/${YIXI}/reports/2020`);
      assert.match(latest.body, /补充说明：镇政府网站全年正常运行/);
      assert.match(
        latest.body,
        /更正说明（第2版，[0-9-]+）<\/dt>\s*<dd>补充政府信息公开平台建设情况。/,
      );
      assert.match(latest.body, /href="\/agencies\/11445102007236021F\/reports\/2020\?version=1"/);
      const v1 = await get(`/agencies/${YIXI}/reports/2020?version=1`);
      assert.equal(v1.statusCode, 200);
      assert.match(v1.body, /这是第1版，已被更正/);
      assert.doesNotMatch(v1.body, /补充说明/);

      const docx = await get(`/agencies/${YIXI}/reports/2020/download?format=docx`);
      assert.equal(docx.statusCode, 200);
      assert.match(docx.headers['content-disposition'] as string, /%E7%AC%AC2%E7%89%88/); // 第2版
      const { value } = await mammoth.extractRawText({ buffer: docx.rawPayload });
      assert.match(value, /补充说明：镇政府网站全年正常运行/);
      const oldText = await get(`/agencies/${YIXI}/reports/2020/download?format=txt&version=1`);
      assert.equal(oldText.statusCode, 200);
      assert.doesNotMatch(oldText.body, /补充说明/);
      assert.match(oldText.body, /意溪镇/);
    });
  });
}
