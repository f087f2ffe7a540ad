/**
 * Shared pieces of the consistency rules (rules.ts): reading cells without ever turning a blank
 * into 0, naming rows the way the sidecars do, and checking an equation over many columns or
 * rows so that blank operands give one aggregated `unverifiable` finding (spec §1.8).
 */
import type { Finding, Severity } from './findings.ts';
import {
  FORMAT_2019,
  FORMAT_2021,
  FORMATS,
  TABLE3_COLUMNS,
  type FormatId,
  type ReportFormat,
  type Table3Column,
  type Table4Column,
} from './formats.ts';
import type { AnnualReport } from './model.ts';

/**
 * What a rule's check returns. validate() adds the rule id and severity: the rule's own
 * severity, or `warning` when the issue has status `unverifiable`.
 */
export type Issue = Omit<Finding, 'rule' | 'severity'>;
export type Cell = NonNullable<Finding['cell']>;

export interface RuleContext {
  /** the layout named by report.format */
  format: ReportFormat;
  /** the same agency's report for year − 1, when the caller has it */
  previous?: AnnualReport;
  /**
   * results shared by the rules of one validate() call (the shape diff that TABLE-SHAPE and
   * TABLE-EXTRA both report from); the report does not change during the call
   */
  memo?: Map<string, unknown>;
  /** rows whose empty cells were not read, not found blank (ValidationContext.unread) */
  unread?: ReadonlySet<string>;
  /** the figures of such rows as printed, when a reader saw them (ValidationContext.unreadFigures) */
  unreadFigures?: ReadonlyMap<string, string>;
}

/** `compute()` once per validate() call (every time when the caller gives no memo). */
export function memoized<T>(ctx: RuleContext, key: string, compute: () => T): T {
  if (!ctx.memo) return compute();
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}

/**
 * stated: written in the format itself; implicit: arithmetic every correct report satisfies;
 * derived: plausibility the spec derives (may have legitimate exceptions); practice: what
 * evaluators and supervisors flag (§5).
 */
export type RuleNature = 'stated' | 'implicit' | 'derived' | 'practice';

export interface ReportRule {
  /** as in spec §1.6 / the sidecars (LEVEL-规章 keeps the spec's own id) */
  id: string;
  /** severity of a violation; an `unverifiable` finding is always a warning */
  severity: Severity;
  /** the report formats (report.format) the rule applies to */
  formats: readonly FormatId[];
  /** needs the same agency's report for the year before (validate's ctx.previous) */
  crossYear: boolean;
  nature: RuleNature;
  /** the section of spec/regulations.md the rule comes from */
  spec: string;
  /** 法律或格式依据 */
  basis: string;
  /** 规则名称 */
  title: string;
  /** 规则内容 */
  statement: string;
  /**
   * What a finding's two figures are, where not the cell as filled in (填报) and what it should
   * be (应为): TEXT-NUM's are the narrative's count and the table's. A finding's cell then holds
   * the `computed` figure and is marked with the `stated` one.
   */
  figures?: { stated: string; computed: string };
  check: (report: AnnualReport, ctx: RuleContext) => Issue[];
}

/** The words for a finding's figures when its rule gives none: as filled in, as it should be. */
export const FIGURES = { stated: '填报', computed: '应为' } as const;

/** Table-二 captions in template order; the 2019 format has every caption the 2021 one has. */
export const CAPTION_ORDER: readonly string[] = [
  ...new Set(FORMATS.flatMap((f) => f.table2.map((b) => b.caption))),
];

/** Whether two lists hold the same keys in the same order (the usual case in ordered/union). */
const sameOrder = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((k, i) => k === b[i]);

/** `present`, the keys of `known` first in their order, then the unknown ones as given. */
export const ordered = (present: readonly string[], known: readonly string[]): string[] =>
  sameOrder(present, known)
    ? [...present]
    : [...known.filter((k) => present.includes(k)), ...present.filter((k) => !known.includes(k))];

/** Every key of `known` (present or not) in its order, then the unknown present ones. */
export const union = (known: readonly string[], present: readonly string[]): string[] =>
  sameOrder(known, present) ? [...known] : [...known, ...present.filter((k) => !known.includes(k))];

/** Blank ≠ 0: a blank (null), a missing cell or text is never a number in arithmetic. */
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Table-三 row keys of both layouts in one order: （六） before its 2021 sub-rows 1–3. */
export const TABLE3_KEY_ORDER: readonly string[] = (() => {
  const out = FORMAT_2021.table3Rows.map((r) => r.key);
  let prev = -1;
  for (const { key } of FORMAT_2019.table3Rows) {
    const i = out.indexOf(key);
    if (i >= 0) prev = i;
    else out.splice(++prev, 0, key);
  }
  return out;
})();

const ROW_LABELS = new Map<string, string>(
  [...FORMAT_2019.table3Rows, ...FORMAT_2021.table3Rows].map((r) => [
    r.key,
    r.group && r.group !== '三、本年度办理结果' ? `${r.group} ${r.label}` : r.label,
  ]),
);

/** The label of a table-三 row as printed, e.g. `（三）不予公开 1.属于国家秘密`. */
export const table3RowLabel = (key: string): string => ROW_LABELS.get(key) ?? key;

const TABLE3_KNOWN_KEYS: ReadonlySet<string> = new Set(TABLE3_KEY_ORDER);

/**
 * The present keys of table 三 in canonical order; unknown keys last, sorted. Computed once per
 * validate() call when `ctx` is given (the result is shared: do not modify it).
 */
export function table3Keys(report: AnnualReport, ctx?: RuleContext): string[] {
  if (ctx) return memoized(ctx, 'table3.keys', () => table3Keys(report));
  const keys = Object.keys(report.table3);
  const known = TABLE3_KEY_ORDER.filter((k) => Object.hasOwn(report.table3, k));
  return [...known, ...keys.filter((k) => !TABLE3_KNOWN_KEYS.has(k)).sort()];
}

const TABLE3_COLUMN_INDEX = new Map<string, number>(TABLE3_COLUMNS.map((c, i) => [c, i]));

/** A table-三 cell: the value, null when blank, undefined when the row or cell is missing. */
export function t3(
  report: AnnualReport,
  row: string,
  col: Table3Column,
): number | null | undefined {
  const values = report.table3[row];
  return values?.[TABLE3_COLUMN_INDEX.get(col) ?? -1];
}

export function t4(report: AnnualReport, group: string, col: Table4Column): unknown {
  return report.table4[group]?.[col];
}

export function t2(report: AnnualReport, caption: string, row: string, col: string): unknown {
  return report.table2[caption]?.[row]?.[col];
}

/**
 * Names a set of keys compactly in the order given: runs of three or more consecutive keys
 * become `first…last` (the sidecars write `三（一）…三（七）`), the rest are joined with `、`.
 */
export function describeKeys(keys: readonly string[], order: readonly string[]): string {
  const idx = keys.map((k) => order.indexOf(k));
  const at = (i: number): number => idx[i] ?? -1;
  const parts: string[] = [];
  for (let i = 0; i < keys.length;) {
    let j = i;
    while (j + 1 < keys.length && at(j) >= 0 && at(j + 1) === at(j) + 1) j++;
    if (j - i >= 2) parts.push(`${keys[i]}…${keys[j]}`);
    else parts.push(...keys.slice(i, j + 1));
    i = j + 1;
  }
  return parts.join('、');
}

export const BLANK_ADVICE =
  '空白不等于0：请在空白单元格中如实填写数字（无数据的填“0”），再重新校验。';

/** One instance of an equation: `Σ lhs = Σ rhs − Σ rhsMinus` for one column, row or group. */
export interface Equation {
  /** the column, row or group the instance is about */
  key: string;
  where: string;
  cell: Cell;
  lhs: readonly unknown[];
  rhs: readonly unknown[];
  rhsMinus?: readonly unknown[];
  /**
   * Chinese: what is wrong (stated = Σ lhs, computed = the right-hand side) and what to do.
   * The rules write it as a method: tsx (esbuild keepNames) names every arrow function stored in
   * a property when it is created, a cost paid for each instance of every report checked.
   */
  message(stated: number, computed: number): string;
}

/** Where and how to report the instances that cannot be evaluated. */
export interface EquationScope {
  /** e.g. `table3` or `table3 row 二` */
  prefix: string;
  /** the same in Chinese, for the message: `表三`, `表三第二项` */
  name: string;
  noun: 'column' | 'row' | 'group';
  /** every instance key, in order (to say "all columns" and to compress runs) */
  all: readonly string[];
  cell: Cell;
  /** the rule in Chinese words, for the message: `“第一项加第二项之和，等于第三项加第四项之和”` */
  statement: string;
  /** set when the instances are rows, so that the finding lists them */
  listRows?: boolean;
}

const NOUN_ZH = { column: '列', row: '行', group: '组' } as const;

const total = (values: readonly unknown[]): number | null => {
  let s = 0;
  for (const v of values) {
    const n = num(v);
    if (n === null) return null;
    s += n;
  }
  return s;
};

/**
 * Evaluates every instance. A mismatch is one issue per instance; instances with a blank or
 * missing operand are gathered into ONE `unverifiable` issue — never a pass, never an error.
 */
export function checkEquations(eqs: readonly Equation[], scope: EquationScope): Issue[] {
  const out: Issue[] = [];
  const blocked: string[] = [];
  for (const eq of eqs) {
    const stated = total(eq.lhs);
    const plus = total(eq.rhs);
    const minus = total(eq.rhsMinus ?? []);
    if (stated === null || plus === null || minus === null) {
      blocked.push(eq.key);
      continue;
    }
    const computed = plus - minus;
    if (stated !== computed) {
      out.push({
        where: eq.where,
        cell: eq.cell,
        stated,
        computed,
        message: eq.message(stated, computed),
      });
    }
  }
  if (blocked.length > 0) {
    const all = blocked.length === scope.all.length && scope.all.length > 1;
    const plural = blocked.length > 1 ? `${scope.noun}s` : scope.noun;
    const where = all
      ? `${scope.prefix}, all ${scope.noun}s`
      : `${scope.prefix} ${plural} ${describeKeys(blocked, scope.all)}`;
    out.push({
      status: 'unverifiable',
      where,
      cell: scope.cell,
      ...(scope.listRows ? { rows: blocked } : {}),
      message: `${scope.statement}无法核对：${scope.name}${all ? `各${NOUN_ZH[scope.noun]}` : `“${describeKeys(blocked, scope.all)}”${NOUN_ZH[scope.noun]}`}所需的单元格为空或缺失，不能视为通过。${BLANK_ADVICE}`,
    });
  }
  return out;
}
