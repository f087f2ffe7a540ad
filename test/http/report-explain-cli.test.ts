/**
 * `gongkai report build --explain`: after the report, one line per non-zero cell with its rule
 * and every case or document number behind it (stdout without -o; `<file>.explain.txt` with -o).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildAnnualReport } from '../../src/app/build-annual-report.ts';
import { SYSTEM_CTX, seedDemo } from '../../src/app/seed-demo.ts';
import { DEFAULT_AUTH_POLICY } from '../../src/domain/auth-policy.ts';
import { cellProvenance, cellValue, reportCells } from '../../src/domain/report/provenance.ts';
import { findAgencyByName } from '../../src/store/agencies.ts';
import { gongkai } from '../support/cli.ts';
import { engines, type TestDb } from '../support/engines.ts';

const DISTRICT = '潮州市湘桥区人民政府';

/** label → [value, numbers] of each explanation line */
function parseLines(text: string) {
  const out = new Map<string, { value: string; numbers: string[] }>();
  for (const line of text.split('\n')) {
    const m = /^(表[二三四] .+?) = ([0-9.]+)：(.*)$/.exec(line);
    if (!m) continue;
    const list = /(?:案号|文号)：(.*)$/.exec(m[3]!);
    out.set(m[1]!, { value: m[2]!, numbers: list ? list[1]!.split('、') : [] });
  }
  return out;
}

for (const engine of engines()) {
  describe(`report build --explain on ${engine.name}`, () => {
    let db: TestDb;
    let dir: string;
    before(async () => {
      db = await engine.create();
      await seedDemo({ store: db.store, now: () => new Date(), auth: DEFAULT_AUTH_POLICY });
      dir = mkdtempSync(join(tmpdir(), 'gongkai-explain-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    test('without -o: the report, then every non-zero cell with all its case numbers', async () => {
      const r = gongkai(
        db.url,
        'report',
        'build',
        '--agency',
        DISTRICT,
        '--year',
        '2022',
        '--explain',
      );
      assert.equal(r.code, 0, r.err);
      const at = r.out.indexOf(`${DISTRICT}2022年度报告：各单元格的计算依据`);
      assert.ok(at > r.out.indexOf('六、其他需要报告的事项'), 'the explanation follows the report');
      const lines = parseLines(r.out.slice(at));
      const agency = (await findAgencyByName(db.store.db, DISTRICT))!;
      const report = await buildAnnualReport(
        { store: db.store, now: () => new Date(), auth: DEFAULT_AUTH_POLICY },
        SYSTEM_CTX,
        agency.id,
        2022,
      );
      let expected = 0;
      for (const cell of reportCells(report.format)) {
        const value = cellValue(report, cell);
        if (value === null || value === undefined || Number(value) === 0) continue;
        expected++;
        const p = cellProvenance(report.format, cell, 2022)!;
        const line = lines.get(p.label);
        assert.ok(line, `a line for ${p.label}`);
        assert.equal(line.value, String(value));
        if (p.provenance.records === 'figure') continue;
        assert.equal(line.numbers.length, value, `${p.label}: every number listed`);
        assert.equal(new Set(line.numbers).size, line.numbers.length);
      }
      assert.equal(lines.size, expected);
      assert.match(
        r.out,
        /表三 三（一）予以公开 · 自然人 = \d+：2022年内作出答复、答复结果为“予以公开”的申请（申请人为自然人）。案号：湘府依申〔20\d\d〕\d{4}号、/,
      );
      assert.match(
        r.out,
        /行政许可 · 本年处理决定数量 = \d+：.*来源：湘桥区政务服务数据管理局年度统计（演示数据）（system 录入于 /,
      );
      assert.match(r.out, new RegExp(`共 ${expected} 个非零单元格。\\n$`));
    });

    test('with -o: the report in the file, the explanation in <file>.explain.txt', () => {
      const file = join(dir, 'r.json');
      const r = gongkai(
        db.url,
        'report',
        'build',
        '--agency',
        DISTRICT,
        '--year',
        '2023',
        '--format',
        'json',
        '-o',
        file,
        '--explain',
      );
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '');
      assert.match(r.err, /已生成 .*r\.json\.explain\.txt/);
      JSON.parse(readFileSync(file, 'utf8'));
      const text = readFileSync(`${file}.explain.txt`, 'utf8');
      assert.match(text, /^潮州市湘桥区人民政府2023年度报告：各单元格的计算依据\n/);
      assert.match(
        text,
        /表四 行政复议 · 尚未审结 = \d+：2023年内提起（按立案日期）的行政复议案件中，截至2023年12月31日尚未审结的案件/,
      );
    });

    test('意溪镇 2020 has only zero cells; without --explain no explanation file is written', () => {
      const r = gongkai(
        db.url,
        'report',
        'build',
        '--agency',
        '11445102007236021F',
        '--year',
        '2020',
        '--explain',
      );
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /报告中没有非零的单元格。\n$/);
      const file = join(dir, 'yixi.txt');
      assert.equal(
        gongkai(
          db.url,
          'report',
          'build',
          '--agency',
          '11445102007236021F',
          '--year',
          '2020',
          '-o',
          file,
        ).code,
        0,
      );
      assert.ok(existsSync(file) && !existsSync(`${file}.explain.txt`));
    });

    test('the usage names --explain', () => {
      const r = gongkai(db.url, 'report', 'build', '--year', '2022', '--explain');
      assert.equal(r.code, 2);
      assert.match(r.err, /\[--explain\]/);
    });
  });
}
