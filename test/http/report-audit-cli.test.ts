/**
 * `gongkai audit <files…>` on published reports: the defects of the examples with the engine's
 * rule ids, the figures read under the sidecars' keys in --format json, CSV for spreadsheets,
 * and exit codes 0 / 1 / 2 (unreadable input never crashes).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gongkai } from '../support/cli.ts';

const FIX = 'test/fixtures/reports';
// the command reads files only; the database is never opened
const NO_DB = join(tmpdir(), 'gongkai-audit-no-db.sqlite');
const audit = (...args: string[]) => gongkai(NO_DB, 'audit', ...args);
const sidecar = (stem: string) =>
  JSON.parse(readFileSync(join(FIX, `${stem}.expected.json`), 'utf8')) as {
    table3: { rows: Record<string, (number | null)[]> };
    table4: { values: (number | null)[] };
  };

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('Pingtan 2020: both T3-SUM7 errors with stated and computed values; exit 1', () => {
  const r = audit(join(FIX, '2020_pingtan.txt'));
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /\[错误\] T3-SUM7 table3 column 自然人：.*（填报 20，应为 26）/);
  assert.match(r.out, /\[错误\] T3-SUM7 table3 column 总计：.*（填报 21，应为 27）/);
  assert.match(r.out, /共 1 个文件：1 个有错误/);
});

test('意溪镇 2020: blanks are warnings (unverifiable), not errors; exit 0', () => {
  const r = audit(join(FIX, '2020_yixi-town_chaozhou.txt'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /BLANK-CELL/);
  assert.match(r.out, /T3-COL table3, all columns/);
});

test('--format json: the figures under the sidecars’ keys, null for blanks, and the findings', () => {
  const r = audit(
    '--format',
    'json',
    join(FIX, '2020_pingtan.txt'),
    join(FIX, '2020_yixi-town_chaozhou.txt'),
  );
  assert.equal(r.code, 1, r.err);
  const [pingtan, yixi] = JSON.parse(r.out) as {
    year: number;
    template: string;
    table3: { rows: Record<string, (number | null)[]> };
    findings: { rule: string; severity: string; stated?: unknown; computed?: unknown }[];
  }[];
  assert.equal(pingtan?.year, 2020);
  assert.equal(pingtan?.template, '2019');
  assert.deepEqual(pingtan?.table3.rows, sidecar('2020_pingtan').table3.rows);
  assert.ok(
    pingtan?.findings.some((f) => f.rule === 'T3-SUM7' && f.stated === 20 && f.computed === 26),
  );
  assert.deepEqual(yixi?.table3.rows, sidecar('2020_yixi-town_chaozhou').table3.rows);
  assert.equal(yixi?.table3.rows['三（一）']?.[0], null, 'a blank cell stays null');
});

test('a PDF: Huaian 2024 is read from its text layer; table 四 as in the sidecar', () => {
  const r = audit('--format', 'json', join(FIX, '2024_huaian-city.pdf'));
  assert.equal(r.code, 0, r.err);
  const [huaian] = JSON.parse(r.out) as { table4: { values: number[] }; template: string }[];
  assert.equal(huaian?.template, '2021');
  assert.deepEqual(huaian?.table4.values, sidecar('2024_huaian-city').table4.values);
});

test('a folder with an unreadable file: the others are still checked; exit 2; CSV for Excel', () => {
  const folder = join(dir, 'batch');
  mkdirSync(folder);
  copyFileSync(join(FIX, '2020_pingtan.txt'), join(folder, 'a.txt'));
  writeFileSync(join(folder, 'b.pdf'), Buffer.from('%PDF-1.7 garbage garbage'));
  writeFileSync(join(folder, 'c.txt'), '');
  writeFileSync(join(folder, 'ignored.exe'), 'MZ');
  const r = audit(folder);
  assert.equal(r.code, 2, r.err);
  assert.match(r.out, /b\.pdf：无法读取。/);
  assert.match(r.out, /c\.txt：无法读取。文件是空的/);
  assert.match(r.out, /共 3 个文件：1 个有错误，0 个无错误，2 个无法读取。/);
  const csv = audit('--format', 'csv', folder);
  assert.equal(csv.code, 2);
  assert.ok(csv.out.startsWith('\uFEFF文件,规则,级别,位置,填报值,应为,说明\r\n'));
  assert.match(csv.out, /a\.txt,T3-SUM7,错误,table3 column 自然人,20,26,/);
});

test('usage errors exit 2: no file, a missing path, a bad --format', () => {
  assert.equal(audit('/no/such/file.txt').code, 2);
  assert.equal(audit('--format', 'xml', join(FIX, '2020_pingtan.txt')).code, 2);
  assert.equal(gongkai(NO_DB, 'audit').code, 2);
});
