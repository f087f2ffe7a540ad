/**
 * Renderers of the report model (src/reports): text, HTML, JSON and its schema.
 *
 * Fixtures: test/fixtures/reports holds byte-identical copies of examples/reports (the five
 * sidecars and the 意溪镇 text). Goldens: test/golden, written by the renderers (run with
 * UPDATE_GOLDEN=1 to rewrite them after a deliberate change) and checked by reading.
 *
 * test/golden/2020_yixi-town.txt against examples/reports/2020_yixi-town_chaozhou.txt, line by
 * line (the golden's data are the sidecar's with blanks replaced by 0):
 * - No two blank lines before the title, and the file ends with a newline.
 * - Title: `潮州市湘桥区意溪镇人民政府2020年政府信息公开工作年度报告`: the pattern
 *   `${agency}${year}年政府信息公开工作年度报告` with the agency's full name first (so that
 *   人民政府 does not run into 政府信息公开), where the published one reads
 *   `2020年意溪镇人民政府信息公开 工作年度报告` (short name, a stray space).
 * - Headings, narrative paragraphs and the blank lines between them: identical (the paragraph the
 *   published file broke across a page, `…积极运用“互联网+”**，` / `不断拓展…`, stays broken
 *   because the narrative is taken from the file as it is).
 * - Table 二: identical, cell for cell.
 * - Table 三, every line has 10 cells = 3 label columns + 7 value columns:
 *   - Header: 总计 is in the second header row, after 法人或其他组织, as in the official template
 *     (spec §1.3; the Pingtan HTML); 意溪镇's table has it in the first row beside 申请人情况. The
 *     note cell is followed by two empty cells (it covers the three label columns), not one.
 *   - Rows 一, 二, 四: label + two empty cells + 7 values; the published file has label + one empty
 *     cell + 7 values + a trailing empty cell, so its values sit one column left of those of the
 *     sub-rows. Ours line up with the header in every row.
 *   - Labels are full-width and without the spaces of the published file: `（二）部分公开（区分处理
 *     的，只计这一情形，不计其他情形）` for `(二) 部分公开 (区分处理的, …)`, `1.属于国家秘密` for
 *     `1. 属于国家秘密`, the note in （）.
 *   - （七）总计 sits in the second column, under 三、本年度办理结果 (which spans it in the template);
 *     the published file has it in the first.
 *   - Rows 三（一）–（七）: 0 where the published file is blank (the golden's data are zero-filled;
 *     the structural test below renders the blanks as blanks).
 * - Table 四: identical but for `结果维持` etc. without the published file's inner spaces.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AgencyLevel } from '../../src/domain/agency.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { SECTION_HEADINGS } from '../../src/domain/report/formats.ts';
import type { AnnualReport, ReportNarrative } from '../../src/domain/report/model.ts';
import { renderHtml } from '../../src/reports/html.ts';
import { withBlanks } from '../../src/reports/layout.ts';
import { annualReportSchema } from '../../src/reports/json-schema.ts';
import { fromJson, toJson, type AnnualReportJson } from '../../src/reports/json.ts';
import { renderText } from '../../src/reports/txt.ts';
import { FIXTURES, readSidecar, sidecarDoc as sharedSidecarDoc } from '../support/sidecars.ts';

const GOLDEN = new URL('../golden/', import.meta.url);
const SCHEMA = new URL('../../src/reports/annual-report.schema.json', import.meta.url);
const STEMS = [
  '2020_yixi-town_chaozhou',
  '2020_pingtan',
  '2021_pingtan',
  '2023_hongze-district',
  '2024_huaian-city',
];
const YIXI = '2020_yixi-town_chaozhou';

const read = (url: URL) => readFileSync(url, 'utf8');
const sidecar = readSidecar;
const NO_NARRATIVE: ReportNarrative = { overview: '', problems: '', other: '' };

const sidecarDoc = (stem: string, narrative = NO_NARRATIVE) => sharedSidecarDoc(stem, narrative);

const zeroFilled = <T>(v: T): T =>
  JSON.parse(JSON.stringify(v), (_k, x: unknown) => (x === null ? 0 : x)) as T;

/** The published 意溪镇 text and the narrative of its sections 一, 五 and 六, as printed. */
const YIXI_TEXT = read(new URL(`${YIXI}.txt`, FIXTURES));
function yixiNarrative(): ReportNarrative {
  const lines = YIXI_TEXT.split('\n');
  const at = (heading: string) => lines.indexOf(heading);
  const between = (from: string, to?: string) =>
    lines.slice(at(from) + 1, to === undefined ? undefined : at(to)).join('\n');
  const [overview, proactive, , , problems, other] = SECTION_HEADINGS;
  return {
    overview: between(overview, proactive),
    problems: between(problems, other),
    other: between(other),
  };
}

const yixiReport = (): AnnualReport =>
  fromJson({ ...sidecarDoc(YIXI, yixiNarrative()), table3: zeroFilled(sidecar(YIXI).table3) });

/** 平潭 2021 (2021 format, non-zero figures) with part of its published narrative. */
const pingtanReport = (): AnnualReport =>
  fromJson(
    sidecarDoc('2021_pingtan', {
      overview:
        '2021年，我区以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神，立足新发展阶段、贯彻新发展理念、构建新发展格局，坚持以人民为中心深化政务公开，紧紧围绕省里各项工作部署及实验区中心工作，聚焦企业和群众关注关切，不断拓展重点领域信息公开的广度与深度，强化政策发布解读服务，努力推动政府决策和管理服务更加透明规范，为服务全区经济社会发展、优化营商环境提供了重要保障，助力服务型政府建设。',
      problems: [
        '（一）存在的主要问题:政策解读形式不够丰富，未能充分运用数字化、图表图解等方式通俗易懂地解读政策文件。政务公开质量水平有待提高，政务公开渠道有限，在利用政务新媒体开展宣传方面还难以满足群众需要。',
        '（二）改进措施：一是丰富政策解读形式，做到政务公开精准、生动、全方位、多形式，注重对政策背景、出台目的、重要举措内涵等方面进行解读，提升政策解读质量。二是加强重点政务信息管理，及时优化调整完善公开内容和方式，强化重点领域信息公开，主动及时公开规划计划、财政预决算、重大项目、重大民生等方面信息。三是拓宽公开载体和渠道，扩大政务公开的范围和内容，坚持线上与线下相结合，充分发挥政府网站和政务新媒体作用。',
      ].join('\n\n'),
      other: '2021年，无收取信息处理费情况。',
    }),
  );

function golden(name: string, actual: string): void {
  const url = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual);
  assert.equal(actual, read(url), `${name} differs (UPDATE_GOLDEN=1 rewrites it)`);
}

test('txt golden: 意溪镇 2020 (2019 format, blanks as 0)', () => {
  golden('2020_yixi-town.txt', renderText(yixiReport()));
});

test('txt golden: 平潭 2021 (2021 format: four table-二 blocks, （六）1–3)', () => {
  golden('2021_pingtan.txt', renderText(pingtanReport()));
});

test('html golden: 意溪镇 2020 (2019 format, blanks as 0)', () => {
  golden('2020_yixi-town.html', renderHtml(yixiReport()).value);
});

test('html golden: 平潭 2021 (2021 format)', () => {
  golden('2021_pingtan.html', renderHtml(pingtanReport()).value);
});

/** Half-width （）：， to full-width; all whitespace (tabs included) removed. */
const normalise = (s: string) =>
  s
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/:/g, '：')
    .replace(/\s+/g, '');
const tableLines = (text: string) => text.split('\n').filter((l) => l.includes('\t'));
const cells = (lines: string[]) =>
  lines
    .flatMap((l) => l.split('\t'))
    .map(normalise)
    .filter((c) => c !== '')
    .sort();

test('txt: the 意溪镇 data reproduce the example’s sections and every table line', () => {
  const ours = renderText(fromJson(sidecarDoc(YIXI, yixiNarrative())));
  const headings = (t: string) =>
    t.split('\n').filter((l) => SECTION_HEADINGS.some((h) => h === l));
  assert.deepEqual(headings(ours), [...SECTION_HEADINGS]);
  assert.deepEqual(headings(YIXI_TEXT), [...SECTION_HEADINGS]);
  const expected = tableLines(YIXI_TEXT);
  const actual = tableLines(ours);
  assert.equal(actual.length, expected.length);
  // The three header lines of table 三 hold the same cells; 总计 moved one row down (see top).
  const header = expected.findIndex((l) => l.includes('勾稽关系'));
  assert.deepEqual(
    cells(actual.slice(header, header + 3)),
    cells(expected.slice(header, header + 3)),
  );
  expected.forEach((line, i) => {
    if (i >= header && i < header + 3) return;
    assert.equal(normalise(actual[i]!), normalise(line), `table line ${i + 1}`);
  });
  // Blank cells stay blank: rows 三（一）–（七） have their labels and 7 empty cells.
  const partly = actual.find((l) => l.includes('（二）部分公开'))!;
  assert.equal(partly.split('\t').length, 10);
  assert.deepEqual(partly.split('\t').slice(3), ['', '', '', '', '', '', '']);
  // Narrative paragraphs are the example's.
  for (const p of YIXI_TEXT.split('\n').filter((l) => l.length > 40 && !l.includes('\t')))
    assert.ok(ours.includes(`\n${p}\n`), p.slice(0, 20));
});

test('txt: every table line has its table’s width; amounts and negative counts print as given', () => {
  const text = renderText(fromJson(sidecarDoc('2020_pingtan')));
  const lines = tableLines(text);
  const widths = new Set(lines.map((l) => l.split('\t').length));
  assert.deepEqual(
    [...widths].sort((a, b) => a - b),
    [4, 10, 15],
  );
  assert.ok(lines.includes('行政处罚\t2648\t-18\t538'));
  assert.ok(lines.includes('政府集中采购\t395\t73802895.90元\t'));
});

test('2019 format from 2021-style data: （六） is the sum of （六）1–3, blank if one is blank', () => {
  const report = pingtanReport();
  const as2019: AnnualReport = {
    ...report,
    format: '2019',
    table2: fromJson(sidecarDoc('2020_pingtan')).table2,
    table3: { ...report.table3, '三（六）1': [1, 0, 0, 0, 0, 0, 1] },
  };
  const other = (r: AnnualReport) =>
    tableLines(renderText(r)).find((l) => l.includes('（六）其他处理'))!;
  assert.equal(other(as2019), '\t（六）其他处理\t\t2\t0\t0\t0\t0\t0\t2');
  assert.deepEqual(toJson(as2019).table3.rows['三（六）'], [2, 0, 0, 0, 0, 0, 2]);
  as2019.table3['三（六）2'] = [null, 0, 0, 0, 0, 0, 0];
  assert.equal(other(as2019), '\t（六）其他处理\t\t\t0\t0\t0\t0\t0\t2');
});

test('2021 format with the single （六） row (洪泽区 2023) prints that row as published', () => {
  const report = fromJson(sidecarDoc('2023_hongze-district'));
  const text = renderText(report);
  assert.ok(text.includes('\n\t（六）其他处理\t\t0\t0\t0\t0\t0\t0\t0\n'));
  assert.ok(!text.includes('3.其他'));
  assert.match(renderHtml(report).value, /rowspan="20">三、本年度办理结果/);
});

test('html: structure of the merged headers, caption per table, no inline style', () => {
  const page = renderHtml(pingtanReport()).value;
  assert.match(
    page,
    /^<article class="annual-report">\n<h1>平潭综合实验区管委会2021年政府信息公开工作年度报告<\/h1>/,
  );
  assert.equal(page.match(/<h2>/g)?.length, 6);
  assert.equal(page.match(/<table /g)?.length, 6); // 4 blocks of 二, 三, 四
  assert.equal(page.match(/<caption>/g)?.length, 6);
  assert.match(page, /<th scope="colgroup" colspan="7">申请人情况<\/th>/);
  assert.match(
    page,
    /<th scope="col" colspan="5">法人或其他组织<\/th><th scope="col" rowspan="2">总计<\/th>/,
  );
  assert.match(page, /<th scope="rowgroup" rowspan="22">三、本年度办理结果<\/th>/);
  for (const [group, n] of [
    ['（三）不予公开', 8],
    ['（四）无法提供', 3],
    ['（五）不予处理', 5],
    ['（六）其他处理', 3],
  ])
    assert.ok(page.includes(`<th scope="row" rowspan="${n}">${group}</th>`), String(group));
  assert.match(page, /<th scope="colgroup" colspan="10">行政诉讼<\/th>/);
  assert.match(page, /<td class="num">24252\.311082<\/td>/);
  assert.doesNotMatch(page, /style=/);
});

test('html: narrative is escaped; blank cells are empty cells, not 0', () => {
  const report = fromJson(
    sidecarDoc(YIXI, { overview: '<script>alert(1)</script> & “引号”', problems: '', other: '' }),
  );
  const page = renderHtml(report).value;
  assert.ok(page.includes('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”</p>'));
  assert.ok(!page.includes('<script>'));
  assert.match(page, /（一）予以公开<\/th>(<td class="num"><\/td>){7}<\/tr>/);
});

const json = (report: AnnualReport): AnnualReportJson =>
  JSON.parse(JSON.stringify(toJson(report))) as AnnualReportJson;

for (const stem of STEMS) {
  test(`json round trip, ${stem}: toJson gives the sidecar's tables; fromJson gives the report back`, () => {
    const doc = sidecarDoc(stem);
    const report = fromJson(doc);
    assert.deepEqual(json(report), doc);
    assert.deepEqual(fromJson(json(report)), report);
  });
}

test('json round trip keeps the narrative, the agency and blank cells', () => {
  const report = fromJson(sidecarDoc(YIXI, yixiNarrative()));
  assert.deepEqual(fromJson(json(report)), report);
  assert.equal(json(report).table3.rows['三（七）']?.[6], null);
});

test('fromJson: bad input is refused with every problem named where it is', () => {
  const doc = sidecarDoc('2021_pingtan') as AnnualReportJson & Record<string, unknown>;
  const bad = structuredClone(doc);
  bad.table3.rows['一']![2] = 1.5;
  bad.table3.rows['二']![0] = '3' as unknown as number;
  bad.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'] = 24252.31;
  bad.table4.values[0] = 9;
  delete (bad.table3.rows as Record<string, unknown>)['四'];
  (bad as Record<string, unknown>).extra = 1;
  bad.agency.level = 'village' as AgencyLevel;
  let error: unknown;
  try {
    fromJson(bad);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof DomainError && error.kind === 'invalid');
  const fields = error.issues.map((i) => i.field).sort();
  assert.deepEqual(fields, [
    'agency.level',
    'extra',
    'table2.第二十条第（八）项.行政事业性收费.本年收费金额（单位：万元）',
    'table3.rows.一[2]',
    'table3.rows.二[0]',
    'table3.rows.四',
    'table4.values[0]',
  ]);
  assert.match(error.message, /^年度报告数据有 7 处错误：/);
  const amount = error.issues.find((i) => i.field.startsWith('table2'))!;
  assert.match(amount.message, /字符串.*实际为 24252\.31/);
  assert.throws(() => fromJson(null), /应为对象/);
  assert.throws(() => fromJson({ ...doc, template: '2018' }), /格式：应为 "2019" 或 "2021"/);
  // 2021 tables under a 2019 template
  assert.throws(() => fromJson({ ...doc, template: '2019' }), /表二 第二十条第（九）项：缺少此项/);
});

function validator() {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  return ajv.compile(JSON.parse(read(SCHEMA)) as object);
}

test('schema file is the one derived from the formats', () => {
  assert.deepEqual(
    JSON.parse(read(SCHEMA)),
    annualReportSchema(),
    'regenerate src/reports/annual-report.schema.json (see src/reports/json-schema.ts)',
  );
});

for (const stem of STEMS) {
  test(`schema accepts ${stem}: its template, year and tables`, () => {
    const validate = validator();
    assert.ok(validate(sidecarDoc(stem)), JSON.stringify(validate.errors, null, 1));
    assert.ok(validate(json(fromJson(sidecarDoc(stem)))));
  });
}

test('schema refuses what fromJson refuses', () => {
  const validate = validator();
  const doc = sidecarDoc('2021_pingtan') as AnnualReportJson & Record<string, unknown>;
  const cases: [string, (d: AnnualReportJson) => void][] = [
    ['fractional count', (d) => (d.table3.rows['一']![2] = 1.5)],
    ['count as a string', (d) => (d.table3.rows['一']![2] = '2' as unknown as number)],
    ['negative count', (d) => (d.table4.groups['行政复议']!['总计'] = -1)],
    [
      'amount as a number',
      (d) =>
        (d.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'] = 1.5),
    ],
    [
      'amount with grouping',
      (d) =>
        (d.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'] =
          '24,252.3'),
    ],
    ['missing row', (d) => delete (d.table3.rows as Record<string, unknown>)['四']],
    ['half-width row label', (d) => (d.table3.row_labels['三（一）'] = '(一)予以公开')],
    ['2019 template over 2021 tables', (d) => (d.template = '2019')],
    ['unknown key', (d) => ((d as unknown as Record<string, unknown>).sha256 = 'x')],
    ['eight values in a table-三 row', (d) => d.table3.rows['一']!.push(0)],
  ];
  for (const [name, spoil] of cases) {
    const bad = structuredClone(doc);
    spoil(bad);
    assert.equal(validate(bad), false, name);
    assert.throws(() => fromJson(bad), DomainError, name);
  }
  const blankOk = structuredClone(doc);
  blankOk.table3.rows['一']![2] = null;
  blankOk.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'] = null;
  assert.ok(validate(blankOk));
});

test('withBlanks: a whole report comes back equal; a partial one gets every cell, absent ones blank', () => {
  for (const report of [yixiReport(), pingtanReport()])
    assert.deepEqual(withBlanks(report), report);
  const whole = pingtanReport();
  const table3 = { ...whole.table3 };
  delete table3['三（七）'];
  const table2 = { ...whole.table2 };
  delete table2['第二十条第（八）项'];
  const partial: AnnualReport = { ...whole, table2, table3, table4: {} };
  const filled = withBlanks(partial);
  assert.deepEqual(filled.table3['三（七）'], [null, null, null, null, null, null, null]);
  assert.deepEqual(filled.table3['三（一）'], whole.table3['三（一）']);
  assert.deepEqual(Object.values(filled.table2['第二十条第（八）项']?.['行政事业性收费'] ?? {}), [
    null,
  ]);
  assert.deepEqual(filled.table4['行政复议'], {
    结果维持: null,
    结果纠正: null,
    其他结果: null,
    尚未审结: null,
    总计: null,
  });
  // the renderers print it (blank cells), where the partial report itself cannot be printed
  assert.throws(() => renderHtml(partial), RangeError);
  assert.match(renderHtml(filled).value, /（七）总计/);
  assert.equal(partial.table3['三（七）'], undefined, 'the report given is not changed');
});
