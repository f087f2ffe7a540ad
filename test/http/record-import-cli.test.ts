/**
 * `gongkai import` as a child process: exit 0 with a summary on success, 1 with every bad row as
 * `第N行 “列名”：原因` and nothing written, 2 on usage errors and unreadable files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { DEFAULT_AUTH_POLICY } from '../../src/domain/auth-policy.ts';
import { gongkai } from '../support/cli.ts';
import { engines, type TestDb } from '../support/engines.ts';

const YIXI = '11445102007236021F';

for (const engine of engines()) {
  describe(`gongkai import on ${engine.name}`, () => {
    let db: TestDb;
    let dir: string;
    before(async () => {
      db = await engine.create();
      await seedDemo({ store: db.store, now: () => new Date(), auth: DEFAULT_AUTH_POLICY });
      dir = mkdtempSync(join(tmpdir(), 'gongkai-import-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    const count = async () =>
      Number(
        (
          await db.store.db
            .selectFrom('applications')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a GBK CSV: --dry-run writes nothing, then the import writes every row (exit 0)', async () => {
      const file = 'test/fixtures/import/applications-gbk.csv';
      const before = await count();
      const dry = gongkai(db.url, 'import', file, '--agency', YIXI, '--dry-run');
      assert.equal(dry.code, 0, dry.err);
      assert.match(dry.out, /按 GBK\/GB18030 编码读取.*检查通过.*3 条政府信息公开申请记录/);
      assert.equal(await count(), before);
      const r = gongkai(db.url, 'import', file, '--agency', '潮州市湘桥区意溪镇人民政府');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /已为潮州市湘桥区意溪镇人民政府导入 3 条/);
      assert.equal(await count(), before + 3);
    });

    test('an XLSX with bad rows: every error printed as 第N行 “列名”：原因, exit 1, nothing written', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('复议诉讼');
      ws.addRow(['案号', '类型', '立案日期', '结果', '审结日期']);
      ws.addRow([
        '复-1',
        '行政复议',
        new Date(Date.UTC(2022, 0, 5)),
        '维持',
        new Date(Date.UTC(2022, 2, 1)),
      ]);
      ws.addRow(['复-2', '行政复议', '2022-02-30', '', '']);
      ws.addRow(['复-1', '行政诉讼', '2022-03-01', '', '']);
      const path = join(dir, 'reviews.xlsx');
      writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
      const r = gongkai(db.url, 'import', path, '--agency', YIXI);
      assert.equal(r.code, 1, r.err);
      const lines = r.err.trim().split('\n');
      assert.match(lines[0]!, /^第3行 “立案日期”：“2022-02-30”不是日历上存在的日期。$/);
      assert.ok(lines.some((l) => /^第4行 “类型”：无法识别的案件类型“行政诉讼”/.test(l)));
      assert.ok(lines.some((l) => /^第4行 “案号”：“复-1”与第2行重复/.test(l)));
      assert.match(lines.at(-1)!, /3 处错误，涉及 2 行，未导入任何记录/);
      const n = await db.store.db
        .selectFrom('review_cases')
        .select('id')
        .where('case_number', '=', '复-1')
        .execute();
      assert.equal(n.length, 0);
    });

    test('usage errors and unreadable files: exit 2', () => {
      assert.equal(gongkai(db.url, 'import', '--agency', YIXI).code, 2);
      assert.equal(gongkai(db.url, 'import', 'test/fixtures/import/applications-gbk.csv').code, 2);
      const kind = gongkai(db.url, 'import', 'x.csv', '--agency', YIXI, '--kind', 'cases');
      assert.equal(kind.code, 2);
      assert.match(kind.err, /--kind 只能是 applications、reviews 或 documents/);
      const missing = gongkai(db.url, 'import', join(dir, 'none.csv'), '--agency', YIXI);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /无法读取文件/);
      const pdf = join(dir, 'a.pdf');
      writeFileSync(pdf, '%PDF-1.4');
      const typed = gongkai(db.url, 'import', pdf, '--agency', YIXI);
      assert.equal(typed.code, 2);
      assert.match(typed.err, /只能导入 \.csv 或 \.xlsx/);
      assert.equal(gongkai(db.url, 'import', pdf, '--agency', '不存在的机关').code, 2);
    });
  });
}
