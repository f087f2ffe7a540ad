/**
 * Checks against the same agency's report for the year before (spec §1.6 X-YEAR-*, §5):
 * carry-over of open applications, the stock of 规章/规范性文件, the 2019 item counts,
 * copy-paste narratives and tables copied unchanged.
 */
import { FORMAT_2021, TABLE3_COLUMNS } from './formats.ts';
import type { AnnualReport } from './model.ts';
import { ITEM_BLOCKS } from './rules-table2.ts';
import {
  checkEquations,
  t2,
  t3,
  type Equation,
  type Issue,
  type RuleContext,
} from './rule-helpers.ts';

/** The previous report, when it is the same agency's report for year − 1. */
export function previousOf(report: AnnualReport, ctx: RuleContext): AnnualReport | null {
  const p = ctx.previous;
  return p && p.year === report.year - 1 && p.agency.name.trim() === report.agency.name.trim()
    ? p
    : null;
}

export function checkYearPair(report: AnnualReport, ctx: RuleContext): Issue[] {
  const p = ctx.previous;
  if (!p || previousOf(report, ctx)) return [];
  return [
    {
      status: 'unverifiable',
      where: 'previous report',
      stated: `${p.year} ${p.agency.name}`,
      computed: `${report.year - 1} ${report.agency.name}`,
      message: `用于跨年度核对的报告是“${p.agency.name}”${p.year}年度报告，不是本机关${report.year - 1}年度报告，跨年度勾稽未核对。请提供同一机关上一年度的报告（机关更名的，请确认后人工核对）。`,
    },
  ];
}

export function checkCarryOver(report: AnnualReport, ctx: RuleContext): Issue[] {
  const prev = previousOf(report, ctx);
  if (!prev) return [];
  return checkEquations(
    TABLE3_COLUMNS.map((col) => ({
      key: col,
      where: `table3 row 二 column ${col}`,
      cell: { table: 'table3', row: '二', column: col },
      lhs: [t3(report, '二', col)],
      rhs: [t3(prev, '四', col)],
      message(s, c) {
        return `表三“${col}”列：本年“二、上年结转政府信息公开申请数量”为${s}，但${prev.year}年度报告“四、结转下年度继续办理”为${c}，两者应相等。请核对上年结转的申请（确有差异的，在报告中说明原因）。`;
      },
    })),
    {
      prefix: 'table3 row 二',
      // the blank may be in either report: this year's 二 or the year before's 四
      name: `本报告表三第二项或${prev.year}年度报告表三第四项`,
      noun: 'column',
      all: TABLE3_COLUMNS,
      cell: { table: 'table3', row: '二' },
      statement: '“本年上年结转等于上年结转下年度”',
    },
  );
}

const STOCK = '第二十条第（一）项';
const STOCK_ROWS = FORMAT_2021.table2.find((b) => b.caption === STOCK)?.rows ?? [];

export function checkValidStock(report: AnnualReport, ctx: RuleContext): Issue[] {
  const prev = previousOf(report, ctx);
  // Only 2021-format years carry 现行有效件数; a 2019-format year has 对外公开总数量 instead.
  if (!prev || prev.format !== '2021') return [];
  const eqs: Equation[] = STOCK_ROWS.map((row) => ({
    key: row,
    where: `table2 ${STOCK} ${row} 现行有效件数`,
    cell: { table: 'table2', row, column: '现行有效件数' },
    lhs: [t2(report, STOCK, row, '现行有效件数')],
    rhs: [t2(prev, STOCK, row, '现行有效件数'), t2(report, STOCK, row, '本年制发件数')],
    rhsMinus: [t2(report, STOCK, row, '本年废止件数')],
    message(s, c) {
      return `表二“${row}”：现行有效件数填写为${s}，但按上年现行有效件数加本年制发、减本年废止应为${c}。请核对；因修改、机构调整等原因确有差异的，请在报告中说明。`;
    },
  }));
  return checkEquations(eqs, {
    prefix: `table2 ${STOCK}`,
    name: `本报告或${prev.year}年度报告的表二${STOCK}`,
    noun: 'row',
    all: STOCK_ROWS,
    cell: { table: 'table2' },
    statement: '“现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数”',
    listRows: true,
  });
}

export function checkItemCounts2019(report: AnnualReport, ctx: RuleContext): Issue[] {
  const prev = previousOf(report, ctx);
  if (!prev || prev.format !== '2019') return [];
  const keys = ITEM_BLOCKS.flatMap((b) => b.rows.map((r) => `${b.caption} ${r}`));
  const eqs: Equation[] = ITEM_BLOCKS.flatMap((b) =>
    b.rows.map((row) => ({
      key: `${b.caption} ${row}`,
      where: `table2 ${b.caption} ${row} 上一年项目数量`,
      cell: { table: 'table2', row, column: '上一年项目数量' },
      lhs: [t2(report, b.caption, row, '上一年项目数量')],
      rhs: [t2(prev, b.caption, row, '上一年项目数量'), t2(prev, b.caption, row, '本年增/减')],
      message(s: number, c: number) {
        return `表二“${b.caption}”“${row}”：上一年项目数量填写为${s}，但${prev.year}年度报告的上一年项目数量加本年增/减为${c}。请核对事项数。`;
      },
    })),
  );
  return checkEquations(eqs, {
    prefix: 'table2',
    name: `本报告或${prev.year}年度报告的表二`,
    noun: 'row',
    all: keys,
    cell: { table: 'table2' },
    statement: '“本年上一年项目数量等于上年项目数量加上年增/减”',
    listRows: true,
  });
}

/** Above this share of common character pairs the narrative counts as copied (a product choice, §5). */
export const NARRATIVE_SIMILARITY_THRESHOLD = 0.8;
/** Shorter narratives are not compared: boilerplate of a few lines is alike by nature. */
const MIN_NARRATIVE_CHARS = 200;

const narrativeText = (r: AnnualReport): string =>
  [r.narrative.overview, r.narrative.problems, r.narrative.other]
    .join('')
    .replace(/[\s\d０-９.,，。、；：:;（）()“”"'《》%％-]/g, '');

/** Dice coefficient of the character-bigram multisets of two texts, 0…1. */
export function similarity(a: string, b: string): number {
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  const total = Math.max(a.length - 1, 0) + Math.max(b.length - 1, 0);
  return total === 0 ? 0 : (2 * common) / total;
}

export function checkNarrativeSimilar(report: AnnualReport, ctx: RuleContext): Issue[] {
  const prev = previousOf(report, ctx);
  if (!prev) return [];
  const a = narrativeText(report);
  const b = narrativeText(prev);
  if (a.length < MIN_NARRATIVE_CHARS || b.length < MIN_NARRATIVE_CHARS) return [];
  const sim = similarity(a, b);
  if (sim < NARRATIVE_SIMILARITY_THRESHOLD) return [];
  const pct = `${Math.round(sim * 100)}%`;
  return [
    {
      where: 'sections 一、五、六',
      stated: pct,
      computed: `${NARRATIVE_SIMILARITY_THRESHOLD * 100}%`,
      message: `正文与${prev.year}年度报告的相似度为${pct}（提示阈值${NARRATIVE_SIMILARITY_THRESHOLD * 100}%）。年度报告内容雷同属于国办公开办函〔2021〕30号列举的追责情形，请按本年度实际工作重写总体情况、存在的问题和改进情况。`,
    },
  ];
}

/** Every table cell as `table/row/column=value`, sorted: key order does not matter. */
const cells = (r: AnnualReport): string[] =>
  [
    ...Object.entries(r.table2).flatMap(([cap, rows]) =>
      Object.entries(rows).flatMap(([row, cols]) =>
        Object.entries(cols).map(([col, v]) => `2/${cap}/${row}/${col}=${String(v)}`),
      ),
    ),
    ...Object.entries(r.table3).flatMap(([row, vs]) =>
      vs.map((v, i) => `3/${row}/${i}=${String(v)}`),
    ),
    ...Object.entries(r.table4).flatMap(([g, cols]) =>
      Object.entries(cols).map(([col, v]) => `4/${g}/${col}=${String(v)}`),
    ),
  ].sort();

export function checkSameData(report: AnnualReport, ctx: RuleContext): Issue[] {
  const prev = previousOf(report, ctx);
  if (!prev || prev.format !== report.format) return [];
  const now = cells(report);
  const before = cells(prev);
  const same = now.length === before.length && now.every((c, i) => c === before[i]);
  // Two years of all-zero tables are normal for a small agency; only real figures can be copied.
  const figures = now.some((c) => /=.*[1-9]/.test(c));
  if (!same || !figures) return [];
  return [
    {
      where: 'tables',
      message: `表二、表三、表四的全部数字与${prev.year}年度报告完全相同。连续两年数据一致极不寻常，常见于照抄上年报告；请按本年度台账重新统计并核对。`,
    },
  ];
}
