/**
 * What reading a published report yields, the reading rules as data (one record per finding a
 * reader may report, like domain/report/rules.ts does for the consistency rules), and the audit:
 * the reading findings followed by the engine's validator on the model read.
 */
import type { Finding, Severity } from '../domain/report/findings.ts';
import { TABLE4_GROUPS } from '../domain/report/formats.ts';
import type { AnnualReport, Table2 } from '../domain/report/model.ts';
import { BLANK_ADVICE, table3RowLabel } from '../domain/report/rule-helpers.ts';
import { REPORT_RULES } from '../domain/report/rules.ts';
import { validate, type ValidationContext } from '../domain/report/validate.ts';

export interface ReadRule {
  id: string;
  severity: Severity;
  title: string;
  /** what the reader does in this case (never a silent guess) */
  statement: string;
}

export const READ_RULES = {
  notReport: {
    id: 'READ-NOT-REPORT',
    severity: 'error',
    title: '不是政府信息公开工作年度报告',
    statement: '文本中找不到年度报告的章节标题和表格，不予读取。',
  },
  tooLarge: {
    id: 'READ-TOO-LARGE',
    severity: 'error',
    title: '文本过大',
    statement: '年度报告的文本不过数十万字；超过上限的输入不予读取。',
  },
  noYear: {
    id: 'READ-NO-YEAR',
    severity: 'warning',
    title: '未能识别报告年度',
    statement: '标题中没有年度；按表格格式的首个适用年度读取，须人工确认。',
  },
  missingSection: {
    id: 'READ-MISSING-SECTION',
    severity: 'warning',
    title: '缺少章节或表格',
    statement: '格式规定的章节标题或表格未找到；其单元格不予读取（不视为0）。',
  },
  missingRow: {
    id: 'READ-MISSING-ROW',
    severity: 'warning',
    title: '缺少表格行',
    statement: '格式规定的某一行未找到；该行不予读取（不视为0）。',
  },
  fuzzyLabel: {
    id: 'READ-FUZZY-LABEL',
    severity: 'warning',
    title: '标签与格式不完全一致',
    statement: '按近似匹配识别了行或标题，并给出置信度；请核对原文用字。',
  },
  unrecognised: {
    id: 'READ-UNRECOGNISED',
    severity: 'warning',
    title: '无法识别的表格内容',
    statement: '表格中有不属于任何行或栏的文字；已忽略，请核对。',
  },
  ambiguous: {
    id: 'READ-AMBIGUOUS',
    severity: 'warning',
    title: '数字连写或栏位不明，无法唯一读出',
    statement:
      '单元格之间没有分隔符（数字连写），或一行的栏数多于表格（数字可放在不同的栏中），按栏数和勾稽关系仍有多种可能；不作猜测，相关单元格记为空并列出各种可能。',
  },
  splitByText: {
    id: 'READ-SPLIT-TEXT',
    severity: 'warning',
    title: '数字连写，按正文数字拆分',
    statement:
      '表二一行的数字连写、按栏数有多种拆分，而正文逐项写明了其中的数字（如“现行有效行政规范性文件698件”），只有一种拆分与之相符：按该拆分读取，请核对原文。',
  },
  mergedOrBlank: {
    id: 'READ-MERGED',
    severity: 'warning',
    title: '可能是合并单元格',
    statement:
      '文字中一组子项的某行没有任何数字，而上一行有：网页上的合并单元格（一个数字跨几行）与空白行转成文字后无法区分；不作猜测，不视为空白，也不视为0。',
  },
  unreadable: {
    id: 'READ-UNREADABLE',
    severity: 'warning',
    title: '单元格无法读取',
    statement: '单元格内容不是该栏应有的数字，或数字个数与栏数不符；记为空。',
  },
  extraColumn: {
    id: 'READ-EXTRA-COLUMN',
    severity: 'warning',
    title: '表三多出“法人或其他组织”小计栏',
    statement: '格式没有该小计栏；核对其等于五类法人或其他组织之和后略去。',
  },
  agencyLevel: {
    id: 'READ-AGENCY-LEVEL',
    severity: 'warning',
    title: '机关层级为推定',
    statement: '调用方未给出机关层级时，按名称中的行政区划用字推定；依赖层级的核对须人工确认。',
  },
  cutOff: {
    id: 'READ-CUT-OFF',
    severity: 'warning',
    title: '表格超出页面，部分栏未印出',
    statement:
      'PDF 中的表格宽于页面，页面以外的栏没有印出（打印或导出时纸张过窄），其中的数字不在文件中；相关行记为无法读取，不作猜测。',
  },
  tableImage: {
    id: 'READ-TABLE-IMAGE',
    severity: 'error',
    title: '表格为图片，无法核对',
    statement:
      '表格在原文中是图片（网页或 Word 文件中的图片），没有文字：其中的数字无法读取，各项核对都无从进行；整张表不予读取，不报其缺行缺项，须对照图片人工核对。',
  },
  scannedPages: {
    id: 'READ-SCANNED-PAGES',
    severity: 'warning',
    title: 'PDF 部分页面为扫描图片',
    statement:
      'PDF 的这些页面没有文字，只有一张扫描图片，其中的章节和表格无法读取；不作猜测，须对照原件人工核对。',
  },
  disordered: {
    id: 'READ-DISORDERED',
    severity: 'warning',
    title: '表格文字顺序错乱',
    statement:
      '由 PDF 等转换的文本中，表格的标签与数字不按行排列：各行按标签所在的位置读取，无法与标签对应的行不予读取，不视为缺行或空白；不作猜测，须对照原件人工核对。',
  },
  mixedLayout: {
    id: 'READ-MIXED-LAYOUT',
    severity: 'warning',
    title: '表二与表三分属不同格式',
    statement: '表二按一种格式、表三按另一种格式填写；按各自格式读取。',
  },
  scriptContent: {
    id: 'READ-SCRIPT-CONTENT',
    severity: 'warning',
    title: '正文由网页脚本写入',
    statement:
      '网页的 HTML 中没有年度报告，报告写在网页脚本的字符串中（打开网页时由脚本写入页面）；按脚本中的内容读取。',
  },
} as const satisfies Record<string, ReadRule>;

export type ReadRuleName = keyof typeof READ_RULES;

/** A reading finding; `confidence` (0–1) when a label was matched approximately. */
export interface ReadFinding extends Finding {
  confidence?: number;
  /**
   * READ-AMBIGUOUS: every split still consistent, each the cells of the row as printed; or every
   * placement of a tab-separated row's values among its cells ('' = an empty cell)
   */
  options?: string[][];
  /** READ-AMBIGUOUS: the options are placements of a tab-separated row's values, not splits */
  placements?: boolean;
  /** READ-AMBIGUOUS: no split keeps the row's arithmetic (see BROKEN_ROW) */
  broken?: boolean;
}

export interface ReadResult {
  /** null when the text is not an annual report (READ-NOT-REPORT) */
  report: AnnualReport | null;
  findings: ReadFinding[];
  /**
   * table 二 as printed, the way the sidecars keep it: an amount keeps its unit and separators
   * (`73802895.90元`); in `report` it is a bare decimal in the column's unit.
   */
  printedTable2: Table2;
}

export function readFinding(
  name: ReadRuleName,
  where: string,
  message: string,
  extra: Partial<ReadFinding> = {},
): ReadFinding {
  const rule = READ_RULES[name];
  return { rule: rule.id, severity: rule.severity, where, message, ...extra };
}

/** Reading findings that leave a row's cells blank in the model although the report filled them. */
const NOT_READ = new Set<string>([
  READ_RULES.ambiguous.id,
  READ_RULES.unreadable.id,
  READ_RULES.mergedOrBlank.id,
]);

/** What an unverifiable rule says when some of its cells were not read rather than blank. */
const UNREAD_ADVICE =
  '其中有的单元格未能从原文读出（见读取提示），请对照原文核对；原表确为空白的，空白不等于0，请如实填写数字（无数据的填“0”）。';

/** The places (`where`) of the rows a reading said it could not read (ambiguous, unreadable, merged). */
export const unreadOf = (findings: readonly Finding[]): string[] =>
  findings.filter((f) => NOT_READ.has(f.rule)).map((f) => f.where);

/**
 * A finding that could not be checked for blank cells (and asks for them to be filled in), on a
 * table some of whose rows were not read: says so instead — for the checks across two reports,
 * whose rows are in either (`unread` of both).
 */
export function adviseUnread<F extends Finding>(f: F, unread: readonly string[]): F {
  if (f.status !== 'unverifiable' || !f.cell || !f.message.endsWith(BLANK_ADVICE)) return f;
  const { table } = f.cell;
  if (!unread.some((w) => w === table || w.startsWith(`${table} `))) return f;
  return { ...f, message: f.message.slice(0, -BLANK_ADVICE.length) + UNREAD_ADVICE };
}

/**
 * The rule a row whose digits run together breaks whichever way they split, when no split keeps
 * its arithmetic (READ-AMBIGUOUS `broken`; every cell filled): table 四's one row of 15 figures
 * T4-SUM, a table-三 row T3-ROW. Said as that rule's finding, in place of its "cannot be
 * checked": the cells stay blank, the error is certain.
 */
const BROKEN_ROW: Record<
  'table3' | 'table4',
  { rule: string; message: (run: string, row: string) => string }
> = {
  table4: {
    rule: 'T4-SUM',
    message: (run) =>
      `表四的数字连写为“${run}”，无法确定各栏的数字；但不论怎样拆成15栏，总有一组的“总计”不等于结果维持、结果纠正、其他结果、尚未审结四项之和。原表的数字有误，请核对后改正。`,
  },
  table3: {
    rule: 'T3-ROW',
    message: (run, row) =>
      `表三“${table3RowLabel(row)}”行的数字连写为“${run}”，无法确定各栏的数字；但不论怎样拆成7栏，“总计”都不等于六类申请人之和。原表的数字有误，请核对后改正。`,
  },
};

/** The findings of the rules that rows read `broken` break (BROKEN_ROW), and what they replace. */
function brokenRows(findings: readonly ReadFinding[]) {
  const out: Finding[] = [];
  const replaced: { rule: string; table: string; row: string }[] = [];
  for (const f of findings) {
    if (f.rule !== READ_RULES.ambiguous.id || !f.broken || !f.options?.[0]) continue;
    const [name = '', row = ''] = f.where.split(' ');
    if (name !== 'table3' && name !== 'table4') continue;
    const table = name;
    const broken = BROKEN_ROW[table];
    const rule = REPORT_RULES.find((r) => r.id === broken.rule);
    if (!rule) continue;
    const run = f.options[0].join('');
    const total: Finding['cell'] = { table, column: '总计', ...(row ? { row } : {}) };
    out.push({
      rule: rule.id,
      severity: rule.severity,
      where: row ? `${table} row ${row}` : table,
      cell: total,
      // (table 四 is one row: its three groups' 总计, one of which is wrong)
      ...(row ? {} : { rows: TABLE4_GROUPS.map((g) => g.key) }),
      stated: run,
      message: broken.message(run, row),
    });
    replaced.push({ rule: rule.id, table, row });
  }
  // a "cannot be checked" of the rule on those rows only goes (table 四 is one row)
  const goes = (f: Finding) =>
    f.status === 'unverifiable' &&
    replaced.some(
      (r) =>
        r.rule === f.rule &&
        f.cell?.table === r.table &&
        (r.table === 'table4' || (f.rows ?? []).every((x) => replaced.some((q) => q.row === x))),
    );
  return { out, goes };
}

/**
 * The reading findings, then every finding of the engine's validator on the model read. The rows
 * whose cells the reader could not read (and said so) are not blank in the report: BLANK-CELL
 * leaves them out (ValidationContext.unread), as telling its authors to fill them in would be
 * wrong. A rule that could not be checked for blank cells among which some were not read says so
 * instead of only asking for the blanks to be filled.
 */
export function auditRead(read: ReadResult, ctx: ValidationContext = {}): ReadFinding[] {
  if (!read.report) return read.findings;
  // a table published as a picture was not read: the engine's findings on it would be about
  // the reading, not the report (READ-TABLE-IMAGE says so once)
  const pictures = new Set(
    read.findings.filter((f) => f.rule === READ_RULES.tableImage.id).map((f) => f.where),
  );
  const onPicture = (f: Finding) =>
    pictures.size > 0 && pictures.has(f.cell?.table ?? f.where.split(' ')[0] ?? '');
  const unread = new Set(read.findings.filter((f) => NOT_READ.has(f.rule)).map((f) => f.where));
  const unreadIn = (table: string, row: string) =>
    unread.has(table === 'table4' ? table : `${table} ${row}`);
  const touchesUnread = (f: Finding): boolean => {
    if (f.status !== 'unverifiable' || !f.cell || !f.message.endsWith(BLANK_ADVICE)) return false;
    const { table } = f.cell;
    if (f.rows?.length) return f.rows.some((row) => unreadIn(table, row));
    return [...unread].some((w) => w === table || w.startsWith(`${table} `));
  };
  // (the figures of a row whose digits run together, as every split of them holds them)
  const unreadFigures = new Map<string, string>();
  for (const f of read.findings)
    if (f.rule === READ_RULES.ambiguous.id && !f.placements && f.options?.[0])
      unreadFigures.set(f.where, f.options[0].join(''));
  const broken = brokenRows(read.findings);
  return [
    ...read.findings,
    ...broken.out,
    ...validate(read.report, { ...ctx, unread, unreadFigures })
      .filter((f) => !onPicture(f) && !broken.goes(f))
      .map((f) =>
        touchesUnread(f)
          ? { ...f, message: f.message.slice(0, -BLANK_ADVICE.length) + UNREAD_ADVICE }
          : f,
      ),
  ];
}
