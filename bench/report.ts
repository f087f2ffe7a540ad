/**
 * The annual-report part of `npm run bench` (BENCH_ONLY=r): builds the report of one agency with
 * 100,000 applications and the roll-up of a supervising office over 1,000 townships with
 * 1,000,000 applications, on SQLite and (when DATABASE_URL points at a server) PostgreSQL, and
 * prints each time beside a bare SQL GROUP BY over the same rows, run through the driver in the
 * same process. Budget (2 cores): one agency < 100 ms, the roll-up < 2 s, each within 2× of its
 * bare query; DOCX render < 200 ms (when src/reports/docx.ts exports renderDocx).
 *
 * Data (identical on both engines, from deterministic integer hashes of the row number): a city
 * government with a department (市住房和城乡建设局, the one agency: 100,000 applications), a
 * county government under the city with 1,000 townships and the county's supervising office
 * (政务公开办; its supervisor reads the county and everything below it: 1,002 agencies). The
 * 1,000,000 township applications are spread unevenly over the townships and evenly over
 * 2022–2024, decided 1–14 days after receipt (so ~2 % are open at a year end; those received
 * late in 2024 are still open), with applicant types and outcomes in proportions like published
 * county reports. Review cases, normative documents, yearly figures (3 % of the townships have
 * not entered 2024's) and the department's 2024 narrative complete the report. Report year 2024.
 *
 * SQLite is a fresh file in a temp dir, loaded through a raw better-sqlite3 prepared INSERT in one
 * transaction and not ANALYZEd (the app never runs ANALYZE on SQLite). PostgreSQL is a fresh
 * database (gk_bench_<random>) on DATABASE_URL's server, loaded with INSERT … SELECT from
 * generate_series, then VACUUM ANALYZE (what autovacuum does after a bulk insert: statistics and
 * the visibility map that index-only scans need), and dropped at the end. Rows go in in the
 * order they would have arrived (by date received), through the migrated indexes, so table and
 * indexes are laid out as in a database that grew over three years.
 *
 * The bare query is one raw statement (no Kysely) in applicationCounts' shape (two index ranges,
 * one GROUP BY) counting the same four buckets. On PostgreSQL it is timed with parallel workers
 * as the server is configured and with them off, and the faster counts. Diagnostic rows without
 * a budget: on PostgreSQL the app again on connections with max_parallel_workers_per_gather = 0.
 *
 * Each figure is the median of 5 runs after 1 warm-up (process.hrtime.bigint). The app's table
 * 三 is checked against the bare query's counts, and both engines' reports and roll-ups against
 * each other; a mismatch is an error. A missed budget is only reported.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepStrictEqual } from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { buildAnnualReport } from '../src/app/build-annual-report.ts';
import { buildRollup } from '../src/app/build-rollup.ts';
import { SYSTEM_CTX, type Ctx, type Deps } from '../src/app/deps.ts';
import { DEFAULT_AUTH_POLICY } from '../src/domain/auth-policy.ts';
import { creditCodeCheckChar } from '../src/domain/credit-code.ts';
import { assembleTable3, type ApplicationCount } from '../src/domain/report/assemble.ts';
import { formatForYear } from '../src/domain/report/formats.ts';
import type { AnnualReport, ReportTables } from '../src/domain/report/model.ts';
import { figureKeys } from '../src/domain/report/table2-sources.ts';
import { isPostgresUrl, openStore, type Engine, type Store } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

const RUNS = 5;
const YEAR = 2024;
const BUDGET_AGENCY_MS = 100;
const BUDGET_ROLLUP_MS = 2000;
const BUDGET_RATIO = 2;
const BUDGET_DOCX_MS = 200;

// ---------------------------------------------------------------------------------------------
// The data, as pure functions of the row number (evaluated in JS for SQLite, in SQL for PG)
// ---------------------------------------------------------------------------------------------

const CITY_ID = 1;
const BIG_AGENCY_ID = 2;
const COUNTY_ID = 3;
const OFFICE_ID = 4;
const FIRST_TOWNSHIP_ID = 5;
const TOWNSHIPS = 1000;
const TOWNSHIP_APPLICATIONS = 1_000_000;
const BIG_AGENCY_APPLICATIONS = 100_000;
/** Day numbers count from 2022-01-01 (day 0); 2024-12-31 is day 1095. */
const FIRST_YEAR = 2022;
const YEAR_START_DAY = [0, 365, 730] as const;
const LAST_DAY = 1095;
const CREATED_AT = '2025-01-02T00:00:00.000Z';

/** Odd 32-bit multipliers, one per field (Weyl sequences: i·M mod 2³² is spread over 2³²). */
const M = {
  agency: 2654435761,
  year: 2246822519,
  day: 3266489917,
  lag: 668265263,
  type: 374761393,
  outcome: 3204507773,
} as const;

/**
 * ⌊(i·m mod 2³²)·n / 2³²⌋ ∈ [0, n): exact in JS doubles for i ≤ 1.1·10⁶ and n ≤ 10⁶ (every
 * intermediate stays below 2⁵³) and in PostgreSQL bigint, so both engines get the same rows.
 */
const u = (i: number, m: number, n: number) =>
  Math.floor((((i * m) % 4294967296) * n) / 4294967296);
const uSql = (i: string, m: number, n: number) =>
  `(((${i} * ${m}) % 4294967296) * ${n} / 4294967296)`;

/** Shares per mille, cumulative upper bounds. */
type Shares = readonly (readonly [code: string, upTo: number])[];
const TYPE_SHARES: Shares = [
  ['natural_person', 850],
  ['business', 920],
  ['research', 925],
  ['nonprofit', 935],
  ['legal_service', 965],
  ['other_org', 1000],
];
const OUTCOME_SHARES: Shares = [
  ['disclosed', 380],
  ['partly_disclosed', 480],
  ['withheld.state_secret', 482],
  ['withheld.law_forbids', 485],
  ['withheld.security', 488],
  ['withheld.third_party', 500],
  ['withheld.internal', 508],
  ['withheld.process', 523],
  ['withheld.enforcement_file', 528],
  ['withheld.admin_query', 540],
  ['unavailable.not_held', 760],
  ['unavailable.needs_creation', 785],
  ['unavailable.still_unclear', 805],
  ['not_processed.petition', 850],
  ['not_processed.repeated', 880],
  ['not_processed.publication', 885],
  ['not_processed.excessive', 895],
  ['not_processed.confirmation', 900],
  ['other.no_clarification', 940],
  ['other.unpaid_fee', 945],
  ['other.other', 1000],
];
const pick = (shares: Shares, p: number) =>
  (shares.find(([, upTo]) => p < upTo) ?? shares[shares.length - 1])![0];
const pickSql = (shares: Shares, p: string) =>
  `case ${shares.map(([code, upTo]) => `when ${p} < ${upTo} then '${code}'`).join(' ')} end`;

/** Townships get unevenly many applications: ⌊h²/10⁹⌋ for h uniform in [0, 10⁶). */
const townshipOf = (i: number) => {
  const h = u(i, M.agency, 1_000_000);
  return FIRST_TOWNSHIP_ID + Math.floor((h * h) / 1_000_000_000);
};

const DAY_MS = 86_400_000;
const DAY0 = Date.UTC(FIRST_YEAR, 0, 1);
const isoCache = new Map<number, string>();
const isoDay = (day: number) => {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(DAY0 + day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
};

interface ApplicationRow {
  agency_id: number;
  case_number: string;
  applicant_type: string;
  received_on: string;
  outcome: string | null;
  decided_on: string | null;
}

/** Row i ∈ [1, 1,100,000]: the first million belong to the townships, the rest to the one agency. */
const agencyOf = (i: number) => (i <= TOWNSHIP_APPLICATIONS ? townshipOf(i) : BIG_AGENCY_ID);
const receivedDay = (i: number) => (YEAR_START_DAY[u(i, M.year, 3)] as number) + u(i, M.day, 365);

function application(i: number): ApplicationRow {
  const y = u(i, M.year, 3);
  const received = receivedDay(i);
  const decided = received + 1 + u(i, M.lag, 14);
  const open = decided > LAST_DAY;
  return {
    agency_id: agencyOf(i),
    case_number: `（${FIRST_YEAR + y}）依申第${i}号`,
    applicant_type: pick(TYPE_SHARES, u(i, M.type, 1000)),
    received_on: isoDay(received),
    outcome: open ? null : pick(OUTCOME_SHARES, u(i, M.outcome, 1000)),
    decided_on: open ? null : isoDay(decided),
  };
}

/**
 * The same rows as `application(i)` for i in [$1, $2], as one INSERT … SELECT, in the order
 * they would have arrived (by date received).
 */
function applicationsInsertSql(): string {
  const h = uSql('i', M.agency, 1_000_000);
  const agencyExpr = `case when i <= ${TOWNSHIP_APPLICATIONS} then ${FIRST_TOWNSHIP_ID} + (${h}) * (${h}) / 1000000000 else ${BIG_AGENCY_ID} end`;
  const date = (day: string) => `to_char(date '${FIRST_YEAR}-01-01' + (${day})::int, 'YYYY-MM-DD')`;
  return `
    insert into applications
      (agency_id, case_number, applicant_type, received_on, outcome, decided_on, source, created_at, updated_at)
    select agency_id,
           '（' || (${FIRST_YEAR} + y) || '）依申第' || i || '号',
           ${pickSql(TYPE_SHARES, 't')},
           ${date('r')},
           case when d > ${LAST_DAY} then null else ${pickSql(OUTCOME_SHARES, 'o')} end,
           case when d > ${LAST_DAY} then null else ${date('d')} end,
           'bench', '${CREATED_AT}', '${CREATED_AT}'
    from (
      select i, y, r, ${agencyExpr} as agency_id,
             r + 1 + ${uSql('i', M.lag, 14)} as d,
             ${uSql('i', M.type, 1000)} as t,
             ${uSql('i', M.outcome, 1000)} as o
      from (
        select i, y,
               (case y ${YEAR_START_DAY.map((d, k) => `when ${k} then ${d}`).join(' ')} end)
                 + ${uSql('i', M.day, 365)} as r
        from (select i, ${uSql('i', M.year, 3)} as y from generate_series($1::bigint, $2::bigint) as g(i)) a
      ) b
    ) c
    order by r, i`;
}

/** mulberry32, for the small tables (generated once in JS and inserted into both engines). */
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

type Row = Record<string, string | number | null>;
interface Table {
  name: string;
  columns: string[];
  /** PostgreSQL array element types, for INSERT … SELECT FROM unnest(…) */
  types: string[];
  rows: Row[];
}

const creditCode = (area: string, n: number) => {
  const first17 = `11${area}${String(n).padStart(8, '0')}0`;
  return first17 + creditCodeCheckChar(first17);
};

function agencies(): Table {
  const A = '东西南北上下前后新老大小青白红金银石平安和兴永长太福龙凤桂梅松柏竹兰枫桃李杏柳槐';
  const B = '溪山桥湖塘坪岭湾田林洲口坑坝港源泉河江浦铺店庄集寨';
  const rows: Row[] = [];
  const add = (id: number, name: string, short: string, kind: string, level: string) => {
    const parent =
      id === CITY_ID
        ? null
        : id === BIG_AGENCY_ID
          ? CITY_ID
          : id === COUNTY_ID
            ? CITY_ID
            : COUNTY_ID;
    rows.push({
      id,
      name,
      short_name: short,
      kind,
      level,
      credit_code: creditCode(level === 'city' ? '449900' : '449921', id),
      parent_id: parent,
      created_at: CREATED_AT,
      updated_at: CREATED_AT,
    });
  };
  add(CITY_ID, '澄源市人民政府', '澄源市政府', 'government', 'city');
  add(BIG_AGENCY_ID, '澄源市住房和城乡建设局', '市住建局', 'department', 'city');
  add(COUNTY_ID, '澄源市清河县人民政府', '清河县政府', 'government', 'county');
  add(OFFICE_ID, '清河县人民政府办公室（县政务公开办）', '县政务公开办', 'office', 'county');
  for (let k = 0; k < TOWNSHIPS; k++) {
    const town = `${A[Math.floor(k / B.length)]}${B[k % B.length]}镇`;
    add(FIRST_TOWNSHIP_ID + k, `清河县${town}人民政府`, town, 'government', 'township');
  }
  if (new Set(rows.map((r) => r.name)).size !== rows.length || A.length * B.length < TOWNSHIPS) {
    throw new Error('bench: township names are not distinct');
  }
  return {
    name: 'agencies',
    columns: Object.keys(rows[0]!),
    types: ['int', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text'],
    rows,
  };
}

const reportingAgency = (rnd: () => number, bigShare: number) =>
  rnd() < bigShare ? BIG_AGENCY_ID : FIRST_TOWNSHIP_ID + Math.floor(rnd() * TOWNSHIPS);

function reviewCases(): Table {
  const rnd = prng(2024_12_31);
  const rows: Row[] = [];
  for (let k = 1; k <= 5000; k++) {
    const filed = Math.floor(rnd() * (LAST_DAY + 1));
    const kr = rnd();
    const rr = rnd();
    let result = rr < 0.55 ? 'upheld' : rr < 0.7 ? 'corrected' : rr < 0.9 ? 'other' : 'pending';
    let concluded: number | null = filed + 30 + Math.floor(rnd() * 60);
    if (result === 'pending' || concluded > LAST_DAY) [result, concluded] = ['pending', null];
    rows.push({
      agency_id: reportingAgency(rnd, 0.2),
      case_number: `复议诉讼-${k}`,
      kind:
        kr < 0.7
          ? 'reconsideration'
          : kr < 0.9
            ? 'litigation_direct'
            : 'litigation_after_reconsideration',
      filed_on: isoDay(filed),
      result,
      concluded_on: concluded === null ? null : isoDay(concluded),
      source: 'bench',
      created_at: CREATED_AT,
      updated_at: CREATED_AT,
    });
  }
  return {
    name: 'review_cases',
    columns: Object.keys(rows[0]!),
    types: ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
    rows,
  };
}

function normativeDocuments(): Table {
  const rnd = prng(2019_05_15);
  const rows: Row[] = [];
  for (let k = 1; k <= 10_300; k++) {
    const agency = k <= 300 ? BIG_AGENCY_ID : FIRST_TOWNSHIP_ID + Math.floor(rnd() * TOWNSHIPS);
    const written = Math.floor(rnd() * (LAST_DAY + 1 + 730)) - 730; // from 2020
    const published = written + 7 + Math.floor(rnd() * 14);
    const repealed = rnd() < 0.2 ? published + 200 + Math.floor(rnd() * 700) : null;
    rows.push({
      agency_id: agency,
      kind: 'normative',
      title: `行政规范性文件第${k}号`,
      document_number: `规〔${isoDay(written).slice(0, 4)}〕${k}号`,
      written_on: isoDay(written),
      published_on: published > LAST_DAY ? null : isoDay(published),
      repealed_on: repealed === null || repealed > LAST_DAY ? null : isoDay(repealed),
      created_at: CREATED_AT,
      updated_at: CREATED_AT,
    });
  }
  return {
    name: 'normative_documents',
    columns: Object.keys(rows[0]!),
    types: ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
    rows,
  };
}

function yearlyFigures(): Table {
  const rnd = prng(2025_01_31);
  const rows: Row[] = [];
  const ids = [
    BIG_AGENCY_ID,
    ...Array.from({ length: TOWNSHIPS }, (_, k) => FIRST_TOWNSHIP_ID + k),
  ];
  for (const year of [2022, 2023, 2024]) {
    for (const id of ids) {
      if (year === YEAR && id % 37 === 0) continue; // not entered yet
      for (const key of figureKeys('2021')) {
        rows.push({
          agency_id: id,
          year,
          key,
          value:
            key === 'fees.amount_wan'
              ? (rnd() * 80).toFixed(4)
              : String(Math.floor(rnd() * (id === BIG_AGENCY_ID ? 20_000 : 800))),
          source: '年度统计（基准测试数据）',
          entered_by: 'bench',
          entered_at: CREATED_AT,
        });
      }
    }
  }
  return {
    name: 'yearly_figures',
    columns: Object.keys(rows[0]!),
    types: ['int', 'int', 'text', 'text', 'text', 'text', 'text'],
    rows,
  };
}

function narratives(): Table {
  const para = (s: string) => s.repeat(4);
  return {
    name: 'report_narratives',
    columns: ['agency_id', 'year', 'overview', 'problems', 'other', 'updated_by', 'updated_at'],
    types: ['int', 'int', 'text', 'text', 'text', 'text', 'text'],
    rows: [
      {
        agency_id: BIG_AGENCY_ID,
        year: YEAR,
        overview: para(
          '2024年，澄源市住房和城乡建设局贯彻落实《中华人民共和国政府信息公开条例》，围绕房屋征收、保障性住房和建设工程领域主动公开政府信息，依法办理政府信息公开申请。',
        ),
        problems: para('申请量大、办理期限紧，个别答复援引条款不够规范。下一步将加强培训和审核。'),
        other: '本年度未收取信息处理费。',
        updated_by: 'bench',
        updated_at: CREATED_AT,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Engines
// ---------------------------------------------------------------------------------------------

interface BareRow {
  applicant_type: string;
  outcome: string | null;
  received: number | string;
  carried_in: number | string;
  decided: number | string;
  carried_out: number | string;
}

interface BenchDb {
  engine: Engine;
  version: string;
  store: Store;
  /** loading time and size, for the summary line */
  loaded: string;
  /** a raw query through the driver (no Kysely); `$n` placeholders, arrays for id lists */
  query(sqlText: string, params: readonly (string | number | number[])[]): Promise<unknown[]>;
  /**
   * Settings the bare query is timed under; the fastest counts (the floor for that SQL). The
   * first is the server's default, which the app and the diagnostic rows run with.
   */
  bareSettings: { label: string; apply(): Promise<void> }[];
  /** the app on its own connections under another server setting (diagnostic rows) */
  appVariants: { label: string; open(): Promise<{ store: Store; close(): Promise<void> }> }[];
  close(): Promise<void>;
}

const seconds = (t0: bigint) => (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1);

async function openSqliteBench(dir: string): Promise<BenchDb> {
  const file = join(dir, 'report-bench.sqlite');
  const migrating = openStore(file);
  await migrateToLatest(migrating);
  await migrating.close();

  const t0 = process.hrtime.bigint();
  const native = new SQLite(file);
  // this connection only loads (the app's own is synchronous = FULL, default cache)
  native.pragma('synchronous = OFF');
  native.pragma('cache_size = -262144');
  const insertTable = (t: Table) => {
    const stmt = native.prepare(
      `insert into ${t.name} (${t.columns.join(', ')}) values (${t.columns.map((c) => `@${c}`).join(', ')})`,
    );
    for (const r of t.rows) stmt.run(r);
  };
  native.transaction(() => {
    insertTable(agencies());
    const ins = native.prepare(
      `insert into applications (agency_id, case_number, applicant_type, received_on, outcome,
         decided_on, source, created_at, updated_at)
       values (@agency_id, @case_number, @applicant_type, @received_on, @outcome, @decided_on,
         'bench', '${CREATED_AT}', '${CREATED_AT}')`,
    );
    // In the order the applications would have arrived (by date received): the table grows at
    // its end and each index at ~1,000 places (one per agency), which the cache holds.
    const end = TOWNSHIP_APPLICATIONS + BIG_AGENCY_APPLICATIONS;
    const day = new Int32Array(end + 1);
    for (let i = 1; i <= end; i++) day[i] = receivedDay(i);
    const order = Uint32Array.from({ length: end }, (_, k) => k + 1).sort(
      (a, b) => day[a]! - day[b]! || a - b,
    );
    for (const i of order) ins.run(application(i));
    for (const t of [reviewCases(), normativeDocuments(), yearlyFigures(), narratives()]) {
      insertTable(t);
    }
  })();
  native.pragma('wal_checkpoint(TRUNCATE)');
  native.close();
  const loaded = `loaded in ${seconds(t0)} s (one transaction, prepared INSERT), ${(statSync(file).size / 1e6).toFixed(0)} MB`;

  const store = openStore(file);
  // The bare queries' own connection, with the same (default) page cache as the app's.
  const bare = new SQLite(file);
  const statements = new Map<string, SQLite.Statement>();
  const version = (bare.prepare('select sqlite_version() as v').get() as { v: string }).v;
  return {
    engine: 'sqlite',
    version: `SQLite ${version}`,
    store,
    loaded,
    bareSettings: [{ label: 'defaults', apply: async () => {} }],
    appVariants: [],
    async query(sqlText, params) {
      // `$n` → `@pn` (better-sqlite3 binds named parameters, not `?n`); an id list in
      // `= any($n)` expands to `in (@pn_0, @pn_1, …)`, the shape Kysely gives the app's IN
      const named: Record<string, string | number> = {};
      const text = sqlText
        .replace(/= any\(\$(\d+)\)/g, (_, n: string) => {
          const ids = params[Number(n) - 1];
          if (!Array.isArray(ids)) throw new Error(`bench: $${n} is not an id list`);
          ids.forEach((id, k) => (named[`p${n}_${k}`] = id));
          return `in (${ids.map((_id, k) => `@p${n}_${k}`).join(', ')})`;
        })
        .replace(/\$(\d+)/g, (_, n: string) => {
          const value = params[Number(n) - 1];
          if (value === undefined || Array.isArray(value)) throw new Error(`bench: bad $${n}`);
          named[`p${n}`] = value;
          return `@p${n}`;
        });
      let stmt = statements.get(text);
      if (!stmt) statements.set(text, (stmt = bare.prepare(text)));
      return stmt.all(named);
    },
    async close() {
      bare.close();
      await store.close();
    },
  };
}

async function openPostgresBench(adminUrl: string): Promise<BenchDb> {
  const name = `gk_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  await admin.end();
  const drop = async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let store: Store | undefined;
  let client: pg.Client | undefined;
  try {
    store = openStore(url.toString());
    await migrateToLatest(store);
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const c = client;

    const t0 = process.hrtime.bigint();
    const insertTable = async (t: Table) => {
      await c.query(
        `insert into ${t.name} (${t.columns.join(', ')})
         select * from unnest(${t.types.map((type, k) => `$${k + 1}::${type}[]`).join(', ')})`,
        t.columns.map((col) => t.rows.map((r) => r[col] ?? null)),
      );
    };
    await insertTable(agencies());
    await c.query(
      `select setval(pg_get_serial_sequence('agencies', 'id'), (select max(id) from agencies))`,
    );
    await c.query(applicationsInsertSql(), [1, TOWNSHIP_APPLICATIONS + BIG_AGENCY_APPLICATIONS]);
    for (const t of [reviewCases(), normativeDocuments(), yearlyFigures(), narratives()]) {
      await insertTable(t);
    }
    const tLoad = seconds(t0);
    const t1 = process.hrtime.bigint();
    await c.query('vacuum analyze');
    // Write the load's dirty buffers out now rather than during the measurements (needs
    // superuser or pg_checkpoint; without it the checkpointer does it in the background).
    await c.query('checkpoint').catch(() => {});
    const size = await c.query<{ s: string }>(
      'select pg_size_pretty(pg_database_size(current_database())) as s',
    );
    const loaded = `loaded in ${tLoad} s (INSERT … SELECT FROM generate_series) + VACUUM ANALYZE, CHECKPOINT ${seconds(t1)} s, ${size.rows[0]?.s}`;
    const v = await c.query<{ v: string }>(
      `select current_setting('server_version') || ', shared_buffers ' ||
         current_setting('shared_buffers') || ', max_parallel_workers_per_gather ' ||
         current_setting('max_parallel_workers_per_gather') || ', collation ' ||
         current_setting('lc_collate') as v`,
    );
    const openStoreRef = store;
    return {
      engine: 'postgres',
      version: `PostgreSQL ${v.rows[0]?.v}`,
      store: openStoreRef,
      loaded,
      async query(sqlText, params) {
        return (await c.query(sqlText, params as unknown[])).rows;
      },
      // On 2 busy cores a Gather plan can be slower than the same scan in one process.
      bareSettings: [
        {
          label: 'parallel workers as configured',
          apply: async () => void (await c.query('reset max_parallel_workers_per_gather')),
        },
        {
          label: 'parallel workers off',
          apply: async () => void (await c.query('set max_parallel_workers_per_gather = 0')),
        },
      ],
      appVariants: [
        {
          label: 'parallel workers off',
          async open() {
            await c.query(`alter database ${name} set max_parallel_workers_per_gather = 0`);
            const other = openStore(url.toString());
            return {
              store: other,
              async close() {
                await other.close();
                await c.query(`alter database ${name} reset max_parallel_workers_per_gather`);
              },
            };
          },
        },
      ],
      async close() {
        try {
          await c.end();
          await openStoreRef.close();
        } finally {
          await drop();
        }
      },
    };
  } catch (err) {
    await client?.end().catch(() => {});
    await store?.close().catch(() => {});
    await drop().catch(() => {});
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

interface Timing {
  median: number;
  min: number;
  max: number;
  /** CPU over the measured runs, in cores: this process, the local PostgreSQL server, and
   * everything else on the machine (non-zero means the figures are disturbed) */
  selfCpu: number;
  pgCpu: number;
  otherCpu: number;
}

/**
 * CPU time of this machine's PostgreSQL processes so far, µs (Linux; 0 elsewhere or for a remote
 * server). Short-lived parallel workers are counted through the postmaster's reaped-children
 * times (cutime, cstime).
 */
function postgresCpuUs(): number {
  if (process.platform !== 'linux') return 0;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // fields after the command: state ppid … utime(14) stime(15) cutime(16) cstime(17)
      const f = stat.slice(close + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10_000; // USER_HZ = 100
}

/** Busy time of the whole machine so far, µs (clock-tick resolution). */
const machineBusyUs = () =>
  cpus().reduce((t, c) => t + (c.times.user + c.times.nice + c.times.sys + c.times.irq) * 1000, 0);

async function timeIt(fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up
  const ms: number[] = [];
  const [cpu0, pg0, busy0] = [process.cpuUsage(), postgresCpuUs(), machineBusyUs()];
  const wall0 = process.hrtime.bigint();
  for (let k = 0; k < RUNS; k++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const wallUs = Number(process.hrtime.bigint() - wall0) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  const [selfUs, pgUs] = [cpu.user + cpu.system, postgresCpuUs() - pg0];
  ms.sort((a, b) => a - b);
  return {
    median: ms[Math.floor(RUNS / 2)]!,
    min: ms[0]!,
    max: ms[RUNS - 1]!,
    selfCpu: selfUs / wallUs,
    pgCpu: pgUs / wallUs,
    otherCpu: Math.max(0, machineBusyUs() - busy0 - selfUs - pgUs) / wallUs,
  };
}

/**
 * The bare GROUP BY, in the shape applicationCounts uses: the applications received by
 * 31 December that were decided on or after 1 January or are still open (two index ranges on
 * (agency_id, decided_on)), counting the same four buckets: received in the year; carried in
 * (received before it); decided in the year, by outcome; carried out (open on 31 December).
 * $1 = first day, $2 = last day, $3 = the agency ids.
 */
const BARE_SQL = `
  select applicant_type, outcome,
    count(case when received_on >= $1 then 1 end) as received,
    count(case when received_on < $1 then 1 end) as carried_in,
    count(case when decided_on <= $2 then 1 end) as decided,
    count(case when decided_on is null or decided_on > $2 then 1 end) as carried_out
  from (
    select applicant_type, outcome, received_on, decided_on from applications
     where agency_id = any($3) and decided_on >= $1 and received_on <= $2
    union all
    select applicant_type, outcome, received_on, decided_on from applications
     where agency_id = any($3) and decided_on is null and received_on <= $2
  ) a
  group by applicant_type, outcome`;

const [FIRST_DAY, LAST_DAY_OF_YEAR] = [`${YEAR}-01-01`, `${YEAR}-12-31`];

async function bare(db: BenchDb, ids: number[]): Promise<BareRow[]> {
  return (await db.query(BARE_SQL, [FIRST_DAY, LAST_DAY_OF_YEAR, ids])) as BareRow[];
}

/** Table 三 from the bare rows, to check that the app counted the same thing. */
function table3FromBare(rows: readonly BareRow[]) {
  const counts: ApplicationCount[] = [];
  const buckets = ['received', 'carried_in', 'decided', 'carried_out'] as const;
  for (const r of rows) {
    for (const bucket of buckets) {
      const n = Number(r[bucket]);
      if (n === 0) continue;
      counts.push({
        bucket,
        applicantType: r.applicant_type,
        outcome: bucket === 'decided' ? r.outcome : null,
        n,
      });
    }
  }
  return assembleTable3(formatForYear(YEAR)!, counts);
}

interface Result {
  engine: string;
  what: string;
  rows: string;
  app: Timing;
  bare?: Timing;
  budgetMs?: number;
}

interface EngineRun {
  results: Result[];
  report: AnnualReport;
  rollup: ReportTables;
  summary: string;
}

const engineName = (db: BenchDb) => (db.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL');

/** The bare query under each of the engine's settings; the fastest median counts. */
async function timeBare(
  db: BenchDb,
  what: string,
  fn: () => Promise<unknown>,
): Promise<Timing & { setting: string }> {
  let best: (Timing & { setting: string }) | undefined;
  for (const setting of db.bareSettings) {
    await setting.apply();
    const label = db.bareSettings.length > 1 ? ` (${setting.label})` : '';
    process.stdout.write(`  ${engineName(db)}: bare GROUP BY, ${what}${label} … `);
    const t = await timeIt(fn);
    console.log(`${t.median.toFixed(1)} ms`);
    if (!best || t.median < best.median) best = { ...t, setting: setting.label };
  }
  await db.bareSettings[0]!.apply();
  return best!;
}

async function runEngine(db: BenchDb): Promise<EngineRun> {
  const depsOf = (store: Store): Deps => ({
    store,
    now: () => new Date(`${YEAR + 1}-01-15T02:00:00Z`),
    auth: DEFAULT_AUTH_POLICY,
  });
  const deps = depsOf(db.store);
  const supervisor: Ctx = {
    actor: { userId: 0, username: 'bench-supervisor', role: 'supervisor', agencyId: OFFICE_ID },
    ip: '127.0.0.1',
  };
  const engine = engineName(db);
  const step = (what: string) => process.stdout.write(`  ${engine}: ${what} … `);
  const done = (t: Timing) => console.log(`${t.median.toFixed(1)} ms`);
  const scopeIds = [
    COUNTY_ID,
    OFFICE_ID,
    ...Array.from({ length: TOWNSHIPS }, (_, k) => FIRST_TOWNSHIP_ID + k),
  ];

  // One agency
  let report: AnnualReport | undefined;
  step(`buildAnnualReport, agency ${BIG_AGENCY_ID}`);
  const appOne = await timeIt(async () => {
    report = await buildAnnualReport(deps, SYSTEM_CTX, BIG_AGENCY_ID, YEAR);
  });
  done(appOne);
  let bareOneRows: BareRow[] = [];
  const bareOne = await timeBare(db, 'one agency', async () => {
    bareOneRows = await bare(db, [BIG_AGENCY_ID]);
  });
  deepStrictEqual(report!.table3, table3FromBare(bareOneRows), `${engine}: report ≠ bare query`);

  // The roll-up of the supervising office: the county and everything below it
  let rollup: Awaited<ReturnType<typeof buildRollup>> | undefined;
  step('buildRollup, supervising office');
  const appAll = await timeIt(async () => {
    rollup = await buildRollup(deps, supervisor, YEAR);
  });
  done(appAll);
  if (rollup!.agencies.length !== scopeIds.length) {
    throw new Error(
      `${engine}: the roll-up covers ${rollup!.agencies.length} agencies, expected ${scopeIds.length}`,
    );
  }
  let bareAllRows: BareRow[] = [];
  const bareAll = await timeBare(db, `${scopeIds.length} agencies`, async () => {
    bareAllRows = await bare(db, scopeIds);
  });
  deepStrictEqual(
    rollup!.tables.table3,
    table3FromBare(bareAllRows),
    `${engine}: roll-up ≠ bare query`,
  );

  // The app again under other server settings (diagnostic rows)
  const variantOne: Result[] = [];
  const variantAll: Result[] = [];
  for (const variant of db.appVariants) {
    const other = await variant.open();
    try {
      const vdeps = depsOf(other.store);
      step(`buildAnnualReport, ${variant.label}`);
      const one = await timeIt(async () => {
        const r = await buildAnnualReport(vdeps, SYSTEM_CTX, BIG_AGENCY_ID, YEAR);
        deepStrictEqual(r.table3, report!.table3);
      });
      done(one);
      step(`buildRollup, ${variant.label}`);
      const all = await timeIt(async () => {
        const r = await buildRollup(vdeps, supervisor, YEAR);
        deepStrictEqual(r.tables, rollup!.tables);
      });
      done(all);
      variantOne.push({ engine, what: `  (app, ${variant.label})`, rows: '100,000', app: one });
      variantAll.push({ engine, what: `  (app, ${variant.label})`, rows: '1,000,000', app: all });
    } finally {
      await other.close();
    }
  }

  const t = rollup!.tables.table3;
  const total = (key: string) => t[key]?.[6] ?? 0;
  const openShare = (100 * total('四')) / (total('一') + total('二'));
  const summary =
    `${db.version}: ${db.loaded}; ${YEAR} roll-up: received ${total('一')}, carried in ${total('二')}, ` +
    `decided ${total('三（七）')}, open at year end ${total('四')} (${openShare.toFixed(1)} %), ` +
    `${rollup!.missingFigures.length} agencies without ${YEAR} figures` +
    (db.bareSettings.length > 1
      ? `; bare fastest with ${bareOne.setting} (one agency), ${bareAll.setting} (roll-up)`
      : '');

  const results: Result[] = [
    {
      engine,
      what: 'annual report, one agency',
      rows: '100,000',
      app: appOne,
      bare: bareOne,
      budgetMs: BUDGET_AGENCY_MS,
    },
    ...variantOne,
    {
      engine,
      what: `roll-up, office over ${scopeIds.length} agencies`,
      rows: '1,000,000',
      app: appAll,
      bare: bareAll,
      budgetMs: BUDGET_ROLLUP_MS,
    },
    ...variantAll,
  ];
  return { results, report: report!, rollup: rollup!.tables, summary };
}

async function docxRow(report: AnnualReport): Promise<Result | string> {
  const specifier = new URL('../src/reports/docx.ts', import.meta.url).href;
  let mod: { renderDocx?: unknown };
  try {
    mod = (await import(specifier)) as { renderDocx?: unknown };
  } catch (err) {
    const e = err as { code?: string; url?: string; message?: string };
    if (e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('reports/docx.ts')) {
      return 'DOCX render: not measured — src/reports/docx.ts does not exist yet.';
    }
    throw err;
  }
  if (typeof mod.renderDocx !== 'function') {
    return 'DOCX render: not measured — src/reports/docx.ts does not export renderDocx.';
  }
  const render = mod.renderDocx as (r: AnnualReport) => Promise<Uint8Array>;
  let bytes = 0;
  const t = await timeIt(async () => {
    const out = await render(report);
    if (!(out instanceof Uint8Array) || out[0] !== 0x50 || out[1] !== 0x4b) {
      throw new Error('renderDocx did not return a ZIP (DOCX) buffer');
    }
    bytes = out.length;
  });
  return {
    engine: '–',
    what: `DOCX render, one agency (${(bytes / 1024).toFixed(1)} KB)`,
    rows: '–',
    app: t,
    budgetMs: BUDGET_DOCX_MS,
  };
}

function printTable(results: readonly Result[]): void {
  const header = [
    'engine',
    'what',
    'applications',
    'ms (median)',
    'min–max',
    'CPU self/pg/other',
    'bare ms',
    'ratio',
    'budget',
    'result',
  ];
  const lines = results.map((r) => {
    const ratio = r.bare ? r.app.median / r.bare.median : undefined;
    const budget = r.budgetMs
      ? `< ${r.budgetMs} ms${r.bare ? `, ≤ ${BUDGET_RATIO}× bare` : ''}`
      : '';
    const fails: string[] = [];
    if (r.budgetMs !== undefined && r.app.median >= r.budgetMs) fails.push('time');
    if (ratio !== undefined && ratio > BUDGET_RATIO) fails.push('ratio');
    const verdict =
      r.budgetMs === undefined ? '' : fails.length ? `FAIL (${fails.join(', ')})` : 'PASS';
    return [
      r.engine,
      r.what,
      r.rows,
      r.app.median.toFixed(1),
      `${r.app.min.toFixed(1)}–${r.app.max.toFixed(1)}`,
      [r.app.selfCpu, r.app.pgCpu, r.app.otherCpu].map((c) => c.toFixed(1)).join('/'),
      r.bare ? r.bare.median.toFixed(1) : '',
      ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
      budget,
      verdict,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const right = new Set([2, 3, 4, 5, 6, 7]);
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

/** Runs the report benchmark; throws on errors (not on a missed budget). */
export async function runReportBench(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? '';
  const withPostgres = isPostgresUrl(adminUrl);
  console.log(
    `\nAnnual report: Node ${process.version}, ${availableParallelism()} CPU(s) (${cpus()[0]?.model ?? '?'}); ` +
      `report year ${YEAR}; median of ${RUNS} runs after 1 warm-up`,
  );
  const results: Result[] = [];
  const notes: string[] = [];
  const runs: { engine: string; run: EngineRun }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-bench-'));
  try {
    const engines: (() => Promise<BenchDb>)[] = [() => openSqliteBench(dir)];
    if (withPostgres) engines.push(() => openPostgresBench(adminUrl));
    for (const open of engines) {
      const db = await open();
      try {
        console.log(`  ${db.version}: ${db.loaded}`);
        const run = await runEngine(db);
        runs.push({ engine: db.engine, run });
        results.push(...run.results);
        notes.push(run.summary);
      } finally {
        await db.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!withPostgres) {
    notes.push(
      `PostgreSQL: not run — DATABASE_URL is ${adminUrl ? 'not a postgres:// URL' : 'not set'} (set it to a server's postgres://… URL to add the PostgreSQL rows).`,
    );
  }
  const [first, second] = runs;
  if (first && second) {
    const tables = (r: AnnualReport) => ({ t2: r.table2, t3: r.table3, t4: r.table4 });
    deepStrictEqual(
      tables(second.run.report),
      tables(first.run.report),
      'report: SQLite ≠ PostgreSQL',
    );
    deepStrictEqual(second.run.rollup, first.run.rollup, 'roll-up: SQLite ≠ PostgreSQL');
    notes.push('SQLite and PostgreSQL computed identical reports and roll-ups.');
  }
  if (first) {
    const docx = await docxRow(first.run.report);
    if (typeof docx === 'string') notes.push(docx);
    else results.push(docx);
  }

  printTable(results);
  console.log(
    `Budget (2 cores): one agency < ${BUDGET_AGENCY_MS} ms, the roll-up < ${BUDGET_ROLLUP_MS} ms, each ≤ ${BUDGET_RATIO}× its bare query; DOCX render < ${BUDGET_DOCX_MS} ms. ` +
      'bare = one raw GROUP BY through the driver counting the same buckets in one pass (on PostgreSQL the faster of parallel workers as configured / off). ' +
      "Rows in parentheses are diagnostics without a budget: applicationCounts' four statements as raw SQL, one after the other; the app on connections with max_parallel_workers_per_gather = 0. " +
      'CPU self/pg/other: cores busy during the measured runs in this process / the local PostgreSQL server / everything else (other > 0 means the figures are disturbed).',
  );
  for (const n of notes) console.log(`  ${n}`);
}
