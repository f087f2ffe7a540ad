/**
 * `gongkai report build` on the seeded demo: 意溪镇's 2020 report in the 2019 format reproduces
 * the published example's sections and tables with every cell filled; 2021 is in the 2021 format.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { DEFAULT_AUTH_POLICY } from '../../src/domain/auth-policy.ts';
import { gongkai } from '../support/cli.ts';
import { engines, type TestDb } from '../support/engines.ts';

const EXAMPLE = readFileSync('test/fixtures/reports/2020_yixi-town_chaozhou.txt', 'utf8');

/** full-width ↔ half-width punctuation and spaces normalised, for comparing with the published text */
const norm = (s: string) =>
  s
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/[ \t]+/g, '')
    .trim();

const tableLines = (text: string) =>
  text
    .slice(text.indexOf('二、主动公开政府信息情况'), text.indexOf('五、存在的主要问题及改进情况'))
    .split('\n')
    .map(norm)
    .filter((l) => l !== '');

for (const engine of engines()) {
  describe(`report build on ${engine.name}`, () => {
    let db: TestDb;
    before(async () => {
      db = await engine.create();
      await seedDemo({ store: db.store, now: () => new Date(), auth: DEFAULT_AUTH_POLICY });
    });
    after(() => db.drop());

    test('意溪镇 2020 as text: the example’s sections and tables, blanks filled with 0', () => {
      const r = gongkai(
        db.url,
        'report',
        'build',
        '--agency',
        '11445102007236021F',
        '--year',
        '2020',
        '--format',
        'txt',
      );
      assert.equal(r.code, 0, r.err);
      for (const heading of [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]) {
        assert.ok(r.out.includes(`\n${heading}\n`), heading);
      }
      const ours = tableLines(r.out);
      const published = tableLines(EXAMPLE);
      // every line of the published tables is in ours, once blanks are read as 0 (the engine fills 0)
      const ourSet = new Set(ours.map((l) => l.replace(/0/g, '')));
      for (const line of published) {
        if (/^（本列|^申请人|^自然人|^商业企业|^行政复议|^结果|^未经复议/.test(line)) continue; // header cells differ in column placement only
        assert.ok(ourSet.has(line.replace(/0/g, '')), `published line not reproduced: ${line}`);
      }
      const rows3 = r.out
        .split('\n')
        .map((l) => l.split('\t'))
        .filter(
          (cells) =>
            cells.length === 10 &&
            /[一二四]、|（|[0-9]\./.test(cells.slice(0, 3).join('')) &&
            !cells.join('').includes('本列'),
        );
      assert.equal(rows3.length, 23, 'table 三 of the 2019 format has 23 data rows');
      for (const cells of rows3)
        assert.ok(
          cells.slice(3).every((c) => /^[0-9]+$/.test(c)),
          `every cell filled: ${cells.join('|')}`,
        );
      assert.ok(r.out.includes('我镇无其他需要报告的事项'));
    });

    test('report check: the busy agency passes every rule in every year; a bad figure exits 1', async () => {
      for (const year of ['2021', '2022', '2023', '2024']) {
        const r = gongkai(
          db.url,
          'report',
          'check',
          '--agency',
          '11445102007235012A',
          '--year',
          year,
        );
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /通过全部校验规则/);
      }
      const yixi = gongkai(
        db.url,
        'report',
        'check',
        '--agency',
        '11445102007236021F',
        '--year',
        '2020',
        '--json',
      );
      assert.equal(yixi.code, 0);
      assert.equal(
        JSON.parse(yixi.out).findings.filter((f: { severity: string }) => f.severity === 'error')
          .length,
        0,
      );
      // a figure written around the application (directly in the database) is caught
      const district = await db.store.db
        .selectFrom('agencies')
        .select('id')
        .where('credit_code', '=', '11445102007235012A')
        .executeTakeFirstOrThrow();
      await db.store.db
        .updateTable('yearly_figures')
        .set({ value: '-5' })
        .where('agency_id', '=', district.id)
        .where('year', '=', 2023)
        .where('key', '=', 'penalty.decisions')
        .execute();
      const bad = gongkai(
        db.url,
        'report',
        'check',
        '--agency',
        '11445102007235012A',
        '--year',
        '2023',
      );
      assert.equal(bad.code, 1);
      assert.match(bad.out, /\[错误\] T2-TYPES-2021/);
    });

    test('意溪镇 2021 renders in the 2021 format; html and json too; bad arguments exit 2', () => {
      const txt = gongkai(
        db.url,
        'report',
        'build',
        '--agency',
        '潮州市湘桥区意溪镇人民政府',
        '--year',
        '2021',
      );
      assert.equal(txt.code, 0, txt.err);
      assert.match(txt.out, /本年制发件数/);
      assert.match(txt.out, /1\.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请/);
      assert.doesNotMatch(txt.out, /政府集中采购/);
      const json = gongkai(
        db.url,
        'report',
        'build',
        '--agency',
        '11445102007236021F',
        '--year',
        '2021',
        '--format',
        'json',
      );
      assert.equal(JSON.parse(json.out).template, '2021');
      const html = gongkai(
        db.url,
        'report',
        'build',
        '--agency',
        '11445102007236021F',
        '--year',
        '2020',
        '--format',
        'html',
      );
      assert.match(html.out, /^<article class="annual-report">/);
      assert.equal(
        gongkai(db.url, 'report', 'build', '--agency', '11445102007236021F', '--year', '20x0').code,
        2,
      );
      assert.equal(
        gongkai(db.url, 'report', 'build', '--agency', '不存在的机关', '--year', '2020').code,
        2,
      );
      assert.equal(
        gongkai(
          db.url,
          'report',
          'build',
          '--agency',
          '11445102007236021F',
          '--year',
          '2020',
          '--format',
          'pdf',
        ).code,
        2,
      );
      const docx = [
        'report',
        'build',
        '--agency',
        '11445102007236021F',
        '--year',
        '2020',
        '--format',
        'docx',
      ];
      assert.equal(gongkai(db.url, ...docx).code, 2, 'a binary format needs -o');
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-docx-'));
      const file = join(dir, 'yixi-2020.docx');
      assert.equal(gongkai(db.url, ...docx, '-o', file).code, 0);
      assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'a zip container');
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
