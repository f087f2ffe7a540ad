/**
 * The provenance of every computed cell selects exactly the records the cell counts: for seeded
 * random record sets, counting the records each provenance selects gives the value the report
 * assembles, for every cell of both formats. The records are aggregated here as the GROUP BYs of
 * store/report-records.ts do, independently of the provenance module.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assembleTables,
  type ApplicationCount,
  type DocumentCounts,
  type ReportRecords,
  type ReviewCount,
} from '../../src/domain/report/assemble.ts';
import { formatById, type FormatId } from '../../src/domain/report/formats.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import {
  APPLICANT_TYPES,
  OUTCOMES,
  REVIEW_KINDS,
  REVIEW_RESULTS,
} from '../../src/domain/report/outcomes.ts';
import {
  applicationSelected,
  cellProvenance,
  cellValue,
  documentSelected,
  reportCells,
  reviewSelected,
  type ApplicationFacts,
  type DocumentFacts,
  type ReportCell,
  type ReviewFacts,
} from '../../src/domain/report/provenance.ts';
import { figureKeys, FIGURES } from '../../src/domain/report/table2-sources.ts';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface RecordSet {
  applications: ApplicationFacts[];
  reviews: ReviewFacts[];
  documents: DocumentFacts[];
  figures: Record<string, string>;
}

/** Records around the report year: before it, across both year ends, and after it. */
function randomRecords(seed: number, year: number, format: FormatId): RecordSet {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const start = Date.parse(`${year - 1}-10-01T00:00:00Z`);
  const date = (spanDays: number) => start + Math.floor(rnd() * spanDays) * DAY;
  const applications = Array.from({ length: 2500 }, (): ApplicationFacts => {
    const received = date(520);
    const open = rnd() < 0.15;
    const decided = open ? null : received + Math.floor(rnd() * 90) * DAY;
    return {
      applicantType: pick(APPLICANT_TYPES).code,
      receivedOn: iso(received),
      decidedOn: decided === null ? null : iso(decided),
      // an open application may already carry a tentative outcome; it must not count as decided
      outcome: open && rnd() < 0.7 ? null : pick(OUTCOMES).code,
    };
  });
  const reviews = Array.from({ length: 400 }, (): ReviewFacts => {
    const filed = date(520);
    const concluded = rnd() < 0.2 ? null : filed + Math.floor(rnd() * 200) * DAY;
    return {
      kind: pick(REVIEW_KINDS).code,
      filedOn: iso(filed),
      // `pending` recorded with a conclusion date stays pending at year end
      result: pick(REVIEW_RESULTS).code,
      concludedOn: concluded === null ? null : iso(concluded),
    };
  });
  const documents = Array.from({ length: 300 }, (): DocumentFacts => {
    const written = date(900) - 400 * DAY;
    const published = rnd() < 0.1 ? null : written + Math.floor(rnd() * 60) * DAY;
    const repealed =
      published !== null && rnd() < 0.4 ? published + Math.floor(rnd() * 500) * DAY : null;
    return {
      kind: rnd() < 0.3 ? 'rules' : 'normative',
      writtenOn: iso(written),
      publishedOn: published === null ? null : iso(published),
      repealedOn: repealed === null ? null : iso(repealed),
    };
  });
  const figures: Record<string, string> = {};
  for (const key of figureKeys(format)) {
    if (rnd() < 0.2) continue; // not entered: a blank cell
    const def = FIGURES.find((f) => f.key === key)!;
    figures[key] =
      def.type === 'amount'
        ? (rnd() * 1000).toFixed(2)
        : String(Math.floor(rnd() * 500) - (def.type === 'signed' ? 250 : 0));
  }
  return { applications, reviews, documents, figures };
}

/** The GROUP BYs of store/report-records.ts, over records in memory. */
function aggregate(records: RecordSet, year: number): ReportRecords {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const apps = new Map<string, ApplicationCount>();
  const add = (bucket: ApplicationCount['bucket'], a: ApplicationFacts) => {
    const outcome = bucket === 'decided' ? a.outcome : null;
    const key = `${bucket}|${a.applicantType}|${outcome}`;
    const c = apps.get(key) ?? { bucket, applicantType: a.applicantType, outcome, n: 0 };
    c.n++;
    apps.set(key, c);
  };
  for (const a of records.applications) {
    if (a.receivedOn > last) continue;
    const d = a.decidedOn;
    if (a.receivedOn >= first) add('received', a);
    if (a.receivedOn < first && (d === null || d >= first)) add('carried_in', a);
    if (d !== null && d >= first && d <= last) add('decided', a);
    if (d === null || d > last) add('carried_out', a);
  }
  const reviews: ReviewCount[] = [];
  for (const r of records.reviews) {
    if (r.filedOn < first || r.filedOn > last) continue;
    const result = r.concludedOn !== null && r.concludedOn <= last ? r.result : 'pending';
    reviews.push({ kind: r.kind, result, n: 1 });
  }
  const zero = () => ({ issued: 0, repealed: 0, in_force: 0, written: 0, published: 0 });
  const documents: DocumentCounts = { rules: zero(), normative: zero() };
  const within = (d: string | null) => d !== null && d >= first && d <= last;
  for (const d of records.documents) {
    const c = documents[d.kind === 'rules' ? 'rules' : 'normative'];
    if (within(d.writtenOn)) c.written++;
    if (within(d.publishedOn)) {
      c.published++;
      c.issued++;
    }
    if (within(d.repealedOn)) c.repealed++;
    if (d.publishedOn !== null && d.publishedOn <= last && (d.repealedOn ?? '9999') > last)
      c.in_force++;
  }
  return { applications: [...apps.values()], reviews, documents, figures: records.figures };
}

function report(format: FormatId, year: number, records: RecordSet): AnnualReport {
  return {
    year,
    format,
    agency: { name: '测试机关', level: 'county', kind: 'government' },
    narrative: { overview: '', problems: '', other: '' },
    ...assembleTables(formatById(format), aggregate(records, year)),
  };
}

/** What the cell's provenance selects: a count of records, or the figure as entered. */
function selected(format: FormatId, year: number, records: RecordSet, cell: ReportCell) {
  const p = cellProvenance(format, cell, year)?.provenance;
  assert.ok(p, `no provenance for ${JSON.stringify(cell)}`);
  switch (p.records) {
    case 'applications':
      return records.applications.filter((a) => applicationSelected(p, a, year)).length;
    case 'review_cases':
      return records.reviews.filter((r) => reviewSelected(p, r, year)).length;
    case 'documents':
      return records.documents.filter((d) => documentSelected(p, d, year)).length;
    case 'figure': {
      const raw = records.figures[p.key];
      if (raw === undefined) return null;
      return FIGURES.find((f) => f.key === p.key)?.type === 'amount' ? raw : Number(raw);
    }
  }
}

const CASES: [FormatId, number][] = [
  ['2019', 2020],
  ['2021', 2022],
];
const SEEDS = [1, 2, 3, 4, 5, 20211231];

for (const [format, year] of CASES) {
  test(`${format} format: every cell equals the number of records its provenance selects`, () => {
    const cells = reportCells(format);
    assert.equal(
      cells.filter((c) => c.table === 'table3').length,
      formatById(format).table3Rows.length * 7,
    );
    for (const seed of SEEDS) {
      const records = randomRecords(seed, year, format);
      const r = report(format, year, records);
      for (const cell of cells) {
        assert.equal(
          selected(format, year, records, cell),
          cellValue(r, cell),
          `seed ${seed}: ${cellProvenance(format, cell, year)?.label}`,
        );
      }
    }
  });

  test(`${format} format: the record sets tell every cell apart, so a provenance pointing at another cell fails`, () => {
    const cells = reportCells(format);
    const vectors = new Map<string, string>();
    const reports = SEEDS.map((seed) => report(format, year, randomRecords(seed, year, format)));
    for (const cell of cells) {
      if (
        cell.table === 'table2' &&
        cellProvenance(format, cell, year)?.provenance.records === 'figure'
      )
        continue; // figures are typed, not counted
      const v = JSON.stringify(reports.map((r) => cellValue(r, cell)));
      const label = cellProvenance(format, cell, year)!.label;
      assert.ok(!v.includes('[0,0,0,0,0,0]'), `${label} is 0 in every set`);
      assert.equal(vectors.get(v), undefined, `${label} has the same values as ${vectors.get(v)}`);
      vectors.set(v, label);
    }
  });
}

test('a cell the format does not have has no provenance', () => {
  const none: [FormatId, ReportCell][] = [
    ['2021', { table: 'table3', row: '三（六）', column: 0 }],
    ['2019', { table: 'table3', row: '三（六）1', column: 0 }],
    ['2021', { table: 'table3', row: '三（一）', column: 7 }],
    ['2021', { table: 'table3', row: '三（一）', column: -1 }],
    ['2021', { table: 'table3', row: '三（一）', column: 0.5 }],
    [
      '2021',
      {
        table: 'table2',
        caption: '第二十条第（九）项',
        row: '政府集中采购',
        column: '采购项目数量',
      },
    ],
    [
      '2021',
      { table: 'table2', caption: '第二十条第（一）项', row: '规范性文件', column: '本年制发件数' },
    ],
    [
      '2019',
      { table: 'table2', caption: '第二十条第（一）项', row: '规章', column: '本年制发件数' },
    ],
    ['2021', { table: 'table4', group: '行政诉讼', column: '总计' }],
  ];
  for (const [format, cell] of none)
    assert.equal(cellProvenance(format, cell, 2022), null, JSON.stringify(cell));
  assert.equal(
    cellProvenance('2021', { table: 'table4', group: '行政复议', column: 'x' as '总计' }, 2022),
    null,
  );
});

test('totals are unions: 三（七） takes every outcome, 总计 every applicant type, 2019 （六） the three 2021 sub-rows', () => {
  const total = cellProvenance('2021', { table: 'table3', row: '三（七）', column: 6 }, 2022)!;
  assert.deepEqual(total.provenance, {
    records: 'applications',
    bucket: 'decided',
    outcomes: OUTCOMES.map((o) => o.code),
    applicantTypes: APPLICANT_TYPES.map((t) => t.code),
  });
  assert.equal(total.label, '表三 三（七）总计 · 总计');
  assert.equal(total.description, '2022年内作出答复（全部答复结果）的申请（全部申请人）。');
  const other = cellProvenance('2019', { table: 'table3', row: '三（六）', column: 1 }, 2020)!;
  assert.deepEqual(other.provenance, {
    records: 'applications',
    bucket: 'decided',
    outcomes: ['other.no_clarification', 'other.unpaid_fee', 'other.other'],
    applicantTypes: ['business'],
  });
});

test('labels and sentences name the row, the column and the rule', () => {
  const c = (format: FormatId, cell: ReportCell, year = 2021) =>
    cellProvenance(format, cell, year)!;
  const disclosed = c('2021', { table: 'table3', row: '三（一）', column: 0 });
  assert.equal(disclosed.label, '表三 三（一）予以公开 · 自然人');
  assert.equal(
    disclosed.description,
    '2021年内作出答复、答复结果为“予以公开”的申请（申请人为自然人）。',
  );
  const secret = c('2021', { table: 'table3', row: '三（三）1', column: 5 });
  assert.equal(secret.label, '表三 三（三）不予公开 1.属于国家秘密 · 其他');
  assert.match(secret.description, /申请人为法人或其他组织·其他/);
  assert.equal(
    c('2021', { table: 'table3', row: '二', column: 6 }).description,
    '2020年及以前收到、至2021年1月1日尚未作出答复的申请（全部申请人）。',
  );
  const pending = c('2021', { table: 'table4', group: '行政诉讼.复议后起诉', column: '尚未审结' });
  assert.equal(pending.label, '表四 行政诉讼（复议后起诉） · 尚未审结');
  assert.deepEqual(pending.provenance, {
    records: 'review_cases',
    kinds: ['litigation_after_reconsideration'],
    results: ['pending'],
  });
  const inForce = c('2021', {
    table: 'table2',
    caption: '第二十条第（一）项',
    row: '行政规范性文件',
    column: '现行有效件数',
  });
  assert.deepEqual(inForce.provenance, {
    records: 'documents',
    kind: 'normative',
    measure: 'in_force',
  });
  assert.equal(
    inForce.description,
    '截至2021年12月31日已公开发布且尚未废止的本机关文件登记簿中的行政规范性文件。',
  );
  const fee = c('2021', {
    table: 'table2',
    caption: '第二十条第（八）项',
    row: '行政事业性收费',
    column: '本年收费金额（单位：万元）',
  });
  assert.deepEqual(fee.provenance, { records: 'figure', key: 'fees.amount_wan' });
  assert.match(fee.description, /不由本平台的记录计算/);
});
