/**
 * Checks of table 二 (主动公开), spec §1.3–1.6: T2-TYPES-2019/2021 (cell types), T2-LOGIC-2019
 * (item counts cannot fall below zero) and LEVEL-规章 (who can make 规章 at all).
 */
import { KIND_LABELS, LEVEL_LABELS, type AgencyKind, type AgencyLevel } from '../agency.ts';
import {
  FORMAT_2019,
  FORMATS,
  type CellKind,
  type ReportFormat,
  type Table2Column,
} from './formats.ts';
import type { AnnualReport } from './model.ts';
import {
  BLANK_ADVICE,
  CAPTION_ORDER,
  describeKeys,
  num,
  ordered,
  t2,
  type Issue,
  type RuleContext,
} from './rule-helpers.ts';

interface Table2Cell {
  caption: string;
  row: string;
  col: string;
  value: unknown;
  kind: CellKind | undefined;
  unit: string | undefined;
}

/** The column's kind in the declared layout, else in the layout that has that column. */
function findColumn(format: ReportFormat, caption: string, col: string) {
  for (const f of [format, ...FORMATS]) {
    const c = f.table2.find((b) => b.caption === caption)?.columns.find((x) => x.label === col);
    if (c) return c;
  }
  return undefined;
}

interface CaptionLabels {
  /** the rows and columns of the caption's blocks in every format, in format order */
  rows: string[];
  cols: string[];
  /** per declared format: findColumn of each of `cols` */
  columns: Map<ReportFormat, Map<string, Table2Column | undefined>>;
}

/** Per table-二 caption of any format, its labels and column definitions (computed once). */
const CAPTION_LABELS = new Map<string, CaptionLabels>(
  CAPTION_ORDER.map((caption) => {
    const def = FORMATS.flatMap((f) => f.table2).filter((b) => b.caption === caption);
    const cols = [...new Set(def.flatMap((b) => b.columns.map((c) => c.label)))];
    const columns = new Map(
      FORMATS.map((f) => [f, new Map(cols.map((col) => [col, findColumn(f, caption, col)]))]),
    );
    return [caption, { rows: [...new Set(def.flatMap((b) => b.rows))], cols, columns }];
  }),
);

/** Every present cell of table 二, captions and rows and columns in format order. */
export function table2Cells(report: AnnualReport, format: ReportFormat): Table2Cell[] {
  const out: Table2Cell[] = [];
  for (const caption of ordered(Object.keys(report.table2), CAPTION_ORDER)) {
    const block = report.table2[caption] ?? {};
    const labels = CAPTION_LABELS.get(caption);
    const rows = ordered(Object.keys(block), labels?.rows ?? []);
    const known = labels?.columns.get(format);
    for (const row of rows) {
      const cells = block[row] ?? {};
      for (const col of ordered(Object.keys(cells), labels?.cols ?? [])) {
        const c = known?.has(col) ? known.get(col) : findColumn(format, caption, col);
        out.push({ caption, row, col, value: cells[col], kind: c?.kind, unit: c?.unit });
      }
    }
  }
  return out;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** Why a non-blank cell does not fit its kind, or null when it does. */
function typeProblem(v: unknown, kind: CellKind, unit: string | undefined): string | null {
  if (kind === 'amount') {
    if (typeof v === 'number') return `金额应以十进制数字字符串记录（如“${v}”），不用浮点数`;
    if (typeof v !== 'string') return '不是金额';
    const s = v.trim();
    if (DECIMAL.test(s)) return null;
    if (/^-\s*\d/.test(s)) return '金额不能为负数';
    if (/[元万]/.test(s))
      return `单元格内不应含单位（单位“${unit ?? '元'}”由表头给出），请只填数字`;
    if (/,|，/.test(s)) return '请去掉千位分隔符，只填数字';
    return '不是有效的十进制数字';
  }
  if (typeof v !== 'number') return '应填数字，不应是文字';
  if (!Number.isInteger(v)) return '应为整数';
  if (kind === 'count' && v < 0) return '不能为负数';
  return null;
}

const KIND_WORDS: Record<CellKind, string> = {
  count: '非负整数',
  signed: '整数（减少时填负数，如 -8）',
  amount: '不小于0的十进制数字（单位见表头）',
};

export function checkT2Types(report: AnnualReport, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  for (const c of table2Cells(report, ctx.format)) {
    if (c.value === null || c.value === undefined || !c.kind) continue;
    const problem = typeProblem(c.value, c.kind, c.unit);
    if (!problem) continue;
    out.push({
      where: `table2 ${c.caption} ${c.row} ${c.col}`,
      cell: { table: 'table2', row: c.row, column: c.col },
      stated: typeof c.value === 'number' ? c.value : String(c.value),
      message: `表二“${c.caption}”“${c.row}”的“${c.col}”填写为“${String(c.value)}”：${problem}。该栏应为${KIND_WORDS[c.kind]}，请改正。`,
    });
  }
  return out;
}

const PREV = '上一年项目数量';
const DELTA = '本年增/减';
/** 2019 blocks （五）（六）（八）: the ones with 上一年项目数量 and 本年增/减. */
export const ITEM_BLOCKS = FORMAT_2019.table2.filter((b) =>
  [PREV, DELTA].every((l) => b.columns.some((c) => c.label === l)),
);

export function checkT2Logic2019(report: AnnualReport): Issue[] {
  const out: Issue[] = [];
  const blocked: string[] = [];
  const all = ITEM_BLOCKS.flatMap((b) => b.rows.map((r) => `${b.caption} ${r}`));
  for (const b of ITEM_BLOCKS) {
    for (const row of b.rows) {
      const prev = num(t2(report, b.caption, row, PREV));
      const delta = num(t2(report, b.caption, row, DELTA));
      if (prev === null || delta === null) {
        blocked.push(`${b.caption} ${row}`);
      } else if (prev + delta < 0) {
        out.push({
          where: `table2 ${b.caption} ${row}`,
          cell: { table: 'table2', row, column: DELTA },
          stated: delta,
          computed: prev + delta,
          message: `表二“${b.caption}”“${row}”：上一年项目数量${prev}加本年增/减${delta}得${prev + delta}，事项数不可能为负。请核对上一年项目数量和本年增减数。`,
        });
      }
    }
  }
  if (blocked.length) {
    const where = `table2 ${blocked.length > 1 ? 'rows' : 'row'} ${describeKeys(blocked, all)}`;
    out.push({
      status: 'unverifiable',
      where,
      cell: { table: 'table2' },
      message: `“上一年项目数量加本年增/减不小于0”无法核对：表二“${describeKeys(blocked, all)}”所需的单元格为空或缺失，不能视为通过。${BLANK_ADVICE}`,
    });
  }
  return out;
}

/**
 * Levels whose agencies (governments, departments and offices alike) cannot make 规章:
 * 规章 are made by 国务院部门 and by the governments of 省、自治区、直辖市 and 设区的市、自治州.
 */
export const LEVELS_WITHOUT_RULES: readonly AgencyLevel[] = ['county', 'township'];

const RULES_CAPTION = '第二十条第（一）项';
const RULES_ROW = '规章';

/**
 * Whether an agency can make 规章: only the governments of provinces and cities (设区的市); a
 * local department (at any level) and the 政务公开办 cannot (部门规章 are made by 国务院部门,
 * which this platform does not host).
 */
export function mayMakeRules(level: AgencyLevel, kind: AgencyKind): boolean {
  return kind === 'government' && !LEVELS_WITHOUT_RULES.includes(level);
}

/**
 * The 规章 row of a published report that could not be read (its digits run together, several
 * splits fit) but whose figures are not all 0: whichever the split, a cell is not 0.
 */
function unreadRules(
  ctx: RuleContext,
  level: AgencyLevel,
  kind: AgencyKind,
  cols: readonly string[],
): Issue[] {
  const where = `table2 ${RULES_CAPTION} ${RULES_ROW}`;
  const figures = ctx.unreadFigures?.get(where);
  if (figures === undefined || !/[1-9]/.test(figures)) return [];
  return [
    {
      where,
      cell: { table: 'table2', row: RULES_ROW, column: cols[0] ?? '' },
      stated: figures,
      computed: cols.map(() => '0').join('/'),
      message: `本机关为${LEVEL_LABELS[level]}${KIND_LABELS[kind]}，无权制定规章（规章只能由国务院部门和省、自治区、直辖市及设区的市、自治州人民政府制定，地方政府部门不能制定规章），但表二“规章”一行（${cols.join('/')}）填写了“${figures}”：数字连写，无法确定各栏的数字，但不论怎样拆分都有不为0的一栏。本机关制发的文件应计入“行政规范性文件”一行，“规章”一行应填0；请核对后改正。`,
    },
  ];
}

export function checkLevelRules(report: AnnualReport, ctx: RuleContext): Issue[] {
  const { level, kind } = report.agency;
  if (mayMakeRules(level, kind)) return [];
  const block = ctx.format.table2.find((b) => b.caption === RULES_CAPTION);
  const cells = report.table2[RULES_CAPTION]?.[RULES_ROW] ?? {};
  const cols = ordered(Object.keys(cells), block?.columns.map((c) => c.label) ?? []);
  const nonZero = cols.filter((c) => {
    const n = num(cells[c]);
    return n !== null && n !== 0;
  });
  const first = nonZero[0];
  if (first === undefined) return unreadRules(ctx, level, kind, cols);
  const stated = cols.map((c) => String(cells[c] ?? '空')).join('/');
  return [
    {
      where: `table2 ${RULES_CAPTION} ${RULES_ROW}`,
      cell: { table: 'table2', row: RULES_ROW, column: first },
      stated,
      computed: cols.map(() => '0').join('/'),
      message: `本机关为${LEVEL_LABELS[level]}${KIND_LABELS[kind]}，无权制定规章（规章只能由国务院部门和省、自治区、直辖市及设区的市、自治州人民政府制定，地方政府部门不能制定规章），但表二“规章”一行（${cols.join('/')}）填写为${stated}。本机关制发的文件应计入“行政规范性文件”一行，“规章”一行应填0；请核对后改正。`,
    },
  ];
}
