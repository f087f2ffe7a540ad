/** The audit page's wording of locations and its highlighting rules. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';
import { whereText } from '../../src/domain/report/findings.ts';
import { publishedAuditView, ruleTitle } from '../../src/web/views/published-audit.ts';

test('locations in the sidecars’ words are shown in Chinese', () => {
  assert.equal(whereText('table3 column 自然人'), '表三 列 自然人');
  assert.equal(whereText('table4 行政诉讼.复议后起诉'), '表四 行政诉讼（复议后起诉）');
  assert.equal(
    whereText('table2 rows 第二十条第（一）项 规章, 3 cells'),
    '表二 行 第二十条第（一）项 规章，3格',
  );
  assert.equal(whereText('table3 row 三（一）, 1 cell'), '表三 行 三（一），1格');
  assert.equal(
    whereText('table3 rows 三（一）…三（七）, all 7 columns'),
    '表三 行 三（一）…三（七），全部7列',
  );
  assert.equal(whereText('previous report'), '上一年度报告');
  assert.equal(whereText('table3, all columns'), '表三，全部列');
  assert.equal(whereText('table2 第二十条第（一）项, all rows'), '表二 第二十条第（一）项，全部行');
  assert.equal(whereText('table4, all groups'), '表四，全部分组');
});

test('rule names come from the engine’s rules, the reading rules and the batch rules', () => {
  assert.equal(ruleTitle('T3-SUM7'), '表三（七）总计等于各项办理结果之和');
  assert.equal(ruleTitle('READ-AMBIGUOUS'), '数字连写或栏位不明，无法唯一读出');
  assert.equal(ruleTitle('BATCH-DUPLICATE'), '同一机关同一年度有多份报告');
  assert.equal(ruleTitle('NO-SUCH-RULE'), '');
});

test('a finding about blanks marks only the blank cells of its rows', async () => {
  const bytes = readFileSync(new URL('../fixtures/reports/2020_pingtan.txt', import.meta.url));
  const audit = await auditPublishedReport(bytes);
  const page = String(publishedAuditView('p.txt', audit));
  // 第二十条第（一）项 规章 is read (0 0 7) and 规范性文件 is ambiguous (blank): only the latter is marked
  const rules = /<th scope="row">规章<\/th>(.*?)<\/tr>/s.exec(page)?.[1] ?? '';
  assert.doesNotMatch(rules, /flag-warning/);
  const normative = /<th scope="row">规范性文件<\/th>(.*?)<\/tr>/s.exec(page)?.[1] ?? '';
  assert.equal([...normative.matchAll(/flag-warning/g)].length, 3);
  assert.equal([...normative.matchAll(/>（空）<\/a>/g)].length, 3);
});

test('a report cut off inside table 三 is shown with the rows it lacks blank and flagged', async () => {
  const text = readFileSync(
    new URL('../fixtures/reports/2021_pingtan.txt', import.meta.url),
    'utf8',
  );
  const cut = text.slice(0, text.indexOf('（三）不予公开1.属于国家秘密'));
  const audit = await auditPublishedReport(new TextEncoder().encode(cut));
  assert.ok(audit.report && !('三（七）' in audit.report.table3), 'the model lacks the rows');
  assert.ok(
    audit.findings.some((f) => f.rule === 'READ-MISSING-ROW' && f.where === 'table3 三（七）'),
  );
  const page = String(publishedAuditView('cut.txt', audit));
  const total = /<th [^>]*>（七）总计<\/th>(.*?)<\/tr>/s.exec(page)?.[1] ?? '';
  assert.equal([...total.matchAll(/>（空）<\/a>/g)].length, 7, 'the 7 cells of （七） are blank');
  assert.equal([...total.matchAll(/flag-/g)].length, 7, 'and marked');
  // the rows read are shown as read
  const first =
    /<th [^>]*>一、本年新收政府信息公开申请数量<\/th>(.*?)<\/tr>/s.exec(page)?.[1] ?? '';
  assert.match(first, />64</);
});

test('a page’s stated publication date is shown with its deadline', async () => {
  const html = readFileSync(
    new URL('../fixtures/reports/real/2024_junshan-area-page.html', import.meta.url),
  );
  const page = String(publishedAuditView('p.html', await auditPublishedReport(html)));
  assert.match(
    page,
    /<dt>发布日期<\/dt>\s*<dd>\s*2025-01-24（网页标注；发布期限 2025-03-31）\s*<\/dd>/,
  );
  const text = readFileSync(new URL('../fixtures/reports/2020_pingtan.txt', import.meta.url));
  assert.doesNotMatch(
    String(publishedAuditView('p.txt', await auditPublishedReport(text))),
    /发布日期/,
  );
});

test('section 三’s words before its table are shown above it; a broken table 四 flags its 总计 cells', async () => {
  const real = (f: string) =>
    readFileSync(new URL(`../fixtures/reports/real/${f}`, import.meta.url));
  // (平潭经济发展局 2023: the sentence TEXT-NUM quotes stands under the heading, before the table)
  const lead = String(
    publishedAuditView(
      'p.txt',
      await auditPublishedReport(real('2023_pingtan-economic-development.txt')),
    ),
  );
  assert.match(
    lead,
    /<h2>三、收到和处理政府信息公开申请情况<\/h2>\s*<p>2023年,共收到政府信息公开申请0条。<\/p>\s*<table/,
  );
  // (社会事业局 2024: table 四's run splits no way that adds up; its three 总计 cells are marked)
  const four = String(
    publishedAuditView(
      'p.txt',
      await auditPublishedReport(real('2024_pingtan-social-affairs.txt')),
    ),
  );
  const row =
    /<table class="report-table report-table4">.*?<tbody>(.*?)<\/tbody>/s.exec(four)?.[1] ?? '';
  assert.equal(row.match(/flag-error/g)?.length, 3);
});

test('a report’s fee table is shown in section 六, the cell of its finding flagged', async () => {
  const bytes = readFileSync(
    new URL('../fixtures/reports/real/2025_pingtan-market-regulation.txt', import.meta.url),
  );
  const audit = await auditPublishedReport(bytes);
  const page = String(publishedAuditView('m.txt', audit));
  const table = /<table class="report-table report-fees">(.*?)<\/table>/s.exec(page)?.[1] ?? '';
  assert.match(table, /<caption>信息处理费收取情况<\/caption>/);
  assert.match(table, /<th scope="col">通知收取金额（元）<\/th>/);
  const row = /<th scope="row">信息处理费收取情况<\/th>(.*?)<\/tr>/s.exec(table)?.[1] ?? '';
  const cells = [...row.matchAll(/<td class="([^"]*)">(.*?)<\/td>/gs)];
  assert.equal(cells.length, 3);
  // 通知收取件数 1 is FEE-UNPAID's (2 closed unpaid): flagged, with what it should be at least
  assert.match(cells[0]?.[1] ?? '', /flag-warning/);
  assert.match(cells[0]?.[2] ?? '', />1<\/a><span class="flag-note">应为 ≥ 2<\/span>/);
  assert.equal(cells[1]?.[1], 'num');
  assert.equal(cells[1]?.[2], '800');
  const n = audit.findings.findIndex((f) => f.rule === 'FEE-UNPAID') + 1;
  assert.match(cells[0]?.[2] ?? '', new RegExp(`第 ${n} 条提示`));
  // in section 六, before its words
  const six = page.slice(page.indexOf('<h2>六、其他需要报告的事项</h2>'));
  assert.ok(six.indexOf('report-fees') < six.indexOf('根据《条例》及相关规定'));
});
