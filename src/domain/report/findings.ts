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
  cell?: { table: 'table2' | 'table3' | 'table4'; row?: string; column?: string };
  stated?: number | string | null;
  computed?: number | string | null;
  /** number of cells concerned (BLANK-CELL) */
  count?: number;
  /** the row keys concerned, when a finding covers several rows (BLANK-CELL, unverifiable rows) */
  rows?: string[];
  /** Chinese: what is wrong and what to do about it */
  message: string;
}
