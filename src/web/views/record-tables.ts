/**
 * The records as tables, the same wherever they appear (the 记录 list and the records behind a
 * report cell): one column set per kind of record, the first column the row header. A page adds
 * its own columns (actions, the status on 31 December).
 */
import { html, type SafeHtml } from '../html.ts';
import {
  applicantText,
  docKindText,
  outcomeText,
  resultText,
  reviewKindText,
} from '../routes/admin/record-views.ts';

export interface Column<R> {
  header: string;
  cell: (row: R) => SafeHtml | string | number;
}

/** A table of records: caption, column headers, one row per record (its first cell a row header). */
export function recordTable<R>(
  caption: SafeHtml | string,
  columns: readonly Column<R>[],
  rows: readonly R[],
): SafeHtml {
  const [first, ...rest] = columns;
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${columns.map((c) => html`<th scope="col">${c.header}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${first ? html`<th scope="row">${first.cell(r)}</th>` : ''}${rest.map(
              (c) => html`<td>${c.cell(r)}</td>`,
            )}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const dash = (v: string | null) => v ?? '—';

export const APPLICATION_COLUMNS: readonly Column<{
  case_number: string;
  applicant_type: string;
  received_on: string;
  decided_on: string | null;
  outcome: string | null;
}>[] = [
  { header: '申请编号', cell: (a) => a.case_number },
  { header: '申请人类型', cell: (a) => applicantText(a.applicant_type) },
  { header: '收到申请日期', cell: (a) => a.received_on },
  { header: '办理结果', cell: (a) => outcomeText(a.outcome, a.decided_on) },
  { header: '答复日期', cell: (a) => dash(a.decided_on) },
];

export const REVIEW_COLUMNS: readonly Column<{
  case_number: string;
  kind: string;
  filed_on: string;
  result: string;
  concluded_on: string | null;
}>[] = [
  { header: '案号', cell: (c) => c.case_number },
  { header: '类型', cell: (c) => reviewKindText(c.kind) },
  { header: '收到日期', cell: (c) => c.filed_on },
  { header: '结果', cell: (c) => resultText(c.result) },
  { header: '审结日期', cell: (c) => dash(c.concluded_on) },
];

export const DOCUMENT_COLUMNS: readonly Column<{
  document_number: string;
  title: string;
  kind: string;
  written_on: string;
  published_on: string | null;
  repealed_on: string | null;
}>[] = [
  { header: '文号', cell: (d) => d.document_number },
  { header: '标题', cell: (d) => d.title },
  { header: '类别', cell: (d) => docKindText(d.kind) },
  { header: '成文日期', cell: (d) => d.written_on },
  { header: '发布日期', cell: (d) => dash(d.published_on) },
  { header: '废止日期', cell: (d) => dash(d.repealed_on) },
];
