/**
 * The title of a published report, its year, and the publishing agency read from it: the full
 * name as the title prints it (淮安市人民政府, 意溪镇人民政府, 平潭综合实验区, 淮安市教育局),
 * whether the title runs over two or three lines, puts the year before or after the name, or is
 * worded 关于…的. The level is presumed from the administrative units the name starts with
 * (省/市/区/县/镇/乡/街道…) and said so with READ-AGENCY-LEVEL, unless the caller gives it.
 */
import { LEVEL_LABELS, type AgencyKind, type AgencyLevel } from '../domain/agency.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { readFinding, type ReadFinding } from './read-report.ts';

export interface AgencyHint {
  name?: string;
  level?: AgencyLevel;
  kind?: AgencyKind;
}

/** A report's name: …年度报告, …年报, or …年度政府信息公开工作报告 (平潭自然资源与生态环境局 2021). */
const REPORT_WORD = /年度?报告|年报|政府信息公开工作报告/;
const YEAR = /((?:19|20)\d{2})\s*年/;
/** A line before the title line that cannot be part of it: a sentence, a date, page chrome. */
const NOT_TITLE =
  /[。，；：:！？,;>»]|\d+\s*月\s*\d+\s*日|\d{4}[-/.]\d|发布|来源|时间|日期|索引号|文号|字号|首页|当前位置|年报|报告/;
/** A line naming a part of the document, not the title (正文 above it in a PDF converted to text). */
const PART_MARKER = /^(?:正文|全文|原文|附件\d*)$/;
/** Page chrome around a web page's title: breadcrumbs, menus. */
const CHROME = /首页|当前位置|您的位置|[>»|]/;
/** The title line itself: no sentence punctuation, not a paragraph. */
const SENTENCE = /[。，；！？]/;
const TITLE_LINE_MAX = 40;
const HEAD_LINES = 60;

const squeeze = (s: string): string => s.replace(/[\s\u3000]+/g, '');

/** The first `n` lines of a text, as split('\n', n) gives them, without splitting the rest. */
function headLines(text: string, n: number): string[] {
  let end = -1;
  for (let i = 0; i < n; i++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return text.split('\n', n);
  }
  return n > 0 ? text.slice(0, end).split('\n') : [];
}

/** Whether a title names an annual report (…年度报告, …年报). */
export const namesReport = (title: string): boolean => REPORT_WORD.test(title);

/**
 * The title: a `标题:` header line if there is one, else the first line that names a report
 * (年度报告, 年报) with the short title lines just before it, or the line after it when the
 * title is cut before 报告; without one, the first line unless it is a sentence. Cut after its
 * first 报告/年报 (flattened text runs on).
 */
export function titleOf(text: string): string {
  const lines = joinCutTitle(
    headLines(text, HEAD_LINES)
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  );
  const header = lines.find((l) => /^标题\s*[:：]/.test(l));
  if (header) return cut(header.replace(/^标题\s*[:：]\s*/, ''));
  // a breadcrumb (首页 > 政务公开 > 政府信息公开年报) names the column, not the report
  const named = (l: string) => REPORT_WORD.test(l) && !CHROME.test(l);
  const at = lines.some(named)
    ? lines.findIndex(named)
    : lines.findIndex((l) => REPORT_WORD.test(l));
  // no line names a report: the first line, unless it is a sentence (根据《条例》…编制本报告。)
  if (at < 0) {
    const first = lines[0] ?? '';
    return squeeze(first).length <= TITLE_LINE_MAX && !SENTENCE.test(first) ? cut(first) : '';
  }
  let title = lines[at] ?? '';
  const part = (l: string | undefined): l is string =>
    l !== undefined &&
    squeeze(l).length <= TITLE_LINE_MAX &&
    !NOT_TITLE.test(l) &&
    !PART_MARKER.test(squeeze(l));
  // The name may stand on the line(s) above the year (淮安市人民政府 / 2024 年…年度报告), and
  // a title cut before 报告 starts on the line above (…2020年政府信息 / 公开工作年度报告).
  const titleLine = squeeze(cut(title)).length <= TITLE_LINE_MAX + 10 && !SENTENCE.test(cut(title));
  for (let i = at - 1; titleLine && i >= Math.max(0, at - 2) && part(lines[i]); i--)
    title = `${lines[i]}${title}`;
  return cut(title);
}

/**
 * Lines with a title's line cut inside its last words joined to the next one (a PDF's title
 * wrapped at the page width: 沭阳县发展和改革局 2023 年政府信息公开年度 / 报告), which only so
 * names a report; else the body's first sentence naming it would be taken for the title.
 */
function joinCutTitle(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1];
    const joined = `${line}${next ?? ''}`;
    const cutTitle =
      next !== undefined &&
      /^[\s\u3000]*(度|年度|工作年度)?[\s\u3000]*(报告|年报)/.test(next) &&
      !REPORT_WORD.test(line) &&
      REPORT_WORD.test(squeeze(joined)) &&
      squeeze(line).length <= TITLE_LINE_MAX &&
      !SENTENCE.test(line);
    out.push(cutTitle ? joined : line);
    if (cutTitle) i++;
  }
  return out;
}

function cut(title: string): string {
  const t = title.replace(/^[\s\u3000]+/, '');
  const m = /年度?报告|年报/.exec(t);
  return (m ? t.slice(0, m.index + m[0].length) : t).slice(0, 120);
}

/** The report year printed in the title, else in the first lines of the text. */
export function yearOf(title: string, text: string): number | null {
  const m = YEAR.exec(squeeze(title)) ?? YEAR.exec(text.slice(0, 400));
  return m ? Number(m[1]) : null;
}

/** 关于 and the verb of a title that sends a report on (关于印发…的通知, 关于报送…的函). */
const ABOUT = /关于(?:印发|报送|上报|公布|发布)?/;

/**
 * What of `part` names the agency: everything before 政府信息公开/信息公开 (the 政府 of
 * 人民政府信息公开 belongs to both), else before 工作年度报告/年度报告/年报.
 */
function namePart(part: string): string {
  const info = part.indexOf('信息公开');
  let head = info >= 0 ? part.slice(0, info) : part.replace(/(工作)?(年度)?(报告|年报).*$/, '');
  if (head.endsWith('政府政府')) head = head.slice(0, -2);
  else if (head.endsWith('政府') && !head.endsWith('人民政府')) head = head.slice(0, -2);
  // (a title whose year the text lost — a PDF's digits set apart from the line: 年上海市… — keeps
  // its 年 or 年度 first, as the year's 度 after it)
  return head
    .replace(LEADING_WORDS, '')
    .replace(TRAILING_WORDS, '')
    .replace(/(工作)$/, '');
}

/** Words around an agency's name in a title that are not the name's (see namePart). */
const LEADING_WORDS = new RegExp(`^(年|度|${ABOUT.source}|的)+`);
const TRAILING_WORDS = new RegExp(`(${ABOUT.source}|的|度)+$`);

/** The agency's name as the title prints it, or '' when the title names none. */
export function agencyNameOf(title: string): string {
  const t = squeeze(title).replace(/[《》“”"'「」()（）【】[\]]/g, '');
  const y = /(?:19|20)\d{2}年度?/.exec(t);
  let name: string;
  if (y) {
    const before = namePart(t.slice(0, y.index));
    const after = namePart(t.slice(y.index + y[0].length));
    // 甲关于印发乙2024年…的通知: the report is 乙's when 乙 is a named agency; 甲关于报送2020年…
    // 的函: 甲's
    const about = before.split(ABOUT);
    name =
      about.length > 1 && after === '' ? (about[about.length - 1] ?? '') || (about[0] ?? '') : '';
    if (name === '') name = `${before}${after}`;
  } else name = namePart(t);
  return name.length >= 2 && name.length <= 40 && !/\d/.test(name) ? name : '';
}

// ---------------------------------------------------------------- level and kind

/** Administrative units a name starts with, longest suffix first, with the level each gives. */
const UNIT_SUFFIXES: readonly [string, AgencyLevel][] = [
  ['特别行政区', 'province'],
  ['自治区', 'province'],
  ['省', 'province'],
  ['高新技术产业开发区', 'county'],
  ['经济技术开发区', 'county'],
  // 平潭综合实验区: a zone governed at the level of a prefecture-level city
  ['综合实验区', 'city'],
  ['开发区', 'county'],
  ['高新区', 'county'],
  ['新区', 'county'],
  ['自治州', 'city'],
  ['地区', 'city'],
  ['市', 'city'],
  ['州', 'city'],
  ['盟', 'city'],
  ['自治县', 'county'],
  ['自治旗', 'county'],
  ['林区', 'county'],
  // 平潭综合实验区's 片区管理局 carry the township (乡镇) functions of their areas
  ['片区', 'township'],
  ['县', 'county'],
  ['旗', 'county'],
  ['区', 'county'],
  ['街道办事处', 'township'],
  ['街道', 'township'],
  ['社区', 'township'],
  ['镇', 'township'],
  ['乡', 'township'],
  ['苏木', 'township'],
];
const UNIT = new RegExp(`^([\\u4e00-\\u9fff]{1,5}?)(${UNIT_SUFFIXES.map((s) => s[0]).join('|')})`);
/** The four municipalities directly under the central government are of provincial level. */
const MUNICIPALITIES = /^(北京|上海|天津|重庆)$/;
/** Words inside a department's name, never inside a place name (城乡建设局, 城市管理局). */
const NOT_PLACE = /和|与|及|城乡|人民|政府|管理|委员|办公|^城$|^都$|^超$/;

/** The administrative units the name starts with: 潮州市|湘桥区|意溪镇. */
function placeUnits(name: string): AgencyLevel[] {
  const levels: AgencyLevel[] = [];
  let rest = name;
  for (;;) {
    const m = UNIT.exec(rest);
    if (!m || NOT_PLACE.test(m[1] ?? '')) return levels;
    const suffix = m[2] ?? '';
    let level = UNIT_SUFFIXES.find(([s]) => s === suffix)?.[1] ?? 'city';
    if (suffix === '市' && MUNICIPALITIES.test(m[1] ?? '')) level = 'province';
    // a 市 under a 市 is a county-level city (苏州市昆山市)
    if (suffix === '市' && levels.includes('city')) level = 'county';
    levels.push(level);
    rest = rest.slice(m[0].length);
  }
}

const GOVERNMENT = /(人民政府|政府|管委会|管理委员会|办事处)$/;
const DEPARTMENT = /(局|委员会|委|办公室|办公厅|办|厅|中心|署|院|所|站|队|会)$/;

export function agencyKindOf(name: string): AgencyKind {
  return GOVERNMENT.test(name) ? 'government' : DEPARTMENT.test(name) ? 'department' : 'government';
}

/** The level the name presumes: its innermost unit; a name without one is presumed 市级. */
export function agencyLevelOf(name: string): AgencyLevel {
  return placeUnits(name).at(-1) ?? 'city';
}

/** The agency: as the caller gives it, else read from the title (the level said to be presumed). */
export function readAgency(
  title: string,
  hint: AgencyHint | undefined,
  findings: ReadFinding[],
): AnnualReport['agency'] {
  const name = hint?.name ?? agencyNameOf(title);
  const kind = hint?.kind ?? agencyKindOf(name);
  if (hint?.level) return { name, level: hint.level, kind };
  const level = agencyLevelOf(name);
  const presumed = name
    ? `机关层级按名称“${name}”推定为${LEVEL_LABELS[level]}`
    : `标题中未读出机关名称，机关层级推定为${LEVEL_LABELS[level]}`;
  findings.push(
    readFinding(
      'agencyLevel',
      'agency',
      `${presumed}；“规章”一项的核对（LEVEL-规章）取决于层级，请确认。`,
    ),
  );
  return { name, level, kind };
}
