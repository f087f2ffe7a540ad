// Where a tab-separated row's values are when the row has more cells than the table has columns
// (src/readers/cells.ts): merged labels leave fillers, web tables give every line the table's
// width, and blank cells are empty too. The values are taken at the header's column, or where
// only one placement leaves nothing but empty cells out; a blank is never shifted into a value.
// The HTML cases go through the HTML reader, as a published page would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FORMAT_2019,
  SECTION_HEADINGS,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
} from '../../src/domain/report/formats.ts';
import { DEAD_END, INVALID_TOKEN, tokenState, VALID_TOKEN } from '../../src/readers/cells.ts';
import { htmlToText } from '../../src/readers/html-text.ts';
import { readReportText } from '../../src/readers/text.ts';

type Row = (number | null)[];
const td = (v: string | number | null, attrs = '') =>
  `<td${attrs}>${v === null ? '&nbsp;' : v}</td>`;

/**
 * A 2019-format page laid out like the 上海市人民政府办公厅 2019 report: table 二 with colspans
 * that differ between header and rows, table 三 with the rowspan group label, colspan labels
 * and blank cells (&nbsp;), the header naming 自然人 and 总计 on their grid columns.
 */
function page(t3: Record<string, Row>, opts: { header?: boolean } = {}): string {
  const t2 = FORMAT_2019.table2
    .map((b) => {
      const head = `<tr>${td('信息内容')}${b.columns.map((c, i) => td(c.label, i === 1 ? ' colspan="2"' : '')).join('')}</tr>`;
      const rows = b.rows.map(
        (r) =>
          `<tr>${td(r)}${b.columns.map((c, i) => td(c.kind === 'amount' ? '1000元' : i + 1, i === 0 ? ' colspan="2"' : '')).join('')}</tr>`,
      );
      return `<tr>${td(b.caption, ' colspan="4"')}</tr>${head}${rows.join('')}`;
    })
    .join('');
  const header =
    opts.header === false
      ? `<tr>${td(TABLE3_NOTE, ' colspan="10"')}</tr>`
      : `<tr>${td(TABLE3_NOTE, ' colspan="3" rowspan="3"')}${td(TABLE3_APPLICANT_HEADER, ' colspan="7"')}</tr>` +
        `<tr>${td(TABLE3_COLUMNS[0] ?? '', ' rowspan="2"')}${td(TABLE3_ORG_HEADER, ' colspan="5"')}${td(TABLE3_COLUMNS[6] ?? '', ' rowspan="2"')}</tr>` +
        `<tr>${TABLE3_COLUMNS.slice(1, 6)
          .map((c) => td(c))
          .join('')}</tr>`;
  let group: string | undefined;
  const rows = FORMAT_2019.table3Rows.map((r, i) => {
    const values = (t3[r.key] ?? TABLE3_COLUMNS.map(() => 0)).map((v) => td(v)).join('');
    if (!r.group) return `<tr>${td(r.label, ' colspan="3"')}${values}</tr>`;
    const top =
      i === FORMAT_2019.table3Rows.findIndex((x) => x.group)
        ? td(TABLE3_OUTCOME_GROUP, ' rowspan="20"')
        : '';
    if (r.group === TABLE3_OUTCOME_GROUP)
      return `<tr>${top}${td(r.label, ' colspan="2"')}${values}</tr>`;
    const size = FORMAT_2019.table3Rows.filter((x) => x.group === r.group).length;
    const lead = r.group !== group ? td(r.group, ` rowspan="${size}"`) : '';
    group = r.group;
    return `<tr>${top}${lead}${td(r.label)}${values}</tr>`;
  });
  const t4 =
    `<tr>${TABLE4_GROUPS.map((g) => td(g.label, ' colspan="5"')).join('')}</tr>` +
    `<tr>${TABLE4_GROUPS.flatMap(() => TABLE4_COLUMNS.map((c) => td(c))).join('')}</tr>` +
    `<tr>${TABLE4_GROUPS.flatMap(() => TABLE4_COLUMNS.map(() => td(0))).join('')}</tr>`;
  return [
    '<html><body><p>2019年某某市人民政府政府信息公开工作年度报告</p>',
    `<p>${SECTION_HEADINGS[0]}</p><p>概况。</p><p>${SECTION_HEADINGS[1]}</p>`,
    `<table>${t2}</table><p>${SECTION_HEADINGS[2]}</p><table>${header}${rows.join('')}</table>`,
    `<p>${SECTION_HEADINGS[3]}</p><table>${t4}</table>`,
    `<p>${SECTION_HEADINGS[4]}</p><p>无。</p><p>${SECTION_HEADINGS[5]}</p><p>无。</p></body></html>`,
  ].join('');
}

const read = (html: string) => readReportText(htmlToText(html).text, { agency: { level: 'city' } });

const t3 = {
  一: [821, 35, null, null, 2, 1, 859],
  二: [18, null, null, null, null, null, 18],
  '三（一）': [258, 12, null, null, 1, 1, null],
  '三（二）': [3, null, null, null, null, null, null],
  '三（三）1': [14, null, null, null, null, null, null],
  '三（四）1': [252, 12, null, null, 1, null, null],
  '三（七）': [767, 35, null, null, 2, 1, 805],
  四: [72, null, null, null, null, null, 72],
};

test('HTML table 三: blanks beside merged labels stay in their columns (the header’s grid)', () => {
  const r = read(page(t3));
  assert.ok(r.report);
  for (const [key, values] of Object.entries(t3))
    assert.deepEqual(r.report.table3[key], values, `table3 ${key}`);
  assert.ok(!r.findings.some((f) => f.rule === 'READ-AMBIGUOUS'), JSON.stringify(r.findings));
});

test('without the header, the rows that fill the grid exactly tell where its values are', () => {
  // 三（一） is 258|12|_|_|1|1|_ after a filler: one empty cell too many, on either side; the
  // rows of 不予公开 etc. have exactly seven cells after their label on the same grid
  const r = read(page(t3, { header: false }));
  assert.ok(r.report);
  for (const [key, values] of Object.entries(t3))
    assert.deepEqual(r.report.table3[key], values, `table3 ${key}`);
  assert.ok(!r.findings.some((f) => f.rule === 'READ-AMBIGUOUS'), JSON.stringify(r.findings));
});

test('without the header, where the grid leaves room for two placements, a blank is never shifted: the disagreement is said', () => {
  // an empty column between the labels and the values on every row of table 三: the labels
  // bound the values' start (every label lies left of every value) but the room left allows it
  // one column either way; 三（一） 258|12|_|_|1|1|_ fits both, its neighbours blank
  const text = htmlToText(page(t3, { header: false })).text;
  const at = text.indexOf(SECTION_HEADINGS[2] ?? '');
  const end = text.indexOf(SECTION_HEADINGS[3] ?? '');
  const wider = text
    .slice(at, end)
    .split('\n')
    .map((l) => {
      const cells = l.split('\t');
      if (cells.length > 7) cells.splice(cells.length - 7, 0, '');
      return cells.join('\t');
    })
    .join('\n');
  const r = readReportText(text.slice(0, at) + wider + text.slice(end), {
    agency: { level: 'city' },
  });
  assert.ok(r.report);
  const row = r.report.table3['三（一）'] ?? [];
  for (const [i, want] of (t3['三（一）'] ?? []).entries())
    assert.ok(row[i] === null || row[i] === want, `三（一） #${i + 1}: ${row[i]}`);
  const said = r.findings.find((f) => f.where === 'table3 三（一）');
  assert.equal(said?.rule, 'READ-AMBIGUOUS');
  // a row whose neighbours are not both blank has one placement
  assert.deepEqual(r.report.table3['一'], t3['一']);
});

test('HTML table 二: a colspan on the first value in the rows but on the second in the header', () => {
  const r = read(page(t3));
  assert.ok(r.report);
  assert.deepEqual(r.report.table2['第二十条第（五）项']?.['行政许可'], {
    上一年项目数量: 1,
    '本年增/减': 2,
    处理决定数量: 3,
  });
  assert.equal(r.printedTable2['第二十条第（九）项']?.['政府集中采购']?.['采购总金额'], '1000元');
});

test('an extra 法人或其他组织 column with a blank cell is not read shifted into seven', () => {
  // 自然人 2, subtotal 1, 商业企业 1, 科研机构 blank, … 总计 3: eight cells, one empty
  const text = htmlToText(page(t3)).text.replace(
    /^(一、本年新收政府信息公开申请数量\t\t\t).*$/m,
    '$12\t1\t1\t\t0\t0\t0\t3',
  );
  const r = readReportText(text, { agency: { level: 'city' } });
  const row = r.report?.table3['一'] ?? [];
  const truth = [2, 1, null, 0, 0, 0, 3];
  for (const [i, want] of truth.entries())
    assert.ok(
      row[i] === null || row[i] === want,
      `一 #${i + 1}: ${row[i]} (${JSON.stringify(row)})`,
    );
});

test('the split walk’s token check agrees with the cell patterns, and a dead end has no valid longer token', () => {
  const pattern = {
    count: /^(0|[1-9]\d*)$/,
    signed: /^-?(0|[1-9]\d*)$/,
    amount: /^(0|[1-9]\d{0,2}(,\d{3})+|[1-9]\d*)(\.\d+)?(万元|元)?$/,
  } as const;
  const alphabet = ['0', '1', '9', '-', '.', ',', '元'];
  let chunks = [''];
  const all: string[] = [];
  for (let length = 1; length <= 5; length++) {
    chunks = chunks.flatMap((c) => alphabet.map((a) => c + a));
    all.push(...chunks);
  }
  let checked = 0;
  for (const kind of ['count', 'signed', 'amount'] as const)
    for (const chunk of all)
      for (let len = 1; len <= chunk.length; len++) {
        const state = tokenState(kind, chunk, 0, len);
        const token = chunk.slice(0, len);
        assert.equal(state === VALID_TOKEN, pattern[kind].test(token), `${kind} ${token}`);
        checked++;
        if (state === DEAD_END) {
          for (let longer = len + 1; longer <= chunk.length; longer++)
            assert.ok(
              !pattern[kind].test(chunk.slice(0, longer)),
              `${kind} ${chunk} after ${token}`,
            );
          break;
        }
        if (state !== VALID_TOKEN) assert.equal(state, INVALID_TOKEN);
      }
  assert.ok(checked > 50_000);
});
