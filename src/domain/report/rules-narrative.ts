/**
 * Checks of the narrative text against the tables and the law (spec §1.6 TEXT-NUM, §5).
 * Deliberately conservative: a number is compared only when the phrase leaves no doubt which
 * table cell it restates, and a sub-count (其中、自然人、网上…) is never taken for a total.
 */
import { isDecimal } from './decimal.ts';
import { SECTION_HEADINGS } from './formats.ts';
import { APPLICANT_TYPES } from './outcomes.ts';
import type { AnnualReport, ReportExtraText, ReportNarrative } from './model.ts';
import {
  memoized,
  num,
  t3,
  t4,
  table3Keys,
  table3RowLabel,
  type Issue,
  type RuleContext,
} from './rule-helpers.ts';

/**
 * A part of the report's words: a narrative section, or words a published report prints outside
 * them (its introduction before section 一, section 三's words before its table).
 */
type Section = keyof ReportNarrative | keyof ReportExtraText;

const HEADING: Record<Section, string> = {
  preamble: '前言',
  overview: SECTION_HEADINGS[0],
  applications: SECTION_HEADINGS[2],
  applicationsAfter: SECTION_HEADINGS[2],
  reviews: SECTION_HEADINGS[3],
  reviewsAfter: SECTION_HEADINGS[3],
  problems: SECTION_HEADINGS[4],
  other: SECTION_HEADINGS[5],
};

const wordsOf = (report: AnnualReport, section: Section): string =>
  isNarrative(section) ? report.narrative[section] : (report.extraText?.[section] ?? '');

const isNarrative = (section: Section): section is keyof ReportNarrative =>
  section === 'overview' || section === 'problems' || section === 'other';

/** Sentences of a section, split at 。！？； and line breaks, full-width digits made ASCII. */
export function sentences(text: string): string[] {
  return sentencesOfAscii(asciiDigits(text));
}

function sentencesOfAscii(text: string): string[] {
  return text
    .split(/[。！？；;!?\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const asciiDigits = (text: string): string =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A section's words, full-width digits made ASCII, once per validate(). */
const sectionText = (report: AnnualReport, ctx: RuleContext, section: Section): string =>
  memoized(ctx, `narrative.text.${section}`, () => asciiDigits(wordsOf(report, section)));

/** A section's sentences, split once per validate() (TEXT-NUM and BASIS-OUTDATED read them). */
const sectionSentences = (report: AnnualReport, ctx: RuleContext, section: Section): string[] =>
  memoized(ctx, `narrative.${section}`, () => sentencesOfAscii(sectionText(report, ctx, section)));

/** Words that make a count a part of the total, not the total. */
const SUBSET = [
  '其中',
  '自然人',
  '法人',
  '企业',
  '组织',
  '机构',
  '网',
  '信函',
  '当面',
  '传真',
  '邮',
  '电话',
  '结转',
];
/** All applicants, named (共收到公民、法人及其他组织提出的申请21件): no sub-count. */
const ALL_APPLICANTS = /公民、?法人(?:和|或者?|及|以及)?其他组织/g;
const SUBSET_BEFORE = ['其中', '按时', '按期', '逾期', '超期', '限期'];
/** Words of an outcome in the clause before 答复 N件: a count of that outcome (平潭市场监督管理局 2025). */
const OUTCOME_BEFORE = /公开|提供|不予|告知|补正|处理|转办|同意|驳回/;
/** The clause of `s` before `at`: from the last comma (or the start). */
const clauseBefore = (s: string, at: number): string =>
  s.slice(Math.max(s.lastIndexOf('，', at - 1), s.lastIndexOf(',', at - 1)) + 1, at);

interface Claim {
  row: '一' | '二' | '三（七）' | '四';
  n: number;
  text: string;
  /** said in words, not a figure (未收到政府信息公开申请) */
  none?: true;
}

// Applications are counted in 件, now and then in 条 (共收到政府信息公开申请0条: 平潭经济发展局 2023).
const RECEIVED = [
  /(?:收到|新收|受理)([^，,。；;：:\d]{0,20}?)申请(?:数量)?(?:为|共|共计|合计|总计)?\s*(\d+)\s*[件条份]/g,
  /(?:收到|新收|受理)(?:了|各类)?\s*(\d+)\s*[件条份]([^，,。；;：:\d]{0,16}?)申请/g,
];
/**
 * 受理依申请公开3件 (平潭社会事业局 2025): applications named by the word of the procedure — in 件
 * only (依申请公开信息1504条 counts the documents released on request, not applications).
 */
const RECEIVED_ON_REQUEST =
  /(?:收到|新收|受理)(?:了)?依申请公开(?:政府信息)?(?:申请)?(?:共|共计|合计)?\s*(\d+)\s*件/g;
/** 未收到依申请公开事宜, 没有收到政府信息公开申请: none received — nothing else named between. */
const RECEIVED_NONE =
  /(?:未|没有)(?:收到|受理)(?:过)?(?:任何)?(?:政府信息公开|信息公开)?(?:申请|依申请公开)/;
/** What a clause denies when it names more than applications. */
const NOT_APPLICATIONS = /复议|诉讼|举报|投诉|申诉|信访|第三方/;
/** 结转上年度政府信息公开申请1件 (平潭公安局 2022): the applications carried over into the year. */
const CARRIED_IN =
  /(?:上一?年度?结转|结转上一?年度?)的?(?:政府信息公开)?申请(?:共|为)?\s*(\d+)\s*件/g;
const CLOSED = /(?:办结|答复|办理完毕)\s*(\d+)\s*[件条]/g;
const CARRIED = [
  /(\d+)\s*[件条][^，,。；;\d]{0,6}?(?:结转|顺延)(?:到|至)?下一?年/g,
  /(?:结转|顺延)(?:到|至)?下一?年度?(?:继续)?(?:办理|答复)?的?(?:申请)?(?:共|为)?\s*(\d+)\s*[件条]/g,
];

const before = (s: string, index: number): string => s.slice(Math.max(0, index - 4), index);

/**
 * The matches of a global pattern, as matchAll gives them, without the copy of the pattern
 * matchAll makes on every call. (None of the patterns above matches an empty string.)
 */
function matchesOf(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m);
  return out;
}

/** The application counts a sentence states, with the table-三 row each restates. */
export function claims(sentence: string): Claim[] {
  const out: Claim[] = [];
  // (none received: a clause without any figure; each pattern below names 收到 or 受理)
  const receives = sentence.includes('收到') || sentence.includes('受理');
  if (receives)
    for (const clause of sentence.split(/[，,]/)) {
      const m = RECEIVED_NONE.exec(clause);
      // (未收到依申请公开行政复议、行政诉讼……等情况: no applications are what is denied)
      if (m && !/\d/.test(clause) && !NOT_APPLICATIONS.test(clause.slice(m.index)))
        out.push({ row: '一', n: 0, text: clause.slice(m.index), none: true });
    }
  // every phrase below states a count of 件 (or 条) in digits
  if (!/[件条份]/.test(sentence) || !/\d/.test(sentence)) return out;
  // (the words each pattern needs, looked for before the pattern is run)
  const received = receives || sentence.includes('新收');
  const carries = sentence.includes('结转');
  if (received)
    for (const m of matchesOf(RECEIVED_ON_REQUEST, sentence))
      if (!before(sentence, m.index).includes('其中'))
        out.push({ row: '一', n: Number(m[1]), text: m[0] });
  if (carries)
    for (const m of matchesOf(CARRIED_IN, sentence))
      out.push({ row: '二', n: Number(m[1]), text: m[0] });
  if (received)
    RECEIVED.forEach((re, i) => {
      for (const m of matchesOf(re, sentence)) {
        const [gap, n] = i === 0 ? [m[1], m[2]] : [m[2], m[1]];
        // (公民、法人或者其他组织 are all applicants: no sub-count)
        const some = gap?.replace(ALL_APPLICANTS, '');
        if (SUBSET.some((w) => some?.includes(w)) || before(sentence, m.index).includes('其中'))
          continue;
        out.push({ row: '一', n: Number(n), text: m[0] });
      }
    });
  // (答复 N件 is a count of answers only beside a count of the applications received)
  if (out.some((c) => c.row === '一' && !c.none)) {
    for (const m of matchesOf(CLOSED, sentence)) {
      if (SUBSET_BEFORE.some((w) => before(sentence, m.index).includes(w))) continue;
      // (不予公开答复3件, 因无法提供相关信息答复2件: the answers of one outcome, not all)
      if (OUTCOME_BEFORE.test(clauseBefore(sentence, m.index))) continue;
      out.push({ row: '三（七）', n: Number(m[1]), text: m[0] });
    }
  }
  if (carries || sentence.includes('顺延'))
    for (const re of CARRIED) {
      for (const m of matchesOf(re, sentence)) out.push({ row: '四', n: Number(m[1]), text: m[0] });
    }
  return out;
}

/** An outcome of table 三 a narrative counts: the rows whose 总计 it sums. */
export interface OutcomeClaim {
  /** the row key of the outcome (三（三）), or of its group's rows (三（三）1…8) */
  group: string;
  n: number;
  text: string;
}

/**
 * Each outcome's words, as narratives write them before its count (予以公开1件, 给予同意公开答复 1
 * 件, 区分处理后公开11件, 因无法提供相关信息答复2件): the words, then at most 8 others of the same
 * clause, then the count in 件.
 */
const OUTCOME_WORDS_OF: readonly { group: string; words: string }[] = [
  { group: '三（一）', words: '予以公开|同意公开|全部公开' },
  { group: '三（二）', words: '部分公开|区分处理' },
  { group: '三（三）', words: '不予以?公开' },
  { group: '三（四）', words: '无法提供' },
  { group: '三（五）', words: '不予处理' },
  { group: '三（六）', words: '其他处理' },
];
const OUTCOME_COUNTS = OUTCOME_WORDS_OF.map(({ group, words }) => ({
  group,
  re: new RegExp(`(?:${words})[^，,。；;：:（）()\\d]{0,8}?(\\d+)\\s*件`, 'g'),
}));
/** Right before 予以公开: words making it another outcome (不予以公开, 部分予以公开, 区分处理后予以公开). */
const NOT_WHOLE = /不|部分|区分|后$/;
/**
 * A sentence counting the applications of some applicants only (自然人申请的，予以公开5件) — not
 * of all of them, named (ALL_APPLICANTS).
 */
const SOME_APPLICANTS = /自然人|公民|法人|企业|组织|机构|网上|信函|当面|传真|邮/;
/** A conjunction between an outcome's words and the count, or right before the words. */
const JOINT = /[及和与、或]/;
const JOINT_BEFORE = /[及和与、或]$/;
/** A sentence comparing with another year (较上年不予公开减少2件): none of its counts is read. */
const OTHER_YEAR = /上年|去年|上一年|同比|较/;

/** The counts of table 三's outcomes a sentence states. */
export function outcomeClaims(sentence: string): OutcomeClaim[] {
  const out: OutcomeClaim[] = [];
  if (!sentence.includes('件') || !/\d/.test(sentence) || OTHER_YEAR.test(sentence)) return out;
  for (const { group, re } of OUTCOME_COUNTS) {
    for (const m of matchesOf(re, sentence)) {
      if (group === '三（一）' && NOT_WHOLE.test(before(sentence, m.index))) continue;
      if (SOME_APPLICANTS.test(sentence.slice(0, m.index).replace(ALL_APPLICANTS, ''))) continue;
      // (予以公开及部分公开42件, 予以公开、部分公开共42件: a count of two outcomes together)
      if (JOINT.test(m[0]) || JOINT_BEFORE.test(sentence.slice(0, m.index))) continue;
      out.push({ group, n: Number(m[1]), text: m[0] });
    }
  }
  return out;
}

/** A count of the applications of one kind of applicant: its table-三 columns. */
export interface ApplicantClaim {
  /** the columns of table 三 whose sum it is (自然人, or the five of 法人或其他组织) */
  columns: readonly ApplicantColumn[];
  /** the applicant as the words name it */
  who: string;
  n: number;
  text: string;
}

type ApplicantColumn = (typeof APPLICANT_TYPES)[number]['column'];
const ORG_COLUMNS: readonly ApplicantColumn[] = APPLICANT_TYPES.slice(1).map((a) => a.column);
/**
 * 其中法人申请1件、自然人申请2件 (平潭农业农村局 2024), 涉及自然人72件、商业企业3件 (平潭 2022), 其中
 * 自然人申请 741 件，法人或其他组织申请 8 件 (沭阳县 2025): the applicant, at most 提出的申请 or 申请
 * after it, then the count.
 */
const APPLICANT_COUNT =
  /(自然人|法人(?:或者?|和|及)?(?:其他组织)?|商业企业|科研机构|社会公益组织|法律服务机构)(?:的)?(?:提出的?)?(?:申请)?(?:共|为)?\s*(\d+)\s*件/g;

/** The counts of kinds of applicants a sentence states (said only beside a count received). */
export function applicantClaims(sentence: string): ApplicantClaim[] {
  // (公民、法人或其他组织 names every applicant: masked, its 法人 is no kind)
  const masked = sentence.replace(ALL_APPLICANTS, (w) => '＃'.repeat(w.length));
  const out: ApplicantClaim[] = [];
  for (const m of matchesOf(APPLICANT_COUNT, masked)) {
    const who = m[1] ?? '';
    const one = APPLICANT_TYPES.find((a) => a.column === who);
    const columns = who.startsWith('法人') ? ORG_COLUMNS : one ? [one.column] : [];
    if (columns.length > 0) out.push({ columns, who, n: Number(m[2]), text: m[0] });
  }
  return out;
}

/**
 * Each kind of applicant's count against row 一's columns — or rows 一 and 二 together, when the
 * words count the carried-over applications with the new (沭阳县 2025: 受理749件 = 713 + 36, 其中
 * 自然人申请741件 = 705 + 36): a count that is neither is wrong somewhere.
 */
function checkApplicantNumbers(
  report: AnnualReport,
  section: Section,
  s: string,
  out: Issue[],
): void {
  for (const c of applicantClaims(s)) {
    const sum = (row: string): number | null => {
      const vs = c.columns.map((col) => num(t3(report, row, col)));
      return vs.every((v) => v !== null) ? vs.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
    };
    const received = sum('一');
    // (a blank or missing cell is BLANK-CELL's and the arithmetic rules')
    if (received === null || received === c.n) continue;
    const carried = sum('二');
    if (carried !== null && received + carried === c.n) continue;
    const cols = c.columns.length > 1 ? '“法人或其他组织”五栏之和' : `“${c.columns[0]}”栏`;
    out.push({
      where: `section ${HEADING[section]} “${s}”`,
      cell:
        c.columns.length > 1
          ? { table: 'table3', row: '一' }
          : { table: 'table3', row: '一', column: c.columns[0] },
      stated: c.n,
      computed: received,
      message: `“${HEADING[section]}”写明“${c.text}”，但表三“${table3RowLabel('一')}”${cols}为${received}件${carried ? `（含上年结转为${received + carried}件）` : ''}。正文与表格应一致，请核对后改正其中之一。`,
    });
  }
}

/** The rows an outcome's count sums: the outcome's own row, or its group's numbered rows. */
function outcomeRows(keys: readonly string[], group: string): string[] {
  const sub = keys.filter((k) => k.startsWith(group) && /\d$/.test(k));
  return sub.length > 0 ? sub : keys.filter((k) => k === group);
}

function checkOutcomeNumbers(
  report: AnnualReport,
  ctx: RuleContext,
  section: Section,
  s: string,
  out: Issue[],
): void {
  for (const c of outcomeClaims(s)) {
    const rows = outcomeRows(table3Keys(report, ctx), c.group);
    const totals = rows.map((k) => num(t3(report, k, '总计')));
    // (a blank or missing cell is BLANK-CELL's and the arithmetic rules')
    if (rows.length === 0 || totals.some((t) => t === null)) continue;
    const table = totals.reduce<number>((a, t) => a + (t ?? 0), 0);
    if (table === c.n) continue;
    const label = table3RowLabel(rows.length > 1 ? `${c.group}` : (rows[0] ?? c.group));
    const which = rows.length > 1 ? `“${groupLabel(c.group)}”各项总计之和` : `“${label}”总计`;
    out.push({
      where: `section ${HEADING[section]} “${s}”`,
      // (a group's rows are all marked: the count is of their sum)
      cell:
        rows.length === 1
          ? { table: 'table3', row: rows[0] ?? c.group, column: '总计' }
          : { table: 'table3', column: '总计' },
      rows,
      stated: c.n,
      computed: table,
      message: `“${HEADING[section]}”写明“${c.text}”，但表三${which}为${table}件。正文与表格应一致，请核对后改正其中之一。`,
    });
  }
}

/** 三（三） → （三）不予公开 */
const groupLabel = (group: string): string =>
  table3RowLabel(`${group}1`).split(' ')[0] ?? table3RowLabel(group);

/** A count of table 四 a sentence states: of 行政复议 (its 总计) or 行政诉讼 (both groups' 总计). */
export interface RemedyClaim {
  kind: '行政复议' | '行政诉讼';
  n: number;
  text: string;
}

/** 行政复议案件2件, 行政诉讼0件, 行政复议1起: the count right after the word (its 案件 between). */
const REMEDY_COUNT = /(行政复议|行政诉讼)(?:案件)?\s*(\d+)\s*[件起宗]/g;
/** The other word and a conjunction right before a count's word: a count of both together. */
const JOINED = /(?:行政复议|行政诉讼|复议|诉讼)[、和及或与]$/;
/**
 * 未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况: a clause saying there were none —
 * 未, 没有 or 无 (not 无论, 无法) before the word with no figure between.
 */
const REMEDY_NONE = /(?:未|没有|无(?![论法须需]))[^，,。；;\d]{0,30}?(行政复议|行政诉讼)/;
/**
 * Words by which such a clause denies an outcome, not the cases (不存在行政复议或者行政诉讼中被撤销
 * 、确认违法……的情况, 未出现被纠错的情况): no count of cases.
 */
const OUTCOME_WORDS = /撤销|确认违法|责令|纠正|纠错|败诉|改变/;

/** The counts of table 四 a sentence states (as counts in digits, or none at all). */
export function remedyClaims(sentence: string): RemedyClaim[] {
  const out: RemedyClaim[] = [];
  if (!sentence.includes('行政复议') && !sentence.includes('行政诉讼')) return out;
  for (const m of matchesOf(REMEDY_COUNT, sentence)) {
    // (行政复议、行政诉讼案件3件 counts both together: no count of either)
    if (before(sentence, m.index).includes('其中') || JOINED.test(sentence.slice(0, m.index)))
      continue;
    out.push({ kind: m[1] as RemedyClaim['kind'], n: Number(m[2]), text: m[0] });
  }
  for (const clause of sentence.split(/[，,]/)) {
    const m = REMEDY_NONE.exec(clause);
    if (!m || /\d/.test(clause) || OUTCOME_WORDS.test(clause)) continue;
    const said = clause.slice(m.index);
    for (const kind of ['行政复议', '行政诉讼'] as const)
      if (said.includes(kind) && !out.some((c) => c.kind === kind))
        out.push({ kind, n: 0, text: said });
  }
  return out;
}

/** Table 四's 总计 for what a claim counts: 行政复议's, or the sum of both 行政诉讼 groups'. */
const REMEDY_GROUPS: Record<RemedyClaim['kind'], readonly string[]> = {
  行政复议: ['行政复议'],
  行政诉讼: ['行政诉讼.未经复议直接起诉', '行政诉讼.复议后起诉'],
};

function checkRemedyNumbers(report: AnnualReport, section: Section, s: string, out: Issue[]): void {
  for (const c of remedyClaims(s)) {
    const groups = REMEDY_GROUPS[c.kind];
    const totals = groups.map((g) => num(t4(report, g, '总计')));
    // (a blank or missing cell is BLANK-CELL's and T4-SUM's)
    if (totals.some((t) => t === null)) continue;
    const table = totals.reduce<number>((a, t) => a + (t ?? 0), 0);
    if (table === c.n) continue;
    const which =
      c.kind === '行政复议'
        ? '“行政复议”总计'
        : '“行政诉讼”两组（未经复议直接起诉、复议后起诉）总计之和';
    out.push({
      where: `section ${HEADING[section]} “${s}”`,
      cell: { table: 'table4', column: '总计' },
      rows: [...groups],
      stated: c.n,
      computed: table,
      message: `“${HEADING[section]}”写明“${c.text}”${c.n === 0 && !/\d/.test(c.text) ? `（即${c.kind}0件）` : ''}，但表四${which}为${table}件。正文与表格应一致，请核对后改正其中之一。`,
    });
  }
}

export interface FeeClaim {
  /** 元 */
  amount: number;
  text: string;
}

/** The fee's name: 信息处理费, 信息公开处理费, 政府信息公开信息处理费(用). */
const FEE_WORD = '信息(?:公开)?处理费用?';
/** 收取信息处理费共计380元, 实际收取信息处理费400元: the amount collected, in 元. */
const FEE_AMOUNT = new RegExp(
  `收取了?[^，,。；;\\d]{0,10}?${FEE_WORD}(?:共计|合计|总计|共|计)?\\s*(\\d+(?:\\.\\d+)?)\\s*(万)?元`,
);
/**
 * 本年度没有产生信息公开处理费, 无收取信息处理费情况, 未收取信息处理费: none collected — 未,
 * 没有 or 无 right before 收取 or 产生 (不收取任何费用 is the rule, not the year's account).
 */
const FEE_NONE = new RegExp(`(?:未|没有|无)(?:收取|产生)[^，,。；;\\d]{0,10}?${FEE_WORD}`);

/** The fees collected a sentence states (an amount, or none), the year's own. */
export function feeClaims(sentence: string): FeeClaim[] {
  if (!sentence.includes('处理费') || OTHER_YEAR.test(sentence)) return [];
  const m = FEE_AMOUNT.exec(sentence);
  if (m && !before(sentence, m.index).includes('其中'))
    return [{ amount: Number(m[1]) * (m[2] ? 10_000 : 1), text: m[0] }];
  for (const clause of sentence.split(/[，,]/)) {
    const none = FEE_NONE.exec(clause);
    if (none && !/\d/.test(clause.slice(none.index)))
      return [{ amount: 0, text: clause.slice(none.index) }];
  }
  return [];
}

const FEES_COLLECTED = '实际收取金额（元）';

/** A sentence's fees collected against the fee table's 实际收取金额 (when the report has one). */
function checkFeeNumbers(report: AnnualReport, section: Section, s: string, out: Issue[]): void {
  const v = report.fees?.[FEES_COLLECTED];
  const table = typeof v === 'string' && isDecimal(v) ? Number(v) : null;
  if (table === null) return;
  for (const c of feeClaims(s)) {
    if (c.amount === table) continue;
    out.push({
      where: `section ${HEADING[section]} “${s}”`,
      cell: { table: 'fees', row: '信息处理费收取情况', column: FEES_COLLECTED },
      stated: c.amount,
      computed: table,
      message: `“${HEADING[section]}”写明“${c.text}”${c.amount === 0 && !/\d/.test(c.text) ? '（即0元）' : ''}，但信息处理费收取情况表“${FEES_COLLECTED}”为${table}元。正文与表格应一致，请核对后改正其中之一。`,
    });
  }
}

export function checkTextNumbers(report: AnnualReport, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  // (the words above and below tables 三 and 四 state the year's applications and cases as often as 一 does)
  for (const section of [
    // (the words before section 二 when section 一's heading is worded otherwise: 一、年度工作核心成效)
    'preamble',
    'overview',
    'applications',
    'applicationsAfter',
    'reviews',
    'reviewsAfter',
    'other',
  ] as const) {
    for (const s of sectionSentences(report, ctx, section)) {
      const stated = claims(s);
      // (a count of some applicants is read only where the sentence counts those received)
      if (stated.some((c) => c.row === '一' && !c.none))
        checkApplicantNumbers(report, section, s, out);
      for (const c of stated) {
        // A blank or missing table cell is reported by BLANK-CELL and the arithmetic rules.
        const table = num(t3(report, c.row, '总计'));
        if (table === null || table === c.n) continue;
        // "收到申请N件（含上年结转M件）" counts rows 一 and 二 together.
        const carriedIn = num(t3(report, '二', '总计'));
        const withCarried = c.row === '一' && /含[^，,]{0,6}结转/.test(s);
        if (withCarried && carriedIn !== null && table + carriedIn === c.n) continue;
        // the same count with the carried-over applications in it, unsaid: said how to say it
        // the applicants' columns of the row adding up to the words' count: 总计 is what is wrong
        // (平潭农业农村局 2025: 收到申请1份, its row 一 1|0|0|0|0|0|0)
        const applicants = APPLICANT_TYPES.map((a) => num(t3(report, c.row, a.column)));
        const byApplicants = applicants.every((v) => v !== null)
          ? applicants.reduce<number>((a, v) => a + (v ?? 0), 0)
          : null;
        // (the table's own arithmetic first: a wrong 总计 is certain, a count with the carried-over
        // applications in it a guess)
        const unsaid =
          byApplicants === c.n
            ? `正文的${c.n}件与该行各申请人类别之和相符，可能是“总计”栏填错（见 T3-ROW）；`
            : c.row === '一' && carriedIn !== null && carriedIn > 0 && table + carriedIn === c.n
              ? `${c.n}件正是本年新收${table}件与上年结转${carriedIn}件之和：若正文的数字包含上年结转的申请，请写明“含上年结转${carriedIn}件”；否则`
              : '正文与表格应一致，';
        out.push({
          where: `section ${HEADING[section]} “${s}”`,
          cell: { table: 'table3', row: c.row, column: '总计' },
          stated: c.n,
          computed: table,
          message: `“${HEADING[section]}”写明“${c.text}”${c.none ? '（即0件）' : ''}，但表三“${table3RowLabel(c.row)}”总计为${table}件。${unsaid}请核对后改正其中之一。`,
        });
      }
      checkOutcomeNumbers(report, ctx, section, s, out);
      checkRemedyNumbers(report, section, s, out);
      checkFeeNumbers(report, section, s, out);
    }
  }
  return out;
}

/**
 * A document a report may not cite: one no longer applicable from a year on (`from`), or one
 * issued after the reports of a year up to `to` were due (the latest deadline, 3月31日 of the next
 * year, 条例第四十九条) — a citation no report of that year could have made when it was published.
 */
interface CitedBasis {
  pattern: RegExp;
  from?: number;
  to?: number;
  /** what is wrong and what to do, after “section 引用了“…”：” */
  advice: string;
}

const CITED_BASES: readonly CitedBasis[] = [
  {
    pattern: /国办公开办函\s*[〔[［(（]\s*2019\s*[〕\]］)）]\s*60\s*号/,
    from: 2021,
    advice:
      '2021年度起的年度报告应依据国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》编制，〔2019〕60号的试行格式已不适用。请改为引用现行依据',
  },
  {
    pattern: /国务院令\s*第?\s*492\s*号/,
    from: 2019,
    advice:
      '2008年《政府信息公开条例》（国务院令第492号）已由国务院令第711号修订，修订后的条例自2019年5月15日起施行。请改为引用现行依据',
  },
  {
    // (regulations §2.5: issued 2020-11-17)
    pattern: /国办函\s*[〔[［(（]\s*2020\s*[〕\]］)）]\s*109\s*号/,
    to: 2019,
    advice:
      '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）2020年11月17日才印发，晚于2019年度报告的发布期限，按期发布的2019年度报告不会引用它，多是照搬了后来年度报告的文字或发布后改写过。请核对本报告的年度和这段文字',
  },
  {
    // (regulations §1.1: 成文 2021-09-26)
    pattern: /国办公开办函\s*[〔[［(（]\s*2021\s*[〕\]］)）]\s*30\s*号/,
    to: 2020,
    advice:
      '国办公开办函〔2021〕30号2021年9月才印发，晚于2020年度及以前年度报告的发布期限，按期发布的本年度报告不会引用它，多是照搬了后来年度报告的文字或发布后改写过。请核对本报告的年度和这段文字',
  },
];

export function checkLegalBasis(report: AnnualReport, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const outdated = CITED_BASES.filter(
    (o) => report.year >= (o.from ?? -Infinity) && report.year <= (o.to ?? Infinity),
  );
  // (the introduction before section 一 is where a report names what it was written under)
  for (const section of ['preamble', 'overview', 'problems', 'other'] as const) {
    // (a section citing none of them needs no splitting into sentences: each sentence is a
    // piece of the section's text)
    const text = sectionText(report, ctx, section);
    if (!outdated.some((o) => o.pattern.test(text))) continue;
    for (const s of sectionSentences(report, ctx, section)) {
      for (const o of outdated) {
        const m = o.pattern.exec(s);
        if (!m) continue;
        out.push({
          where: `section ${HEADING[section]} “${quoted(s, m.index, m.index + m[0].length)}”`,
          stated: m[0],
          message: `“${HEADING[section]}”引用了“${m[0]}”：${o.advice}。`,
        });
      }
    }
  }
  return out;
}

/** A sentence longer than this is quoted by its clause around what was found. */
const QUOTE_MAX = 100;
const CLAUSE_BREAK = /[，,\s]/;

/**
 * A sentence as a finding quotes it: whole, or when long (a page's text running the chrome above
 * the report into its first sentence: 当前位置: 首页… 根据《条例》……) the clause holding
 * s[from, to), from the comma or space before it to the comma after it.
 */
function quoted(s: string, from: number, to: number): string {
  if (s.length <= QUOTE_MAX) return s;
  let a = from;
  while (a > 0 && !CLAUSE_BREAK.test(s[a - 1] ?? '')) a--;
  let b = to;
  while (b < s.length && !/[，,]/.test(s[b] ?? '')) b++;
  return s.slice(a, b);
}

/**
 * The statistical period a report states (本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止):
 * the years of its first and last day.
 */
const PERIOD =
  /统计(?:期限|时限|期间|时间|区间|周期)[^。；;\d]{0,8}?(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日[^。；;\d]{0,6}?(\d{4})\s*年\s*12\s*月\s*31\s*日/;
/**
 * The report naming itself (编制完成2023年度政府信息公开工作年度报告, 现将本机关2022年政府信息公开
 * 工作年度报告公布如下): a word of making or publishing it, then its year — never inside 《》,
 * where a notice's title names a report (《关于做好2021年政府信息公开工作年度报告编制公布工作的通知》).
 */
const NAMED =
  /(?:本|编制完成|编制|完成|现将|特此|发布|公布|形成)[^。；;，,\d《》]{0,8}?(\d{4})\s*年度?(?:政府信息公开(?:工作)?)?年度?报告/g;

/** Whether `at` in `s` lies inside 《…》. */
const insideTitle = (s: string, at: number): boolean =>
  s.lastIndexOf('《', at) > s.lastIndexOf('》', at);

/** The report's words name another year for it: its statistical period, or its own name. */
export function checkTextYear(report: AnnualReport, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const year = report.year;
  for (const section of ['preamble', 'overview', 'other'] as const) {
    if (!wordsOf(report, section).includes('年')) continue;
    for (const s of sectionSentences(report, ctx, section)) {
      // each other year said, where first said
      const said = new Map<number, [number, number]>();
      const p = s.includes('统计') ? PERIOD.exec(s) : null;
      if (p) {
        const other = [Number(p[1]), Number(p[2])].find((y) => y !== year);
        if (other !== undefined) said.set(other, [p.index, p.index + p[0].length]);
      }
      for (const m of s.includes('报告') ? matchesOf(NAMED, s) : []) {
        const y = Number(m[1]);
        if (!insideTitle(s, m.index) && y !== year && !said.has(y))
          said.set(y, [m.index, m.index + m[0].length]);
      }
      for (const [other, [from, to]] of said) {
        const words = quoted(s, from, to);
        out.push({
          where: `section ${HEADING[section]} “${words}”`,
          stated: other,
          computed: year,
          message: `“${HEADING[section]}”写明的年度是${other}年（“${words}”），而本报告是${year}年度报告：可能沿用了其他年度报告的文字。请改为${year}年度。`,
        });
      }
    }
  }
  out.push(...checkSignatureYear(report), ...checkPlanYear(report, ctx));
  return out;
}

/**
 * The year an improvement plan is for (2021年，我局将坚持……): the plan of section 五 is for the
 * year after the report's; a plan for the report's year itself, or before, is last year's words.
 */
const PLAN =
  /(\d{4})\s*年度?[，,]?\s*(?:我局|我委|我办|我区|我市|我县|我镇|本局|本机关|我单位|我们|我中心)?\s*将/g;
/** Right before a year: a time it runs from or to (自2021年起将……), no plan's year. */
const SINCE = /[自从至于起]$/;

function checkPlanYear(report: AnnualReport, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const heading = HEADING.problems;
  if (!report.narrative.problems.includes('将')) return out;
  for (const s of sectionSentences(report, ctx, 'problems')) {
    for (const m of matchesOf(PLAN, s)) {
      const year = Number(m[1]);
      if (year > report.year || SINCE.test(s.slice(0, m.index))) continue;
      const words = quoted(s, m.index, m.index + m[0].length);
      out.push({
        where: `section ${heading} “${words}”`,
        stated: year,
        computed: report.year + 1,
        message: `“${heading}”的改进计划写的是${year}年（“${words}”），而本报告是${report.year}年度报告，改进计划应是${report.year + 1}年的：可能沿用了往年报告的文字。请核对后改为${report.year + 1}年。`,
      });
      break;
    }
  }
  return out;
}

/** A date in the words (2021年1月25日). */
const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
/** How far from the end of the report's last section its signature's date stands, at most. */
const SIGNATURE_TAIL = 80;
const AFTER_SIGNATURE = 40;

/** A dated line of the report's end: its signature, or the 版记's 印发 date after it. */
interface EndDate {
  text: string;
  year: number;
  /** 落款日期, or 印发日期 for a date followed by 印发 */
  kind: string;
}

/**
 * The dates the report ends with: the last date in the end of section 六 (平潭综合实验区旅游与文
 * 化体育局 2021年1月25日), with at most a few words after it (附件下载); when it is the date a
 * 版记 says the report was printed on (…办公室 2020年1月26日印发), the signature's date before it
 * too (经济发展局 2020: signed 2021年1月26日, printed “2020年1月26日”).
 */
function endDates(report: AnnualReport): EndDate[] {
  // (full-width digits made ASCII one for one: the tail is the same characters either way)
  const tail = asciiDigits(report.narrative.other.trim().slice(-SIGNATURE_TAIL));
  const dates = [...matchesOf(DATE, tail)];
  const last = dates.at(-1);
  if (!last || tail.length - (last.index + last[0].length) > AFTER_SIGNATURE) return [];
  const date = (m: RegExpExecArray, kind: string): EndDate => ({
    text: m[0],
    year: Number(m[1]),
    kind,
  });
  const end = last.index + last[0].length;
  if (!tail.startsWith('印发', end)) return [date(last, '落款日期')];
  const before = dates.at(-2);
  const between = before ? tail.slice(before.index + before[0].length, last.index) : '';
  return before && !/[。；;]/.test(between) && between.length <= AFTER_SIGNATURE
    ? [date(before, '落款日期'), date(last, '印发日期')]
    : [date(last, '印发日期')];
}

/**
 * Signed (or printed) within the year it reports on, or before: a report is made after its year
 * (条例 第四十九条: by 31 January of the next) — the date of another year's report, carried over,
 * or a slip of the year.
 */
function checkSignatureYear(report: AnnualReport): Issue[] {
  const heading = SECTION_HEADINGS[5];
  return endDates(report)
    .filter((d) => d.year <= report.year)
    .map((d) => ({
      where: `section ${heading} “${d.text}”`,
      stated: d.text,
      computed: report.year,
      message: `“${heading}”末尾的${d.kind}是${d.text}，在本报告所述的${report.year}年度结束之前：年度报告应在${report.year + 1}年编制公布（《政府信息公开条例》第四十九条：每年1月31日前公布上一年度的年度报告），可能是年份笔误或沿用了其他年度报告的${d.kind === '印发日期' ? '版记' : '落款'}。请核对${d.kind}。`,
    }));
}

/** Days from `a` to `b` (civil dates `YYYY-MM-DD`). */
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Published on or before the deadline of 条例 第四十九条 (or the agency's own deadline). */
export function checkPublicationDeadline(report: AnnualReport): Issue[] {
  const p = report.publication;
  if (!p) return [];
  if (p.publishedOn !== null) {
    if (p.publishedOn <= p.deadline) return [];
    return [
      {
        where: 'publication',
        stated: p.publishedOn,
        computed: p.deadline,
        message: `本报告于${p.publishedOn}发布，晚于发布期限${p.deadline}（${daysBetween(p.deadline, p.publishedOn)}天）。依据：${p.basis}。`,
      },
    ];
  }
  if (p.asOf <= p.deadline) return [];
  return [
    {
      where: 'publication',
      stated: '未发布',
      computed: p.deadline,
      message: `发布期限${p.deadline}已过${daysBetween(p.deadline, p.asOf)}天，本报告尚未发布。依据：${p.basis}。请尽快完成审核并发布。`,
    },
  ];
}
