/**
 * When an agency must publish its annual report for year Y (条例 第四十九条), as data. The
 * dates are calendar dates of year Y + 1; "前" is read as "on or before" (spec §2.6).
 * Township governments are not named in the 条例: their deadline is set locally (e.g. 怀化:
 * 2月20日), so every agency may carry its own `MM-DD` and the defaults below apply otherwise.
 */
import type { AgencyKind, AgencyLevel } from '../agency.ts';

export interface DeadlineRule {
  /** `MM-DD` in the year after the report year */
  monthDay: string;
  basis: string;
}

const ART49_DEPARTMENT: DeadlineRule = {
  monthDay: '01-31',
  basis:
    '《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本部门上一年度政府信息公开工作年度报告并向社会公布',
};
const ART49_GOVERNMENT: DeadlineRule = {
  monthDay: '03-31',
  basis:
    '《政府信息公开条例》第四十九条：县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告',
};
const TOWNSHIP_DEFAULT: DeadlineRule = {
  monthDay: '03-31',
  basis:
    '《政府信息公开条例》未规定乡镇（街道）的发布期限，按本地规定设置；未设置时参照县级以上地方人民政府（3月31日前）',
};

/** The statutory (or default) deadline for an agency of `kind` at `level`. */
export function statutoryDeadline(kind: AgencyKind, level: AgencyLevel): DeadlineRule {
  if (level === 'township') return TOWNSHIP_DEFAULT;
  // the 政务公开办 publishes its government's report
  return kind === 'department' ? ART49_DEPARTMENT : ART49_GOVERNMENT;
}

export const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** The deadline of the report for `year`, as `YYYY-MM-DD`, and its basis. */
export function publicationDeadline(
  agency: { kind: AgencyKind; level: AgencyLevel; reportDeadline: string | null },
  year: number,
): { date: string; basis: string } {
  const rule = statutoryDeadline(agency.kind, agency.level);
  if (agency.reportDeadline && MONTH_DAY.test(agency.reportDeadline)) {
    return {
      date: `${year + 1}-${agency.reportDeadline}`,
      basis: `本机关设定的发布期限（每年${Number(agency.reportDeadline.slice(0, 2))}月${Number(agency.reportDeadline.slice(3))}日前）`,
    };
  }
  return { date: `${year + 1}-${rule.monthDay}`, basis: rule.basis };
}
