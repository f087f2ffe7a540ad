// The fee table some reports print beside the format's tables (信息处理费收取情况: 通知收取件数,
// 通知收取金额（元）, 实际收取金额（元）), read from real Pingtan texts and from variations of them:
// its own section 五 or inside 六, flattened or tab-separated, a run split by what a fee notice
// is (FEE-NOTICE) only when one split is, and never the words or table 四 of the report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';
import { auditRead } from '../../src/readers/read-report.ts';
import { readReportText } from '../../src/readers/text.ts';
import { renderHtml } from '../../src/reports/html.ts';

const real = (name: string) =>
  readFileSync(new URL(`../fixtures/reports/real/${name}.txt`, import.meta.url), 'utf8');
// 苏平片区 2024: 四's 15 figures, then 五、信息处理费收取情况 and its row 000
const SUPING = real('2024_suping-area');
const ROW = '信息处理费收取情况000';
const ZEROS4 = { 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 };

test('a fee table of its own section is read, and is no part of table 四 or the words', () => {
  const read = readReportText(SUPING);
  assert.deepEqual(read.report?.fees, {
    通知收取件数: 0,
    '通知收取金额（元）': '0',
    '实际收取金额（元）': '0',
  });
  assert.deepEqual(read.report?.table4['行政复议'], ZEROS4);
  for (const words of Object.values(read.report?.narrative ?? {}))
    assert.doesNotMatch(words, /通知收取/);
  assert.ok(!read.findings.some((f) => f.where.startsWith('fees')));
});

test('figures run together are split by what a fee notice is, only when one split is', () => {
  assert.ok(SUPING.includes(ROW));
  // 18000: 1|800|0 (one notice, 800元) — 180|0|0 would be 180 notices asking nothing
  const one = readReportText(SUPING.replace(ROW, '信息处理费收取情况18000'));
  assert.deepEqual(one.report?.fees, {
    通知收取件数: 1,
    '通知收取金额（元）': '800',
    '实际收取金额（元）': '0',
  });
  assert.ok(!one.findings.some((f) => f.rule === 'READ-AMBIGUOUS'));
  // 2100100: 2|100|100 or 2|10010|0 — both notices of at least 10元: not guessed
  const two = readReportText(SUPING.replace(ROW, '信息处理费收取情况2100100'));
  assert.deepEqual(two.report?.fees, {
    通知收取件数: 2,
    '通知收取金额（元）': null,
    '实际收取金额（元）': null,
  });
  const said = two.findings.find((f) => f.rule === 'READ-AMBIGUOUS');
  assert.equal(said?.where, 'fees');
  assert.deepEqual(said?.options, [
    ['2', '100', '100'],
    ['2', '10010', '0'],
  ]);
  assert.match(said?.message ?? '', /^信息处理费收取情况表：数字连写，有多种拆分/);
  // the cells not read are said once, not asked to be filled in
  const audit = auditRead(two);
  assert.ok(!audit.some((f) => f.rule === 'BLANK-CELL'));
});

test('a fee table with its cells apart, and one right after table 四 without a heading', () => {
  const tabbed = readReportText(
    SUPING.replace(
      `通知收取件数通知收取金额（元）实际收取金额（元）${ROW}`,
      '\n\t通知收取件数\t通知收取金额（元）\t实际收取金额（元）\n信息处理费收取情况\t3\t1,500元\t1200\n',
    ),
  );
  assert.deepEqual(tabbed.report?.fees, {
    通知收取件数: 3,
    '通知收取金额（元）': '1500',
    '实际收取金额（元）': '1200',
  });
  // no 五、 between: table 四 ends where the fee table's header starts
  const bare = readReportText(SUPING.replace('五、信息处理费收取情况通知收取件数', '通知收取件数'));
  assert.deepEqual(bare.report?.table4['行政复议'], ZEROS4);
  assert.equal(bare.report?.fees?.通知收取件数, 0);
  assert.ok(!bare.findings.some((f) => f.where.startsWith('table4')));
});

test('a fee table inside section 六 (平潭市场监督管理局 2025) is not its words; its errors are found', () => {
  const read = readReportText(real('2025_pingtan-market-regulation'));
  assert.deepEqual(read.report?.fees, {
    通知收取件数: 1,
    '通知收取金额（元）': '800',
    '实际收取金额（元）': '0',
  });
  const other = read.report?.narrative.other ?? '';
  assert.match(other, /^根据《条例》及相关规定/);
  assert.doesNotMatch(other, /通知收取|18000/);
  // two applications closed for a fee not paid (三（六）2), one notice sent
  const unpaid = auditRead(read).find((f) => f.rule === 'FEE-UNPAID');
  assert.deepEqual([unpaid?.stated, unpaid?.computed], [1, '≥ 2']);
});

test('a report without a fee table has none, and a table 四 as before', () => {
  const cut = SUPING.replace(/五、信息处理费收取情况.*?(?=六、)/s, '');
  const read = readReportText(cut);
  assert.equal(read.report?.fees, undefined);
  assert.deepEqual(read.report?.table4['行政复议'], ZEROS4);
});

test('a page’s fee table, its header words broken over paragraphs (苏平片区 2025’s markup)', async () => {
  const model = readReportText(SUPING).report;
  assert.ok(model);
  delete model.fees;
  // the page's table: an empty corner cell, 通知收取<p>件数 in two paragraphs, one row
  const table =
    '<table><tbody><tr class="firstRow"><td><br/></td><td><p>通知收取</p><p>件数</p></td>' +
    '<td><p>通知收取金额（元）</p></td><td><p>实际收取</p><p>金额（元）</p></td></tr>' +
    '<tr><td><p>信息处理费收取情况</p></td><td><p>1</p></td><td><p>800</p></td><td><p>0</p></td></tr>' +
    '</tbody></table>';
  const page = renderHtml(model).value.replace(
    '<h2>五、',
    `<h2>五、信息处理费收取情况</h2>${table}<h2>六、`,
  );
  const audit = await auditPublishedReport(
    new TextEncoder().encode(`<html><body>${page}</body></html>`),
  );
  assert.deepEqual(audit.report?.fees, {
    通知收取件数: 1,
    '通知收取金额（元）': '800',
    '实际收取金额（元）': '0',
  });
  assert.deepEqual(audit.report?.table4['行政复议'], ZEROS4);
  assert.ok(!audit.findings.some((f) => f.rule.startsWith('FEE-') || f.where.startsWith('fees')));
});
