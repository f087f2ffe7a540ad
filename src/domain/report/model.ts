/**
 * The report model: one agency, one year. The tables use the same keys as the sidecars of
 * examples/reports (table2: caption → row → column; table3: row key → 7 values; table4: group →
 * column), so generated and published reports compare directly. `null` is a blank cell and is
 * never the same as 0.
 */
import type { AgencyKind, AgencyLevel } from '../agency.ts';
import type { FeeColumn, FormatId, Table3Column, Table4Column } from './formats.ts';

/** A count (number) or an amount (decimal string in the column's unit); null = blank. */
export type Table2Value = number | string | null;
export type Table2 = Record<string, Record<string, Record<string, Table2Value>>>;
/** row key → values in TABLE3_COLUMNS order */
export type Table3 = Record<string, (number | null)[]>;
export type Table4 = Record<string, Record<Table4Column, number | null>>;
/** 信息处理费收取情况 (FEE_TABLE): 通知收取件数 a count, the amounts decimals in 元; null = blank. */
export type FeeTable = Record<FeeColumn, Table2Value>;

export interface ReportTables {
  table2: Table2;
  table3: Table3;
  table4: Table4;
}

export interface ReportNarrative {
  /** 一、总体情况 */
  overview: string;
  /** 五、存在的主要问题及改进情况 */
  problems: string;
  /** 六、其他需要报告的事项 */
  other: string;
}

export interface ReportExtraText {
  /** before 一、总体情况: the report's introduction (根据《条例》……编制本报告。) */
  preamble?: string;
  /** section 三 before its table (2023年，共收到政府信息公开申请0条。) */
  applications?: string;
  /** section 三 after its table (2025年，我局共收到公民、法人及其他组织提出的政府信息公开申请21件。) */
  applicationsAfter?: string;
  /** section 四 before its table (2023年，没有政府信息公开行政复议及行政诉讼情况。) */
  reviews?: string;
  /** section 四 after its table (2025年，我局未发生因政府信息公开工作引发的相关行政诉讼案件。) */
  reviewsAfter?: string;
}

export interface AnnualReport extends ReportTables {
  year: number;
  /** the layout the tables follow (for a generated report: the format of the year) */
  format: FormatId;
  agency: { name: string; level: AgencyLevel; kind: AgencyKind };
  narrative: ReportNarrative;
  /**
   * Words a published report prints outside its narrative sections, read by the checks of the
   * narrative (TEXT-NUM, BASIS-OUTDATED) as those sections are. Absent from a generated report,
   * which has none.
   */
  extraText?: ReportExtraText;
  /**
   * The table of fees a published report prints beside the format's (FEE_TABLE: 通知收取件数,
   * 通知收取金额（元）, 实际收取金额（元）), when it has one. Absent from a generated report.
   */
  fees?: FeeTable;
  /**
   * When the report had to be and was published (条例 第四十九条); known for reports the
   * platform keeps, absent for a report read from outside. Dates are `YYYY-MM-DD`, China time.
   */
  publication?: ReportPublication;
}

export interface ReportPublication {
  deadline: string;
  /** why that deadline: the article, or the agency's own setting */
  basis: string;
  /** null while not yet published */
  publishedOn: string | null;
  /** today, for a report not yet published */
  asOf: string;
}

export const table3Index = (c: Table3Column): number =>
  ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].indexOf(c);
