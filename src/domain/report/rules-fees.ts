/**
 * The checks of a report's fee table (信息处理费收取情况, FEE_TABLE), when a published report
 * prints one: what a 收费通知 is under 国办函〔2020〕109号 (FEE-NOTICE), what can be collected on
 * the notices (FEE-COLLECTED), and the applications closed for fees not paid against the notices
 * sent (FEE-UNPAID). A report without the table is not checked; blank ≠ 0 as everywhere.
 */
import type { Issue, RuleContext } from './rule-helpers.ts';
import { BLANK_ADVICE, num, t3, table3RowLabel } from './rule-helpers.ts';
import { FEE_TABLE, LEAST_FEE_NOTICE_YUAN, type FeeColumn } from './formats.ts';
import { isDecimal } from './decimal.ts';
import type { AnnualReport } from './model.ts';

const [NOTICES, NOTIFIED, COLLECTED] = FEE_TABLE.columns.map((c) => c.label) as [
  FeeColumn,
  FeeColumn,
  FeeColumn,
];
const TABLE = '信息处理费收取情况表';
const ROW = FEE_TABLE.heading;
const cellOf = (column: FeeColumn) => ({ table: 'fees' as const, row: ROW, column });

/** A fee cell as a number: a count, or an amount in 元 (a decimal); null when blank or not one. */
function feeValue(report: AnnualReport, column: FeeColumn): number | null {
  const v = report.fees?.[column];
  if (typeof v === 'string') return isDecimal(v) ? Number(v) : null;
  return num(v);
}

/** The cells a check needs that are blank: one `unverifiable` issue naming them, or null. */
function blanks(report: AnnualReport, columns: readonly FeeColumn[], what: string): Issue | null {
  const blank = columns.filter((c) => feeValue(report, c) === null);
  if (blank.length === 0) return null;
  return {
    status: 'unverifiable',
    where: `fees ${blank.join('、')}`,
    cell: { table: 'fees', row: ROW },
    message: `${TABLE}“${what}”无法核对：“${blank.join('”“')}”为空或不是数字，不能视为通过。${BLANK_ADVICE}`,
  };
}

const yuan = (n: number) => `${n}元`;

/** FEE-NOTICE: no notice, no amount; an amount, some notice; each notice at least 10元. */
export function checkFeeNotice(report: AnnualReport): Issue[] {
  if (!report.fees) return [];
  const blank = blanks(report, [NOTICES, NOTIFIED], '通知收取件数与通知收取金额相符');
  if (blank) return [blank];
  const notices = feeValue(report, NOTICES) ?? 0;
  const notified = feeValue(report, NOTIFIED) ?? 0;
  const least = LEAST_FEE_NOTICE_YUAN * notices;
  let message: string | null = null;
  if (notices === 0 && notified > 0)
    message = `${TABLE}的“${NOTICES}”为0，但“${NOTIFIED}”为${yuan(notified)}：没有发出收费通知，就没有通知收取的金额。请核对后改正其中之一。`;
  else if (notices > 0 && notified === 0)
    message = `${TABLE}的“${NOTICES}”为${notices}件，但“${NOTIFIED}”为0：收费通知应载明收费数额，发出了通知就有通知收取的金额。请核对后改正其中之一。`;
  else if (notified < least)
    message = `${TABLE}的“${NOTIFIED}”为${yuan(notified)}，少于${notices}份收费通知按收费标准至少应收的${yuan(least)}（按量计收自第31页起每页10元，按件计收自第11件起每件100元，每份通知至少10元）。请核对后改正。`;
  if (message === null) return [];
  return [
    {
      where: `fees ${NOTIFIED}`,
      cell: cellOf(NOTIFIED),
      stated: notified,
      computed: notices === 0 ? 0 : `≥ ${least}`,
      message,
    },
  ];
}

/** FEE-COLLECTED: what was collected is no more than what the notices asked. */
export function checkFeeCollected(report: AnnualReport): Issue[] {
  if (!report.fees) return [];
  const blank = blanks(report, [NOTIFIED, COLLECTED], '实际收取金额不超过通知收取金额');
  if (blank) return [blank];
  const notified = feeValue(report, NOTIFIED) ?? 0;
  const collected = feeValue(report, COLLECTED) ?? 0;
  if (collected <= notified) return [];
  return [
    {
      where: `fees ${COLLECTED}`,
      cell: cellOf(COLLECTED),
      stated: collected,
      computed: `≤ ${notified}`,
      message: `${TABLE}的“${COLLECTED}”为${yuan(collected)}，多于“${NOTIFIED}”${yuan(notified)}：信息处理费按收费通知缴纳，实际收取的不会多于通知收取的。除非其中有上年发出通知、本年缴纳的费用（请在正文中说明），请核对后改正。`,
    },
  ];
}

/** The 2021 row of applications closed because the fee was not paid (三（六）2). */
const UNPAID_ROW = '三（六）2';

/** FEE-UNPAID: applications closed for a fee not paid, at most as many as the notices sent. */
export function checkFeeUnpaid(report: AnnualReport, ctx: RuleContext): Issue[] {
  if (!report.fees || !ctx.format.table3Rows.some((r) => r.key === UNPAID_ROW)) return [];
  const unpaid = num(t3(report, UNPAID_ROW, '总计'));
  const notices = feeValue(report, NOTICES);
  // (a blank of table 三 is BLANK-CELL's and its arithmetic's; a blank of the fee table FEE-NOTICE's)
  if (unpaid === null || notices === null || unpaid <= notices) return [];
  return [
    {
      where: `fees ${NOTICES}`,
      cell: cellOf(NOTICES),
      stated: notices,
      computed: `≥ ${unpaid}`,
      message: `表三“${table3RowLabel(UNPAID_ROW)}”总计为${unpaid}件，多于${TABLE}的“${NOTICES}”${notices}件：申请因逾期未缴费而不再处理，须先收到收费通知，这样的申请不会多于发出的收费通知。除非其中有上年发出通知的申请（请在正文中说明），请核对后改正其中之一。`,
    },
  ];
}
