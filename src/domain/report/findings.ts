/** The tables a finding may point into: the format's three, and a report's fee table (FEE_TABLE). */
export type FindingTable = 'table2' | 'table3' | 'table4' | 'fees';

/** A validation finding: which rule, how bad, where, expected vs found, and what to do. */
export type Severity = 'error' | 'warning';

export interface Finding {
  /** rule id as in spec/regulations.md §1.6 (T3-COL, T3-SUM7, …) or the sidecars (BLANK-CELL, …) */
  rule: string;
  severity: Severity;
  /** `unverifiable`: the rule could not be evaluated (blank operands) — never a silent pass */
  status?: 'unverifiable';
  /**
   * where, in the sidecars' words: `table3 column 自然人`, `table4 行政复议`,
   * `table2 第二十条第（一）项 规章 本年制发件数`, `section 一、总体情况`, …
   */
  where: string;
  /** machine-readable location for highlighting a cell */
  cell?: { table: FindingTable; row?: string; column?: string };
  stated?: number | string | null;
  computed?: number | string | null;
  /** number of cells concerned (BLANK-CELL) */
  count?: number;
  /** the row keys concerned, when a finding covers several rows (BLANK-CELL, unverifiable rows) */
  rows?: string[];
  /** Chinese: what is wrong and what to do about it */
  message: string;
}

const WHERE_WORDS: [RegExp, string][] = [
  [/\btable2\b/g, '表二'],
  [/\btable3\b/g, '表三'],
  [/\btable4\b/g, '表四'],
  [/^fees\b/g, '信息处理费收取情况表'],
  [/, all columns\b/g, '，全部列'],
  [/, all (\d+) columns\b/g, '，全部$1列'],
  [/, (\d+) cells?\b/g, '，$1格'],
  [/, all rows\b/g, '，全部行'],
  [/, all groups\b/g, '，全部分组'],
  [/\bcolumns?\b/g, '列'],
  [/\brows?\b/g, '行'],
  [/\bsections?\b/g, '章节'],
  [/\btables\b/g, '表格'],
  [/\btemplate\b/g, '格式'],
  [/\bpublication\b/g, '发布'],
  [/\bcells\b/g, '格'],
  [/\bcell\b/g, '格'],
  [/\bprevious report\b/g, '上一年度报告'],
  [/\bagency\b/g, '机关'],
  [/\bdocument\b/g, '文件'],
  // table 四's nested group keys: 行政诉讼.复议后起诉 → 行政诉讼（复议后起诉）
  [/行政诉讼\.(未经复议直接起诉|复议后起诉)/g, '行政诉讼（$1）'],
];
/** A finding's `where` (the sidecars' words: `table3 column 自然人`) in Chinese, for people. */
export function whereText(where: string): string {
  let text = WHERE_TEXTS.get(where);
  if (text === undefined) {
    text = WHERE_WORDS.reduce((s, [re, word]) => s.replace(re, word), where);
    // (places repeat across reports: table3 三（一）…; the cache stays small whatever the input)
    if (WHERE_TEXTS.size >= 2048) WHERE_TEXTS.clear();
    WHERE_TEXTS.set(where, text);
  }
  return text;
}
const WHERE_TEXTS = new Map<string, string>();
