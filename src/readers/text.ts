/**
 * The text reader: a published annual report as plain text → the engine's report model plus
 * reading findings. It accepts tab-separated tables (one row a line, merged label cells given
 * once, form feeds between pages) and flattened page text in which the cells of a row run
 * together. Labels are found in order in a normalised search view (normalize.ts, locate.ts),
 * approximately when not exactly; the text between two labels is the row's cells (cells.ts). A
 * digit run is split by the column structure and the arithmetic of the table only when exactly
 * one split is consistent; otherwise the cell stays blank and READ-AMBIGUOUS lists the
 * possibilities. This module finds the sections and the layouts and assembles the model from
 * table2.ts, table3.ts, table4.ts, narrative.ts and title.ts (year, agency).
 */
import { FORMATS, formatForYear, type FormatId } from '../domain/report/formats.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { HEADINGS, LAYOUTS, type LayoutLabels, TABLE4_GROUP_KEYS } from './labels.ts';
import {
  between,
  textAt,
  findHeading,
  findIn,
  findStartIn,
  nextNumbered,
  noteFuzzy,
  type Ctx,
  type Match,
} from './locate.ts';
import { unlayout } from './layout.ts';
import { unwrap, withoutEmphasis } from './narrative.ts';
import { toViews, type TextViews } from './normalize.ts';
import { readFinding, type ReadFinding, type ReadResult } from './read-report.ts';
import { readTable2 } from './table2.ts';
import { locateTable3, readTable3, table3Layout } from './table3.ts';
import { readTable4 } from './table4.ts';
import { readFees } from './fees.ts';
import { namesReport, readAgency, titleOf, yearOf, type AgencyHint } from './title.ts';

export interface ReadTextOptions {
  /** the report year when the caller knows it; otherwise read from the title */
  year?: number;
  /** the publishing agency when the caller knows it; otherwise read from the title */
  agency?: AgencyHint;
  /**
   * the report's title as the document gives it outside its text (a web page's <title>): read
   * for the year and the agency when the text's first lines name no report
   */
  title?: string;
}

/** How many of `keys` start inside view[from, to). */
const keysFound = (view: string, keys: string[], from: number, to: number): number =>
  keys.filter((k) => findStartIn(view, k, from, to) >= 0).length;
/** Whether any of `keys` starts inside view[from, to). */
const anyKey = (view: string, keys: readonly string[], from: number, to: number): boolean =>
  keys.some((k) => findStartIn(view, k, from, to) >= 0);

/** Which layout a table follows: the one whose own labels (absent from the other) appear. */
function layoutOf(
  view: string,
  pick: (l: LayoutLabels) => string[],
  from: number,
  to: number,
): FormatId | null {
  const a = keysFound(view, pick(LAYOUTS['2019']), from, to);
  const b = keysFound(view, pick(LAYOUTS['2021']), from, to);
  return a > b ? '2019' : b > a ? '2021' : null;
}

/**
 * A line standing for an image in the text (html-text.ts writes one for each `<img>`): a table
 * whose place holds one and none of the table's labels was published as a picture.
 */
export const IMAGE_LINE = '[图片]';

/** Published reports run to tens of thousands of characters; far beyond that is not one. */
export const MAX_TEXT_CHARS = 2_000_000;

const refused = (name: 'tooLarge' | 'notReport', message: string): ReadResult => ({
  report: null,
  findings: [readFinding(name, 'document', message)],
  printedTable2: {},
});

type Range = readonly [from: number, to: number];

interface Sections {
  heads: (Match | null)[];
  /** where section i starts, or the next one found, or the end */
  startOf: (i: number) => number;
  table2: Range;
  table3: Range;
  /** from −1 when table 四 was not found */
  table4: Range;
}

/** The six headings in order (each fuzzy one said), and the ranges of the three tables. */
function findSections(ctx: Ctx): Sections {
  const { view } = ctx.v;
  const heads: (Match | null)[] = [];
  let cursor = 0;
  for (const h of HEADINGS) {
    const m = findHeading(ctx.v, h, cursor);
    heads.push(m);
    noteFuzzy(ctx, m, h.label, `section ${h.label}`);
    if (m) cursor = m.end;
  }
  const startOf = (i: number) => heads.slice(i).find((m) => m)?.start ?? view.length;
  const endOf = (i: number, fallback: number) => heads[i]?.end ?? fallback;
  const table2 = [endOf(1, endOf(0, 0)), startOf(2)] as const;
  // Without its heading, table 四 starts at its first group label after table 三's rows.
  const t4at = heads[3] ? -1 : view.indexOf(TABLE4_GROUP_KEYS[0] ?? '', endOf(2, table2[0]));
  const table3 = [
    endOf(2, table2[0]),
    t4at >= 0 ? Math.min(t4at, startOf(3)) : startOf(3),
  ] as const;
  // table 四 ends at the next section, or at a numbered heading of the report's own before it
  // (五、信息处理费收取情况, with 存在的主要问题 renumbered 六)
  const t4from = heads[3] ? heads[3].end : t4at;
  const table4 = [
    t4from,
    t4from < 0 ? startOf(4) : nextNumbered(view, t4from, startOf(4)),
  ] as const;
  return { heads, startOf, table2, table3, table4 };
}

const NUMERALS = '一二三四五六七八九十';
/** The words a heading of a report's own ends with (五、当前存在的突出问题, 六、下一步改进举措). */
const HEADING_END =
  /^.{2,16}?(?:情况|问题|事项|举措|措施|成效|计划|方向|打算)(?:[及和与].{1,8}?(?:情况|问题|事项|举措|措施|计划|打算))?/;
/** Where a heading's words stop when no ending is found: a clause's end, a space, a figure. */
const HEADING_STOP = /[。；;，,：:（(\s\d]/;

/** The heading of the report's own at view position `at` (a numeral, then 、), as printed. */
function ownHeading(v: TextViews, at: number): string {
  const from = textAt(v, at);
  const rest = v.text.slice(from + 2, from + 40);
  const ended = HEADING_END.exec(rest)?.[0];
  const stop = rest.search(HEADING_STOP);
  const words = ended ?? (stop >= 0 && stop <= 16 ? rest.slice(0, stop) : `${rest.slice(0, 16)}……`);
  return `${v.text.slice(from, from + 2)}${words}`;
}

/**
 * For each narrative section (一, 五, 六) whose heading is not found, the numbered heading of the
 * report's own that stands in its place, said in the finding: 君山片区 2025 printed 一、年度工作
 * 核心成效, 五、当前存在的突出问题, 六、下一步改进举措 and 七、其他需说明事项. (Sections 二–四 are
 * not looked for: the rows of table 三 are numbered 一、 to 四、 too.)
 */
function headingsInstead(v: TextViews, s: Sections): Map<number, string> {
  const out = new Map<number, string>();
  const { view } = v;
  const at = (numeral: string, from: number, to: number) => {
    const i = view.indexOf(`${numeral}.`, from);
    return i >= 0 && i < to ? i : -1;
  };
  let cursor = s.table4[0] >= 0 ? s.table4[1] : -1;
  for (const i of [0, 4, 5]) {
    const found = s.heads[i];
    if (found) {
      if (i > 0) cursor = Math.max(cursor, found.end);
      continue;
    }
    const from = i === 0 ? 0 : cursor;
    if (from < 0) continue;
    const to = i === 0 ? s.startOf(1) : s.startOf(i + 1);
    const h = at(NUMERALS[i] ?? '', from, to);
    if (h < 0) continue;
    let note = `：报告在这一位置的标题是“${ownHeading(v, h)}”，与格式规定的章节名称不同`;
    if (i > 0) cursor = h + 2;
    // (a seventh part after the sixth: the report's six parts are not the format's)
    const next = i === 5 ? at(NUMERALS[6] ?? '', h + 2, view.length) : -1;
    if (next >= 0) note += `，其后另有“${ownHeading(v, next)}”`;
    out.set(i, `${note}；请按格式规定的六个部分编排。`);
  }
  return out;
}

/** Something of a report: a heading of sections 二–四, three rows of table 三 or a caption of 二. */
function looksLikeReport(
  view: string,
  s: Sections,
  f2: FormatId,
  table3Rows: (Match | null)[],
): boolean {
  const rows = table3Rows.filter((m) => m);
  const captions = LAYOUTS[f2].table2.filter((b) => view.indexOf(b.caption, s.table2[0]) >= 0);
  return s.heads.slice(1, 4).some((m) => m) || rows.length >= 3 || captions.length > 0;
}

/**
 * A line that stands for a picture: ours (IMAGE_LINE), a copy tool's ([图片], 【图片2】) or
 * Markdown's (![表三](images/3.png)), alone on its line.
 */
const PICTURE_LINE = /^\s*(?:[[【]图片\d*[\]】]|!\[[^\]\n]*\]\([^)\n]*\))\s*$/;

/**
 * The text without its picture lines, which no label, cell or title is, and where they stood in
 * it.
 */
function withoutImages(text: string): { text: string; images: number[] } {
  if (!text.includes('图片') && !text.includes('![')) return { text, images: [] };
  const kept: string[] = [];
  const images: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (PICTURE_LINE.test(line)) {
      images.push(at);
      continue;
    }
    kept.push(line);
    at += line.length + 1;
  }
  return images.length ? { text: kept.join('\n'), images } : { text, images };
}

/** Each layout's table-二 captions and rows, as searched. */
const TABLE2_KEYS = Object.fromEntries(
  Object.entries(LAYOUTS).map(([id, l]) => [id, l.table2.flatMap((b) => [b.caption, ...b.rows])]),
) as Record<FormatId, string[]>;

const TABLE_NAMES = { table2: '表二', table3: '表三', table4: '表四' } as const;
type TableId = keyof typeof TABLE_NAMES;

/**
 * The tables of which the text has nothing — table 二 none of its captions or rows, table 三 none
 * of its rows, table 四 none of its groups nor a figure — each said once and not read: published
 * as a picture when an image (IMAGE_LINE) stands in its place (READ-TABLE-IMAGE: its cells
 * cannot be checked), else missing (READ-MISSING-SECTION; table 三's own reader says it). The
 * findings, by table, are said where each table is read.
 */
function absentTables(
  ctx: Ctx,
  s: Sections,
  f2: FormatId,
  table3Rows: (Match | null)[],
  images: readonly number[],
) {
  const { v } = ctx;
  // (a picture stands between two labels' text: at a text position in [from, to])
  const pictured = (from: number, to: number) => {
    const a = from <= 0 ? 0 : textAt(v, from - 1) + 1;
    const b = textAt(v, to);
    return images.some((p) => p >= a && p <= b);
  };
  const empty: Record<TableId, () => boolean> = {
    table2: () => !anyKey(v.view, TABLE2_KEYS[f2], ...s.table2),
    table3: () => table3Rows.every((m) => !m),
    table4: () =>
      !anyKey(v.view, TABLE4_GROUP_KEYS, ...s.table4) && !/\d/.test(between(v, ...s.table4)),
  };
  const ranges: Record<TableId, Range> = s;
  const out = new Map<TableId, ReadFinding>();
  for (const id of ['table2', 'table3', 'table4'] as const) {
    const [from, to] = ranges[id];
    if (from < 0 || !empty[id]()) continue;
    const name = TABLE_NAMES[id];
    if (images.length > 0 && pictured(from, to))
      out.set(
        id,
        readFinding(
          'tableImage',
          id,
          `${name}在原文中是图片，没有文字，其中的数字无法读取，也无法核对；请对照图片人工核对，或取得以文字发布的版本。`,
          { cell: { table: id } },
        ),
      );
    else if (id !== 'table3')
      out.set(
        id,
        readFinding('missingSection', id, `${name}未找到：格式规定的各项均未找到，不予读取。`),
      );
  }
  return out;
}

/** What starts table 三 before its first row: its note on the arithmetic, its header. */
const TABLE3_HEAD = ['(本列数据', '申请人情况'];

/**
 * Section 三's words before its table (2023年，共收到政府信息公开申请0条。): from its heading's
 * end to the table's note, header or first row, whichever comes first; '' when there are none.
 */
function applicationsLead(
  v: TextViews,
  from: number,
  to: number,
  rows: readonly (Match | null)[],
): string {
  let end = to;
  for (const m of rows) if (m && m.start >= from && m.start < end) end = m.start;
  for (const key of TABLE3_HEAD) {
    const at = findIn(v.view, key, from, end);
    if (at >= 0) end = at;
  }
  return end > from ? prose(between(v, from, end)) : '';
}

/** A part of the report's words as the narrative sections are read: paragraphs, no emphasis. */
const prose = (text: string): string =>
  withoutEmphasis(unwrap(text)).replace(LEADING_CLAUSE_END, '').trim();

/** A word of table 四's header: its figures and header come after the section's words. */
const TABLE4_HEADER_WORD = '结果维持';

/**
 * Section 四's words before its table (2023年，没有政府信息公开行政复议及行政诉讼情况。): up to the
 * last sentence end before the table's header (whose words — 行政复议, 行政诉讼 — the sentence may
 * share); '' when there are none.
 */
function reviewsLead(v: TextViews, from: number, to: number): string {
  const seg = between(v, from, to);
  const header = seg.indexOf(TABLE4_HEADER_WORD);
  const words = header < 0 ? '' : seg.slice(0, header);
  const end = words.lastIndexOf('。');
  return end < 0 ? '' : prose(words.slice(0, end + 1));
}

/** Table 四's last header word: its figures follow it. */
const TABLE4_LAST_HEADER_WORD = '总计';

/** Section 四's sentences after its table's figures (…总计10000100000000000我局严格规范…。). */
function reviewsAfter(v: TextViews, from: number, to: number): string {
  const seg = between(v, from, to);
  const last = seg.indexOf(TABLE4_HEADER_WORD) < 0 ? -1 : seg.lastIndexOf(TABLE4_LAST_HEADER_WORD);
  return last < 0 ? '' : wordsAfterFigures(seg.slice(last + TABLE4_LAST_HEADER_WORD.length));
}

/** Section 三's sentences after its last row's figures (四、结转下年度继续办理20000022025年，…。). */
function applicationsAfter(v: TextViews, to: number, rows: readonly (Match | null)[]): string {
  const last = rows.reduce<Match | null>((a, m) => (m && (!a || m.start > a.start) ? m : a), null);
  return last && last.end < to ? wordsAfterFigures(between(v, last.end, to)) : '';
}

/** A table's figures (and the spaces between them), then the first character of words. */
const FIGURES_THEN_WORDS = /^[\d\s]*\d[\d\s]*(?=[\u4e00-\u9fff])/;
/** …of a row the year of whose first sentence is glued to its last figure (20000022025年). */
const YEAR_GLUED = /(?:19|20)\d\d$/;

/**
 * The sentences after a table's last figures, to the last full stop: words a report prints
 * below its table, which the checks of the narrative read as they read the rest.
 */
function wordsAfterFigures(seg: string): string {
  const figures = FIGURES_THEN_WORDS.exec(seg);
  if (!figures) return '';
  let start = figures[0].length;
  // (a year glued to the figures opens the words: 2025年，我局共收到…)
  const year = YEAR_GLUED.exec(figures[0].trimEnd());
  if (year && seg[start] === '年' && /\d/.test(figures[0].slice(0, year.index))) start = year.index;
  const stop = seg.lastIndexOf('。');
  return stop > start ? prose(seg.slice(start, stop + 1)) : '';
}

/** Clause endings (and spaces) before a section's first words. */
const LEADING_CLAUSE_END = /^[\s。，,；;：:]+/;

/** Reads a published annual report from text. Never throws on any string input. */
export function readReportText(raw: string, opts: ReadTextOptions = {}): ReadResult {
  if (raw.length > MAX_TEXT_CHARS)
    return refused(
      'tooLarge',
      `文本有${raw.length}个字符，超过年度报告文本的上限${MAX_TEXT_CHARS}，不予读取。`,
    );
  // (text laid out by position: each row's figures after its whole label, as cells)
  // (pictures are no text: taken out, remembered where they stood)
  const { text, images } = withoutImages(unlayout(raw));
  const v = toViews(text);
  const ctx: Ctx = { v, findings: [] };
  const s = findSections(ctx);
  const own = titleOf(v.text);
  const title = opts.title && !namesReport(own) && namesReport(opts.title) ? opts.title : own;
  const yearText = yearOf(title, v.text);
  const own2 = layoutOf(v.view, (l) => l.only2, ...s.table2);
  const ofYear = formatForYear(opts.year ?? yearText ?? 0)?.id ?? null;
  const t3 = table3Layout(v.view, ...s.table3, own2 ?? ofYear);
  const f2: FormatId = own2 ?? t3 ?? ofYear ?? '2021';
  const f3: FormatId = t3 ?? f2;
  // table 三's labels, located once: they tell a report, then its rows are read
  const table3Rows = locateTable3(v, LAYOUTS[f3].table3, ...s.table3);
  if (!looksLikeReport(v.view, s, f2, table3Rows))
    return refused(
      'notReport',
      namesReport(title)
        ? `找到了年度报告的标题“${title}”，但没有报告的章节标题（二、主动公开政府信息情况 等）和表格：正文可能另以文件（Word、PDF）、图片或网页脚本发布，不在这份文本中；请上传报告原件。`
        : '未找到政府信息公开工作年度报告的章节标题（二、主动公开政府信息情况 等）和表格，这不是一份年度报告，或其正文无法读取。',
    );

  const instead = headingsInstead(v, s);
  HEADINGS.forEach((h, i) => {
    if (!s.heads[i])
      ctx.findings.push(
        readFinding(
          'missingSection',
          `section ${h.label}`,
          `未找到章节“${h.label}”${instead.get(i) ?? '。'}`,
        ),
      );
  });
  if (f2 !== f3)
    ctx.findings.push(
      readFinding(
        'mixedLayout',
        'table2, table3',
        `表二按${LAYOUTS[f2].format.source}格式、表三按${LAYOUTS[f3].format.source}格式填写，两种格式混用。`,
      ),
    );
  let year = opts.year ?? yearText ?? NaN;
  if (!Number.isInteger(year)) {
    year = FORMATS.find((f) => f.id === f2)?.years.from ?? 2021;
    ctx.findings.push(
      readFinding('noYear', 'title', `标题中未找到报告年度，按${year}年度读取，请核对。`),
    );
  }

  const absent = absentTables(ctx, s, f2, table3Rows, images);
  const said = (id: TableId) => {
    const f = absent.get(id);
    if (f) ctx.findings.push(f);
    return f !== undefined;
  };
  const { table2, printed } = said('table2')
    ? { table2: {}, printed: {} }
    : readTable2(ctx, LAYOUTS[f2], ...s.table2);
  const table3 = said('table3') ? {} : readTable3(ctx, LAYOUTS[f3], table3Rows, ...s.table3);
  // the fee table after table 三 (信息处理费收取情况); table 四 ends before it
  const fees = readFees(ctx, Math.max(0, s.table3[1]));
  const t4: Range =
    fees && fees.from > s.table4[0] && fees.from < s.table4[1]
      ? [s.table4[0], fees.from]
      : s.table4;
  const table4 = !said('table4') && t4[0] >= 0 ? readTable4(ctx, ...t4) : {};
  // (a section's text starts after the clause ending a heading running into it leaves: 。今年…)
  // (the fee table inside a section is no words of it)
  const slice = (i: number) => {
    const head = s.heads[i];
    if (!head) return '';
    const to = s.startOf(i + 1);
    if (!fees || fees.from < head.end || fees.from >= to) return prose(between(v, head.end, to));
    const parts = [prose(between(v, head.end, fees.from)), prose(between(v, fees.to, to))];
    return parts.filter((p) => p !== '').join('\n');
  };
  const lead = s.heads[2] ? applicationsLead(v, s.heads[2].end, s.table3[1], table3Rows) : '';
  // (the words before the first heading: the title, a page's chrome, the introduction)
  const preamble = withoutEmphasis(unwrap(v.text.slice(0, textAt(v, s.startOf(0))))).trim();
  const reviews = s.heads[3] ? reviewsLead(v, s.heads[3].end, t4[1]) : '';
  const afterApplications = s.heads[2] ? applicationsAfter(v, s.table3[1], table3Rows) : '';
  const afterReviews = s.heads[3] ? reviewsAfter(v, s.heads[3].end, t4[1]) : '';
  const extraText = {
    ...(preamble ? { preamble } : {}),
    ...(lead ? { applications: lead } : {}),
    ...(afterApplications ? { applicationsAfter: afterApplications } : {}),
    ...(reviews ? { reviews } : {}),
    ...(afterReviews ? { reviewsAfter: afterReviews } : {}),
  };
  const report: AnnualReport = {
    year,
    format: f2,
    agency: readAgency(title, opts.agency, ctx.findings),
    narrative: { overview: slice(0), problems: slice(4), other: slice(5) },
    ...(Object.keys(extraText).length > 0 ? { extraText } : {}),
    table2,
    table3,
    table4,
    ...(fees ? { fees: fees.fees } : {}),
  };
  return { report, findings: ctx.findings, printedTable2: printed };
}
