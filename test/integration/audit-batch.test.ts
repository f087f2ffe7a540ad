/**
 * auditPublishedBatch: a batch of published reports read on one thread or on worker threads
 * (the same results, in input order), the engine's cross-year rules run against the same agency's
 * report for the year before when the batch holds it — and only then — and BATCH-DUPLICATE for
 * two reports of one agency and year. No database: the batch reads bytes only.
 *
 * Inputs: the published Pingtan 2020 and 2021 texts (2020 四 and 2021 二 are both all 0: the
 * carry-over holds), and reports rendered by renderText from the 2021 sidecar's figures with
 * edited cells, so that each cross-year rule has a case that holds and one that fails.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  auditPublishedBatch,
  DEFAULT_TIMEOUT_MS,
  type BatchFinding,
  type BatchInput,
  type BatchResult,
} from '../../src/app/audit-published-batch.ts';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';
import { createAuditPool } from '../../src/app/audit-worker-pool.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { MAX_DOCUMENT_ELEMENTS } from '../../src/readers/docx-text.ts';
import { fromJson } from '../../src/reports/json.ts';
import { renderText } from '../../src/reports/txt.ts';
import { zip } from '../support/zip.ts';
import { cellsOf, elements, textOf } from '../support/page-dom.ts';
import { defaultTreeAdapter as dom, parse, serialize } from 'parse5';

const FIX = 'test/fixtures/reports';
const AGENCY = '平潭综合实验区';
const published = (stem: string): { name: string; bytes: Uint8Array } => ({
  name: `${stem}.txt`,
  bytes: new Uint8Array(readFileSync(`${FIX}/${stem}.txt`)),
});

interface Sidecar {
  template: string;
  agency_level: string;
  table2: AnnualReport['table2'];
  table3: { rows: AnnualReport['table3'] };
  table4: unknown;
}
const SIDECAR_2021 = JSON.parse(
  readFileSync(`${FIX}/2021_pingtan.expected.json`, 'utf8'),
) as Sidecar;
const STOCK = '第二十条第（一）项';

/** The 2021 sidecar's figures as a published text of `year`, after `edit`. */
function rendered(
  name: string,
  year: number,
  edit: (s: Sidecar) => void = () => {},
  agency = AGENCY,
): BatchInput {
  const s = structuredClone(SIDECAR_2021);
  edit(s);
  const report = fromJson({
    year,
    template: s.template,
    agency: { name: agency, level: s.agency_level, kind: 'government' },
    narrative: { overview: '', problems: '', other: '' },
    table2: s.table2,
    table3: s.table3,
    table4: s.table4,
  });
  return { name, bytes: new TextEncoder().encode(renderText(report)) };
}

const crossYear = (r: BatchResult | undefined): BatchFinding[] =>
  (r?.audit?.findings ?? []).filter((f) => f.rule.startsWith('X-YEAR'));
const rules = (fs: readonly BatchFinding[]) => fs.map((f) => f.rule);

/** 2021 with 2 applications carried over from 2020 (自然人), where 2020 carried none forward. */
const carried2021 = () =>
  rendered('2021_carried.txt', 2021, (s) => {
    const row = s.table3.rows['二']!;
    row[0] = 2;
    row[6] = 2;
  });

test('Pingtan 2020 → 2021 as published: the carry-over holds, no finding is added', async () => {
  const [r2020, r2021] = await auditPublishedBatch([
    published('2020_pingtan'),
    published('2021_pingtan'),
  ]);
  const alone = await auditPublishedReport(published('2021_pingtan').bytes);
  assert.deepEqual(crossYear(r2021), []);
  assert.deepEqual(rules(r2021?.audit?.findings ?? []), rules(alone.findings), 'no duplicates');
  const alone2020 = await auditPublishedReport(published('2020_pingtan').bytes);
  assert.deepEqual(r2020?.audit?.findings, alone2020.findings, 'no 2019 report: 2020 unchanged');
});

test('a table published as a picture in the year before is not compared (READ-TABLE-IMAGE says why)', async () => {
  const text = readFileSync(`${FIX}/2020_pingtan.txt`, 'utf8');
  const from = text.indexOf('三、收到和处理政府信息公开申请情况');
  const to = text.indexOf('四、政府信息公开行政复议');
  const pictured = {
    name: '2020_pingtan-pictures.txt',
    bytes: new TextEncoder().encode(
      `${text.slice(0, from)}三、收到和处理政府信息公开申请情况\n[图片]\n${text.slice(to)}`,
    ),
  };
  const [r2021, r2020] = await auditPublishedBatch([carried2021(), pictured]);
  assert.ok(
    r2020?.audit?.findings.some((f) => f.rule === 'READ-TABLE-IMAGE' && f.where === 'table3'),
  );
  // table 三 of 2020 is a picture: no carry-over to compare; table 二 still compared
  assert.deepEqual(
    crossYear(r2021).filter((f) => f.where.startsWith('table3')),
    [],
  );
  const [withText] = await auditPublishedBatch([carried2021(), published('2020_pingtan')]);
  assert.deepEqual(
    crossYear(r2021).filter((f) => f.where.startsWith('table2')),
    crossYear(withText)
      .filter((f) => f.where.startsWith('table2'))
      .map((f) => ({ ...f, against: pictured.name })),
  );
  assert.ok(crossYear(withText).some((f) => f.rule === 'X-YEAR-CARRY'));
});

test('a row the year before’s reading could not read is said so across years, not called blank', async () => {
  const page = readFileSync(`${FIX}/real/2024_junshan-area-page.html`, 'utf8');
  // the same page as the 2023 report, its table-三 row 四 printed illegibly
  const doc = parse(page.replaceAll('2024年', '2023年'));
  const four = elements(doc, ['tr']).find((t) =>
    textOf(t).replace(/\s+/g, '').startsWith('四、结转下年度继续办理'),
  );
  assert.ok(four);
  for (const cell of cellsOf(four).slice(1)) {
    cell.childNodes = [];
    dom.insertText(cell, '？');
  }
  const utf8 = new TextEncoder();
  const [r2024, r2023] = await auditPublishedBatch([
    { name: '2024.html', bytes: utf8.encode(page) },
    { name: '2023.html', bytes: utf8.encode(serialize(doc)) },
  ]);
  assert.ok(
    r2023?.audit?.findings.some((f) => f.rule === 'READ-UNREADABLE' && f.where === 'table3 四'),
  );
  const carry = crossYear(r2024).filter((f) => f.rule === 'X-YEAR-CARRY');
  assert.equal(carry.length, 1);
  assert.match(carry[0]?.message ?? '', /其中有的单元格未能从原文读出（见读取提示）/);
});

test('X-YEAR-CARRY: 2021 carries over 2 where 2020 carried none — only with 2020 in the batch', async () => {
  const alone = await auditPublishedBatch([carried2021()]);
  assert.deepEqual(crossYear(alone[0]), [], 'no report of 2020: nothing to compare');

  const [r2021, r2020] = await auditPublishedBatch([carried2021(), published('2020_pingtan')]);
  const carry = crossYear(r2021).filter((f) => f.rule === 'X-YEAR-CARRY');
  assert.deepEqual(
    carry.map((f) => [f.where, f.severity, f.stated, f.computed, f.against]),
    [
      ['table3 row 二 column 自然人', 'warning', 2, 0, '2020_pingtan.txt'],
      ['table3 row 二 column 总计', 'warning', 2, 0, '2020_pingtan.txt'],
    ],
  );
  assert.match(carry[0]?.message ?? '', /2020年度报告“四、结转下年度继续办理”为0/);
  // the reading findings and the report's own findings first, unchanged, then the cross-year ones
  const own = alone[0]?.audit?.findings ?? [];
  assert.deepEqual(r2021?.audit?.findings.slice(0, own.length), own);
  assert.deepEqual(crossYear(r2020), [], 'the earlier year gets no cross-year finding');

  const other = rendered('other.txt', 2020, () => {}, '福州市人民政府');
  const [unrelated] = await auditPublishedBatch([carried2021(), other]);
  assert.deepEqual(crossYear(unrelated), [], 'another agency’s 2020 report is not compared');
});

test('X-YEAR-VALID: 现行有效 2022 = 2021 + 制发 − 废止, in either order of the files', async () => {
  const year2022 = (stock: number) =>
    rendered(`2022_${stock}.txt`, 2022, (s) => {
      s.table2[STOCK]!['行政规范性文件'] = {
        本年制发件数: 10,
        本年废止件数: 5,
        现行有效件数: stock,
      };
      s.table3.rows['二'] = [...s.table3.rows['四']!]; // the carry-over holds
    });
  const base = rendered('2021.txt', 2021);
  const [holds] = await auditPublishedBatch([year2022(670), base]);
  assert.deepEqual(crossYear(holds), [], '665 + 10 − 5 = 670');

  const [, wrong] = await auditPublishedBatch([base, year2022(680)]);
  const valid = crossYear(wrong);
  assert.deepEqual(rules(valid), ['X-YEAR-VALID']);
  assert.equal(valid[0]?.stated, 680);
  assert.equal(valid[0]?.computed, 670);
  assert.equal(valid[0]?.against, '2021.txt');
});

test('BATCH-DUPLICATE: two reports of one agency and year; the first is the one compared', async () => {
  const results = await auditPublishedBatch([
    rendered('a.txt', 2021, (s) => {
      s.table3.rows['四']![0] = 0;
      s.table3.rows['四']![6] = 0;
    }),
    rendered('b.txt', 2021),
    rendered('c.txt', 2022),
  ]);
  const dup = (i: number) =>
    (results[i]?.audit?.findings ?? []).filter((f) => f.rule === 'BATCH-DUPLICATE');
  assert.deepEqual(
    [0, 1, 2].map((i) => dup(i).map((f) => [f.severity, f.against])),
    [[['warning', 'b.txt']], [['warning', 'a.txt']], []],
  );
  assert.match(dup(0)[0]?.message ?? '', /“b\.txt”也是“平潭综合实验区”2021年度的报告/);
  // c (2022, 二 = 0 as in the sidecar) against a.txt (四 = 0): holds; against b.txt (四 自然人 1)
  // it would not — the first one is used
  assert.deepEqual(
    crossYear(results[2]).filter((f) => f.rule === 'X-YEAR-CARRY'),
    [],
  );
});

test('worker threads give the same results as one thread, in input order, with progress', async () => {
  const inputs = [
    published('2020_pingtan'),
    carried2021(),
    {
      name: '2024_huaian-city.pdf',
      read: async () => new Uint8Array(readFileSync(`${FIX}/2024_huaian-city.pdf`)),
    },
    published('2020_yixi-town_chaozhou'),
    { name: 'empty.txt', bytes: new Uint8Array() },
    {
      name: 'missing.txt',
      read: () => Promise.reject(new Error('ENOENT: no such file')),
    },
  ];
  const progress: [number, number][] = [];
  const threaded = await auditPublishedBatch(inputs, {
    threads: 'always',
    concurrency: 2,
    onProgress: (done, total) => progress.push([done, total]),
  });
  const inline = await auditPublishedBatch(inputs, { threads: 'never' });
  assert.deepEqual(threaded, inline);
  assert.deepEqual(
    threaded.map((r) => r.name),
    inputs.map((i) => i.name),
  );
  assert.deepEqual(
    progress,
    inputs.map((_, i) => [i + 1, inputs.length]),
  );
  assert.equal(threaded[4]?.unreadable, '文件是空的，无法读取。');
  assert.match(threaded[5]?.unreadable ?? '', /读取该文件时出错（ENOENT/);
  assert.deepEqual(rules(crossYear(threaded[1])), ['X-YEAR-CARRY', 'X-YEAR-CARRY']);
  assert.equal((inputs[0] as { bytes: Uint8Array }).bytes.length > 0, true, 'input not detached');
});

test('a file that overruns the time limit is unreadable; the batch goes on with new workers', async () => {
  const inputs = [published('2020_pingtan'), published('2021_pingtan'), published('2020_pingtan')];
  const results = await auditPublishedBatch(inputs, {
    threads: 'always',
    concurrency: 1,
    timeoutMs: 1,
  });
  assert.deepEqual(
    results.map((r) => [r.name, r.audit, r.unreadable]),
    inputs.map((i) => [i.name, undefined, '检查该文件超过 0.001 秒，已中止；文件可能已损坏。']),
  );
});

test('a PDF that keeps pdfjs busy without yielding is stopped by the time limit; the next file is read', async () => {
  // (test/fixtures/pdf/README.md: a damaged font keeps pdfjs busy for about two minutes; in this
  // file it is stored hex-encoded, which pdf-type1.ts's guard does not read)
  const spinning = {
    name: 'spinning-font.pdf',
    bytes: new Uint8Array(
      readFileSync('test/fixtures/pdf/2020_pingtan-market-regulation-spinning-font-hex.pdf'),
    ),
  };
  const plain = {
    name: 'plain.pdf',
    bytes: new Uint8Array(readFileSync(`${FIX}/real/2020_pingtan-market-regulation-pdf.pdf`)),
  };
  const started = Date.now();
  const results = await auditPublishedBatch([spinning, plain], {
    threads: 'always',
    concurrency: 1,
    timeoutMs: 15_000,
  });
  assert.equal(results[0]?.unreadable, '检查该文件超过 15 秒，已中止；文件可能已损坏。');
  assert.equal(results[1]?.unreadable, undefined);
  assert.equal(results[1]?.audit?.report?.table3['一']?.[6], 5);
  assert.ok(Date.now() - started < 60_000, 'abandoned at the limit, not when pdfjs is done');
});

test('a worker that runs out of its heap: that file is unreadable, the next is read', async () => {
  // The readers refuse inputs that would make them run away; the heap limit is the backstop
  // behind them, tried here on a thread with a small heap: a Word file just under the limit of
  // XML elements, which mammoth reads in about 150 MB.
  const paragraphs = Math.floor((MAX_DOCUMENT_ELEMENTS - 10) / 3);
  const document = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p><w:r><w:t>1</w:t></w:r></w:p>'.repeat(paragraphs)}</w:body></w:document>`;
  const page = {
    name: 'crowded.docx',
    bytes: new Uint8Array(zip([{ name: 'word/document.xml', data: Buffer.from(document) }])),
  };
  const heapMb = 64;
  const pool = createAuditPool({ size: 1, timeoutMs: DEFAULT_TIMEOUT_MS, heapMb });
  try {
    const results = await auditPublishedBatch([page, published('2020_pingtan')], { pool });
    assert.equal(
      results[0]?.unreadable,
      `读取该文件所需的内存超过 ${heapMb} MB 的上限，已中止；文件可能已损坏或不是年度报告。`,
    );
    assert.deepEqual(rules(results[1]?.audit?.findings.filter((f) => f.rule === 'T3-SUM7') ?? []), [
      'T3-SUM7',
      'T3-SUM7',
    ]);
    // the default heap reads the same file to its end: it fits, and it is no report
    assert.match(
      (await auditPublishedBatch([page], { threads: 'always', concurrency: 1 }))[0]?.unreadable ??
        '',
      /这不是一份年度报告/,
    );
  } finally {
    await pool.close();
  }
});

test('a long-lived pool: its threads serve batch after batch, and stop when idle or closed', async () => {
  // (idle long enough that the first thread, done with its files, outlives the second's start-up
  // — 1–3 s on a loaded 2-core machine)
  const pool = createAuditPool({ size: 2, timeoutMs: DEFAULT_TIMEOUT_MS, idleMs: 5000 });
  try {
    const inputs = [
      published('2020_pingtan'),
      published('2021_pingtan'),
      published('2020_pingtan'),
    ];
    const first = await auditPublishedBatch(inputs, { pool });
    assert.deepEqual(pool.stats(), { started: 2, running: 2, waiting: 0 });
    // the same threads for the next batch, with the same results as this thread gives
    const second = await auditPublishedBatch(inputs, { pool, threads: 'never' });
    assert.deepEqual(second, first);
    assert.deepEqual(first, await auditPublishedBatch(inputs, { threads: 'never' }));
    assert.equal(pool.stats().started, 2);
    // idle threads are stopped, and started again when needed
    await new Promise((resolve) => setTimeout(resolve, 5600));
    assert.equal(pool.stats().running, 0);
    const [again] = await auditPublishedBatch([published('2021_pingtan')], { pool });
    assert.deepEqual(again, first[1]);
    assert.equal(pool.stats().started, 3);
  } finally {
    await pool.close();
  }
  assert.deepEqual(pool.stats(), { started: 3, running: 0, waiting: 0 });
  // a closed pool reads nothing more, and says why
  const [late] = await auditPublishedBatch([published('2020_pingtan')], { pool });
  assert.equal(late?.unreadable, '检查已中止：服务正在停止，请稍后重新上传。');
});

test('a limited view of a pool never holds every thread: its files wait, the others go first', async () => {
  // the server's public check reads on such a view; a spinning PDF (test/fixtures/pdf/README.md)
  // holds one thread for the whole time limit, and staff's file takes the other meanwhile
  const pool = createAuditPool({ size: 2, timeoutMs: 10_000 });
  const publicView = pool.limited(1);
  assert.equal(publicView.size, 1);
  const done: string[] = [];
  const track = async (name: string, outcome: Promise<{ unreadable?: string }>) => {
    const o = await outcome;
    done.push(name);
    return o;
  };
  try {
    const spinning = readFileSync(
      'test/fixtures/pdf/2020_pingtan-market-regulation-spinning-font-hex.pdf',
    );
    const results = await Promise.all([
      track('public, spinning', publicView.audit(new Uint8Array(spinning), false)),
      track('public, text', publicView.audit(published('2020_pingtan').bytes, false)),
      track('staff, text', pool.audit(published('2021_pingtan').bytes, false)),
    ]);
    assert.deepEqual(done, ['staff, text', 'public, spinning', 'public, text']);
    assert.deepEqual(
      results.map((r) => r.unreadable),
      ['检查该文件超过 10 秒，已中止；文件可能已损坏。', undefined, undefined],
    );
  } finally {
    await pool.close();
  }
});

test('closing a pool: files waiting and being read are answered, not left hanging', async () => {
  const pool = createAuditPool({ size: 1, timeoutMs: DEFAULT_TIMEOUT_MS });
  const inputs = [published('2020_pingtan'), published('2021_pingtan'), published('2020_pingtan')];
  const pending = auditPublishedBatch(inputs, { pool });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(pool.stats().waiting, 0, 'one lane per thread: the others wait their turn unloaded');
  await pool.close();
  const results = await pending;
  assert.deepEqual(
    results.map((r) => r.unreadable),
    inputs.map(() => '检查已中止：服务正在停止，请稍后重新上传。'),
  );
});
