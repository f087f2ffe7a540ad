/**
 * Which format, and whether the tables have its shape (spec §1.1, §1.3–1.5, §1.8, §5):
 * TEMPLATE-YEAR, TEMPLATE-MIXED, TABLE-SHAPE and TABLE-EXTRA.
 */
import {
  FORMATS,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  formatForYear,
  type ReportFormat,
  type Table2Block,
} from './formats.ts';
import type { AnnualReport } from './model.ts';
import {
  CAPTION_ORDER,
  memoized,
  ordered,
  table3Keys,
  union,
  type Issue,
  type RuleContext,
} from './rule-helpers.ts';

const cite = (f: ReportFormat): string => `《${f.title}》（${f.source}）`;

export function checkTemplateYear(report: AnnualReport, ctx: RuleContext): Issue[] {
  const expected = formatForYear(report.year);
  if (expected?.id === ctx.format.id) return [];
  return [
    {
      where: 'template',
      stated: ctx.format.id,
      computed: expected?.id ?? null,
      message: expected
        ? `${report.year}年度报告应使用${cite(expected)}，但本报告使用的是${cite(ctx.format)}。2019、2020年度报告用60号试行格式，2021年度起用30号格式；请按${expected.source}的格式重新编制表格。`
        : `${report.year}年度早于2019年度，当年报告适用2008年条例下的自由格式，不在统一格式的校验范围内。请核对报告年度。`,
    },
  ];
}

const isSixKey = (k: string): boolean => k.startsWith('三（六）');

/** One place where the two formats differ: a table-二 block, or table 三's （六） rows. */
interface Part {
  id: string;
  where: string;
  /** keys (table 二: `row/column`; table 三: row keys) the report has in this part */
  actual: ReadonlySet<string>;
  /** per format: its keys for this part (empty = the format has no such part) */
  shapes: ReadonlyMap<ReportFormat, ReadonlySet<string>>;
}

/** The key of a table-二 cell in a Part; those of the formats' cells are made once. */
const CELL_KEYS = new Map<string, Map<string, string>>();
for (const f of FORMATS)
  for (const b of f.table2)
    for (const r of b.rows) {
      const row = CELL_KEYS.get(r) ?? new Map<string, string>();
      for (const c of b.columns) row.set(c.label, `${r}/${c.label}`);
      CELL_KEYS.set(r, row);
    }
const cellKey = (row: string, col: string): string =>
  CELL_KEYS.get(row)?.get(col) ?? `${row}/${col}`;

const blockKeys = (b: Table2Block | undefined): Set<string> =>
  new Set(b ? b.rows.flatMap((r) => b.columns.map((c) => cellKey(r, c.label))) : []);

/** Each format's keys per part, computed once: table-二 captions and table 三's （六）. */
const FORMAT_SHAPES: ReadonlyMap<string, ReadonlyMap<ReportFormat, ReadonlySet<string>>> = new Map([
  ...CAPTION_ORDER.map(
    (caption) =>
      [
        caption,
        new Map(
          FORMATS.map((f) => [f, blockKeys(f.table2.find((b) => b.caption === caption))] as const),
        ),
      ] as const,
  ),
  [
    '（六）',
    new Map(
      FORMATS.map((f) => [f, new Set(f.table3Rows.map((r) => r.key).filter(isSixKey))] as const),
    ),
  ] as const,
]);

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

const isSix = isSixKey;

function parts(report: AnnualReport, ctx: RuleContext): Part[] {
  return memoized(ctx, 'shape.parts', () => computeParts(report));
}

function computeParts(report: AnnualReport): Part[] {
  const out: Part[] = [];
  for (const caption of ordered(Object.keys(report.table2), CAPTION_ORDER)) {
    if (!CAPTION_ORDER.includes(caption)) continue;
    const block = report.table2[caption] ?? {};
    const actual = new Set<string>();
    for (const [r, cells] of Object.entries(block))
      for (const c of Object.keys(cells)) actual.add(cellKey(r, c));
    const shapes = FORMAT_SHAPES.get(caption)!;
    out.push({ id: caption, where: `table2 ${caption}`, actual, shapes });
  }
  const six = new Set(Object.keys(report.table3).filter(isSix));
  const shapes = FORMAT_SHAPES.get('（六）')!;
  const rows = six.size === 1 ? 'row' : 'rows';
  out.push({ id: '（六）', where: `table3 ${rows} （六）其他处理`, actual: six, shapes });
  return out;
}

/** A part follows the declared format, another format, or neither. */
function partStatus(p: Part, declared: ReportFormat): ReportFormat | 'declared' | 'neither' {
  if (sameSet(p.actual, p.shapes.get(declared) ?? new Set())) return 'declared';
  if (p.actual.size === 0) return 'neither';
  return (
    FORMATS.find((f) => f !== declared && sameSet(p.actual, p.shapes.get(f) ?? new Set())) ??
    'neither'
  );
}

/** The parts whose shape differs between the formats (computed once). */
const DIFFERING_PARTS: ReadonlySet<string> = new Set(
  [...FORMAT_SHAPES]
    .filter(([, shapes]) => {
      const [first, ...rest] = [...shapes.values()];
      return rest.some((s) => !sameSet(s, first ?? new Set()));
    })
    .map(([id]) => id),
);

export function checkTemplateMixed(report: AnnualReport, ctx: RuleContext): Issue[] {
  const declared = ctx.format;
  const distinct = parts(report, ctx).filter((p) => DIFFERING_PARTS.has(p.id));
  const mixed = distinct.flatMap((p) => {
    const s = partStatus(p, declared);
    return s === 'declared' || s === 'neither' ? [] : [{ part: p, other: s }];
  });
  const [one] = mixed;
  const whole = mixed.length > 1 && mixed.length === distinct.length;
  if (one && whole && mixed.every((m) => m.other === one.other)) {
    return [
      {
        where: 'tables',
        stated: one.other.id,
        computed: declared.id,
        message: `表格全部按${cite(one.other)}填写，但报告标注的格式是${cite(declared)}。请核对报告所用格式，并按适用的格式编制表格。`,
      },
    ];
  }
  // (a part in the format of the report's year, the rest in another: the rest is to change)
  const due = formatForYear(report.year);
  return mixed.map(({ part, other }) => ({
    where: part.where,
    ...(part.id === '（六）'
      ? { cell: { table: 'table3' as const, row: [...part.actual][0] ?? '三（六）' } }
      : { cell: { table: 'table2' as const } }),
    stated: other.id,
    computed: declared.id,
    message:
      other === due
        ? `${part.id === '（六）' ? `表三“（六）其他处理”按${cite(other)}填为${part.actual.size === 1 ? '一行' : `${part.actual.size}行`}` : `表二“${part.id}”按${cite(other)}填写`}，而本报告其余表格采用${cite(declared)}。同一报告应统一使用一种格式：${report.year}年度报告应使用${due.source}的格式，这一部分无需改动，请将其余表格按该格式改填。`
        : part.id === '（六）'
          ? `表三“（六）其他处理”按${cite(other)}填为${part.actual.size === 1 ? '一行' : `${part.actual.size}行`}，而本报告采用${cite(declared)}，该项应${(part.shapes.get(declared)?.size ?? 0) === 1 ? '只有一行' : '分为“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三行'}。同一报告应统一使用一种格式，请按${declared.source}的格式改填并核对（七）总计。`
          : `表二“${part.id}”按${cite(other)}填写，而本报告采用${cite(declared)}${(part.shapes.get(declared)?.size ?? 0) === 0 ? '，该格式已没有这一项' : ''}。同一报告应统一使用一种格式，请按${declared.source}的格式改填。`,
  }));
}

interface ShapeDiff {
  missing: Issue[];
  extra: Issue[];
}

const TABLE_TITLES = {
  table2: '表二（主动公开政府信息情况）',
  table3: '表三（收到和处理政府信息公开申请情况）',
  table4: '表四（政府信息公开行政复议、行政诉讼情况）',
} as const;

/** A table of which the report has nothing: one issue, not one for each of its rows. */
function wholeTable(table: keyof typeof TABLE_TITLES, declared: ReportFormat): Issue {
  return {
    where: table,
    cell: { table },
    message: `${TABLE_TITLES[table]}整张缺失，${cite(declared)}要求填报，请补齐（无数据的填0）。`,
  };
}

function diffTable2(report: AnnualReport, ctx: RuleContext, d: ShapeDiff): void {
  const declared = ctx.format;
  if (Object.keys(report.table2).length === 0) {
    d.missing.push(wholeTable('table2', declared));
    return;
  }
  const status = new Map(parts(report, ctx).map((p) => [p.id, partStatus(p, declared)]));
  const present = ordered(Object.keys(report.table2), CAPTION_ORDER);
  for (const caption of union(
    declared.table2.map((b) => b.caption),
    present,
  )) {
    const s = status.get(caption);
    // A block that follows another format as a whole is reported as TEMPLATE-MIXED.
    if (s === undefined || s === 'declared' || s === 'neither')
      diffBlock(report, declared, caption, d);
  }
}

/** A table-二 block, row or cell that is missing from the declared format's shape or not in it. */
function blockIssue(
  declared: ReportFormat,
  problem: 'missing' | 'extra',
  caption: string,
  row?: string,
  col?: string,
): Issue {
  const what = `表二“${[caption, row, col].filter(Boolean).join('”“')}”`;
  return {
    where: ['table2', caption, row, col].filter(Boolean).join(' '),
    cell: { table: 'table2', ...(row ? { row } : {}), ...(col ? { column: col } : {}) },
    message:
      problem === 'missing'
        ? `${what}缺失，${cite(declared)}要求填报，请补齐（无数据的填0）。`
        : `${what}不属于${cite(declared)}，校验时不予计算。请核对名称或删除。`,
  };
}

function diffBlock(report: AnnualReport, declared: ReportFormat, caption: string, d: ShapeDiff) {
  const def = declared.table2.find((b) => b.caption === caption);
  const block = report.table2[caption];
  // A report in a format not of its year is to be redone in its year's (TEMPLATE-YEAR): what
  // only the format it used has is not asked for (平潭社会事业局 2021, its table 二 in the 2019
  // format: not 第二十条第（九）项, which the 2021 format has not).
  const due = formatForYear(report.year);
  const dueBlock = due?.table2.find((b) => b.caption === caption);
  const outdated = due !== undefined && due !== declared;
  if (!block) {
    if (!outdated || dueBlock) d.missing.push(blockIssue(declared, 'missing', caption));
    return;
  }
  if (!def) {
    d.extra.push(blockIssue(declared, 'extra', caption));
    return;
  }
  const cols = def.columns.map((c) => c.label);
  for (const row of union(def.rows, Object.keys(block))) {
    const cells = block[row];
    if (!cells) {
      if (!outdated || dueBlock?.rows.includes(row))
        d.missing.push(blockIssue(declared, 'missing', caption, row));
    } else if (!def.rows.includes(row)) d.extra.push(blockIssue(declared, 'extra', caption, row));
    else {
      for (const col of union(cols, Object.keys(cells))) {
        if (!(col in cells)) d.missing.push(blockIssue(declared, 'missing', caption, row, col));
        else if (!cols.includes(col))
          d.extra.push(blockIssue(declared, 'extra', caption, row, col));
      }
    }
  }
}

/** Each format's table-三 row keys. */
const TABLE3_ROWS = new Map(FORMATS.map((f) => [f, new Set(f.table3Rows.map((r) => r.key))]));

function diffTable3(report: AnnualReport, ctx: RuleContext, d: ShapeDiff): void {
  const declared = ctx.format;
  const sixPart = parts(report, ctx).find((p) => p.id === '（六）');
  const sixStatus = sixPart ? partStatus(sixPart, declared) : 'declared';
  const sixMixed = sixStatus !== 'declared' && sixStatus !== 'neither';
  const present = table3Keys(report, ctx);
  if (present.length === 0) {
    d.missing.push(wholeTable('table3', declared));
    return;
  }
  const expected = declared.table3Rows.map((r) => r.key);
  const isExpected = TABLE3_ROWS.get(declared) ?? new Set(expected);
  for (const row of union(expected, present)) {
    if (sixMixed && isSix(row)) continue; // reported as TEMPLATE-MIXED
    const values: unknown = report.table3[row];
    const where = `table3 row ${row}`;
    const cell = { table: 'table3' as const, row };
    if (!Object.hasOwn(report.table3, row)) {
      d.missing.push({
        where,
        cell,
        message: `表三缺少“${row}”一行，请按${cite(declared)}补齐（无数据的填0）。`,
      });
    } else if (!isExpected.has(row)) {
      d.extra.push({
        where,
        cell,
        message: `表三“${row}”一行不属于${cite(declared)}，校验时不予计算。请核对行名。`,
      });
    } else if (!Array.isArray(values) || values.length !== TABLE3_COLUMNS.length) {
      const n = Array.isArray(values) ? values.length : 0;
      const issue = {
        where,
        cell,
        stated: n,
        computed: TABLE3_COLUMNS.length,
        message: `表三“${row}”一行有${n}栏，应为${TABLE3_COLUMNS.length}栏（${TABLE3_COLUMNS.join('、')}）。请按格式改正。`,
      };
      (n < TABLE3_COLUMNS.length ? d.missing : d.extra).push(issue);
    }
  }
}

function diffTable4(report: AnnualReport, ctx: RuleContext, d: ShapeDiff): void {
  if (Object.keys(report.table4).length === 0) {
    d.missing.push(wholeTable('table4', ctx.format));
    return;
  }
  const keys = TABLE4_GROUPS.map((g) => g.key);
  const cols: readonly string[] = TABLE4_COLUMNS;
  for (const g of union(keys, Object.keys(report.table4))) {
    const group: Record<string, unknown> | undefined = report.table4[g];
    const cell = { table: 'table4' as const, row: g };
    if (!group)
      d.missing.push({
        where: `table4 ${g}`,
        cell,
        message: `表四缺少“${g}”一组，请补齐（无数据的填0）。`,
      });
    else if (!keys.includes(g))
      d.extra.push({
        where: `table4 ${g}`,
        cell,
        message: `表四“${g}”不属于格式规定的分组，校验时不予计算。`,
      });
    else {
      for (const c of union(cols, Object.keys(group))) {
        if (c in group && cols.includes(c)) continue;
        const at = { where: `table4 ${g} ${c}`, cell: { ...cell, column: c } };
        if (!(c in group))
          d.missing.push({ ...at, message: `表四“${g}”缺少“${c}”一栏，请补齐（无数据的填0）。` });
        else if (!cols.includes(c))
          d.extra.push({ ...at, message: `表四“${g}”的“${c}”一栏不属于格式，校验时不予计算。` });
      }
    }
  }
}

function diff(report: AnnualReport, ctx: RuleContext): ShapeDiff {
  return memoized(ctx, 'shape.diff', () => {
    const d: ShapeDiff = { missing: [], extra: [] };
    diffTable2(report, ctx, d);
    diffTable3(report, ctx, d);
    diffTable4(report, ctx, d);
    return d;
  });
}

export const checkTableShape = (r: AnnualReport, ctx: RuleContext): Issue[] => diff(r, ctx).missing;
export const checkTableExtra = (r: AnnualReport, ctx: RuleContext): Issue[] => diff(r, ctx).extra;
