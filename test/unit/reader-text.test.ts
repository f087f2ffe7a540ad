// The text reader (src/readers/text.ts) on the text examples of shared/examples/reports — every
// figure of each sidecar's table2/table3/table4 and every defect it lists — and on small
// synthetic reports built from formats.ts for the variations published reports show.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AgencyLevel } from '../../src/domain/agency.ts';
import type { Finding, Severity } from '../../src/domain/report/findings.ts';
import {
  FORMAT_2019,
  FORMAT_2021,
  SECTION_HEADINGS,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type ReportFormat,
} from '../../src/domain/report/formats.ts';
import type { Table2, Table3, Table4 } from '../../src/domain/report/model.ts';
import { auditRead, type ReadFinding } from '../../src/readers/read-report.ts';
import { isLaidOut, unlayout } from '../../src/readers/layout.ts';
import { readReportText } from '../../src/readers/text.ts';
import { unifyRadicals } from '../../src/readers/radicals.ts';
import { pdfToText } from '../../src/readers/pdf-text.ts';
import { fromJson } from '../../src/reports/json.ts';
import { renderText } from '../../src/reports/txt.ts';
import { SAMPLE_NARRATIVE, sidecarDoc } from '../support/sidecars.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.resolve(repoRoot, 'test/fixtures/reports');

interface Defect {
  rule: string;
  severity: Severity;
  where?: string;
  status?: 'unverifiable';
  stated?: number | string | null;
  computed?: number | string | null;
  count?: number;
  rows?: string[];
}

interface Sidecar {
  year: number;
  agency_level: AgencyLevel;
  table2: Table2;
  table3: { rows: Table3 };
  table4: { groups: Table4 };
  defects: Defect[];
}

/**
 * Cells that flattened text cannot settle: the digits of the row run together and the format
 * gives no arithmetic between its columns (table 二). The sidecars took them from page.html; the
 * reader must leave them blank with READ-AMBIGUOUS listing the true value among the splits.
 */
const UNSETTLED: Record<string, string[]> = {
  '2020_pingtan': [
    '第二十条第（一）项/规范性文件',
    '第二十条第（五）项/行政许可',
    '第二十条第（五）项/其他对外管理服务事项',
    '第二十条第（六）项/行政处罚',
    '第二十条第（六）项/行政强制',
    '第二十条第（九）项/政府集中采购',
  ],
  '2021_pingtan': ['第二十条第（一）项/行政规范性文件'],
};

/** Every example of shared/examples/reports: the texts, and the PDFs through their text layer. */
const EXAMPLES: [stem: string, ext: 'txt' | 'pdf'][] = [
  ['2020_yixi-town_chaozhou', 'txt'],
  ['2020_pingtan', 'txt'],
  ['2021_pingtan', 'txt'],
  ['2024_huaian-city', 'pdf'],
  ['2023_hongze-district', 'pdf'],
];

async function exampleText(stem: string, ext: 'txt' | 'pdf'): Promise<string> {
  const file = path.join(FIXTURES, `${stem}.${ext}`);
  assert.ok(existsSync(file), `${stem}.${ext} missing from test/fixtures/reports`);
  return ext === 'txt' ? readFileSync(file, 'utf8') : (await pdfToText(readFileSync(file))).text;
}

function fits(f: Finding, d: Defect): boolean {
  const same = (a: unknown, b: unknown) => b === undefined || a === b;
  return (
    f.rule === d.rule &&
    f.severity === d.severity &&
    f.status === d.status &&
    same(f.stated, d.stated) &&
    same(f.computed, d.computed) &&
    same(f.count, d.count) &&
    (d.rows === undefined || JSON.stringify(f.rows) === JSON.stringify(d.rows))
  );
}

for (const [stem, ext] of EXAMPLES) {
  // every example is a fixture of the repository: a missing one fails, it is never skipped
  test(`reader: ${stem}.${ext} — every sidecar figure and defect`, async () => {
    const text = await exampleText(stem, ext);
    const sidecar = JSON.parse(
      readFileSync(path.join(FIXTURES, `${stem}.expected.json`), 'utf8'),
    ) as Sidecar;
    const read = readReportText(text, { agency: { level: sidecar.agency_level } });
    const report = read.report;
    assert.ok(report, 'read as an annual report');
    assert.equal(report.year, sidecar.year);
    const unsettled = new Set(UNSETTLED[stem] ?? []);
    let cells = 0;
    for (const [caption, rows] of Object.entries(sidecar.table2))
      for (const [row, cols] of Object.entries(rows)) {
        if (unsettled.has(`${caption}/${row}`)) {
          const f = read.findings.find(
            (x) => x.rule === 'READ-AMBIGUOUS' && x.where === `table2 ${caption} ${row}`,
          );
          assert.ok(f, `${caption} ${row}: READ-AMBIGUOUS expected`);
          const truth = JSON.stringify(Object.values(cols).map(String));
          assert.ok(
            f.options?.some((o) => JSON.stringify(o) === truth),
            `${caption} ${row}: ${truth} among the splits listed`,
          );
          // A cell on which every split agrees is read; the others stay blank.
          for (const [col, value] of Object.entries(cols)) {
            const got = read.printedTable2[caption]?.[row]?.[col];
            if (got !== null) cells++;
            assert.ok(got === null || got === value, `${caption} ${row} ${col}: ${got}`);
          }
          continue;
        }
        for (const [col, value] of Object.entries(cols)) {
          cells++;
          assert.deepEqual(
            read.printedTable2[caption]?.[row]?.[col],
            value,
            `${caption} ${row} ${col}`,
          );
        }
      }
    for (const [key, values] of Object.entries(sidecar.table3.rows)) {
      cells += values.length;
      assert.deepEqual(report.table3[key], values, `table3 ${key}`);
    }
    assert.deepEqual(Object.keys(report.table3), Object.keys(sidecar.table3.rows));
    for (const [group, values] of Object.entries(sidecar.table4.groups)) {
      cells += Object.keys(values).length;
      assert.deepEqual(report.table4[group], values, `table4 ${group}`);
    }
    assert.ok(cells > 150);

    const findings = auditRead(read);
    const used = new Set<number>();
    for (const d of sidecar.defects) {
      const i = findings.findIndex((f, k) => !used.has(k) && fits(f, d));
      assert.ok(
        i >= 0,
        `${d.rule} ${d.where ?? ''} not found among ${findings.map((f) => f.rule).join(', ')}`,
      );
      used.add(i);
    }
    const errors = findings.filter((f, k) => !used.has(k) && f.severity === 'error');
    assert.deepEqual(errors, [], 'no error the sidecar does not list');
  });
}

// ---------------------------------------------------------------- synthetic reports

type T3 = Record<string, (number | null)[]>;

const zeros = (): (number | null)[] => TABLE3_COLUMNS.map(() => 0);

/** A consistent table 三: 3 applications by 自然人, 2 published, 1 partly, none carried over. */
function table3Of(f: ReportFormat): T3 {
  const t: T3 = Object.fromEntries(f.table3Rows.map((r) => [r.key, zeros()]));
  t['一'] = [3, 0, 0, 0, 0, 0, 3];
  t['三（一）'] = [2, 0, 0, 0, 0, 0, 2];
  t['三（二）'] = [1, 0, 0, 0, 0, 0, 1];
  t['三（七）'] = [3, 0, 0, 0, 0, 0, 3];
  return t;
}

const cellText = (v: number | string | null | undefined): string =>
  v === null || v === undefined ? '' : String(v);

/** A tab-separated report in the intermediate form of the PDF/HTML readers, labels from formats.ts. */
function tabReport(
  f: ReportFormat,
  year: number,
  opts: {
    t3?: T3;
    t2?: (caption: string, row: string, col: string) => string;
    table3Rows?: ReportFormat['table3Rows'];
    extraColumn?: boolean;
  } = {},
): string {
  const t3 = opts.t3 ?? table3Of(f);
  const out = [
    `${year}年某某县人民政府政府信息公开工作年度报告`,
    SECTION_HEADINGS[0],
    '本年度工作概况。',
  ];
  out.push(SECTION_HEADINGS[1]);
  for (const b of f.table2) {
    out.push(b.caption, ['信息内容', ...b.columns.map((c) => c.label)].join('\t'));
    for (const row of b.rows)
      out.push(
        [row, ...b.columns.map((c) => opts.t2?.(b.caption, row, c.label) ?? '0')].join('\t'),
      );
  }
  out.push(SECTION_HEADINGS[2], `${TABLE3_NOTE}\t\t${TABLE3_APPLICANT_HEADER}`);
  out.push(
    `\t\t${TABLE3_COLUMNS[0]}\t${TABLE3_ORG_HEADER}`,
    `\t\t\t${TABLE3_COLUMNS.slice(1).join('\t')}`,
  );
  let group: string | undefined;
  for (const r of opts.table3Rows ?? f.table3Rows) {
    const values = t3[r.key] ?? zeros();
    const cells = opts.extraColumn
      ? [
          values[0],
          values.slice(1, 6).reduce<number>((s, v) => s + (v ?? 0), 0),
          ...values.slice(1),
        ]
      : values;
    const top =
      r.group === TABLE3_OUTCOME_GROUP ? r.group : r.group ? TABLE3_OUTCOME_GROUP : undefined;
    const label =
      r.group && r.group !== TABLE3_OUTCOME_GROUP
        ? [r.group !== group ? r.group : '', r.label]
        : [r.label, ''];
    const lead = top && group === undefined ? top : '';
    group = r.group;
    out.push(
      [top ? lead : '', ...label, ...cells.map(cellText)].join('\t').replace(/^\t(?=[^\t])/, ''),
    );
  }
  out.push(SECTION_HEADINGS[3]);
  out.push(
    TABLE4_GROUPS.map((g) => g.label).join('\t\t\t\t\t'),
    [...TABLE4_COLUMNS, ...TABLE4_COLUMNS, ...TABLE4_COLUMNS].join('\t'),
  );
  out.push(TABLE4_GROUPS.flatMap(() => ['0', '0', '0', '0', '0']).join('\t'));
  out.push(SECTION_HEADINGS[4], '存在的问题。', SECTION_HEADINGS[5], '无。');
  return out.join('\n');
}

const rules = (fs: ReadFinding[]) => fs.map((f) => f.rule);

/** The synthetic agency is a county government; a caller that knows the level passes it. */
const readCounty = (text: string) => readReportText(text, { agency: { level: 'county' } });

test('synthetic: a clean 2021 tab-separated report reads with no finding at all', () => {
  const read = readCounty(tabReport(FORMAT_2021, 2021));
  assert.ok(read.report);
  assert.equal(read.report.format, '2021');
  assert.deepEqual(read.report.table3, table3Of(FORMAT_2021));
  assert.deepEqual(auditRead(read), []);
});

test('synthetic: full-width digits and punctuation, spaces and line breaks inside labels', () => {
  const text = tabReport(FORMAT_2021, 2021)
    .replace('3\t0\t0\t0\t0\t0\t3', '３\t０\t０\t０\t０\t０\t３')
    .replace('（一）予以公开', '(一) 予以\n公开')
    .replace('1.属于国家秘密', '１、属于 国家秘密')
    .replace('2021年', '２０２１年');
  const read = readCounty(text);
  assert.ok(read.report);
  assert.equal(read.report.year, 2021);
  assert.deepEqual(read.report.table3['一'], [3, 0, 0, 0, 0, 0, 3]);
  assert.deepEqual(read.report.table3['三（一）'], [2, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(read.findings, []);
});

test('synthetic: radicals for ideographs (text copied from a PDF) read as the ideographs', () => {
  // ⼈ U+2F08 (Kangxi, NFKC's), ⺠ U+2EA0 and ⻅ U+2EC5 (the supplement: Unicode's table)
  const text = tabReport(FORMAT_2021, 2021)
    .replace('某某县人民政府', '某某县⼈⺠政府')
    .replace('存在的问题。', '存在的问题，意⻅已收到。');
  const read = readReportText(text);
  assert.ok(read.report);
  assert.equal(read.report.agency.name, '某某县人民政府');
  assert.equal(read.report.agency.level, 'county');
  assert.equal(read.report.narrative.problems, '存在的问题,意见已收到。'); // (NFKC)
  assert.deepEqual(read.report.table3, table3Of(FORMAT_2021));
});

test('radicals: exactly U+2E81–U+2EF3 and U+2F00–U+2FD5 are looked at, at any place in a text', () => {
  const around = (c: number) => `报告${String.fromCharCode(c)}表`;
  // a radical at the start, inside and at the end, in a text that has none elsewhere
  for (const [c, ideograph] of [
    [0x2e81, '\u5382'],
    [0x2ef3, '龟'],
    [0x2f00, '一'],
    [0x2fd5, '龠'],
  ] as const) {
    const r = String.fromCharCode(c);
    assert.equal(unifyRadicals(around(c)), `报告${ideograph}表`);
    assert.equal(unifyRadicals(`${r}年`), `${ideograph}年`);
    assert.equal(unifyRadicals(`年${r}`), `年${ideograph}`);
  }
  // the code points beside the ranges are left alone
  for (const c of [0x2e80, 0x2ef4, 0x2eff, 0x2fd6, 0x2fff, 0x3000, 0x2d00])
    assert.equal(unifyRadicals(around(c)), around(c));
});

test('synthetic: headings worded differently are matched by their words', () => {
  const text = tabReport(FORMAT_2021, 2021).replace(
    SECTION_HEADINGS[3],
    '四、因政府信息公开申请提起行政复议、行政诉讼情况',
  );
  const read = readCounty(text);
  assert.ok(read.report);
  assert.ok(rules(read.findings).includes('READ-FUZZY-LABEL'));
  assert.deepEqual(read.report.table4['行政复议'], {
    结果维持: 0,
    结果纠正: 0,
    其他结果: 0,
    尚未审结: 0,
    总计: 0,
  });
  assert.ok(rules(read.findings).every((r) => r === 'READ-FUZZY-LABEL'));
});

test('synthetic: a table broken across pages with its header rows repeated', () => {
  const header = `\f\n${TABLE3_OUTCOME_GROUP}\n\t\t\t${TABLE3_COLUMNS.slice(1).join('\t')}\n`;
  const text = tabReport(FORMAT_2021, 2021).replace(/\n(\t?（四）无法提供)/, `\n${header}$1`);
  const read = readCounty(text);
  assert.ok(read.report);
  assert.deepEqual(read.report.table3, table3Of(FORMAT_2021));
  assert.deepEqual(read.findings, []);
});

test('synthetic: a typo in a row label is matched with its confidence reported', () => {
  const text = tabReport(FORMAT_2021, 2021).replace('保护第三方合法权益', '保护第三方合法杈益');
  const read = readCounty(text);
  assert.ok(read.report);
  const f = read.findings.find((x) => x.rule === 'READ-FUZZY-LABEL');
  assert.ok(
    f && f.confidence !== undefined && f.confidence < 1 && f.confidence > 0.8,
    JSON.stringify(f),
  );
  assert.equal(f.where, 'table3 三（三）4');
  assert.deepEqual(read.report.table3['三（三）4'], zeros());
});

test('synthetic: an extra 法人或其他组织 subtotal column is checked and dropped', () => {
  const t3 = table3Of(FORMAT_2021);
  t3['一'] = [3, 1, 0, 1, 0, 0, 5];
  t3['三（一）'] = [2, 1, 0, 1, 0, 0, 4];
  t3['三（七）'] = [3, 1, 0, 1, 0, 0, 5];
  const read = readCounty(tabReport(FORMAT_2021, 2021, { t3, extraColumn: true }));
  assert.ok(read.report);
  assert.deepEqual(read.report.table3, t3);
  assert.deepEqual(rules(read.findings), ['READ-EXTRA-COLUMN']);
});

test('synthetic: rows ending in an empty cell show no subtotal column (a row of zeros adds up either way)', () => {
  // a converter's pipe table one column wider than its figures (| 0 | … | 0 |  |), under a
  // header broken up (the columns' words partly in other lines: not one per column)
  const lines = tabReport(FORMAT_2021, 2021).split('\n');
  const [from, to] = [lines.indexOf(SECTION_HEADINGS[2]), lines.indexOf(SECTION_HEADINGS[3])];
  const header = `${TABLE3_NOTE}\t${TABLE3_COLUMNS[0]}\t商业\t科研\t${TABLE3_COLUMNS[6]}`;
  // (one row with a piece of its group's label in a cell before its own, no empty cell after)
  const rows = FORMAT_2021.table3Rows.map((r) => {
    const cells = (table3Of(FORMAT_2021)[r.key] ?? []).map(cellText).join('\t');
    return r.key === '三（三）4' ? `（三）不\t${r.label}\t${cells}` : `${r.label}\t${cells}\t`;
  });
  const text = [...lines.slice(0, from + 1), header, ...rows, ...lines.slice(to)];
  const read = readCounty(text.join('\n'));
  assert.deepEqual(read.report?.table3, table3Of(FORMAT_2021));
  assert.deepEqual(auditRead(read), []);
});

test('synthetic: table 二 set partly as lines of text, its first block a pipe table below them', () => {
  // (a PDF converted to Markdown: the ruled block of 规章 moved after the others, titled)
  const lines = tabReport(FORMAT_2021, 2021).split('\n');
  const [from, to] = [lines.indexOf(SECTION_HEADINGS[1]), lines.indexOf(SECTION_HEADINGS[2])];
  const table2 = [
    '第二十条第（一）项',
    '第二十条第（五）项',
    '信息内容本年处理决定数量',
    '行政许可 5',
    '第二十条第（六）项',
    '信息内容本年处理决定数量',
    '行政处罚 7',
    '行政强制 0',
    '第二十条第（八）项',
    '信息内容本年收费金额（单位：万元）',
    '行政事业性收费 0',
    '## 表二：主动公开政府信息情况',
    '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
    '|---|---|---|---|',
    '| 规章 | 0 | 0 | 0 |',
    '| 行政规范性文件 | 1 | 0 | 2 |',
  ];
  const text = [...lines.slice(0, from + 1), ...table2, ...lines.slice(to)].join('\n');
  const read = readCounty(text);
  assert.deepEqual(read.printedTable2, {
    '第二十条第（一）项': {
      规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 },
      行政规范性文件: { 本年制发件数: 1, 本年废止件数: 0, 现行有效件数: 2 },
    },
    '第二十条第（五）项': { 行政许可: { 本年处理决定数量: 5 } },
    '第二十条第（六）项': { 行政处罚: { 本年处理决定数量: 7 }, 行政强制: { 本年处理决定数量: 0 } },
    '第二十条第（八）项': { 行政事业性收费: { '本年收费金额（单位：万元）': '0' } },
  });
  assert.deepEqual(rules(auditRead(read)), []);
});

test('synthetic: a line 正文 above the title is no part of the agency name', () => {
  const read = readCounty(`正文\n${tabReport(FORMAT_2021, 2021)}`);
  assert.equal(read.report?.agency.name, '某某县人民政府');
});

test('synthetic: units in cells, negative 本年增/减 and blank cells (never 0)', () => {
  const t3 = table3Of(FORMAT_2019);
  t3['三（三）1'] = [null, null, null, null, null, null, null];
  const read = readCounty(
    tabReport(FORMAT_2019, 2020, {
      t3,
      t2: (caption, row, col) =>
        col === '采购总金额'
          ? '251000元'
          : col === '本年增/减' && row === '行政处罚'
            ? '-18'
            : row === '规章'
              ? ''
              : '5',
    }),
  );
  assert.ok(read.report);
  assert.equal(read.report.format, '2019');
  const t2 = read.report.table2;
  assert.equal(t2['第二十条第（九）项']?.['政府集中采购']?.['采购总金额'], '251000');
  assert.equal(
    read.printedTable2['第二十条第（九）项']?.['政府集中采购']?.['采购总金额'],
    '251000元',
  );
  assert.equal(t2['第二十条第（六）项']?.['行政处罚']?.['本年增/减'], -18);
  assert.deepEqual(t2['第二十条第（一）项']?.['规章'], {
    本年新制作数量: null,
    本年新公开数量: null,
    对外公开总数量: null,
  });
  assert.deepEqual(read.report.table3['三（三）1'], [null, null, null, null, null, null, null]);
  assert.ok(rules(auditRead(read)).includes('BLANK-CELL'));
});

/** The 2021 layout flattened: labels and digit runs with no separator, as in 2021_pingtan.txt. */
function flatReport(rows: Record<string, string>): string {
  const t3 = FORMAT_2021.table3Rows.map(
    (r) => `${r.group && r.key.endsWith('1') ? r.group : ''}${r.label}${rows[r.key] ?? '0000000'}`,
  );
  return [
    '2021年某某县政府信息公开工作年度报告',
    `${SECTION_HEADINGS[0]}概况。${SECTION_HEADINGS[1]}`,
    ...FORMAT_2021.table2.map(
      (b) =>
        `${b.caption}信息内容${b.columns.map((c) => c.label).join('')}${b.rows.map((r) => `${r}${b.columns.map(() => '0').join('')}`).join('')}`,
    ),
    `${SECTION_HEADINGS[2]}${TABLE3_NOTE}${TABLE3_APPLICANT_HEADER}${TABLE3_COLUMNS.join('')}`,
    ...t3,
    `${SECTION_HEADINGS[3]}${TABLE4_GROUPS.map((g) => g.label).join('')}${TABLE4_COLUMNS.join('').repeat(3)}000000000000000`,
    `${SECTION_HEADINGS[4]}无。${SECTION_HEADINGS[5]}无。`,
  ].join('');
}

test('synthetic: a row out of order on its own line of cells is read, the unlabelled line after it not', () => {
  // (a PDF converted to Markdown: 2.'s label moved above 1.'s row; 2.'s figures, without their
  // label, on the line after 1.'s)
  const t3 = table3Of(FORMAT_2021);
  t3['三（三）1'] = [1, 0, 0, 0, 0, 0, 1];
  const lines = tabReport(FORMAT_2021, 2021, { t3 }).split('\n');
  const at = (label: string) => lines.findIndex((l) => l.includes(label));
  const [one, two] = [at('1.属于国家秘密'), at('2.其他法律行政法规禁止公开')];
  const moved = [
    '2.其他法律行政法规禁止公开',
    `1.属于国家秘密\t${t3['三（三）1'].join('\t')}`,
    `\t${zeros().join('\t')}`,
  ];
  const text = [...lines.slice(0, one), ...moved, ...lines.slice(two + 1)].join('\n');
  const read = readCounty(text);
  assert.deepEqual(read.report?.table3['三（三）1'], [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(read.report?.table3['三（三）2'], Array(7).fill(null));
  const said = (key: string) => read.findings.filter((f) => f.where === `table3 ${key}`);
  assert.deepEqual(rules(said('三（三）1')), ['READ-UNRECOGNISED']);
  assert.deepEqual(rules(said('三（三）2')), ['READ-UNREADABLE']);
});

test('synthetic flattened: a table out of order says its rows not read, never missing or blank', () => {
  const clean = flatReport({});
  // a page-to-text tool's order: a wrapped label broken by the next row's figures, which stand
  // after the row above (…8.属于行政查询事项 0000000 （四）无法提 1.本机关不掌握相 0000000 供…)
  const broken = clean.replace(
    '（四）无法提供1.本机关不掌握相关政府信息0000000',
    '（四）无法提1.本机关不掌握相0000000供关政府信息',
  );
  assert.notEqual(broken, clean);
  const read = readCounty(broken);
  assert.ok(read.report);
  const said = (key: string) => read.findings.filter((f) => f.where === `table3 ${key}`);
  // the figures after row 8 are two rows': not silently its own seven
  assert.deepEqual(read.report.table3['三（三）8'], Array(7).fill(null));
  assert.deepEqual(rules(said('三（三）8')), ['READ-UNREADABLE']);
  // the row whose label is broken up: not read, not missing from the report
  assert.deepEqual(read.report.table3['三（四）1'], Array(7).fill(null));
  assert.deepEqual(rules(said('三（四）1')), ['READ-UNREADABLE']);
  assert.match(said('三（四）1')[0]?.message ?? '', /文字顺序错乱.*不视为缺行/);
  // said once for the table, before its rows
  const table = read.findings.filter((f) => f.rule === 'READ-DISORDERED');
  assert.deepEqual(
    table.map((f) => f.where),
    ['table3'],
  );
  assert.match(table[0]?.message ?? '', /^表三的文字顺序错乱.*其中2行无法读取/);
  assert.ok(read.findings.indexOf(table[0]!) < read.findings.indexOf(said('三（三）8')[0]!));
  const audit = auditRead(read);
  assert.deepEqual(
    audit.filter((f) => f.severity === 'error').map((f) => f.rule),
    [],
  );
  assert.ok(!audit.some((f) => f.rule === 'BLANK-CELL'));
  // a label printed after the rows below it is read where it stands
  const moved = clean
    .replace('（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000', '0000000')
    .replace(
      '8.属于行政查询事项0000000',
      '8.属于行政查询事项0000000（二）部分公开（区分处理的，只计这一情形，不计其他情形）1000001',
    );
  const out = readCounty(moved);
  assert.deepEqual(out.report?.table3['三（二）'], [1, 0, 0, 0, 0, 0, 1]);
  assert.ok(!out.findings.some((f) => f.where === 'table3 三（二）'));
  assert.ok(!auditRead(out).some((f) => f.rule === 'TABLE-SHAPE'));
});

test('the narrative above table 二 naming its rows in another order changes nothing', () => {
  const t2 = (caption: string, row: string, col: string) =>
    row === '行政规范性文件' && col === '本年制发件数' ? '3' : '0';
  const tab = tabReport(FORMAT_2021, 2021, { t2 });
  const text = tab.replace(
    `${SECTION_HEADINGS[1]}\n`,
    `${SECTION_HEADINGS[1]}\n本年制发行政规范性文件3件，规章0件，行政处罚0件。\n`,
  );
  assert.notEqual(text, tab);
  const read = readCounty(text);
  assert.deepEqual(read.report?.table2, readCounty(tab).report?.table2);
  assert.equal(read.report?.table2['第二十条第（一）项']?.['行政规范性文件']?.['本年制发件数'], 3);
  assert.deepEqual(read.findings, []);
});

test('a row missing from table 二 is not read from the narrative after it that names its label', () => {
  const tab = tabReport(FORMAT_2021, 2021);
  const texts = [
    tab
      .replace('\n行政许可\t0', '')
      .replace(
        SECTION_HEADINGS[2],
        `（二）主动公开的其他情况：本年行政许可1200件。\n${SECTION_HEADINGS[2]}`,
      ),
    tab
      .replace('\n行政许可\t0', '')
      .replace(SECTION_HEADINGS[2], `本年办理行政许可1200件\n${SECTION_HEADINGS[2]}`),
  ];
  for (const text of texts) {
    assert.notEqual(text, tab);
    const read = readCounty(text);
    const cells = read.report?.table2['第二十条第（五）项']?.['行政许可'];
    assert.ok(cells === undefined || Object.values(cells).every((v) => v === null), text);
    assert.ok(read.findings.some((f) => f.rule === 'READ-MISSING-ROW'));
    assert.ok(auditRead(read).some((f) => f.rule === 'TABLE-SHAPE' && f.severity === 'error'));
  }
});

test('synthetic flattened: a digit run with two consistent splits is NOT guessed', () => {
  // 270020130 is 27|0|0|2|0|1|30 or 2|7|0|0|20|1|30: both add up in the row, and 一 and （七）
  // carry the same run, so the column sums cannot choose either.
  const run = '270020130';
  const read = readCounty(flatReport({ 一: run, '三（一）': run, '三（七）': run }));
  assert.ok(read.report);
  assert.deepEqual(read.report.table3['三（一）'], [null, null, 0, null, null, 1, 30]);
  assert.deepEqual(read.report.table3['一'], [null, null, 0, null, null, 1, 30]);
  const f = read.findings.find((x) => x.where === 'table3 三（一）');
  assert.equal(f?.rule, 'READ-AMBIGUOUS');
  assert.match(f.message, /27\|0\|0\|2\|0\|1\|30/);
  assert.match(f.message, /2\|7\|0\|0\|20\|1\|30/);
});

test('synthetic flattened: the column sums settle a digit run when exactly one split fits', () => {
  const read = readCounty(
    flatReport({
      一: '270020130',
      '三（一）': '270020130',
      '三（七）': '270020130',
      '三（二）': '0000000',
    })
      .replace('一.本年新收', '一、本年新收')
      .replace(/(一、本年新收政府信息公开申请数量)270020130/, '$1 27 0 0 2 0 1 30'),
  );
  assert.ok(read.report);
  assert.deepEqual(read.report.table3['一'], [27, 0, 0, 2, 0, 1, 30]);
  assert.deepEqual(read.report.table3['三（一）'], [27, 0, 0, 2, 0, 1, 30]);
  assert.deepEqual(read.report.table3['三（七）'], [27, 0, 0, 2, 0, 1, 30]);
  assert.deepEqual(read.findings, []);
});

test('synthetic flattened: sub-rows without digits after a filled one are READ-MERGED, not blank', () => {
  // a page whose （六）1 cells span （六）1–3 (rowspan), flattened: no digits after 2. and 3.
  const read = readCounty(flatReport({ '三（六）1': '0000000', '三（六）2': '', '三（六）3': '' }));
  assert.ok(read.report);
  assert.deepEqual(read.report.table3['三（六）1'], zeros());
  assert.deepEqual(
    read.report.table3['三（六）2'],
    TABLE3_COLUMNS.map(() => null),
  );
  const merged = read.findings.filter((f) => f.rule === 'READ-MERGED');
  assert.deepEqual(
    merged.map((f) => f.where),
    ['table3 三（六）2', 'table3 三（六）3'],
  );
  assert.match(merged[0]?.message ?? '', /可能是跨行合并的单元格，也可能是空白/);
  // not told to fill in cells the page may well have filled
  assert.ok(!rules(auditRead(read)).includes('BLANK-CELL'));
  // a sub-row without digits after one that is itself blank is a blank row as before
  const blank = readCounty(flatReport({ '三（六）1': '', '三（六）2': '' }));
  assert.deepEqual(rules(blank.findings), []);
  assert.ok(rules(auditRead(blank)).includes('BLANK-CELL'));
});

test('synthetic: tab-separated blank sub-rows stay BLANK-CELL (a merged cell shows its fillers)', () => {
  const t3 = table3Of(FORMAT_2021);
  t3['三（六）2'] = TABLE3_COLUMNS.map(() => null);
  const read = readCounty(tabReport(FORMAT_2021, 2021, { t3 }));
  assert.ok(!rules(read.findings).includes('READ-MERGED'));
  assert.ok(rules(auditRead(read)).includes('BLANK-CELL'));
});

test('synthetic: a 2021 table 二 row printed under its 2019 name 规范性文件 is read and said', () => {
  const text = tabReport(FORMAT_2021, 2021, {
    t2: (caption, row, col) =>
      row === '行政规范性文件'
        ? ({ 本年制发件数: '4', 本年废止件数: '1', 现行有效件数: '13' }[col] ?? '0')
        : '0',
  }).replace('\n行政规范性文件\t', '\n规范性文件\t');
  assert.ok(text.includes('\n规范性文件\t'));
  const read = readCounty(text);
  assert.ok(read.report);
  assert.deepEqual(read.report.table2['第二十条第（一）项']?.['行政规范性文件'], {
    本年制发件数: 4,
    本年废止件数: 1,
    现行有效件数: 13,
  });
  const said = read.findings.filter((f) => f.rule === 'READ-FUZZY-LABEL');
  assert.deepEqual(
    said.map((f) => [f.where, f.message]),
    [
      [
        'table2 第二十条第（一）项 行政规范性文件',
        '“规范性文件”按“行政规范性文件”识别（另一种写法）；请核对原文用字。',
      ],
    ],
  );
});

test('synthetic: 2021 table 二 with the 2019 single （六） row is a mixed layout', () => {
  const read = readCounty(tabReport(FORMAT_2021, 2021, { table3Rows: FORMAT_2019.table3Rows }));
  assert.ok(read.report);
  assert.ok(rules(read.findings).includes('READ-MIXED-LAYOUT'));
  assert.ok('三（六）' in read.report.table3);
  assert.ok(rules(auditRead(read)).includes('TEMPLATE-MIXED'));
});

test('not an annual report: a news article, an empty text and binary garbage', () => {
  const news =
    '新华社北京1月5日电 记者从交通运输部获悉，今年春运将于1月14日开始，2月22日结束，共40天。' +
    '一、总体安排。交通运输部将加强运力调配。二、服务保障。各地要做好旅客服务工作。';
  const garbage = String.fromCharCode(
    ...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65536),
  );
  for (const text of [news, '', garbage]) {
    const read = readReportText(text);
    assert.equal(read.report, null);
    assert.deepEqual(rules(read.findings), ['READ-NOT-REPORT']);
    assert.match(read.findings[0]?.message ?? '', /不是一份年度报告/);
  }
  // a report's title alone (平潭公安局 2020: the page's text is its title, the report a .doc
  // attached to it) is said as such
  const titleOnly = readReportText(
    '标题: 平潭综合实验区公安局2020年政府信息公开工作年度报告\n发布时间: 2021-01-28 11:10\n==== 正文 ====\n平潭综合实验区公安局2020年政府信息公开工作年度报告',
  );
  assert.equal(titleOnly.report, null);
  assert.deepEqual(rules(titleOnly.findings), ['READ-NOT-REPORT']);
  assert.match(
    titleOnly.findings[0]?.message ?? '',
    /^找到了年度报告的标题“[^”]*平潭综合实验区公安局2020年政府信息公开工作年度报告”，但没有报告的章节标题.*请上传报告原件。$/,
  );
});

test('synthetic: the agency level guessed from the name is said, and table 四 is found without its heading', () => {
  const text = tabReport(FORMAT_2021, 2021).replace(`${SECTION_HEADINGS[3]}\n`, '');
  const read = readReportText(text);
  assert.ok(read.report);
  assert.deepEqual(read.report.agency, {
    name: '某某县人民政府',
    level: 'county',
    kind: 'government',
  });
  assert.deepEqual(rules(read.findings), ['READ-MISSING-SECTION', 'READ-AGENCY-LEVEL']);
  assert.match(read.findings[1]?.message ?? '', /县（区）级/);
  assert.deepEqual(read.report.table4['行政诉讼.复议后起诉'], {
    结果维持: 0,
    结果纠正: 0,
    其他结果: 0,
    尚未审结: 0,
    总计: 0,
  });
  assert.deepEqual(read.report.table3['四'], zeros());
});

test('unrecognised text after a row is reported, the row itself still read', () => {
  const tab = tabReport(FORMAT_2021, 2021).replace(
    /(\n（七）总计)/,
    '\n（八）其他情形\t1\t0\t0\t0\t0\t0\t1$1',
  );
  const a = readCounty(tab);
  assert.ok(a.report);
  assert.deepEqual(a.report.table3['三（六）3'], zeros());
  assert.deepEqual(
    a.findings.map((f) => [f.rule, f.where]),
    [['READ-UNRECOGNISED', 'table3 三（六）3']],
  );
  const flat = flatReport({ '三（二）': '0000000备注：见附件' });
  const b = readCounty(flat);
  assert.ok(b.report);
  assert.deepEqual(b.report.table3['三（二）'], zeros());
  assert.deepEqual(rules(b.findings), ['READ-UNRECOGNISED']);
  // figures after the unknown text: the cells cannot be told apart, none is invented
  const c = readCounty(flatReport({ '三（二）': '000备注0000' }));
  assert.deepEqual(c.report?.table3['三（二）'], [null, null, null, null, null, null, null]);
  assert.deepEqual(rules(c.findings), ['READ-UNREADABLE']);
});

test('a text far larger than any report is refused, not read', () => {
  const read = readReportText('二、主动公开政府信息情况'.repeat(200_000));
  assert.equal(read.report, null);
  assert.deepEqual(rules(read.findings), ['READ-TOO-LARGE']);
});

test('flattened: an 8th figure is a subtotal only when the header shows 小计', () => {
  // 自然人 2, 法人或其他组织 小计 1 (= 商业企业 1), 总计 3 — once with the header saying so
  const row = '21100003';
  const withHeader = flatReport({ 一: row, '三（一）': row, '三（七）': row }).replace(
    TABLE3_APPLICANT_HEADER,
    `${TABLE3_APPLICANT_HEADER}${TABLE3_ORG_HEADER}小计`,
  );
  const a = readCounty(withHeader);
  assert.deepEqual(a.report?.table3['一'], [2, 1, 0, 0, 0, 0, 3]);
  assert.ok(rules(a.findings).includes('READ-EXTRA-COLUMN'));
  // …and once without: 8 digits for 7 cells do not add up, so nothing is taken silently
  const b = readCounty(flatReport({ 一: row, '三（一）': row, '三（七）': row }));
  assert.ok(!rules(b.findings).includes('READ-EXTRA-COLUMN'));
  assert.deepEqual(b.report?.table3['一'], [null, null, null, 0, 0, 0, 3]);
  assert.equal(b.findings.find((f) => f.where === 'table3 一')?.rule, 'READ-AMBIGUOUS');
});

// (how fast they are read is npm run bench's to measure, not a timed assertion's: a loaded
// machine made one fail)
test('mangled reports (cut, shuffled, digits run together) never throw', () => {
  const base = [
    tabReport(FORMAT_2019, 2020),
    flatReport({ 一: '270020130', '三（一）': '270020130' }),
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 300; i++) {
    let t = base[i % 2] ?? '';
    for (let k = 0; k < 5; k++) {
      const at = rand(t.length);
      const op = rand(4);
      if (op === 0) t = t.slice(0, at) + t.slice(at + rand(40));
      else if (op === 1) t = t.slice(0, at) + '9'.repeat(rand(60)) + t.slice(at);
      else if (op === 2) t = t.slice(0, at) + '\t\f\n' + t.slice(at);
      else t = t.slice(at) + t.slice(0, at);
    }
    const read = readCounty(t.replace(/\n/g, i % 3 === 0 ? '\r\n' : '\n'));
    assert.ok(read.report === null || typeof read.report.year === 'number');
  }
});

// ---------------------------------------------------------------- agency and level from the title

/** What each example's title prints as the agency (the sidecars' `agency` may add the parents). */
const TITLE_AGENCY: Record<string, [name: string, level: AgencyLevel]> = {
  // 2020年意溪镇人民政府信息公开 工作年度报告
  '2020_yixi-town_chaozhou': ['意溪镇人民政府', 'township'],
  // 标题: 平潭综合实验区2020年度政府信息公开工作年度报告
  '2020_pingtan': ['平潭综合实验区', 'city'],
  '2021_pingtan': ['平潭综合实验区', 'city'],
  // 淮安市人民政府 / 2024 年政府信息公开工作年度报告 (the name on the line above the year)
  '2024_huaian-city': ['淮安市人民政府', 'city'],
  // 洪泽区人民政府 / 2023 年政府信息公开工作年度报告
  '2023_hongze-district': ['洪泽区人民政府', 'county'],
};

for (const [stem, ext] of EXAMPLES) {
  test(`reader: ${stem}.${ext} — the agency named by the title, its level presumed and said so`, async () => {
    const text = await exampleText(stem, ext);
    const sidecar = JSON.parse(
      readFileSync(path.join(FIXTURES, `${stem}.expected.json`), 'utf8'),
    ) as Sidecar & { agency: string };
    const [name, level] = TITLE_AGENCY[stem] ?? ['', 'city'];
    const read = readReportText(text);
    assert.deepEqual(read.report?.agency, { name, level, kind: 'government' });
    assert.equal(level, sidecar.agency_level, 'the presumed level is the sidecar’s');
    assert.ok(
      sidecar.agency.endsWith(name.replace(/人民政府$/, '')) || sidecar.agency.includes(name),
    );
    const said = read.findings.filter((f) => f.rule === 'READ-AGENCY-LEVEL');
    assert.equal(said.length, 1);
    assert.match(said[0]?.message ?? '', new RegExp(name));
    // a caller that knows the level is not told it was presumed
    const known = readReportText(text, { agency: { level: sidecar.agency_level } });
    assert.equal(known.report?.agency.name, name);
    assert.ok(!known.findings.some((f) => f.rule === 'READ-AGENCY-LEVEL'));
  });
}

test('agency from the title: lines, year before or after, 关于…的, departments, levels', () => {
  const cases: [title: string, name: string, level: AgencyLevel, kind: string][] = [
    [
      '潮州市湘桥区意溪镇人民政府2020年政府信息\n公开工作年度报告',
      '潮州市湘桥区意溪镇人民政府',
      'township',
      'government',
    ],
    ['2022年淮安市教育局政府信息公开工作年度报告', '淮安市教育局', 'city', 'department'],
    // the year lost from the line (pdftotext moves a PDF's digits set in another font)
    [
      '年上海市人民政府办公厅政府信息公开工作年度报告',
      '上海市人民政府办公厅',
      'province',
      'department',
    ],
    [
      '淮安市住房和城乡建设局\n2022年度政府信息公开工作年度报告',
      '淮安市住房和城乡建设局',
      'city',
      'department',
    ],
    [
      '淮安市城市管理局关于2022年政府信息公开工作年度报告',
      '淮安市城市管理局',
      'city',
      'department',
    ],
    [
      '关于淮安市人民政府办公室2021年度政府信息公开工作年度报告',
      '淮安市人民政府办公室',
      'city',
      'department',
    ],
    [
      '淮安市人民政府办公室关于印发淮安市洪泽区人民政府2024年政府信息公开工作年度报告的通知',
      '淮安市洪泽区人民政府',
      'county',
      'government',
    ],
    [
      '平潭综合实验区苏平片区管理局关于报送2020年度政府信息公开工作年度报告的函',
      '平潭综合实验区苏平片区管理局',
      'township',
      'department',
    ],
    ['北京市人民政府政府信息公开工作2019年度报告', '北京市人民政府', 'province', 'government'],
    [
      '苏州市昆山市人民政府2022年政府信息公开工作年度报告',
      '苏州市昆山市人民政府',
      'county',
      'government',
    ],
    ['广东省教育厅2021年政府信息公开年报', '广东省教育厅', 'province', 'department'],
    [
      '平潭综合实验区管委会\n2014年度政府信息公开工作年度报告',
      '平潭综合实验区管委会',
      'city',
      'government',
    ],
    [
      '平潭综合实验区海坛片区管理局 2024年度政府信息公开工作年度报告',
      '平潭综合实验区海坛片区管理局',
      'township',
      'department',
    ],
    [
      '杭州市西湖区北山街道办事处2023年政府信息公开工作年度报告',
      '杭州市西湖区北山街道办事处',
      'township',
      'government',
    ],
    [
      '某某乡人民政府\n2023 年 政府信息公开\n工作年度报告',
      '某某乡人民政府',
      'township',
      'government',
    ],
    [
      // a PDF's title wrapped inside its last words, the body's first sentence naming the report
      // too (沭阳县发展和改革局 2023 laid out by LibreOffice)
      '沭阳县发展和改革局 2023 年政府信息公开年度\n报告\n根据《条例》要求，现向社会公布沭阳县发\n展和改革局 2023 年度政府信息公开年度报告。',
      '沭阳县发展和改革局',
      'county',
      'department',
    ],
    [
      '首页 > 政务公开 > 政府信息公开年报\n某某县交通运输局2022年政府信息公开工作年度报告',
      '某某县交通运输局',
      'county',
      'department',
    ],
  ];
  for (const [title, name, level, kind] of cases) {
    const text = tabReport(FORMAT_2021, 2021).replace(/^.*\n/, `${title}\n`);
    const read = readReportText(text);
    assert.deepEqual(read.report?.agency, { name, level, kind }, title);
    assert.ok(rules(read.findings).includes('READ-AGENCY-LEVEL'), title);
  }
});

test('a heading with words added ends where its words do: the narrative after it is whole', () => {
  const text = tabReport(FORMAT_2021, 2021).replace(
    SECTION_HEADINGS[4],
    '五、政府信息公开工作存在的主要问题及改进情况',
  );
  const read = readCounty(text);
  assert.equal(read.report?.narrative.problems, '存在的问题。');
  const f = read.findings.find((x) => x.rule === 'READ-FUZZY-LABEL');
  assert.match(f?.message ?? '', /“五、政府信息公开工作存在的主要问题及改进情况”按/);
});

test('a heading with another ending is read to its end, alone on its line or running into its text', () => {
  // the words most like …及改进情况 stop at 及整 and 及改进: what follows is the heading's ending
  for (const [heading, after] of [
    ['五、存在的主要问题及整改措施', '\n'], // (沭阳县发展和改革局 2023)
    ['五、存在的主要问题及改进措施', ''], // (平潭海坛片区 2024, flattened)
    ['五、存在的主要问题及整改措施', ''],
    ['五、存在的主要问题和改进方向', '\n'],
    ['五、存在的主要问题及改进计划', '\n'],
    ['五、存在的主要问题及明年工作计划', ''], // (平潭公安局 2024, flattened)
    ['五、存在的主要问题及下一步工作打算', ''],
    ['五、存在的主要问题及改进安排', '\n'], // (no ending known) alone on its line: the line
  ] as const) {
    const text = tabReport(FORMAT_2021, 2021).replace(
      `${SECTION_HEADINGS[4]}\n`,
      `${heading}${after}`,
    );
    const read = readCounty(text);
    assert.equal(read.report?.narrative.problems, '存在的问题。', heading);
    const f = read.findings.find((x) => x.rule === 'READ-FUZZY-LABEL');
    assert.ok(f?.message.startsWith(`“${heading}”按“${SECTION_HEADINGS[4]}”识别`), f?.message);
  }
  // a line running on past a clause ending is the heading and its text: the text is kept, the
  // heading's colon not
  for (const [heading, problems] of [
    ['五、存在的主要问题及整改：', '存在的问题。'],
    ['五、存在的主要问题及整改。今年', '今年存在的问题。'],
  ] as const) {
    const text = tabReport(FORMAT_2021, 2021).replace(`${SECTION_HEADINGS[4]}\n`, heading);
    assert.equal(readCounty(text).report?.narrative.problems, problems, heading);
  }
});

/** flatReport with table 二's 行政规范性文件 printed as `run` and `narrative` in section 一. */
const flatDocuments = (run: string, narrative: string) =>
  flatReport({}).replace('行政规范性文件000', `行政规范性文件${run}`).replace('概况。', narrative);
const DOCUMENTS = 'table2 第二十条第（一）项 行政规范性文件';

test('synthetic flattened: a table-二 run the narrative settles (one split agrees) is read and said', () => {
  const read = readCounty(
    flatDocuments('8855698', '本年度制发的规范性文件88件，集中公开现行有效行政规范性文件698件。'),
  );
  assert.deepEqual(read.report?.table2['第二十条第（一）项']?.['行政规范性文件'], {
    本年制发件数: 88,
    本年废止件数: 55,
    现行有效件数: 698,
  });
  const said = read.findings.filter((f) => f.where === DOCUMENTS);
  assert.deepEqual(rules(said), ['READ-SPLIT-TEXT']);
  assert.match(
    said[0]?.message ?? '',
    /只有 88\|55\|698 与正文“制发的规范性文件88件”“现行有效行政规范性文件698件”相符/,
  );
});

test('synthetic flattened: a narrative that agrees with no split, with several, or says two figures settles nothing', () => {
  const cases = [
    // the narrative contradicts the table (393 is no split of the run)
    '本年度制发的规范性文件88件，现行有效行政规范性文件393件。',
    // one figure, still several splits (88|5|5698, 88|55|698, 88|556|98 …)
    '本年度制发的规范性文件88件。',
    // two figures for one cell
    '制发规范性文件88件。全年共制发规范性文件90件，现行有效行政规范性文件698件。',
    // a figure between the column's word and the row's belongs to another row
    '本年制发规章0件、行政规范性文件88件，现行有效规章1件。',
  ];
  for (const narrative of cases) {
    const read = readCounty(flatDocuments('8855698', narrative));
    const said = read.findings.filter((f) => f.where === DOCUMENTS);
    assert.deepEqual(rules(said), ['READ-AMBIGUOUS'], narrative);
    assert.equal(
      read.report?.table2['第二十条第（一）项']?.['行政规范性文件']?.['现行有效件数'],
      null,
      narrative,
    );
  }
});

test('tables separated by | (text converted from web pages) read as their tab-separated form', () => {
  // Each example's tables as our text export writes them (tabs), then as Markdown (with its rule
  // line), as rows ending in |, and as one cell a line each ending in |.
  const asRows = (t: string, row: (cells: string[]) => string) =>
    t
      .split('\n')
      .map((l) => (l.includes('\t') ? row(l.split('\t')) : l))
      .join('\n');
  const styles: Record<string, (t: string) => string> = {
    markdown: (t) =>
      asRows(t, (c) => `| ${c.join(' | ')} |`).replace(
        /^(\| 信息内容 .*)$/gm,
        (h) =>
          `${h}\n|${h
            .split('|')
            .slice(2, -1)
            .map(() => ' --- |')
            .join('')}`,
      ),
    'rows ending in |': (t) => asRows(t, (c) => `${c.join(' | ')} |`),
    'one cell a line': (t) => asRows(t, (c) => c.map((x) => `${x} |`).join('\n')),
  };
  for (const [stem] of EXAMPLES) {
    const model = fromJson(sidecarDoc(stem, SAMPLE_NARRATIVE));
    const tabs = renderText(model);
    for (const [style, convert] of Object.entries(styles)) {
      const text = convert(tabs);
      assert.ok(text.includes('|') && !text.includes('\t'), `${stem} ${style}: converted`);
      const read = readReportText(text, { agency: { level: model.agency.level } });
      assert.ok(read.report, `${stem} ${style}: read`);
      assert.deepEqual(read.printedTable2, model.table2, `${stem} ${style}: table 二`);
      assert.deepEqual(read.report.table3, model.table3, `${stem} ${style}: table 三`);
      assert.deepEqual(read.report.table4, model.table4, `${stem} ${style}: table 四`);
      const problems = auditRead(read).filter((f) =>
        /^READ-(UNREADABLE|AMBIGUOUS|UNRECOGNISED|MISSING)/.test(f.rule),
      );
      assert.deepEqual(problems, [], `${stem} ${style}: nothing left unread`);
      assert.match(read.report.narrative.other, /<>&“引号”/, `${stem} ${style}: narrative`);
    }
  }
  // a row's closing | is no empty cell: without the header's grid, 空…空|0 still has one placement
  const t3 = { ...table3Of(FORMAT_2021), 二: [null, null, null, null, null, null, 0] };
  const closed = readCounty(
    styles['rows ending in |']?.(
      tabReport(FORMAT_2021, 2021, { t3 })
        .split('\n')
        .filter((l) => !l.includes(TABLE3_COLUMNS[0] ?? '') && !l.includes(TABLE3_NOTE))
        .join('\n'),
    ) ?? '',
  );
  assert.deepEqual(closed.report?.table3['二'], t3['二']);
  assert.ok(!closed.findings.some((f) => f.rule === 'READ-AMBIGUOUS'), 'no placement doubt');
  // a | inside a sentence is not a table
  const narrative = readReportText(
    tabReport(FORMAT_2021, 2021).replace('本年度工作概况。', '咨询电话|传真：0591-1234。'),
  );
  assert.match(narrative.report?.narrative.overview ?? '', /咨询电话\|传真/);
});

test('a converter’s Markdown bold in the narrative is not the report’s words; digits are never joined', () => {
  const read = readReportText(
    tabReport(FORMAT_2021, 2021).replace(
      '本年度工作概况。',
      '丰富公开形式。**镇村两级公开栏公开**。积极运用“**互联网+**”，全年公开2**3**4条。',
    ),
  );
  assert.equal(
    read.report?.narrative.overview,
    '丰富公开形式。镇村两级公开栏公开。积极运用“互联网+”,全年公开2**3**4条。', // (NFKC),
  );
});

test('a PDF narrative broken at the page width is one paragraph, its indented first line too', () => {
  // (a paragraph's first line is indented two characters in the PDF, lost in its text; a line
  // with figures prints them half as wide)
  const wrapped = [
    '市科委设立政务公开工作协调小组，统筹协调信息公开工作',
    '部门、法制部门、业务处室等共同协作推进和落实政务公开任务。',
    '上海市科委 2024 年深入贯彻《政府信息公开条例》和《上',
    '海市政府信息公开规定》，认真落实市委、市政府关于政务公开工作',
    '的各项部署。',
    '（一）主动公开方面',
    '全年主动公开规章 22 件。',
    '（二）政府信息管理和政务公开平台建设方面的工作情况',
    '全年完成公文公开属性审查 166 件。',
  ].join('\n');
  const read = readReportText(tabReport(FORMAT_2021, 2021).replace('本年度工作概况。', wrapped));
  assert.deepEqual(read.report?.narrative.overview.split('\n'), [
    '市科委设立政务公开工作协调小组,统筹协调信息公开工作部门、法制部门、业务处室等共同协作推进和落实政务公开任务。',
    '上海市科委 2024 年深入贯彻《政府信息公开条例》和《上海市政府信息公开规定》,认真落实市委、市政府关于政务公开工作的各项部署。',
    '(一)主动公开方面',
    '全年主动公开规章 22 件。',
    '(二)政府信息管理和政务公开平台建设方面的工作情况',
    '全年完成公文公开属性审查 166 件。',
  ]);
});

test('a tab-separated row with more cells than columns: the placements are said, an empty cell never 0', () => {
  // rows 一 and 二 carry three empty cells too many, off the header's grid: their 0 may sit in 总计
  // (a trailing empty cell) or in 其他 (two), and the columns' arithmetic (all zeros) cannot tell
  const t3 = Object.fromEntries(FORMAT_2021.table3Rows.map((r) => [r.key, zeros()]));
  const text = tabReport(FORMAT_2021, 2021, { t3 }).replace(
    /^(一、本年新收政府信息公开申请数量|二、上年结转政府信息公开申请数量)\t.*$/gm,
    `$1${'\t'.repeat(9)}0\t`,
  );
  const read = readCounty(text);
  for (const key of ['一', '二']) {
    assert.deepEqual(read.report?.table3[key], Array(7).fill(null), `table3 ${key}`);
    const said = auditRead(read).find((f) => f.where === `table3 ${key}`);
    assert.equal(said?.rule, 'READ-AMBIGUOUS');
    assert.match(said?.message ?? '', /栏数多于表格.*可能的位置：空\|/);
    assert.equal(said?.placements, true);
    assert.ok(
      said?.options?.every((o) => o.length === 7 && o.filter((t) => t === '0').length === 1),
    );
  }
  assert.deepEqual(read.report?.table3['三（七）'], zeros(), 'rows read whole stay as read');
});

test('variations of published reports: an inserted section, narrative after table 二, a sentence before table 四, 受理 for 处理, units on counts', () => {
  // 五、信息处理费收取情况 inserted (Pingtan 2023–2025): 存在的主要问题 and 其他需要报告的事项 numbered on
  const inserted = readCounty(
    flatReport({}).replace(
      `${SECTION_HEADINGS[4]}无。${SECTION_HEADINGS[5]}无。`,
      '五、信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）000六、存在的主要问题和改进情况问题。七、其他需要报告的事项其他。',
    ),
  );
  assert.deepEqual(
    Object.values(inserted.report?.table4 ?? {}).flatMap(Object.values),
    Array(15).fill(0),
  );
  assert.equal(inserted.report?.narrative.problems, '问题。');
  assert.equal(inserted.report?.narrative.other, '其他。');
  const said = inserted.findings.filter((f) => f.where.startsWith('section'));
  assert.deepEqual(
    said.map((f) => [f.rule, f.where]),
    [
      ['READ-FUZZY-LABEL', `section ${SECTION_HEADINGS[4]}`],
      ['READ-FUZZY-LABEL', `section ${SECTION_HEADINGS[5]}`],
    ],
  );
  assert.match(
    said[0]?.message ?? '',
    /^“六、存在的主要问题和改进情况”按“五、存在的主要问题及改进情况”识别/,
  );
  assert.match(said[1]?.message ?? '', /^“七、其他需要报告的事项”按“六、其他需要报告的事项”识别/);

  // a part of the narrative after table 二's last row; a sentence and a remark before table 四
  const narrative = readCounty(
    flatReport({})
      .replace(
        '行政事业性收费0',
        '行政事业性收费9116.36（二）主动公开政府信息的主要类别2022年，主动公开123条。',
      )
      .replace(
        SECTION_HEADINGS[3],
        `${SECTION_HEADINGS[3]}（有关情况附表）2024年，没有政府信息公开行政复议及行政诉讼情况。`,
      ),
  );
  assert.equal(
    narrative.printedTable2['第二十条第（八）项']?.['行政事业性收费']?.[
      '本年收费金额（单位：万元）'
    ],
    '9116.36',
  );
  assert.deepEqual(
    Object.values(narrative.report?.table4 ?? {}).flatMap(Object.values),
    Array(15).fill(0),
  );
  assert.deepEqual(narrative.findings, []);

  // the 2021 （六） sub-rows worded 不再受理 for 不再处理: still the 2021 layout, each said
  const accepted = readCounty(
    flatReport({ '三（六）1': '1000001' }).replaceAll('不再处理', '不再受理'),
  );
  assert.equal(accepted.report?.format, '2021');
  assert.deepEqual(accepted.report?.table3['三（六）1'], [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(
    accepted.findings.map((f) => [f.rule, f.where]),
    [
      ['READ-FUZZY-LABEL', 'table3 三（六）1'],
      ['READ-FUZZY-LABEL', 'table3 三（六）2'],
    ],
  );

  // a count written with its unit, flattened (1个246900元) and tab-separated (3件)
  const units = readCounty(
    tabReport(FORMAT_2019, 2020, {
      t2: (caption, row, col) => (col === '处理决定数量' && row === '行政许可' ? '3件' : '0'),
    }).replace(/^政府集中采购\t.*$/m, '政府集中采购1个246900元'),
  );
  const t2 = units.report?.table2;
  assert.equal(t2?.['第二十条第（五）项']?.['行政许可']?.['处理决定数量'], 3);
  assert.deepEqual(t2?.['第二十条第（九）项']?.['政府集中采购'], {
    采购项目数量: 1,
    采购总金额: '246900',
  });
  assert.deepEqual(
    units.findings.filter((f) => f.rule !== 'READ-AGENCY-LEVEL'),
    [],
  );
  // purchases counted in 笔 (平潭财政金融局 2020: 政府集中采购 2笔 984361元)
  const strokes = readCounty(
    tabReport(FORMAT_2019, 2020).replace(/^政府集中采购\t.*$/m, '政府集中采购 2笔 984361元'),
  );
  assert.deepEqual(strokes.report?.table2['第二十条第（九）项']?.['政府集中采购'], {
    采购项目数量: 2,
    采购总金额: '984361',
  });
});

test('synthetic flattened: a table-二 run that a blank cell could explain is not split as if every cell were filled', () => {
  // 808: 8|0|8, or 80|空|8, 8|空|08 (no: a leading 0), 空|80|8 …: the page's empty cell leaves no trace
  const read = readCounty(flatDocuments('808', '概况。'));
  const row = read.report?.table2['第二十条第（一）项']?.['行政规范性文件'];
  assert.deepEqual(row, { 本年制发件数: null, 本年废止件数: null, 现行有效件数: null });
  const said = read.findings.find((f) => f.where === DOCUMENTS);
  assert.equal(said?.rule, 'READ-AMBIGUOUS');
  assert.match(said?.message ?? '', /空白单元格在连写的数字中看不出来.*可能的拆分：8\|0\|8；/);
  assert.ok(said?.options?.some((o) => JSON.stringify(o) === '["80","","8"]'));
  assert.ok(!said?.options?.some((o) => o.includes('08')), 'no cell with a leading 0');
  assert.equal(said?.placements, undefined, 'splits, not placements');
  // zeros cannot hide a blank (00 is no count): 规章 000 is still read
  assert.deepEqual(read.report?.table2['第二十条第（一）项']?.['规章'], {
    本年制发件数: 0,
    本年废止件数: 0,
    现行有效件数: 0,
  });
  // the narrative still settles a run when it names the cells: 8 issued, 8 in force
  const settled = readCounty(
    flatDocuments('808', '本年制发行政规范性文件8件，现行有效行政规范性文件8件。'),
  );
  assert.deepEqual(settled.report?.table2['第二十条第（一）项']?.['行政规范性文件'], {
    本年制发件数: 8,
    本年废止件数: 0,
    现行有效件数: 8,
  });
  assert.equal(settled.findings.find((f) => f.rule === 'READ-SPLIT-TEXT')?.rule, 'READ-SPLIT-TEXT');
});

test('a rule unverifiable for cells that were not read says so, rather than asking to fill blanks', async () => {
  // 旅游与文化体育局 2019: 行政许可 215 and 行政处罚 3000 are ambiguous, so T2-LOGIC-2019 cannot be checked
  const text = readFileSync(path.join(FIXTURES, 'real/2019_pingtan-tourism.txt'), 'utf8');
  const logic = auditRead(readReportText(text)).find((f) => f.rule === 'T2-LOGIC-2019');
  assert.equal(logic?.status, 'unverifiable');
  assert.match(logic?.message ?? '', /未能从原文读出（见读取提示），请对照原文核对/);
  // 意溪镇 2020's table 三 is blank in the document: the advice to fill it in stands
  const yixi = auditRead(readReportText(await exampleText('2020_yixi-town_chaozhou', 'txt')));
  const col = yixi.find((f) => f.rule === 'T3-COL');
  assert.match(col?.message ?? '', /空白不等于0：请在空白单元格中如实填写数字/);
  assert.doesNotMatch(col?.message ?? '', /未能从原文读出/);
});

test('BLANK-CELL counts the blank cells only, not the cells of rows that were not read', () => {
  // 三（一） unreadable (a word in a cell), 三（二） blank in the document
  const t3 = { ...table3Of(FORMAT_2021), '三（二）': [null, null, null, null, null, null, null] };
  const text = tabReport(FORMAT_2021, 2021, { t3 }).replace(/(（一）予以公开\t\t)\d+/, '$1若干');
  const findings = auditRead(readCounty(text));
  assert.ok(findings.some((f) => f.rule === 'READ-UNREADABLE' && f.where === 'table3 三（一）'));
  const blank = findings.filter((f) => f.rule === 'BLANK-CELL');
  assert.equal(blank.length, 1, JSON.stringify(blank));
  assert.deepEqual(blank[0]?.rows, ['三（二）']);
  assert.equal(blank[0]?.count, 7);
  assert.match(blank[0]?.message ?? '', /^表三有7个单元格为空（三（二））/);
});

// ---- text converted to Markdown from a PDF (沭阳县 2025, test/fixtures/reports/real) ----

const SHUYANG = readFileSync(path.join(FIXTURES, 'real/2025_shuyang-county.txt'), 'utf8');

test('markdown: heading marks dropped; a row label restated under its heading is that row', () => {
  const { report, findings } = readReportText(SHUYANG);
  assert.equal(report?.agency.name, '沐阳县人民政府');
  assert.deepEqual(report?.table3['一'], [705, 3, 0, 0, 5, 0, 713]);
  assert.deepEqual(report?.table3['三（二）'], [99, 0, 0, 0, 2, 0, 101]);
  assert.ok(!findings.some((f) => f.message.includes('###')));
  // a heading's row with no restated row below it stays unread, never taken from another row
  const cut = SHUYANG.replace('| 予以公开 | 290 | 1 | 0 | 0 | 3 | 0 | 294 |', '');
  const read = readReportText(cut);
  assert.deepEqual(read.report?.table3['三（一）'], Array(7).fill(null));
  assert.ok(
    read.findings.some((f) => f.rule === 'READ-UNREADABLE' && f.where === 'table3 三（一）'),
  );
});

test('markdown: table 四 as one small table per group, each after its own label, in order', () => {
  const values = (t: Table4 | undefined) => Object.values(t ?? {}).flatMap((g) => Object.values(g));
  assert.deepEqual(
    values(readReportText(SHUYANG).report?.table4),
    [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10],
  );
  // the two 行政诉讼 groups in the other order: not read in the template's order, nor guessed
  const a = '### 行政诉讼（未经复议直接起诉）';
  const b = '### 行政诉讼（复议后起诉）';
  const swapped = SHUYANG.replace(a, '@@').replace(b, a).replace('@@', b);
  const { report, findings } = readReportText(swapped);
  assert.deepEqual(values(report?.table4), Array(15).fill(null));
  assert.ok(findings.some((f) => f.where === 'table4' && f.rule === 'READ-UNREADABLE'));
});

test('table 四 broken across pages: a page number or running head before the figures is no cell; figures on two rows are not placed', () => {
  const values = (t: Table4 | undefined) => Object.values(t ?? {}).flatMap((g) => Object.values(g));
  const figures = [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0];
  const base = tabReport(FORMAT_2021, 2021).replace(
    TABLE4_GROUPS.flatMap(() => ['0', '0', '0', '0', '0']).join('\t'),
    figures.join('\t'),
  );
  assert.deepEqual(values(readReportText(base).report?.table4), figures);
  const beforeFigures = (line: string) =>
    base.replace(`\n${figures.join('\t')}`, `\n${line}\n${figures.join('\t')}`);
  for (const line of ['- 3 -', '第 3 页', '某某县人民政府2021年政府信息公开工作年度报告']) {
    const { report, findings } = readReportText(beforeFigures(line));
    assert.deepEqual(values(report?.table4), figures, line);
    assert.ok(!findings.some((f) => f.where === 'table4'), line);
  }
  // (the page number once read as the row's first cell: 5 under 结果纠正, 7 under 结果维持 of 行政诉讼)
  const twoRows = beforeFigures(['3', '', '', '', '3'].join('\t'));
  const { report, findings } = readReportText(twoRows);
  assert.deepEqual(values(report?.table4), Array(15).fill(null));
  const said = findings.find((f) => f.where === 'table4' && f.rule === 'READ-UNREADABLE');
  assert.match(said?.message ?? '', /数字分在2行/);
});

// ---- text laid out by position (pdftotext -layout: src/readers/layout.ts) ----

test('laid out by position: a label wrapped around its figures, group pieces beside the rows', () => {
  // rows of table 三 as poppler lays a ruled table out: labels wrap in their narrow column,
  // vertically centred beside the figures; 三、本年度办理结果 and （三）不予公开 run down their own
  // columns a few characters a line
  const text = tabReport(FORMAT_2021, 2021)
    .replace(
      /^一、本年新收政府信息公开申请数量\t+(.*)$/m,
      (_, cells: string) =>
        `一、本年新收政府信\n        ${cells.split('\t').join('    ')}\n 息公开申请数量`,
    )
    .replace(
      /^\t*（三）不予公开\t1\.属于国家秘密\t(.*)$/m,
      (_, cells: string) =>
        `     （三   1.属于国家\n            ${cells.split('\t').join('   ')}\n     ）不     秘密`,
    )
    .replace(/\t/g, '    ');
  assert.ok(!text.includes('\t'));
  assert.match(text, /一、本年新收政府信\n {8}\d/);
  assert.match(text, /（三 {3}1\.属于国家\n/);
  assert.ok(isLaidOut(text));
  const read = readCounty(text);
  assert.ok(read.report);
  assert.deepEqual(read.report.table3, table3Of(FORMAT_2021));
  assert.deepEqual(
    read.findings.filter((f) => /READ-(UNREADABLE|AMBIGUOUS|MISSING)/.test(f.rule)),
    [],
  );
  // a row with a blank cell has fewer figures than columns: not placed, said
  const blank = readCounty(
    text.replace(/(3\.其他 {4})0( {4}0){6}/, '$1 0    0    0    0    0    0'),
  );
  const row = blank.report?.table3['三（六）3'] ?? [];
  assert.ok(row.every((c) => c === null));
  assert.ok(
    blank.findings.some((f) => f.rule === 'READ-UNREADABLE' && f.where === 'table3 三（六）3'),
  );
  // a line of figures as long as a text may be is read in one pass (a regular expression anchored
  // at the line's end, retried from each of its gaps, took 33 s on 200 KB and hours on 1.5 MB)
  const long = `${text}\n${'1  '.repeat(500_000)}1\n`;
  assert.ok(isLaidOut(long));
  assert.ok(unlayout(long).endsWith(`\t1\t1\t1\n`));
  // text that is not laid out is left as it is
  assert.ok(!isLaidOut(tabReport(FORMAT_2021, 2021)));
  const flat = tabReport(FORMAT_2021, 2021).replace(/\t/g, ' ');
  assert.equal(unlayout(flat), flat);
});

test('section 三’s words before its table are read and checked against it (TEXT-NUM)', () => {
  // (平潭经济发展局 2023: 2023年，共收到政府信息公开申请0条。 above a table of 3 new applications)
  const lead = '2021年，共收到政府信息公开申请2件。';
  const t3 = table3Of(FORMAT_2021);
  t3['一'] = [3, 0, 0, 0, 0, 0, 3];
  t3['三（一）'] = [3, 0, 0, 0, 0, 0, 3];
  t3['三（七）'] = [3, 0, 0, 0, 0, 0, 3];
  const tab = tabReport(FORMAT_2021, 2021, { t3 }).replace(
    `${SECTION_HEADINGS[2]}\n`,
    `${SECTION_HEADINGS[2]}\n${lead}\n`,
  );
  const flat = flatReport({ 一: '3000003', '三（一）': '3000003', '三（七）': '3000003' }).replace(
    SECTION_HEADINGS[2],
    SECTION_HEADINGS[2] + lead,
  );
  // without the table's note: the words end at its header; without the header too, at 一
  const noNote = flat.replace(TABLE3_NOTE, '');
  const noHeader = noNote.replace(TABLE3_APPLICANT_HEADER + TABLE3_COLUMNS.join(''), '');
  for (const text of [tab, flat, noNote, noHeader]) {
    const read = readCounty(text);
    // (read as NFKC, as the narrative is: ， is ,)
    assert.equal(read.report?.extraText?.applications, lead.normalize('NFKC'));
    assert.deepEqual(read.report?.table3['一'], [3, 0, 0, 0, 0, 0, 3]);
    const said = auditRead(read).filter((f) => f.rule === 'TEXT-NUM');
    assert.deepEqual(
      said.map((f) => [f.where, f.stated, f.computed]),
      [[`section ${SECTION_HEADINGS[2]} “2021年,共收到政府信息公开申请2件”`, 2, 3]],
    );
    assert.match(
      said[0]?.message ?? '',
      /^“三、收到和处理政府信息公开申请情况”写明“收到政府信息公开申请2件”，但表三/,
    );
  }
  // a section with no words before its table has none; words that agree are no finding
  assert.equal(readCounty(flatReport({})).report?.extraText?.applications, undefined);
  const agree = readCounty(flat.replace(lead, '2021年，共收到政府信息公开申请3件，均已办结。'));
  assert.deepEqual(rules(auditRead(agree).filter((f) => f.rule === 'TEXT-NUM')), []);
});

test('the words before section 一 are read as the introduction, and its citations checked', () => {
  const intro =
    '根据《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，编制本报告。';
  const text = flatReport({}).replace(SECTION_HEADINGS[0], intro + SECTION_HEADINGS[0]);
  const read = readCounty(text);
  assert.equal(
    read.report?.extraText?.preamble,
    `2021年某某县政府信息公开工作年度报告${intro}`.normalize('NFKC'),
  );
  assert.equal(read.report?.narrative.overview, '概况。');
  assert.deepEqual(
    auditRead(read)
      .filter((f) => f.rule === 'BASIS-OUTDATED')
      .map((f) => f.stated),
    ['国办公开办函〔2019〕60号'],
  );
});

test('headings without their 、 or in another wording reports use are found and said', () => {
  // (平潭金井片区 2020: …联系。一总体情况2020年…; 平潭农业农村局 2022: 六、需要说明的其他事项与附表)
  const text = flatReport({})
    .replace(SECTION_HEADINGS[0], `请与办公室联系。一总体情况`)
    .replace(
      `${SECTION_HEADINGS[5]}无。`,
      '六、需要说明的其他事项与附表本年度没有产生信息公开处理费。',
    );
  const read = readCounty(text);
  assert.equal(read.report?.narrative.overview, '概况。');
  assert.equal(read.report?.narrative.other, '本年度没有产生信息公开处理费。');
  assert.deepEqual(
    read.findings.filter((f) => f.where.startsWith('section')).map((f) => [f.rule, f.message]),
    [
      ['READ-FUZZY-LABEL', '“一总体情况”按“一、总体情况”识别，置信度 0.95；请核对原文用字。'],
      [
        'READ-FUZZY-LABEL',
        '“六、需要说明的其他事项与附表”按“六、其他需要报告的事项”识别，置信度 0.9；请核对原文用字。',
      ],
    ],
  );
  // the words inside a sentence are no heading: 统一总体情况 (an ideograph before the number)
  const inside = readCounty(
    flatReport({}).replace(SECTION_HEADINGS[0], '本报告统一总体情况说明。一总体情况'),
  );
  assert.equal(inside.report?.narrative.overview, '概况。');
  assert.match(inside.findings[0]?.message ?? '', /^“一总体情况”按/);
});

test('a narrative section under a heading of the report’s own is said with the heading printed in its place', () => {
  // (平潭君山片区 2025: 一、年度工作核心成效 … 五、当前存在的突出问题 六、下一步改进举措
  // 七、其他需说明事项)
  const text = flatReport({})
    .replace(SECTION_HEADINGS[0], '一、年度工作核心成效（一）主动公开')
    .replace(
      `${SECTION_HEADINGS[4]}无。${SECTION_HEADINGS[5]}无。`,
      '五、当前存在的突出问题过去一年中，仍有不足。六、下一步改进举措 一是优化机制。七、其他需说明事项2025年度，未收取信息处理费。',
    );
  assert.ok(text.includes('七、其他需说明事项'), 'the synthetic report’s sections 五 and 六');
  const read = readCounty(text);
  assert.deepEqual(
    read.findings.filter((f) => f.rule === 'READ-MISSING-SECTION').map((f) => f.message),
    [
      '未找到章节“一、总体情况”：报告在这一位置的标题是“一、年度工作核心成效”，与格式规定的章节名称不同；请按格式规定的六个部分编排。',
      '未找到章节“五、存在的主要问题及改进情况”：报告在这一位置的标题是“五、当前存在的突出问题”，与格式规定的章节名称不同；请按格式规定的六个部分编排。',
      '未找到章节“六、其他需要报告的事项”：报告在这一位置的标题是“六、下一步改进举措”，与格式规定的章节名称不同，其后另有“七、其他需说明事项”；请按格式规定的六个部分编排。',
    ],
  );
  // a section missing with no numbered heading in its place is said as before
  const none = readCounty(flatReport({}).replace(`${SECTION_HEADINGS[5]}无。`, ''));
  assert.deepEqual(
    none.findings.filter((f) => f.rule === 'READ-MISSING-SECTION').map((f) => f.message),
    ['未找到章节“六、其他需要报告的事项”。'],
  );
});

test('a 本年增/减 written with its sign, +1, is read as a rise; run together it is not guessed', () => {
  // (平潭管委会办公室 2019: 行政许可 0 | +1 | 1, its page text 行政许可0+11)
  const t2 = (_c: string, row: string, col: string) =>
    row === '行政许可'
      ? ({ 上一年项目数量: '0', '本年增/减': '+1', 处理决定数量: '1' }[col] ?? '0')
      : '0';
  const tab = readCounty(tabReport(FORMAT_2019, 2020, { t2 }));
  const row = (r: typeof tab) => r.report?.table2['第二十条第（五）项']?.['行政许可'];
  assert.deepEqual(row(tab), { 上一年项目数量: 0, '本年增/减': 1, 处理决定数量: 1 });
  assert.deepEqual(
    auditRead(tab).filter((f) => f.where.includes('行政许可')),
    [],
  );
  // flattened with spaces: read; without: two splits (0|+1|1, 0|+11|空), said, never guessed
  const flat = (cells: string) =>
    readCounty(
      tabReport(FORMAT_2019, 2020, { t2 })
        .replace(/\t/g, '')
        .replace('行政许可0+11', `行政许可${cells}`),
    );
  assert.deepEqual(row(flat('0 +1 1')), { 上一年项目数量: 0, '本年增/减': 1, 处理决定数量: 1 });
  const run = flat('0+11');
  assert.deepEqual(row(run), { 上一年项目数量: 0, '本年增/减': null, 处理决定数量: null });
  const said = run.findings.find((f) => f.where === 'table2 第二十条第（五）项 行政许可');
  assert.equal(said?.rule, 'READ-AMBIGUOUS');
  assert.deepEqual(said?.options, [
    ['0', '+1', '1'],
    ['0', '+11', ''],
  ]);
});

test('LEVEL-规章 on a 规章 row that cannot be split but holds a figure other than 0', () => {
  // (平潭国有资产管理局 2021, a department: 规章101 — 1|0|1 on its page — splits seven ways, each
  // with a cell that is not 0)
  const text = flatReport({}).replace('规章000', '规章101');
  const read = readCounty(text);
  assert.deepEqual(read.report?.table2['第二十条第（一）项']?.['规章'], {
    本年制发件数: null,
    本年废止件数: null,
    现行有效件数: null,
  });
  const level = auditRead(read).filter((f) => f.rule === 'LEVEL-规章');
  assert.deepEqual(
    level.map((f) => [f.where, f.stated, f.computed]),
    [['table2 第二十条第（一）项 规章', '101', '0/0/0']],
  );
  assert.match(
    level[0]?.message ?? '',
    /填写了“101”：数字连写，无法确定各栏的数字，但不论怎样拆分都有不为0的一栏/,
  );
  // a run of zeros splits one way (0|0|0) and is no finding; nor is a government that may make 规章
  assert.deepEqual(
    rules(auditRead(readCounty(flatReport({}))).filter((f) => f.rule === 'LEVEL-规章')),
    [],
  );
  const city = readReportText(text, { agency: { level: 'city' } });
  assert.deepEqual(
    auditRead(city).filter((f) => f.rule === 'LEVEL-规章'),
    [],
  );
});

test('a digit run no split of which adds up is an error of the report, its cells still blank', () => {
  // (平潭社会事业局 2024: table 四 00202000001324015 — on its page 0,0,2,0,2 | 0×5 | 13,2,4,0,15,
  // 13+2+4+0 ≠ 15 — splits 24 ways, none keeping 总计 = the sum of the four)
  const four = readCounty(flatReport({}).replace('总计000000000000000', '总计00202000001324015'));
  assert.deepEqual(Object.values(four.report?.table4['行政复议'] ?? {}), [0, 0, null, null, null]);
  const audit = auditRead(four);
  const said = audit.find((f) => f.rule === 'READ-AMBIGUOUS' && f.where === 'table4');
  assert.match(
    said?.message ?? '',
    /数字连写，有多种拆分，且没有一种拆分合乎本行的勾稽关系，未作猜测/,
  );
  const sum = audit.filter((f) => f.rule === 'T4-SUM');
  assert.deepEqual(
    sum.map((f) => [f.severity, f.status, f.where, f.stated]),
    [['error', undefined, 'table4', '00202000001324015']],
  );
  assert.match(sum[0]?.message ?? '', /不论怎样拆成15栏，总有一组的“总计”不等于/);
  // a table-三 row: 21000003 is 21|0|0|0|0|0|3 or 2|10|0|0|0|0|3, neither adding up to its 总计
  const three = readCounty(flatReport({ '三（一）': '21000003' }));
  const row = auditRead(three).filter((f) => f.rule === 'T3-ROW');
  assert.deepEqual(
    row.map((f) => [f.severity, f.where, f.stated]),
    [['error', 'table3 row 三（一）', '21000003']],
  );
  assert.match(row[0]?.message ?? '', /^表三“（一）予以公开”行的数字连写为“21000003”/);
  // a run two splits of which add up stays a reading question (READ-AMBIGUOUS), no error:
  // 000011011 is 0|0|0|0|1|10|11 or 0|0|0|0|11|0|11
  const fits = readCounty(flatReport({ '三（一）': '000011011' }));
  assert.equal(fits.findings.find((f) => f.where === 'table3 三（一）')?.rule, 'READ-AMBIGUOUS');
  assert.deepEqual(
    auditRead(fits).filter((f) => f.rule === 'T3-ROW' && f.severity === 'error'),
    [],
  );
});

test('section 四’s words before its table are read and checked against it (TEXT-NUM)', () => {
  // (平潭经济发展局 2023: 2023年，没有政府信息公开行政复议及行政诉讼情况。 above its table 四)
  const lead = '2021年，没有政府信息公开行政复议及行政诉讼情况。';
  const table = (figures: string) =>
    flatReport({})
      .replace(
        `${SECTION_HEADINGS[3]}${TABLE4_GROUPS[0]?.label ?? ''}`,
        `${SECTION_HEADINGS[3]}${lead}${TABLE4_GROUPS[0]?.label ?? ''}`,
      )
      .replace('总计000000000000000', `总计${figures}`);
  const none = readCounty(table('000000000000000'));
  assert.equal(none.report?.extraText?.reviews, lead.normalize('NFKC'));
  assert.deepEqual(
    auditRead(none).filter((f) => f.rule === 'TEXT-NUM'),
    [],
  );
  // one 行政复议 case in the table, none in the words
  const one = auditRead(readCounty(table('001010000000000'))).filter((f) => f.rule === 'TEXT-NUM');
  assert.deepEqual(
    one.map((f) => [f.where, f.stated, f.computed]),
    [[`section ${SECTION_HEADINGS[3]} “2021年,没有政府信息公开行政复议及行政诉讼情况”`, 0, 1]],
  );
});

test('a row label whose last character is misprinted keeps it: the figures after it are read', () => {
  // (平潭市场监督管理局 2025: 7.属于行政执法案件3000003 for 7.属于行政执法案卷)
  const text = flatReport({ '三（三）7': '3000003', 一: '3000003', '三（七）': '3000003' }).replace(
    '7.属于行政执法案卷',
    '7.属于行政执法案件',
  );
  const read = readCounty(text);
  assert.deepEqual(read.report?.table3['三（三）7'], [3, 0, 0, 0, 0, 0, 3]);
  assert.deepEqual(
    read.findings.filter((f) => f.where === 'table3 三（三）7').map((f) => [f.rule, f.message]),
    [
      [
        'READ-FUZZY-LABEL',
        '“7.属于行政执法案件”按“7.属于行政执法案卷”识别，置信度 0.9；请核对原文用字。',
      ],
    ],
  );
  // a label missing its last character, its figures right after it, is read as before
  const short = readCounty(text.replace('7.属于行政执法案件', '7.属于行政执法案'));
  assert.deepEqual(short.report?.table3['三（三）7'], [3, 0, 0, 0, 0, 0, 3]);
});

test('an amount in 万元 where the printed header gives no unit is that amount in 元; under 采购总金额（元） it is reported', () => {
  // (平潭苏平片区 2019: 采购项目数量 采购总金额 | 政府集中采购 9 152.2万元 — the 2019 template
  // states no unit, the cell does)
  const t2 = (_c: string, row: string, col: string) =>
    row === '政府集中采购' ? (col === '采购总金额' ? '152.2万元' : '9') : '0';
  const text = tabReport(FORMAT_2019, 2020, { t2 });
  const buy = (r: ReturnType<typeof readCounty>) =>
    r.report?.table2['第二十条第（九）项']?.['政府集中采购']?.['采购总金额'];
  const none = readCounty(text);
  assert.equal(buy(none), '1522000');
  assert.equal(
    none.printedTable2['第二十条第（九）项']?.['政府集中采购']?.['采购总金额'],
    '152.2万元',
  );
  assert.deepEqual(
    auditRead(none).filter((f) => f.rule === 'T2-TYPES-2019'),
    [],
  );
  // the header says 元: 万元 in a cell contradicts it
  const yuan = readCounty(
    text.replace('信息内容\t采购项目数量\t采购总金额', '信息内容\t采购项目数量\t采购总金额（元）'),
  );
  assert.equal(buy(yuan), '152.2万元');
  assert.deepEqual(
    auditRead(yuan)
      .filter((f) => f.rule === 'T2-TYPES-2019')
      .map((f) => f.stated),
    ['152.2万元'],
  );
});

test('a year opening the narrative right after a row’s last figure is not one of its figures', () => {
  // (平潭市场监督管理局 2025: 行政事业性收费02025年，我局…; 结转下年度继续办理20000022025年，…)
  const text = flatReport({ 一: '2000002', 四: '2000002' })
    .replace(
      `行政事业性收费0${SECTION_HEADINGS[2]}`,
      `行政事业性收费02021年，我局严格按照规定公开。${SECTION_HEADINGS[2]}`,
    )
    .replace(
      `继续办理2000002${SECTION_HEADINGS[3]}`,
      `继续办理20000022021年，我局共收到申请2件。${SECTION_HEADINGS[3]}`,
    );
  assert.ok(text.includes('行政事业性收费02021年') && text.includes('继续办理20000022021年'));
  const read = readCounty(text);
  assert.deepEqual(read.report?.table3['四'], [2, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(read.report?.table2['第二十条第（八）项']?.['行政事业性收费'], {
    '本年收费金额（单位：万元）': '0',
  });
  assert.deepEqual(
    read.findings.filter((f) => f.rule.startsWith('READ-') && f.where.startsWith('table')),
    [],
  );
});

test('a unit printed after a row’s label, 政府集中采购（元）, is no text among its figures', () => {
  // (平潭综合执法与应急管理局 2020: 政府集中采购（元）6675809 — on its page 6 | 675809)
  const t2 = (_c: string, row: string, col: string) =>
    row === '政府集中采购' ? (col === '采购总金额' ? '675809' : '6') : '0';
  const flat = tabReport(FORMAT_2019, 2020, { t2 })
    .replace(/\t/g, '')
    .replace('政府集中采购6675809', '政府集中采购（元）6675809');
  assert.ok(flat.includes('政府集中采购（元）6675809'));
  const said = readCounty(flat).findings.find(
    (f) => f.where === 'table2 第二十条第（九）项 政府集中采购',
  );
  assert.equal(said?.rule, 'READ-AMBIGUOUS');
  assert.ok(said.options?.some((o) => o.join('|') === '6|675809'));
});

test('a table-二 row missing from its block is not taken from the narrative below the table', () => {
  // (平潭市场监督管理局 2025: block （一） has only 规范性文件1173; its 规章 is the narrative's,
  // 公开市场监管相关规章、规范性文件, after the table's last row and a full stop)
  const text = flatReport({})
    .replace('规章000行政规范性文件000', '规范性文件1173')
    .replace(
      SECTION_HEADINGS[2],
      `2021年，主动公开政府信息395条。其中，公示公告重点公开相关规章、规范性文件。${SECTION_HEADINGS[2]}`,
    );
  const read = readCounty(text);
  const block = (f: ReadFinding) => f.where.startsWith('table2 第二十条第（一）项');
  assert.deepEqual(
    read.findings.filter(block).map((f) => [f.rule, f.where]),
    [
      ['READ-FUZZY-LABEL', 'table2 第二十条第（一）项 行政规范性文件'],
      ['READ-MISSING-ROW', 'table2 第二十条第（一）项 规章'],
      ['READ-AMBIGUOUS', 'table2 第二十条第（一）项 行政规范性文件'],
    ],
  );
  assert.ok(!read.findings.some((f) => f.rule === 'READ-DISORDERED'));
  assert.deepEqual(read.report?.table2['第二十条第（五）项'], {
    行政许可: { 本年处理决定数量: 0 },
  });
  assert.ok(
    auditRead(read).some((f) => f.rule === 'TABLE-SHAPE' && f.where.endsWith('规章')),
    'the missing row is the format’s defect',
  );
});

test('a sentence glued to table 四’s figures is the narrative’s: the figures are split by T4-SUM', () => {
  // (平潭市场监督管理局 2025: 10|0|0|0|10 and ten 0s run together, 17 digits, then 我局严格…)
  const prose = '我局严格规范政府信息公开流程，强化内部审核监督，有效防范了相关法律风险。';
  const text = flatReport({}).replace(
    '总计000000000000000',
    `总计10000100000000000${prose}2021年，我局未发生相关行政诉讼案件。`,
  );
  const read = readCounty(text);
  assert.deepEqual(
    read.findings.filter((f) => f.where.startsWith('table4')),
    [],
  );
  assert.deepEqual(read.report?.table4['行政复议'], {
    结果维持: 10,
    结果纠正: 0,
    其他结果: 0,
    尚未审结: 0,
    总计: 10,
  });
  assert.equal(read.report?.table4['行政诉讼.复议后起诉']?.总计, 0);
  // the sentences are section 四's, after its table: read and checked (行政诉讼 0 agrees)
  assert.equal(
    read.report?.extraText?.reviewsAfter,
    `${prose}2021年，我局未发生相关行政诉讼案件。`.normalize('NFKC'),
  );
  assert.deepEqual(
    auditRead(read).filter((f) => f.rule === 'TEXT-NUM'),
    [],
  );
  // words without a sentence's comma and full stop after the figures are still reported
  const words = readCounty(
    flatReport({}).replace('总计000000000000000', '总计000000000000000备注2件'),
  );
  assert.equal(words.findings.find((f) => f.where === 'table4')?.rule, 'READ-UNREADABLE');
});

test('the words after table 三’s last row are section 三’s: read and checked against it (TEXT-NUM)', () => {
  // (平潭市场监督管理局 2025: 四、结转下年度继续办理20000022025年，我局共收到公民、法人及其他组织
  // 提出的政府信息公开申请21件。…)
  const words = '2021年，我局共收到公民、法人及其他组织提出的政府信息公开申请5件。均按时办结。';
  const text = flatReport({}).replace(
    `四、结转下年度继续办理0000000${SECTION_HEADINGS[3]}`,
    `四、结转下年度继续办理0000000${words}${SECTION_HEADINGS[3]}`,
  );
  const read = readCounty(text);
  assert.equal(read.report?.extraText?.applicationsAfter, words.normalize('NFKC'));
  assert.deepEqual(read.report?.table3['四'], [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(
    auditRead(read)
      .filter((f) => f.rule === 'TEXT-NUM')
      .map((f) => [f.cell?.row, f.stated, f.computed]),
    [['一', 5, 0]],
  );
});

test('（六）’s third row labelled 其他 without its 3. is that row: the 2021 layout is read', () => {
  // (平潭社会事业局 2021: …不再处理其政府信息公开申请0 0 0 0 0 00其他0 0 0 0 0 00（七）总计…)
  const flat = flatReport({ '三（六）3': '1000001', 一: '1000001', '三（七）': '1000001' }).replace(
    '3.其他1000001',
    '其他1000001',
  );
  const tab = tabReport(FORMAT_2021, 2021).replace('\t3.其他\t', '\t其他\t');
  assert.notEqual(tab, tabReport(FORMAT_2021, 2021));
  for (const text of [flat, tab]) {
    const read = readCounty(text);
    assert.equal(read.report?.format, '2021');
    assert.ok(read.report?.table3['三（六）3']);
    assert.deepEqual(
      read.findings.map((f) => [f.rule, f.where, f.message]),
      [
        [
          'READ-FUZZY-LABEL',
          'table3 三（六）3',
          '“其他”按“3.其他”识别（另一种写法）；请核对原文用字。',
        ],
      ],
    );
  }
  assert.deepEqual(readCounty(flat).report?.table3['三（六）3'], [1, 0, 0, 0, 0, 0, 1]);
});

test('a 本年增/减 written with 增 or 减 for its sign is read as the signed figure', () => {
  // (平潭农业农村局 2019: 行政事业性收费16减12, its page's cell 减12)
  const t2 = (_caption: string, row: string, col: string) =>
    row === '行政事业性收费' ? (col === '本年增/减' ? '减12' : '16') : '0';
  const tab = tabReport(FORMAT_2019, 2020, { t2 });
  const flat = tab.replace(/^行政事业性收费\t.*$/m, '行政事业性收费16减12');
  for (const text of [tab, flat]) {
    const read = readCounty(text);
    assert.deepEqual(read.report?.table2['第二十条第（八）项']?.['行政事业性收费'], {
      上一年项目数量: 16,
      '本年增/减': -12,
    });
    assert.deepEqual(
      read.findings.filter((f) => f.where.startsWith('table2')),
      [],
    );
  }
  const up = readCounty(tab.replace('\t减12', '\t增3'));
  assert.equal(up.report?.table2['第二十条第（八）项']?.['行政事业性收费']?.['本年增/减'], 3);
});

test('figures one digit a cell, spaced unevenly, are each a cell even when the row does not add up', () => {
  // (平潭旅游与文化体育局 2025: 一、本年新收政府信息公开申请数量100 0 0 00, its page 1|0|0|0|0|0|0:
  // 总计 0 where the applicants add up to 1 — the report's error, said, not an unreadable row)
  const read = readCounty(flatReport({ 一: '100 0 0 00' }));
  assert.deepEqual(read.report?.table3['一'], [1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(
    read.findings.filter((f) => f.where.startsWith('table3')),
    [],
  );
  assert.ok(
    auditRead(read).some(
      (f) => f.rule === 'T3-ROW' && f.severity === 'error' && f.where === 'table3 row 一',
    ),
  );
  // fewer digits than cells stay unread: blanks may have left no trace
  // (经济发展局 2021: 0 0 0 0 0 0 for seven cells, one of them &nbsp; on the page) — and said so
  const fewer = readCounty(flatReport({ 一: '10 0 0 00' }));
  const unread = fewer.findings.find((f) => f.where === 'table3 一');
  assert.equal(unread?.rule, 'READ-UNREADABLE');
  assert.match(unread?.message ?? '', /“10 0 0 00”只有6位数字，少于7栏：原表有的栏没有数字/);
  // …and whole figures apart are not cut to make up the cells (上海市人民政府办公厅 2019's
  // 258 12 1 1 is 258|12|空|空|1|1|空, not 2|5|8|1|2|1|1)
  const whole = readCounty(flatReport({ 一: '258 12 1 1' }));
  const apart = whole.findings.find((f) => f.where === 'table3 一');
  assert.equal(apart?.rule, 'READ-UNREADABLE');
  assert.match(apart?.message ?? '', /“258 12 1 1”分成4段，少于7栏：可能原表有空白单元格，也可能/);
});
