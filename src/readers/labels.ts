/**
 * The labels a reader looks for, derived once from formats.ts (never re-typed): section
 * headings, table-二 captions, rows and columns, table-三 rows and groups, table-四 groups and
 * columns, each with its search key (normalize.ts), and per layout the labels only that layout
 * has, which decide which format a report follows.
 */
import {
  FEE_TABLE,
  FORMATS,
  SECTION_HEADINGS,
  TABLE2_FIRST_HEADER,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type FormatId,
  type ReportFormat,
  type Table2Block,
  type Table3Row,
} from '../domain/report/formats.ts';
import { escapeRegExp, labelKey } from './normalize.ts';

export interface Heading {
  /** the heading as in formats.ts */
  label: string;
  /** `四.` — the numbered prefix, in the search view */
  prefix: string;
  /** the words after the prefix, in the search view */
  body: string;
  /** the words a report wording the heading otherwise may end it with (HEADING_TAILS) */
  tails: readonly string[];
  /** other words published reports give the heading after its number (HEADING_WORDINGS) */
  wordings: readonly string[];
}

/** One anchor of table 三, in reading order: a row (with values) or a merged group label. */
export interface Table3Anchor {
  key: string;
  /** the row key, absent for a group label */
  row?: Table3Row;
  /** the keys of the other names the row is printed under (TABLE3_ROW_ALIASES) */
  aliases?: string[];
}

export interface LayoutLabels {
  format: ReportFormat;
  /** each row's search key, and the keys of the other names it is printed under (ROW_ALIASES) */
  table2: { block: Table2Block; caption: string; rows: string[]; aliases: string[][] }[];
  table3: Table3Anchor[];
  /** search keys found only in this layout's table 二 / table 三 */
  only2: string[];
  only3: string[];
}

/**
 * The endings published reports give a heading worded otherwise: 五、存在的主要问题及改进措施
 * (平潭海坛片区 2024), …及整改措施 (沭阳县发展和改革局 2023), …及明年工作计划 (平潭公安局 2024).
 * Its words most like the template's stop short of them (…及改进 | 措施, …及整 | 改措施, …及明 |
 * 年工作计划); a heading is read to the end of the longest ending it cuts into or is followed by,
 * so that the ending is not taken for its text.
 */
const HEADING_TAILS: Readonly<Record<string, readonly string[]>> = {
  [SECTION_HEADINGS[4] ?? '']: [
    '明年工作计划',
    '下一年度工作计划',
    '下一步工作计划',
    '下一步工作打算',
    '下一步工作安排',
    '下一步工作',
    '工作计划',
    '工作打算',
    '改进计划',
    '整改计划',
    '整改措施',
    '改进措施',
    '整改情况',
    '改进情况',
    '整改举措',
    '改进举措',
    '改进方向',
    '整改方向',
    '整改',
    '改进',
    '措施',
    '举措',
    '情况',
    '方向',
  ],
  [SECTION_HEADINGS[5] ?? '']: ['与附表', '及附表', '和附表'],
};

/**
 * Other words published reports give a heading after its number, too unlike the template's to be
 * told by their likeness: 六、需要说明的其他事项与附表 (平潭农业农村局 2022). Matched exactly
 * after the number, read to the end of an ending of HEADING_TAILS, and reported.
 */
const HEADING_WORDINGS: Readonly<Record<string, readonly string[]>> = {
  // (平潭经济发展局 2022–2025: 四、政府信息公开行政复议与行政诉讼情况)
  [SECTION_HEADINGS[3] ?? '']: [
    '政府信息公开行政复议与行政诉讼情况',
    '政府信息公开行政复议和行政诉讼情况',
    '政府信息公开行政复议及行政诉讼情况',
  ],
  // (平潭农业农村局 2020: 五、政府信息公开存在的问题及改进措施)
  [SECTION_HEADINGS[4] ?? '']: ['政府信息公开存在的问题及改进措施'],
  [SECTION_HEADINGS[5] ?? '']: [
    '需要说明的其他事项',
    '其他需要说明的事项',
    '其他需说明事项',
    '其他需要说明事项',
  ],
};

export const HEADINGS: readonly Heading[] = SECTION_HEADINGS.map((label) => {
  const k = labelKey(label);
  const dot = k.indexOf('.');
  return {
    label,
    prefix: k.slice(0, dot + 1),
    body: k.slice(dot + 1),
    tails: HEADING_TAILS[label] ?? [],
    wordings: (HEADING_WORDINGS[label] ?? []).map(labelKey),
  };
});

/**
 * Other names a table-二 row is printed under in published reports. Reports in the 2021 layout
 * keep the 2019 row name 规范性文件 for 行政规范性文件 (平潭市场监督管理局 2023, 海坛片区 2024).
 * A name used is reported (READ-FUZZY-LABEL), as a typo is.
 */
export const ROW_ALIASES: Readonly<Record<string, readonly string[]>> = {
  行政规范性文件: ['规范性文件'],
};

/**
 * Other names a table-三 row is printed under, looked for only between the rows around it: the
 * 2021 （六）'s third row labelled 其他 without its 3. (平潭社会事业局 2021).
 */
export const TABLE3_ROW_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '三（六）3': ['其他'],
};

function table3Anchors(f: ReportFormat): Table3Anchor[] {
  const out: Table3Anchor[] = [];
  let group: string | undefined;
  for (const row of f.table3Rows) {
    // The outermost group 三、本年度办理结果 sits in front of （一）; a sub-group in front of its 1.
    if (row.key === '三（一）') out.push({ key: labelKey(TABLE3_OUTCOME_GROUP) });
    if (row.group && row.group !== TABLE3_OUTCOME_GROUP && row.group !== group)
      out.push({ key: labelKey(row.group) });
    group = row.group;
    const aliases = TABLE3_ROW_ALIASES[row.key];
    out.push({
      key: labelKey(row.label),
      row,
      ...(aliases ? { aliases: aliases.map(labelKey) } : {}),
    });
  }
  return out;
}

function layoutKeys(f: ReportFormat) {
  const t2 = f.table2.flatMap((b) => [b.caption, ...b.rows, ...b.columns.map((c) => c.label)]);
  const t3 = f.table3Rows.flatMap((r) => [r.label, ...(r.group ? [r.group] : [])]);
  return { t2: [...new Set(t2.map(labelKey))], t3: [...new Set(t3.map(labelKey))] };
}

/** Keys of `mine` that neither equal nor contain nor lie inside a key of `theirs`. */
const distinct = (mine: string[], theirs: string[]): string[] =>
  mine.filter((k) => !theirs.some((t) => t.includes(k) || k.includes(t)));

export const LAYOUTS: Record<FormatId, LayoutLabels> = Object.fromEntries(
  FORMATS.map((f) => {
    const mine = layoutKeys(f);
    const others = FORMATS.filter((o) => o.id !== f.id).map(layoutKeys);
    return [
      f.id,
      {
        format: f,
        table2: f.table2.map((block) => ({
          block,
          caption: labelKey(block.caption),
          rows: block.rows.map(labelKey),
          aliases: block.rows.map((r) => (ROW_ALIASES[r] ?? []).map(labelKey)),
        })),
        table3: table3Anchors(f),
        only2: distinct(
          mine.t2,
          others.flatMap((o) => o.t2),
        ),
        only3: distinct(
          mine.t3,
          others.flatMap((o) => o.t3),
        ),
      },
    ];
  }),
) as Record<FormatId, LayoutLabels>;

export const TABLE4_GROUP_KEYS = TABLE4_GROUPS.map((g) => labelKey(g.label));

/**
 * Header words that may appear between the rows of a table (repeated header rows after a page
 * break, merged group labels, column captions): removed from a row's cell text before the
 * cells are read. Longest first, so that 本年处理决定数量 goes before 处理决定数量.
 */
function noisePattern(words: string[]): RegExp {
  const keys = [...new Set(words.map(labelKey).filter((k) => k.length > 0))];
  keys.sort((a, b) => b.length - a.length);
  // A key matches in the text with spaces, line breaks or quotes between its characters.
  const gap = '[ \\n“”"‘’\'「」]*';
  const alt = keys.map((k) => [...k].map((c) => (c === '.' ? '[.、]' : escapeRegExp(c))).join(gap));
  return new RegExp(alt.join('|'), 'g');
}

/**
 * A table's title as converters and some reports print it above the table, with the section's
 * number: 表二：主动公开政府信息情况 (over table 二, in section 二). Only the numbers of the
 * sections that hold a table (二 to 四).
 */
const TABLE_TITLES = SECTION_HEADINGS.slice(1, 4).flatMap((heading) => {
  const [number = '', words = ''] = heading.split('、');
  return [`表${number}：${words}`, `表${number}${words}`];
});

export const NOISE2 = noisePattern([
  TABLE2_FIRST_HEADER,
  // a unit printed after a row's label (政府集中采购（元）6675809: 平潭综合执法与应急管理局 2020)
  '（元）',
  '（万元）',
  ...FORMATS.flatMap((f) => f.table2.flatMap((b) => b.columns.map((c) => c.label))),
  ...SECTION_HEADINGS,
  ...TABLE_TITLES,
]);
export const NOISE3 = noisePattern([
  TABLE3_NOTE,
  TABLE3_APPLICANT_HEADER,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  ...TABLE3_COLUMNS,
  ...FORMATS.flatMap((f) => f.table3Rows.flatMap((r) => (r.group ? [r.group] : []))),
  ...SECTION_HEADINGS,
  // the note is often printed with its own brackets dropped or doubled
  TABLE3_NOTE.slice(1, -1),
  '申请人',
  '小计',
  ...TABLE_TITLES,
]);
export const NOISE4 = noisePattern([
  ...TABLE4_GROUPS.flatMap((g) => [g.label, g.parent ?? '']),
  ...TABLE4_COLUMNS,
  ...SECTION_HEADINGS,
  ...TABLE_TITLES,
]);

/** The fee table's header words and row label (FEE_TABLE), repeated among its figures. */
export const NOISE_FEES = noisePattern([
  ...FEE_TABLE.columns.map((c) => c.label),
  FEE_TABLE.heading,
  ...SECTION_HEADINGS,
]);

/** Table 三's merged group labels, in every format (三、本年度办理结果, （三）不予公开 …). */
export const TABLE3_GROUP_LABELS: readonly string[] = [
  TABLE3_OUTCOME_GROUP,
  ...FORMATS.flatMap((f) => f.table3Rows.flatMap((r) => (r.group ? [r.group] : []))),
];

const GROUP_TEXT = [...TABLE3_GROUP_LABELS, ...TABLE4_GROUPS.map((g) => g.label)]
  .map(labelKey)
  .join('|');

const GROUP_STARTS = TABLE3_GROUP_LABELS.map((g) => labelKey(g).slice(0, 5));

/**
 * Whether text starts like one of table 三's merged group labels ((四)无法 of (四)无法提供): a
 * group label among a table's rows, not a part of the narrative after it.
 */
export function startsGroupLabel(text: string): boolean {
  const k = labelKey(text.slice(0, 20)).replace(/\t/g, '');
  return GROUP_STARTS.some((g) => k.startsWith(g));
}

/**
 * A piece of a merged group label cut by a page break (`（四）无` … `法提供`): the label is read
 * from its rows, the piece is not content.
 */
export function isLabelFragment(text: string): boolean {
  const k = labelKey(text).replace(/\t/g, '');
  return k.length >= 2 && !k.includes('|') && GROUP_TEXT.includes(k);
}
