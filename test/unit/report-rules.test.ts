import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgencyKind, AgencyLevel } from '../../src/domain/agency.ts';
import type { Finding } from '../../src/domain/report/findings.ts';
import { FORMAT_2019, FORMAT_2021, TABLE3_COLUMNS } from '../../src/domain/report/formats.ts';
import type { AnnualReport, Table3 } from '../../src/domain/report/model.ts';
import { figuresText, REPORT_RULES } from '../../src/domain/report/rules.ts';
import { validate } from '../../src/domain/report/validate.ts';

// A clean 2021-format report of a city government: every rule passes.
const ROWS_2021: Record<string, number[]> = {
  一: [10, 2, 0, 0, 1, 0, 13],
  二: [1, 0, 0, 0, 0, 0, 1],
  '三（一）': [5, 1, 0, 0, 1, 0, 7],
  '三（四）1': [3, 0, 0, 0, 0, 0, 3],
  '三（六）3': [1, 0, 0, 0, 0, 0, 1],
  '三（七）': [9, 1, 0, 0, 1, 0, 11],
  四: [2, 1, 0, 0, 0, 0, 3],
};
const OVERVIEW =
  '本年度共收到政府信息公开申请13件，办结11件，3件结转下年度继续办理。其中自然人申请10件。';

function clean2021(year = 2022): AnnualReport {
  const table3: Table3 = {};
  for (const { key } of FORMAT_2021.table3Rows) table3[key] = [...(ROWS_2021[key] ?? zeros())];
  return {
    year,
    format: '2021',
    agency: { name: '某市人民政府', level: 'city', kind: 'government' },
    narrative: { overview: OVERVIEW, problems: '', other: '全年收取信息处理费0元。' },
    table2: {
      '第二十条第（一）项': {
        规章: { 本年制发件数: 1, 本年废止件数: 0, 现行有效件数: 11 },
        行政规范性文件: { 本年制发件数: 3, 本年废止件数: 1, 现行有效件数: 20 },
      },
      '第二十条第（五）项': { 行政许可: { 本年处理决定数量: 100 } },
      '第二十条第（六）项': {
        行政处罚: { 本年处理决定数量: 50 },
        行政强制: { 本年处理决定数量: 5 },
      },
      '第二十条第（八）项': { 行政事业性收费: { '本年收费金额（单位：万元）': '12.5' } },
    },
    table3,
    table4: {
      行政复议: { 结果维持: 1, 结果纠正: 1, 其他结果: 0, 尚未审结: 0, 总计: 2 },
      '行政诉讼.未经复议直接起诉': { 结果维持: 0, 结果纠正: 0, 其他结果: 1, 尚未审结: 0, 总计: 1 },
      '行政诉讼.复议后起诉': { 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 },
    },
  };
}

/** The same figures in the 2019 layout: （六） is one row, table 二 has its own blocks. */
function clean2019(year = 2020): AnnualReport {
  const r = clean2021(year);
  r.format = '2019';
  r.table3 = {};
  for (const { key } of FORMAT_2019.table3Rows) {
    r.table3[key] = [...(ROWS_2021[key === '三（六）' ? '三（六）3' : key] ?? zeros())];
  }
  const items = (prev: number, delta: number, decided: number) => ({
    上一年项目数量: prev,
    '本年增/减': delta,
    处理决定数量: decided,
  });
  r.table2 = {
    '第二十条第（一）项': {
      规章: { 本年新制作数量: 0, 本年新公开数量: 0, 对外公开总数量: 7 },
      规范性文件: { 本年新制作数量: 3, 本年新公开数量: 3, 对外公开总数量: 20 },
    },
    '第二十条第（五）项': { 行政许可: items(40, 2, 100), 其他对外管理服务事项: items(10, 0, 5) },
    '第二十条第（六）项': { 行政处罚: items(200, -18, 50), 行政强制: items(12, 1, 5) },
    '第二十条第（八）项': { 行政事业性收费: { 上一年项目数量: 35, '本年增/减': -15 } },
    '第二十条第（九）项': { 政府集中采购: { 采购项目数量: 3, 采购总金额: '1000.50' } },
  };
  return r;
}

function zeros(): number[] {
  return TABLE3_COLUMNS.map(() => 0);
}

const rule = (fs: Finding[], id: string): Finding[] => fs.filter((f) => f.rule === id);
const errors = (fs: Finding[]): Finding[] => fs.filter((f) => f.severity === 'error');
const col = (c: string): number => (TABLE3_COLUMNS as readonly string[]).indexOf(c);
function setT3(r: AnnualReport, row: string, column: string, v: number | null): void {
  const values = r.table3[row];
  assert.ok(values, row);
  values[col(column)] = v;
}
function agency(r: AnnualReport, level: AgencyLevel, kind: AgencyKind = 'government') {
  r.agency = { ...r.agency, level, kind };
  return r;
}

test('fixtures: the clean 2021 and 2019 reports give no finding at all', () => {
  assert.deepEqual(validate(clean2021()), []);
  assert.deepEqual(validate(clean2019()), []);
});

test('rule list: ids unique, every rule has a Chinese title, statement and basis', () => {
  const ids = REPORT_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of [
    'T3-COL',
    'T3-SUM7',
    'T3-ROW',
    'T3-NONNEG',
    'T4-SUM',
    'T4-NONNEG',
    'T2-TYPES-2019',
    'T2-TYPES-2021',
    'T2-LOGIC-2019',
    'BLANK-CELL',
    'TEMPLATE-MIXED',
    'TEMPLATE-YEAR',
    'LEVEL-规章',
    'X-YEAR-CARRY',
    'X-YEAR-VALID',
    'TEXT-NUM',
    'PUB-DEADLINE',
  ]) {
    assert.ok(ids.includes(id), id);
  }
  for (const r of REPORT_RULES) {
    for (const text of [r.title, r.statement, r.basis]) assert.match(text, /[\u4e00-\u9fff]/, r.id);
    assert.ok(r.formats.length > 0, r.id);
  }
});

test('validate: pure and stable — same findings twice, input untouched, order of REPORT_RULES', () => {
  const r = clean2021();
  setT3(r, '四', '自然人', 5);
  setT3(r, '三（一）', '商业企业', null);
  r.table4['行政复议']!.总计 = 9;
  const before = structuredClone(r);
  const a = validate(r);
  assert.deepEqual(validate(r), a);
  assert.deepEqual(r, before);
  const order = REPORT_RULES.map((x) => x.id);
  const idx = a.map((f) => order.indexOf(f.rule));
  assert.deepEqual(
    idx,
    [...idx].sort((x, y) => x - y),
  );
});

test('TEMPLATE-YEAR (§1.1, 30号): a 2021+ report in the 2019 format is an error; 2020 in 2019 passes', () => {
  assert.deepEqual(rule(validate(clean2019(2020)), 'TEMPLATE-YEAR'), []);
  assert.deepEqual(rule(validate(clean2021(2021)), 'TEMPLATE-YEAR'), []);
  const [f] = rule(validate(clean2019(2022)), 'TEMPLATE-YEAR');
  assert.equal(f?.severity, 'error');
  assert.equal(f?.stated, '2019');
  assert.equal(f?.computed, '2021');
  assert.match(f?.message ?? '', /30号/);
  assert.equal(rule(validate(clean2021(2020)), 'TEMPLATE-YEAR')[0]?.computed, '2019');
  assert.equal(rule(validate(clean2019(2018)), 'TEMPLATE-YEAR')[0]?.severity, 'error');
});

test('TEMPLATE-MIXED (§1.5, Hongze 2023): a 2021 report with one （六） row is a warning; T3-SUM7 then uses that row', () => {
  const r = clean2021();
  delete r.table3['三（六）1'];
  delete r.table3['三（六）2'];
  delete r.table3['三（六）3'];
  r.table3['三（六）'] = [1, 0, 0, 0, 0, 0, 1];
  const fs = validate(r);
  assert.deepEqual(
    fs.map((f) => [f.rule, f.severity, f.where]),
    [['TEMPLATE-MIXED', 'warning', 'table3 row （六）其他处理']],
  );
  r.table3['三（六）'] = [2, 0, 0, 0, 0, 0, 2];
  assert.deepEqual(
    rule(validate(r), 'T3-SUM7').map((f) => [f.where, f.stated, f.computed]),
    [
      ['table3 column 自然人', 9, 10],
      ['table3 column 总计', 11, 12],
    ],
  );
});

test('TEMPLATE-MIXED (§1.5): a 2019-only block in a 2021 report, and 2019 tables labelled 2021', () => {
  const r = clean2021();
  r.table2['第二十条第（九）项'] = { 政府集中采购: { 采购项目数量: 0, 采购总金额: '0' } };
  const fs = validate(r);
  assert.deepEqual(
    fs.map((f) => [f.rule, f.where]),
    [['TEMPLATE-MIXED', 'table2 第二十条第（九）项']],
  );
  const all2019 = { ...clean2019(2021), format: '2021' as const };
  const mixed = rule(validate(all2019), 'TEMPLATE-MIXED');
  assert.deepEqual(
    mixed.map((f) => f.where),
    ['tables'],
  );
  assert.deepEqual(
    errors(validate(all2019)).map((f) => f.rule),
    [],
  );
});

test('a 2021 report with table 二 in the 2019 format: redone in 2021’s, not completed in 2019’s', () => {
  // (平潭社会事业局 2021: table 二 in the 60号 layout without （五）其他对外管理服务事项 and （九）,
  // table 三 in the 30号 layout)
  const r = clean2019(2021);
  delete r.table2['第二十条第（五）项']!['其他对外管理服务事项'];
  delete r.table2['第二十条第（九）项'];
  delete r.table3['三（六）'];
  r.table3['三（六）1'] = zeros();
  r.table3['三（六）2'] = zeros();
  r.table3['三（六）3'] = [1, 0, 0, 0, 0, 0, 1];
  const fs = validate(r);
  assert.deepEqual(rule(fs, 'TEMPLATE-YEAR')[0]?.computed, '2021');
  // rows only the 2019 format has are not asked for; a row both formats have is
  assert.deepEqual(rule(fs, 'TABLE-SHAPE'), []);
  delete r.table2['第二十条第（一）项']!['规章'];
  assert.deepEqual(
    rule(validate(r), 'TABLE-SHAPE').map((f) => f.where),
    ['table2 第二十条第（一）项 规章'],
  );
  // the part already in the year's format stays; the rest is to change
  const [mixed] = rule(fs, 'TEMPLATE-MIXED');
  assert.equal(mixed?.where, 'table3 rows （六）其他处理');
  assert.match(
    mixed?.message ?? '',
    /2021年度报告应使用国办公开办函〔2021〕30号的格式，这一部分无需改动，请将其余表格按该格式改填。$/,
  );
  // in a 2020 report the same table 三 is what is to change
  const r20 = clean2019(2020);
  delete r20.table3['三（六）'];
  Object.assign(r20.table3, {
    '三（六）1': zeros(),
    '三（六）2': zeros(),
    '三（六）3': [1, 0, 0, 0, 0, 0, 1],
  });
  assert.match(
    rule(validate(r20), 'TEMPLATE-MIXED')[0]?.message ?? '',
    /请按国办公开办函〔2019〕60号的格式改填并核对（七）总计。$/,
  );
});

test('TABLE-SHAPE (§1.3/§1.4, 条例第五十条): a missing row, block or column is an error and blocks the arithmetic', () => {
  assert.deepEqual(rule(validate(clean2021()), 'TABLE-SHAPE'), []);
  const r = clean2021();
  delete r.table3['三（二）'];
  delete r.table2['第二十条第（五）项'];
  r.table3['四'] = [2, 1, 0, 0, 0, 0];
  const fs = validate(r);
  assert.deepEqual(
    rule(fs, 'TABLE-SHAPE').map((f) => [f.severity, f.where]),
    [
      ['error', 'table2 第二十条第（五）项'],
      ['error', 'table3 row 三（二）'],
      ['error', 'table3 row 四'],
    ],
  );
  assert.equal(rule(fs, 'T3-SUM7')[0]?.status, 'unverifiable');
});

test('TABLE-EXTRA (§1.3/§1.4): a row outside the format is a warning and not counted', () => {
  assert.deepEqual(rule(validate(clean2021()), 'TABLE-EXTRA'), []);
  const r = clean2021();
  r.table3['三（八）'] = [100, 0, 0, 0, 0, 0, 100];
  r.table2['第二十条第（五）项']!['行政许可']!['本年增/减'] = 3;
  const fs = validate(r);
  assert.deepEqual(
    rule(fs, 'TABLE-EXTRA').map((f) => [f.severity, f.where]),
    [
      ['warning', 'table2 第二十条第（五）项 行政许可 本年增/减'],
      ['warning', 'table3 row 三（八）'],
    ],
  );
  assert.deepEqual(errors(fs), []);
});

test('BLANK-CELL (§1.8): blank ≠ 0 — blanks are counted with their rows; a 0 is not blank', () => {
  assert.deepEqual(rule(validate(clean2021()), 'BLANK-CELL'), []);
  const r = clean2021();
  setT3(r, '三（三）2', '自然人', null);
  setT3(r, '三（三）2', '其他', null);
  r.table4['行政复议']!.尚未审结 = null;
  const fs = rule(validate(r), 'BLANK-CELL');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where, f.count, f.rows]),
    [
      ['warning', 'table3 row 三（三）2, 2 cells', 2, ['三（三）2']],
      ['warning', 'table4 row 行政复议, 1 cell', 1, ['行政复议']],
    ],
  );
});

test('T2-TYPES-2019 (60号 表二, 湖北说明): 本年增/减 may be negative; a unit inside 采购总金额 or a negative count is an error', () => {
  assert.deepEqual(rule(validate(clean2019()), 'T2-TYPES-2019'), []);
  const r = clean2019();
  r.table2['第二十条第（九）项']!['政府集中采购']!['采购总金额'] = '1000.50元';
  r.table2['第二十条第（五）项']!['行政许可']!['上一年项目数量'] = -1;
  r.table2['第二十条第（六）项']!['行政强制']!['本年增/减'] = 1.5;
  const fs = rule(validate(r), 'T2-TYPES-2019');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where]),
    [
      ['error', 'table2 第二十条第（五）项 行政许可 上一年项目数量'],
      ['error', 'table2 第二十条第（六）项 行政强制 本年增/减'],
      ['error', 'table2 第二十条第（九）项 政府集中采购 采购总金额'],
    ],
  );
  assert.match(fs[2]?.message ?? '', /不应含单位/);
});

test('T2-TYPES-2021 (30号 表二): counts are integers ≥ 0; 本年收费金额 is a decimal string in 万元 without unit', () => {
  assert.deepEqual(rule(validate(clean2021()), 'T2-TYPES-2021'), []);
  for (const [bad, why] of [
    ['12.5万元', /不应含单位/],
    [12.5, /字符串/],
    ['-3', /负数/],
    ['1,200', /千位分隔符/],
  ] as const) {
    const r = clean2021();
    r.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'] = bad;
    const [f, ...rest] = rule(validate(r), 'T2-TYPES-2021');
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', why);
  }
  const r = clean2021();
  r.table2['第二十条第（一）项']!['规章']!['本年制发件数'] = '1';
  r.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量'] = -1;
  assert.equal(rule(validate(r), 'T2-TYPES-2021').length, 2);
});

test('T2-LOGIC-2019 (60号 表二（五）（六）（八）): 上一年项目数量 + 本年增/减 ≥ 0, blanks unverifiable', () => {
  assert.deepEqual(rule(validate(clean2019()), 'T2-LOGIC-2019'), []);
  const r = clean2019();
  r.table2['第二十条第（八）项']!['行政事业性收费']!['本年增/减'] = -40;
  r.table2['第二十条第（五）项']!['行政许可']!['上一年项目数量'] = null;
  const fs = rule(validate(r), 'T2-LOGIC-2019');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.status, f.where, f.stated, f.computed]),
    [
      ['warning', undefined, 'table2 第二十条第（八）项 行政事业性收费', -40, -5],
      ['warning', 'unverifiable', 'table2 row 第二十条第（五）项 行政许可', undefined, undefined],
    ],
  );
});

test('LEVEL-规章 (立法法; 湖北说明 “设区的市、自治州人民政府应提供”): a township or county showing 规章 is warned', () => {
  assert.deepEqual(rule(validate(clean2021()), 'LEVEL-规章'), []);
  const township = agency(clean2021(), 'township');
  township.table2['第二十条第（一）项']!['规章'] = {
    本年制发件数: 0,
    本年废止件数: 0,
    现行有效件数: 6,
  };
  const [f] = rule(validate(township), 'LEVEL-规章');
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.stated, '0/0/6');
  assert.equal(f?.computed, '0/0/0');
  assert.equal(f?.where, 'table2 第二十条第（一）项 规章');
  assert.equal(rule(validate(agency(clean2021(), 'county', 'department')), 'LEVEL-规章').length, 1);
  assert.equal(rule(validate(agency(clean2019(), 'county')), 'LEVEL-规章').length, 1);
  const zero = agency(clean2021(), 'township');
  zero.table2['第二十条第（一）项']!['规章'] = {
    本年制发件数: 0,
    本年废止件数: 0,
    现行有效件数: 0,
  };
  assert.deepEqual(rule(validate(zero), 'LEVEL-规章'), []);
  assert.deepEqual(rule(validate(agency(clean2021(), 'province')), 'LEVEL-规章'), []);
});

test('LEVEL-规章: a city or provincial department (地方政府部门) cannot make 规章 either; its government can', () => {
  const withRules = (level: AgencyLevel, kind: AgencyKind) => {
    const r = agency(clean2021(), level, kind);
    r.table2['第二十条第（一）项']!['规章'] = { 本年制发件数: 1, 本年废止件数: 0, 现行有效件数: 3 };
    return rule(validate(r), 'LEVEL-规章');
  };
  assert.equal(withRules('city', 'department').length, 1);
  assert.equal(withRules('province', 'department').length, 1);
  assert.match(withRules('city', 'department')[0]?.message ?? '', /地方政府部门不能制定规章/);
  assert.equal(withRules('city', 'office').length, 1);
  assert.deepEqual(withRules('city', 'government'), []);
  assert.deepEqual(withRules('province', 'government'), []);
});

test('PUB-DEADLINE (条例 第四十九条): published after the deadline, or not yet published once it passed', () => {
  const at = (publishedOn: string | null, asOf: string) => {
    const r = clean2021();
    r.publication = { deadline: '2022-01-31', basis: '第四十九条', publishedOn, asOf };
    return rule(validate(r), 'PUB-DEADLINE');
  };
  assert.deepEqual(at('2022-01-31', '2022-06-01'), [], 'on the deadline day is in time');
  assert.deepEqual(at(null, '2022-01-31'), [], 'not yet late');
  const [late] = at('2022-02-03', '2022-06-01');
  assert.equal(late?.severity, 'warning');
  assert.equal(late?.stated, '2022-02-03');
  assert.equal(late?.computed, '2022-01-31');
  assert.match(late?.message ?? '', /晚于发布期限2022-01-31（3天）/);
  const [pending] = at(null, '2022-02-10');
  assert.match(pending?.message ?? '', /已过10天，本报告尚未发布/);
  assert.deepEqual(
    rule(validate(clean2021()), 'PUB-DEADLINE'),
    [],
    'a report read from outside has no dates',
  );
});

test('T3-NONNEG (§1.6): table 三 cells are integers ≥ 0', () => {
  assert.deepEqual(rule(validate(clean2021()), 'T3-NONNEG'), []);
  const r = clean2021();
  setT3(r, '三（五）2', '科研机构', -1);
  setT3(r, '三（五）3', '自然人', 0.5);
  const fs = rule(validate(r), 'T3-NONNEG');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where, f.stated]),
    [
      ['error', 'table3 row 三（五）2 column 科研机构', -1],
      ['error', 'table3 row 三（五）3 column 自然人', 0.5],
    ],
  );
});

test('T3-COL (table 三 header note): 一+二 = 三（七）+四 per column', () => {
  assert.deepEqual(rule(validate(clean2021()), 'T3-COL'), []);
  const r = clean2021();
  setT3(r, '四', '自然人', 5);
  setT3(r, '四', '总计', 6);
  const fs = rule(validate(r), 'T3-COL');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where, f.stated, f.computed]),
    [
      ['error', 'table3 column 自然人', 11, 14],
      ['error', 'table3 column 总计', 14, 17],
    ],
  );
  assert.deepEqual(fs[0]?.cell, { table: 'table3', row: '三（七）', column: '自然人' });
});

test('T3-COL (§1.8 blank ≠ 0): a blank operand gives ONE unverifiable warning, never a pass or an error', () => {
  const r = clean2021();
  setT3(r, '三（七）', '商业企业', null);
  setT3(r, '二', '法律服务机构', null);
  const fs = rule(validate(r), 'T3-COL');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.status, f.where]),
    [['warning', 'unverifiable', 'table3 columns 商业企业、法律服务机构']],
  );
  for (const key of Object.keys(r.table3)) r.table3[key] = TABLE3_COLUMNS.map(() => null);
  const all = validate(r);
  assert.deepEqual(errors(all), []);
  assert.equal(rule(all, 'T3-COL')[0]?.where, 'table3, all columns');
});

test('T3-SUM7 (§1.6, Pingtan 2020): （七）总计 = Σ（一）–（六） per column; in 2021 （六） = Σ（六）1–3', () => {
  assert.deepEqual(rule(validate(clean2021()), 'T3-SUM7'), []);
  const r = clean2019();
  setT3(r, '三（七）', '自然人', 3);
  setT3(r, '一', '自然人', 4); // keep T3-COL intact so that only the sum rule fires
  const [f, ...rest] = rule(validate(r), 'T3-SUM7');
  assert.deepEqual(
    [f?.severity, f?.where, f?.stated, f?.computed, rest.length],
    ['error', 'table3 column 自然人', 3, 9, 0],
  );
  const r21 = clean2021();
  setT3(r21, '三（六）2', '自然人', 1);
  assert.deepEqual(
    rule(validate(r21), 'T3-SUM7').map((f) => [f.where, f.stated, f.computed]),
    [['table3 column 自然人', 9, 10]],
  );
});

test('T3-ROW (§1.6): 总计 = 自然人 + the five 法人或其他组织 columns, per row', () => {
  assert.deepEqual(rule(validate(clean2021()), 'T3-ROW'), []);
  const r = clean2021();
  setT3(r, '三（一）', '总计', 6);
  const fs = rule(validate(r), 'T3-ROW');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where, f.stated, f.computed]),
    [['error', 'table3 row 三（一）', 6, 7]],
  );
  setT3(r, '三（一）', '其他', null);
  const [u] = rule(validate(r), 'T3-ROW');
  assert.deepEqual(
    [u?.status, u?.where, u?.rows],
    ['unverifiable', 'table3 row 三（一）', ['三（一）']],
  );
});

test('T4-NONNEG (§1.6): table 四 cells are integers ≥ 0', () => {
  assert.deepEqual(rule(validate(clean2021()), 'T4-NONNEG'), []);
  const r = clean2021();
  r.table4['行政诉讼.复议后起诉']!.结果纠正 = -2;
  const fs = rule(validate(r), 'T4-NONNEG');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where]),
    [['error', 'table4 行政诉讼.复议后起诉 结果纠正']],
  );
});

test('T4-SUM (§1.6, Hongze 2023): 总计 = 维持 + 纠正 + 其他 + 尚未审结 per group; blanks unverifiable', () => {
  assert.deepEqual(rule(validate(clean2021()), 'T4-SUM'), []);
  const r = clean2021();
  r.table4['行政复议'] = { 结果维持: 10, 结果纠正: 1, 其他结果: 0, 尚未审结: 0, 总计: 0 };
  r.table4['行政诉讼.未经复议直接起诉']!.总计 = null;
  const fs = rule(validate(r), 'T4-SUM');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.status, f.where, f.stated, f.computed]),
    [
      ['error', undefined, 'table4 行政复议', 0, 11],
      ['warning', 'unverifiable', 'table4 group 行政诉讼.未经复议直接起诉', undefined, undefined],
    ],
  );
});

test('TEXT-NUM (§1.6, 30号（四）): numbers in 总体情况 that restate table 三 must match it', () => {
  const r = clean2021();
  r.narrative.overview = '2022年，全市共受理政府信息公开申请15件，均在法定期限内答复。';
  const fs = rule(validate(r), 'TEXT-NUM');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.stated, f.computed, f.cell?.row]),
    [['warning', 15, 13, '一']],
  );
  assert.equal(
    fs[0]?.where,
    'section 一、总体情况 “2022年，全市共受理政府信息公开申请15件，均在法定期限内答复”',
  );
  assert.match(fs[0]?.message ?? '', /总计为13件。正文与表格应一致，请核对后改正其中之一。$/);
  // counted in 条 (平潭经济发展局 2023: 共收到政府信息公开申请0条, its table 3); other 条 are no applications
  r.narrative.overview =
    '2023年，主动公开政府信息128条。2023年，共收到政府信息公开申请0条。共收到政府信息公开申请7份。';
  assert.deepEqual(
    rule(validate(r), 'TEXT-NUM').map((f) => [f.cell?.row, f.stated, f.computed]),
    [
      ['一', 0, 13],
      ['一', 7, 13],
    ],
  );
  // new and carried-over applications together, not said so (沭阳县 2025: 749 = 713 + 36)
  r.narrative.overview = '2022年，全市共受理政府信息公开申请14件。';
  const both = rule(validate(r), 'TEXT-NUM');
  assert.deepEqual(
    both.map((f) => [f.stated, f.computed]),
    [[14, 13]],
  );
  assert.match(
    both[0]?.message ?? '',
    /14件正是本年新收13件与上年结转1件之和：若正文的数字包含上年结转的申请，请写明“含上年结转1件”；否则请核对后改正其中之一。$/,
  );
  r.narrative.overview = '本年度全区共收到16件申请，及时依法依规办结12件，4件结转下年度继续办理。';
  assert.deepEqual(
    rule(validate(r), 'TEXT-NUM').map((f) => [f.cell?.row, f.stated, f.computed]),
    [
      ['一', 16, 13],
      ['三（七）', 12, 11],
      ['四', 4, 3],
    ],
  );
});

test('TEXT-NUM: applications named by the procedure, none received, and carried over into the year', () => {
  const r = clean2021();
  const said = (overview: string) => {
    r.narrative.overview = overview;
    return rule(validate(r), 'TEXT-NUM').map((f) => [f.cell?.row, f.stated, f.computed]);
  };
  // real wordings (平潭社会事业局 2025, 平潭旅游与文化体育局 2019, 平潭公安局 2022), against 一 13, 二 1
  assert.deepEqual(said('全年受理依申请公开3件。'), [['一', 3, 13]]);
  assert.deepEqual(said('本年度未收到信息公开申请。'), [['一', 0, 13]]);
  assert.match(
    rule(validate(r), 'TEXT-NUM')[0]?.message ?? '',
    /写明“未收到信息公开申请”（即0件），但表三“一、本年新收政府信息公开申请数量”总计为13件/,
  );
  assert.deepEqual(said('结转上年度政府信息公开申请2件。'), [['二', 2, 1]]);
  assert.deepEqual(said('受理依申请公开13件，结转上年度政府信息公开申请1件。'), []);
  // the words before section 二 when 一's heading is worded otherwise (平潭君山片区 2025:
  // 一、年度工作核心成效) are the preamble's: read too
  r.narrative.overview = '';
  r.extraText = { preamble: '一、年度工作核心成效。2025年共受理政府信息公开申请2件。' };
  assert.deepEqual(
    rule(validate(r), 'TEXT-NUM').map((f) => [f.where, f.stated, f.computed]),
    [['section 前言 “2025年共受理政府信息公开申请2件”', 2, 13]],
  );
  delete r.extraText;
  // no count of applications: documents released on request; cases denied (table 四's, if any)
  assert.deepEqual(
    said(
      '依申请公开信息1504条。全年未收到依申请公开行政复议、行政诉讼以及行政申诉举报等情况。',
    ).filter(([row]) => row !== undefined),
    [],
  );
});

test('TEXT-NUM: a count the row’s applicants add up to, against a wrong 总计, points at 总计', () => {
  // (平潭农业农村局 2025: 收到政府信息公开申请1份, its row 一 1|0|0|0|0|0|0)
  const r = clean2021();
  r.narrative.overview = '全年共收到政府信息公开申请13件。';
  r.table3['一']![6] = 12;
  const [f] = rule(validate(r), 'TEXT-NUM');
  assert.deepEqual([f?.stated, f?.computed], [13, 12]);
  assert.match(
    f?.message ?? '',
    /总计为12件。正文的13件与该行各申请人类别之和相符，可能是“总计”栏填错（见 T3-ROW）；请核对后改正其中之一。$/,
  );
  assert.ok(rule(validate(r), 'T3-ROW').some((x) => x.where === 'table3 row 一'));
});

test('TEXT-NUM: each kind of applicant counted beside the applications received must match row 一 (or 一 and 二)', () => {
  // (平潭农业农村局 2024: 共收到政府信息公开申请3份，其中法人申请1件、自然人申请2件, its row 一
  // 3|0|0|0|0|0|0)
  const r = clean2021();
  const said = (overview: string) => {
    r.narrative.overview = overview;
    return rule(validate(r), 'TEXT-NUM').map((f) => [f.stated, f.computed, f.cell]);
  };
  assert.deepEqual(said('共收到政府信息公开申请13件，其中法人申请1件、自然人申请12件。'), [
    [1, 3, { table: 'table3', row: '一' }],
    [12, 10, { table: 'table3', row: '一', column: '自然人' }],
  ]);
  const [org, person] = rule(validate(r), 'TEXT-NUM').map((f) => f.message);
  assert.match(
    org ?? '',
    /^“一、总体情况”写明“法人申请1件”，但表三“一、本年新收政府信息公开申请数量”“法人或其他组织”五栏之和为3件。正文与表格应一致/,
  );
  assert.match(person ?? '', /“自然人”栏为10件（含上年结转为11件）。/);
  // as the table has them, or with the carried-over ones in (沭阳县 2025: 受理749件，其中自然人
  // 申请741件 = 705 + 36), or all applicants named (公民、法人或其他组织), or no count received
  // beside them: no finding
  for (const ok of [
    '共收到政府信息公开申请13件，其中自然人申请10件、法人或其他组织申请3件。',
    '全区收到政府信息公开申请14件（含上年结转1件），涉及自然人11件、商业企业2件、法律服务机构1件。',
    '共收到公民、法人或其他组织提出的申请13件，均已办结。',
    '其中法人申请1件，自然人申请12件。',
  ])
    assert.deepEqual(said(ok), [], ok);
});

test('TEXT-NUM (§1.6): real sentences that match, sub-counts and 含上年结转 totals are not flagged', () => {
  const r = clean2021();
  r.narrative.overview = [
    '本年度全区共收到13件申请，及时依法依规办结11件，3件结转下年度继续办理。', // Pingtan 2021
    '2023 年全区受理政府信息公开申请 13 件，均在法定期限答复。', // Hongze 2023
    '全市共受理政府信息公开申请 13 件，答复 11 件（含上年度结转申请 1 件，另有 3 件顺延到下年度答复）。', // Huaian 2024
    '其中，收到自然人申请10件，收到网上申请9件，逾期答复0件。',
    '共收到申请14件（含上年结转1件）。',
    // answers of one outcome each (平潭市场监督管理局 2025), not all of them
    '共收到政府信息公开申请13件，给予同意公开答复 7 件，不予公开答复0件，因无法提供相关信息答复3件，其他处理1件。',
  ].join('');
  r.narrative.other = '全年收取政府信息公开信息处理费 3940 元。';
  assert.deepEqual(rule(validate(r), 'TEXT-NUM'), []);
});

test('TEXT-NUM: counts of one outcome in the narrative must match its rows of table 三', () => {
  const r = clean2021();
  const said = (overview: string) => {
    r.narrative.overview = overview;
    return rule(validate(r), 'TEXT-NUM').map((f) => [f.cell?.row, f.rows, f.stated, f.computed]);
  };
  // 平潭市场监督管理局 2025's sentence, against table 三's 予以公开 7, 无法提供 3 (1.–3.), 其他处理 1
  const fs = said(
    '共受理政府信息公开申请13件，经分类处置后，给予同意公开答复 7 件，不予公开答复0件，区分处理后公开0件，因无法提供相关信息答复2件，其他处理2件，结转下年度继续办理3件。',
  );
  assert.deepEqual(fs, [
    [undefined, ['三（四）1', '三（四）2', '三（四）3'], 2, 3],
    [undefined, ['三（六）1', '三（六）2', '三（六）3'], 2, 1],
  ]);
  assert.match(
    rule(validate(r), 'TEXT-NUM')[0]?.message ?? '',
    /写明“无法提供相关信息答复2件”，但表三“（四）无法提供”各项总计之和为3件。/,
  );
  // no claim: two outcomes counted together, another year's, some applicants', 不予以 for 予以
  assert.deepEqual(
    said(
      [
        '办结依申请公开11件，其中：予以公开及部分公开42件，占51.85%。', // 平潭 2023
        '予以公开、部分公开共8件。',
        '较上年予以公开增加2件。',
        '自然人申请的，予以公开5件。',
        '不予以公开0件。',
      ].join(''),
    ),
    [],
  );
  // all applicants named are no sub-count
  assert.deepEqual(said('共收到公民、法人或其他组织提出的申请13件，其中予以公开6件。'), [
    ['三（一）', ['三（一）'], 6, 7],
  ]);
  // the 2019 layout: （六）其他处理 is one row
  const r19 = clean2019();
  r19.narrative.overview = '其他处理3件，不予处理0件。';
  assert.deepEqual(
    rule(validate(r19), 'TEXT-NUM').map((f) => [f.rows, f.stated, f.computed]),
    [[['三（六）'], 3, 1]],
  );
  // a blank total is BLANK-CELL's, not the narrative's
  r.table3['三（四）2']![6] = null;
  assert.deepEqual(said('无法提供2件。'), []);
});

test('TEXT-NUM: counts of 行政复议 and 行政诉讼 in the narrative, or none, must match table 四', () => {
  const r = clean2021();
  const set = (group: string, v: number) => {
    const g = r.table4[group]!;
    g.结果维持 = v;
    g.结果纠正 = 0;
    g.其他结果 = 0;
    g.尚未审结 = 0;
    g.总计 = v;
  };
  set('行政复议', 2);
  set('行政诉讼.未经复议直接起诉', 5);
  set('行政诉讼.复议后起诉', 2);
  const said = (overview: string) => {
    r.narrative.overview = overview;
    return rule(validate(r), 'TEXT-NUM').map((f) => [f.rows, f.stated, f.computed]);
  };
  // real sentences that agree (平潭 2023: 复议 2, 诉讼 5 + 2; 海坛片区 2024 style)
  assert.deepEqual(said('因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。'), []);
  // cases counted in 起 (平潭行政审批局 2024: 因依申请公开引发行政复议1起, its table 四 0)
  assert.deepEqual(said('因依申请公开引发行政复议1起，结果为维持。'), [[['行政复议'], 1, 2]]);
  // a count that disagrees: 行政诉讼 is both groups together
  const litigation = ['行政诉讼.未经复议直接起诉', '行政诉讼.复议后起诉'];
  assert.deepEqual(said('全区共有行政诉讼案件5件、行政复议案件2件，均已结案。'), [
    [litigation, 5, 7],
  ]);
  // none, where table 四 has cases (平潭公安局 2021's wording)
  r.narrative.overview = '没有因政府信息公开针对区公安局申请行政复议或行政诉讼的事项。';
  const none = rule(validate(r), 'TEXT-NUM');
  assert.deepEqual(
    none.map((f) => [f.rows, f.stated, f.computed]),
    [
      [['行政复议'], 0, 2],
      [litigation, 0, 7],
    ],
  );
  assert.match(
    none[0]?.message ?? '',
    /写明“没有因政府信息公开针对区公安局申请行政复议或行政诉讼的事项”（即行政复议0件），但表四“行政复议”总计为2件/,
  );
  // no claim: outcomes denied, both counted together, a sub-count, the work in general
  assert.deepEqual(
    said(
      [
        '不存在行政复议或者行政诉讼中被撤销、确认违法或责令履行等情况。',
        '因政府信息公开被申请行政复议、行政诉讼案件9件。',
        '其中行政复议1件。',
        '依法做好相关行政复议、行政诉讼案件的应诉工作。',
      ].join(''),
    ),
    [],
  );
  // a blank total is BLANK-CELL's, not the narrative's
  r.table4['行政复议']!.总计 = null;
  assert.deepEqual(said('全年未发生行政复议。'), []);
});

test('TEXT-YEAR: the statistical period and the report’s name in its words are of its year', () => {
  const r = clean2021(2022);
  const said = (overview: string, preamble?: string) => {
    r.narrative.overview = overview;
    if (preamble === undefined) delete r.extraText;
    else r.extraText = { preamble };
    return rule(validate(r), 'TEXT-YEAR').map((f) => [f.where, f.stated, f.computed]);
  };
  // (平潭旅游与文化体育局 2022: 编制完成2023年度政府信息公开工作年度报告, its period 2022)
  assert.deepEqual(
    said(
      '本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。',
      '根据《条例》要求，结合我局实际，编制完成2023年度政府信息公开工作年度报告。',
    ),
    [
      [
        'section 前言 “根据《条例》要求，结合我局实际，编制完成2023年度政府信息公开工作年度报告”',
        2023,
        2022,
      ],
    ],
  );
  // last year's period left in (full-width digits too)
  assert.deepEqual(
    said('本报告中所列数据的统计期限为２０２１年１月１日至２０２１年１２月３１日。'),
    [
      [
        'section 一、总体情况 “本报告中所列数据的统计期限为2021年1月1日至2021年12月31日”',
        2021,
        2022,
      ],
    ],
  );
  // no finding: the report's own year, other years compared, a notice's title naming a report
  assert.deepEqual(
    said(
      [
        '现将2022年度政府信息公开工作年度报告公布如下。',
        '统计时限为2022年1月1日至2022年12月31日。',
        '主动公开政府信息数较2021年上升3.6个百分点。',
        '根据《关于做好2021年政府信息公开工作年度报告编制公布工作的通知》要求编制。',
      ].join(''),
    ),
    [],
  );
  r.narrative.overview = '现将2021年政府信息公开工作年度报告公布如下。';
  const wrong = rule(validate(r), 'TEXT-YEAR');
  assert.match(
    wrong[0]?.message ?? '',
    /^“一、总体情况”写明的年度是2021年（“现将2021年政府信息公开工作年度报告公布如下”），而本报告是2022年度报告：可能沿用了其他年度报告的文字。请改为2022年度。$/,
  );
});

test('TEXT-YEAR: an improvement plan for the report’s own year is last year’s words', () => {
  const r = clean2021(2021);
  const planned = (problems: string) => {
    r.narrative.problems = problems;
    return rule(validate(r), 'TEXT-YEAR').map((f) => [f.where, f.stated, f.computed]);
  };
  // (平潭财政金融局 2021: (二)改进措施。2021年，我局将坚持……)
  const five = '五、存在的主要问题及改进情况';
  assert.deepEqual(planned('(二)改进措施。2021年，我局将坚持公开为常态。'), [
    [`section ${five} “2021年，我局将坚持公开为常态”`, 2021, 2022],
  ]);
  // the next year's plan, a time since, a past year's facts: no finding
  assert.deepEqual(
    planned('2022年，我局将进一步加强政务公开。自2021年起将信息纳入目录。2021年我局完成了整改。'),
    [],
  );
});

test('TEXT-YEAR: a report signed within the year it reports on carries another year’s date', () => {
  const r = clean2021(2021);
  const signed = (other: string) => {
    r.narrative.other = other;
    return rule(validate(r), 'TEXT-YEAR').map((f) => [f.where, f.stated, f.computed]);
  };
  // (平潭旅游与文化体育局 2021: signed as its 2020 report was, 2021年1月25日)
  const six = '六、其他需要报告的事项';
  assert.deepEqual(
    signed('本年度无收取信息处理费情况。平潭综合实验区旅游与文化体育局 2021年1月25日'),
    [[`section ${six} “2021年1月25日”`, '2021年1月25日', 2021]],
  );
  assert.match(
    rule(validate(r), 'TEXT-YEAR')[0]?.message ?? '',
    /落款日期是2021年1月25日，在本报告所述的2021年度结束之前：年度报告应在2022年编制公布/,
  );
  // signed the next year (page words after it), or a date that is no signature: no finding
  assert.deepEqual(signed('无。平潭综合实验区旅游与文化体育局 2022年1月6日 附件下载'), []);
  // the 版记's date of printing after the signature is checked too, and named as such
  // (平潭经济发展局 2020: 2021年1月26日 … 办公室 2020年1月26日印发)
  const r2020 = clean2019(2020);
  r2020.narrative.other =
    '无 平潭综合实验区经济发展局 2021年1月26日 平潭综合实验区经济发展局办公室 2020年1月26日印发 附件下载';
  const printed = rule(validate(r2020), 'TEXT-YEAR');
  assert.deepEqual(
    printed.map((f) => f.stated),
    ['2020年1月26日'],
  );
  assert.match(printed[0]?.message ?? '', /末尾的印发日期是2020年1月26日，.*请核对印发日期。$/);
  r2020.narrative.other =
    '无 平潭综合实验区经济发展局 2020年1月26日 平潭综合实验区经济发展局办公室 2020年1月26日印发';
  assert.deepEqual(
    rule(validate(r2020), 'TEXT-YEAR').map((f) => /末尾的(\S{4})是/.exec(f.message)?.[1]),
    ['落款日期', '印发日期'],
  );
  assert.deepEqual(
    signed(
      '2021年3月5日起施行的收费办法，本年度未收取信息处理费。今后将继续依法依规做好政府信息公开工作，不断提升公开质量和实效，切实保障人民群众的知情权、参与权和监督权。',
    ),
    [],
  );
});

test('findings give their figures in their rule’s words (figuresText)', () => {
  const r = clean2021();
  r.narrative.overview =
    '2022年，全市共受理政府信息公开申请15件。根据国办公开办函〔2019〕60号编制。';
  r.table3['三（七）']![0] = 99;
  const text = (id: string) =>
    validate(r)
      .filter((f) => f.rule === id)
      .map(figuresText);
  assert.ok(
    text('T3-SUM7').every((t) => /^（填报 \d+，应为 \d+）$/.test(t)),
    text('T3-SUM7').join(),
  );
  assert.deepEqual(text('TEXT-NUM'), ['（正文 15，表格 13）']);
  assert.deepEqual(text('BASIS-OUTDATED'), ['（引用 国办公开办函〔2019〕60号）']);
  assert.equal(figuresText({ rule: 'READ-AMBIGUOUS' }), '');
});

test('BASIS-OUTDATED (§5): a 2021+ report citing 国办公开办函〔2019〕60号 or the 2008 条例 (令第492号) is warned', () => {
  const r = clean2021();
  r.narrative.overview =
    '根据《通知》（国办公开办函〔2019〕60号）要求编制本报告。依据国务院令第492号。';
  const fs = rule(validate(r), 'BASIS-OUTDATED');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.stated]),
    [
      ['warning', '国办公开办函〔2019〕60号'],
      ['warning', '国务院令第492号'],
    ],
  );
  const old = clean2019(2020);
  old.narrative.overview = '根据国办公开办函〔2019〕60号要求编制本报告。';
  assert.deepEqual(rule(validate(old), 'BASIS-OUTDATED'), []);
  // full-width digits, in the section on problems
  const wide = clean2021();
  wide.narrative.problems = '仍按国办公开办函〔２０１９〕６０号的格式编制。';
  assert.deepEqual(
    rule(validate(wide), 'BASIS-OUTDATED').map((f) => f.stated),
    ['国办公开办函〔2019〕60号'],
  );
});

test('BASIS-OUTDATED: a document issued after the year’s reports were due is not cited (国办函〔2020〕109号 in 2019, 30号 up to 2020)', () => {
  // (平潭金井片区 2019, signed 2020年1月6日: 按照……（国办函〔2020〕109号）规定的按件、按量收费标准)
  const fee =
    '按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。';
  const r2019 = clean2019(2019);
  r2019.narrative.other = fee;
  const fs = rule(validate(r2019), 'BASIS-OUTDATED');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.stated]),
    [['warning', '国办函〔2020〕109号']],
  );
  assert.match(fs[0]?.message ?? '', /2020年11月17日才印发，晚于2019年度报告的发布期限/);
  // the 2020 reports were due in 2021, after it was issued
  const r2020 = clean2019(2020);
  r2020.narrative.other = fee;
  assert.deepEqual(rule(validate(r2020), 'BASIS-OUTDATED'), []);
  // 30号 (2021年9月) in a 2020 report, not in a 2021 one
  r2020.extraText = { preamble: '根据国办公开办函〔2021〕30号要求，编制本报告。' };
  assert.deepEqual(
    rule(validate(r2020), 'BASIS-OUTDATED').map((f) => f.stated),
    ['国办公开办函〔2021〕30号'],
  );
  const r2021 = clean2021(2021);
  r2021.extraText = { preamble: '根据国办公开办函〔2021〕30号要求，编制本报告。' };
  assert.deepEqual(rule(validate(r2021), 'BASIS-OUTDATED'), []);
});

test('BASIS-OUTDATED reads a published report’s introduction, quoting a long sentence by its clause', () => {
  // (平潭国有资产管理局 2021, 投资促进局 2024: the citation is in the words before 一、总体情况,
  // the page's chrome run into its sentence)
  const r = clean2021(2024);
  const clause =
    '根据《中华人民共和国政府信息公开条例》和国务院办公厅公开办《关于政府信息公开工作年度报告有关事项的通知》(国办公开办函〔2019〕60号)要求';
  r.extraText = {
    preamble: `当前位置: 首页政务公开政府信息公开 某局2024年度政府信息公开工作年度报告 来源: 时间:2025-01-26 ${clause},现将有关情况向社会公众发布。`,
  };
  const fs = rule(validate(r), 'BASIS-OUTDATED');
  assert.deepEqual(
    fs.map((f) => [f.where, f.stated]),
    [[`section 前言 “${clause}”`, '国办公开办函〔2019〕60号']],
  );
  assert.match(fs[0]?.message ?? '', /^“前言”引用了“国办公开办函〔2019〕60号”：2021年度起/);
  // a short sentence is quoted whole
  r.extraText = { preamble: '依据国务院令第492号编制。' };
  assert.deepEqual(
    rule(validate(r), 'BASIS-OUTDATED').map((f) => f.where),
    ['section 前言 “依据国务院令第492号编制”'],
  );
});

test('X-YEAR-PAIR (§1.6): cross-year rules need the same agency’s report for year − 1', () => {
  const r = clean2021(2022);
  assert.deepEqual(rule(validate(r, { previous: clean2021(2021) }), 'X-YEAR-PAIR'), []);
  const wrong = clean2021(2020);
  setT3(wrong, '四', '自然人', 7);
  const fs = validate(r, { previous: wrong });
  assert.deepEqual(
    fs.map((f) => [f.rule, f.status]),
    [['X-YEAR-PAIR', 'unverifiable']],
  );
});

test('X-YEAR-CARRY (§1.6, derived): 二 of Y = 四 of Y−1 per column; only when previous is given', () => {
  const prev = clean2021(2021);
  setT3(prev, '四', '自然人', 1);
  setT3(prev, '四', '商业企业', 0);
  setT3(prev, '四', '总计', 1);
  assert.deepEqual(rule(validate(clean2021(), { previous: prev }), 'X-YEAR-CARRY'), []);
  setT3(prev, '四', '自然人', 4);
  const fs = rule(validate(clean2021(), { previous: prev }), 'X-YEAR-CARRY');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where, f.stated, f.computed]),
    [['warning', 'table3 row 二 column 自然人', 1, 4]],
  );
  assert.deepEqual(
    validate(clean2021()).filter((f) => f.rule.startsWith('X-YEAR')),
    [],
  );
});

test('X-YEAR-VALID (§1.6, 2021+): 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y)', () => {
  const prev = clean2021(2021);
  prev.table2['第二十条第（一）项']!['规章']!['现行有效件数'] = 10;
  prev.table2['第二十条第（一）项']!['行政规范性文件']!['现行有效件数'] = 18;
  assert.deepEqual(rule(validate(clean2021(), { previous: prev }), 'X-YEAR-VALID'), []);
  prev.table2['第二十条第（一）项']!['行政规范性文件']!['现行有效件数'] = 30;
  const fs = rule(validate(clean2021(), { previous: prev }), 'X-YEAR-VALID');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.where, f.stated, f.computed]),
    [['warning', 'table2 第二十条第（一）项 行政规范性文件 现行有效件数', 20, 32]],
  );
  assert.deepEqual(
    rule(validate(clean2021(2021), { previous: clean2019(2020) }), 'X-YEAR-VALID'),
    [],
  );
});

test('X-YEAR-ITEMS-2019 (§1.3 湖北说明): 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1)', () => {
  const prev = clean2019(2019);
  const items = prev.table2;
  items['第二十条第（五）项'] = {
    行政许可: { 上一年项目数量: 38, '本年增/减': 2, 处理决定数量: 1 },
    其他对外管理服务事项: { 上一年项目数量: 10, '本年增/减': 0, 处理决定数量: 1 },
  };
  items['第二十条第（六）项'] = {
    行政处罚: { 上一年项目数量: 190, '本年增/减': 10, 处理决定数量: 1 },
    行政强制: { 上一年项目数量: 12, '本年增/减': 0, 处理决定数量: 1 },
  };
  items['第二十条第（八）项'] = { 行政事业性收费: { 上一年项目数量: 35, '本年增/减': 0 } };
  assert.deepEqual(rule(validate(clean2019(2020), { previous: prev }), 'X-YEAR-ITEMS-2019'), []);
  items['第二十条第（八）项'] = { 行政事业性收费: { 上一年项目数量: 35, '本年增/减': -15 } };
  const fs = rule(validate(clean2019(2020), { previous: prev }), 'X-YEAR-ITEMS-2019');
  assert.deepEqual(
    fs.map((f) => [f.severity, f.stated, f.computed]),
    [['warning', 35, 20]],
  );
});

const LONG =
  '本机关认真贯彻落实政府信息公开条例，坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读回应关切、依申请公开办理、政府信息管理和平台建设等方面扎实推进各项工作，';

test('X-YEAR-SIMILAR (§5, 30号“内容雷同”): a narrative ≥ 80% alike the previous year’s is warned', () => {
  const prev = clean2021(2021);
  const r = clean2021();
  prev.narrative.overview = LONG.repeat(4) + '2021年共收到申请9件。';
  r.narrative.overview = LONG.repeat(4) + '2022年共收到申请13件。';
  const [f] = rule(validate(r, { previous: prev }), 'X-YEAR-SIMILAR');
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.stated, '100%');
  r.narrative.overview =
    '今年重点推进基层政务公开标准化规范化建设，完善主动公开目录，开展政策解读、在线访谈和新闻发布会，优化政府网站信息公开专栏，强化依申请公开答复质量和法律审核，组织全体工作人员业务培训，加强政务新媒体管理，接受社会评议和监督。'.repeat(
      2,
    );
  assert.deepEqual(rule(validate(r, { previous: prev }), 'X-YEAR-SIMILAR'), []);
});

test('X-YEAR-SAME-DATA (§5, 东莞 copy-paste): tables identical to the previous year are warned, all-zero ones not', () => {
  const r = clean2021();
  assert.deepEqual(rule(validate(r, { previous: clean2021(2021) }), 'X-YEAR-SAME-DATA').length, 1);
  const prev = clean2021(2021);
  setT3(prev, '一', '自然人', 9);
  assert.deepEqual(rule(validate(r, { previous: prev }), 'X-YEAR-SAME-DATA'), []);
  const zero = (y: number) => {
    const z = clean2021(y);
    for (const k of Object.keys(z.table3)) z.table3[k] = zeros();
    z.table2 = {};
    z.table4 = {};
    return z;
  };
  assert.deepEqual(rule(validate(zero(2022), { previous: zero(2021) }), 'X-YEAR-SAME-DATA'), []);
});

test('FEE-NOTICE (国办函〔2020〕109号 第四–六条): a fee table’s notices and the amount they ask agree', () => {
  const r = clean2021();
  const fees = (notices: number | null, notified: string | null, collected: string | null) => {
    r.fees = {
      通知收取件数: notices,
      '通知收取金额（元）': notified,
      '实际收取金额（元）': collected,
    };
    return rule(validate(r), 'FEE-NOTICE').map((f) => [f.severity, f.stated, f.computed]);
  };
  // without the table there is nothing to check; with it in order, nothing is said
  assert.deepEqual(rule(validate(r), 'FEE-NOTICE'), []);
  assert.deepEqual(fees(0, '0', '0'), []);
  assert.deepEqual(fees(1, '800', '0'), []);
  assert.deepEqual(fees(2, '20.00', '20'), []);
  // an amount without notices, notices without an amount, less than 10元 a notice
  assert.deepEqual(fees(0, '300', '0'), [['error', 300, 0]]);
  assert.deepEqual(fees(2, '0', '0'), [['error', 0, '≥ 20']]);
  assert.deepEqual(fees(3, '25', '25'), [['error', 25, '≥ 30']]);
  const [less] = rule(validate(r), 'FEE-NOTICE');
  assert.deepEqual(less?.cell, {
    table: 'fees',
    row: '信息处理费收取情况',
    column: '通知收取金额（元）',
  });
  assert.match(less?.message ?? '', /少于3份收费通知按收费标准至少应收的30元/);
  // blank ≠ 0: a blank cell cannot be checked, and says so
  const [blank] = (fees(null, '0', '0'), rule(validate(r), 'FEE-NOTICE'));
  assert.equal(blank?.status, 'unverifiable');
  assert.equal(blank?.severity, 'warning');
  assert.match(blank?.message ?? '', /“通知收取件数”为空/);
});

test('FEE-COLLECTED and FEE-UNPAID: no more collected than notified, no more closed unpaid than notices', () => {
  const r = clean2021();
  r.fees = { 通知收取件数: 1, '通知收取金额（元）': '800', '实际收取金额（元）': '0' };
  assert.deepEqual(validate(r), []);
  r.fees['实际收取金额（元）'] = '900';
  const [more] = rule(validate(r), 'FEE-COLLECTED');
  assert.deepEqual([more?.severity, more?.stated, more?.computed], ['warning', 900, '≤ 800']);
  r.fees['实际收取金额（元）'] = '800';
  // 平潭市场监督管理局 2025: two applications closed for a fee not paid, one notice
  r.table3['三（六）2'] = [2, 0, 0, 0, 0, 0, 2];
  r.table3['三（六）3'] = [0, 0, 0, 0, 0, 0, 0];
  const [unpaid] = rule(validate(r), 'FEE-UNPAID');
  assert.deepEqual([unpaid?.severity, unpaid?.stated, unpaid?.computed], ['warning', 1, '≥ 2']);
  assert.match(unpaid?.message ?? '', /总计为2件，多于信息处理费收取情况表的“通知收取件数”1件/);
  r.fees.通知收取件数 = 2;
  r.fees['通知收取金额（元）'] = '1600';
  assert.deepEqual(rule(validate(r), 'FEE-UNPAID'), []);
  // the 2019 format has no row for applications closed unpaid: the rule does not apply
  const old = clean2019();
  old.fees = { 通知收取件数: 0, '通知收取金额（元）': '0', '实际收取金额（元）': '0' };
  assert.deepEqual(validate(old), []);
});

test('TEXT-NUM: fees collected, or none, stated in the words must match the fee table', () => {
  const r = clean2021();
  const said = (other: string) => {
    r.narrative.other = other;
    return rule(validate(r), 'TEXT-NUM').map((f) => [f.cell?.table, f.stated, f.computed]);
  };
  // no fee table: the words have nothing to be compared with
  assert.deepEqual(said('本年度共收取信息处理费共计380元。'), []);
  r.fees = { 通知收取件数: 2, '通知收取金额（元）': '1000', '实际收取金额（元）': '800' };
  assert.deepEqual(said('全年实际收取信息处理费800元。'), []);
  assert.deepEqual(said('全县行政机关收取信息处理费共计380元，其中民政局1件，收取380元。'), [
    ['fees', 380, 800],
  ]);
  // none collected, in the words real reports use
  for (const none of [
    '按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。',
    '2024年，无收取信息处理费情况。',
    '2025年度本机关未收取信息处理费。',
  ])
    assert.deepEqual(said(none), [['fees', 0, 800]], none);
  const [f] = rule(validate(r), 'TEXT-NUM');
  assert.match(
    f?.message ?? '',
    /写明“未收取信息处理费”（即0元），但信息处理费收取情况表“实际收取金额（元）”为800元/,
  );
  // the rule of 第四十二条, another year, a fee not paid: no account of the year's fees
  assert.deepEqual(
    said(
      [
        '我局依申请提供政府信息，不向申请人收取任何费用。',
        '与上年相比未收取信息处理费。',
        '申请人逾期未缴纳信息处理费的，不再处理其申请。',
      ].join(''),
    ),
    [],
  );
});
