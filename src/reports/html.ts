/**
 * The report as an HTML fragment (an <article>) for the public 年报 page. The tables keep the
 * official merged headers. Header scope follows the HTML table model: a header that covers a
 * whole <colgroup> or <tbody> gets scope="colgroup"/"rowgroup"; a header nested inside such a
 * group (法人或其他组织, 未经复议直接起诉, （三）不予公开 …) cannot have a group of its own, so it gets
 * scope="col"/"row" and applies to every column or row it spans. Numbers carry class="num" for
 * right alignment in the stylesheet (the CSP forbids inline styles).
 *
 * The markup templates are exempt from prettier (`// prettier-ignore`): prettier would reflow the
 * embedded HTML, and the output, the goldens with it, would then change with prettier's version.
 */
import { FEE_TABLE, SECTION_HEADINGS, TABLE3_COLUMNS } from '../domain/report/formats.ts';
import type { AnnualReport, FeeTable, Table2Value } from '../domain/report/model.ts';
import type { ReportCell } from '../domain/report/provenance.ts';
import { html, type SafeHtml } from '../web/html.ts';
import {
  TABLE3_LABEL_COLUMNS,
  cellText,
  paragraphs,
  reportTitle,
  table2Layout,
  table3Layout,
  table4Layout,
  type HeaderCell,
  type Table3Line,
  type ValueCell,
} from './layout.ts';

type Scope = 'col' | 'row' | 'colgroup' | 'rowgroup';

const spans = (colspan = 1, rowspan = 1): SafeHtml[] => [
  ...(colspan > 1 ? [html` colspan="${colspan}"`] : []),
  ...(rowspan > 1 ? [html` rowspan="${rowspan}"`] : []),
];
// prettier-ignore
const th = (scope: Scope, text: string, colspan?: number, rowspan?: number) =>
  html`<th scope="${scope}"${spans(colspan, rowspan)}>${text}</th>`;
/**
 * A header cell of table 三 or 四. The corner cell of table 三 is the stub head: it heads the
 * three label columns (their <colgroup>).
 */
// prettier-ignore
const headerTh = (c: HeaderCell) =>
  c.kind === 'note'
    ? html`<th class="note" scope="colgroup"${spans(c.colSpan, c.rowSpan)}>${c.text}</th>`
    : th(c.kind === 'group' ? 'colgroup' : 'col', c.text, c.colSpan, c.rowSpan);
export interface RenderHtmlOptions {
  /** a link for a cell's number (the admin drill-down to its records); null: plain number */
  cellHref?: (cell: ReportCell, value: Table2Value) => string | null;
  /** the whole <td> of a value (the audit page highlights cells with findings); wins over cellHref */
  valueCell?: (v: ValueCell) => SafeHtml;
  /** what stands in a table's place instead of it (the audit page: a table read from a picture) */
  instead?: Partial<Record<'table2' | 'table3' | 'table4', SafeHtml>>;
}
type Num = (v: ValueCell) => SafeHtml;
const plainNum: Num = (v) => html`<td class="num">${cellText(v.value)}</td>`;
function linkedNum(cellHref: NonNullable<RenderHtmlOptions['cellHref']>): Num {
  return (v) => {
    const href = cellHref(v.cell, v.value);
    return href === null
      ? plainNum(v)
      : html`<td class="num"><a href="${href}">${cellText(v.value)}</a></td>`;
  };
}
// prettier-ignore
const tr = (cells: SafeHtml[]) => html`<tr>${cells}</tr>\n`;

/** the section heading without its ordinal: 二、主动公开政府信息情况 → 主动公开政府信息情况 */
const captionOf = (heading: string) => heading.slice(heading.indexOf('、') + 1);

/**
 * Section 二 as one table per block, captioned 第二十条第（X）项. The official layout stacks the
 * blocks in one grid under full-width caption rows; as separate tables each block has its own
 * column headers, which assistive technology then reads without ambiguity.
 */
function table2(report: AnnualReport, num: Num): SafeHtml[] {
  return table2Layout(report).blocks.map((b) => {
    const head = b.header.map((h) => th('col', h.text));
    const rows = b.rows.map((r) => tr([th('row', r.label), ...r.values.map(num)]));
    // prettier-ignore
    return html`<table class="report-table report-table2">
<caption>${b.caption}</caption>
<thead>
${tr(head)}</thead>
<tbody>
${rows}</tbody>
</table>
`;
  });
}

function table3Row(row: Table3Line, num: Num): SafeHtml {
  const { groupStart: group, subgroupStart: sub } = row;
  return tr([
    ...(group ? [th('rowgroup', group.text, 1, group.rows)] : []),
    ...(sub ? [th('row', sub.text, 1, sub.rows)] : []),
    th('row', row.label, row.labelSpan),
    ...row.values.map(num),
  ]);
}

function table3(report: AnnualReport, caption: string, num: Num): SafeHtml {
  const { header, rows } = table3Layout(report);
  const head = header.map((cells) => tr(cells.map(headerTh)));
  // <tbody>s: 一 and 二 | 三、本年度办理结果 (its rowgroup) | 四
  const first = rows.findIndex((r) => r.outcome);
  const outcome = rows.filter((r) => r.outcome);
  const groups = [rows.slice(0, first), outcome, rows.slice(first + outcome.length)];
  // prettier-ignore
  const bodies = groups.map((g) => html`<tbody>
${g.map((row) => table3Row(row, num))}</tbody>
`);
  // prettier-ignore
  return html`<table class="report-table report-table3">
<caption>${caption}</caption>
<colgroup span="${TABLE3_LABEL_COLUMNS}"></colgroup><colgroup span="${TABLE3_COLUMNS.length}"></colgroup>
<thead>
${head}</thead>
${bodies}</table>
`;
}

function table4(report: AnnualReport, caption: string, num: Num): SafeHtml {
  const { header, values } = table4Layout(report);
  const head = header.map((cells) => tr(cells.map(headerTh)));
  // Top-level groups (行政复议; 行政诉讼 over its two kinds) are the <colgroup>s.
  const top = header[0] ?? [];
  // prettier-ignore
  return html`<table class="report-table report-table4">
<caption>${caption}</caption>
${top.map((t) => html`<colgroup span="${t.colSpan}"></colgroup>`)}
<thead>
${head}</thead>
<tbody>
${tr(values.map(num))}</tbody>
</table>
`;
}

/** A published report's fee table (FEE_TABLE), as it prints it: one row under its header. */
function feeTable(fees: FeeTable, num: Num): SafeHtml {
  const values = FEE_TABLE.columns.map((c) =>
    num({ cell: { table: 'fees', column: c.label }, value: fees[c.label], span: 1 }),
  );
  // prettier-ignore
  return html`<table class="report-table report-fees">
<caption>${FEE_TABLE.heading}</caption>
<thead>
${tr([html`<td></td>`, ...FEE_TABLE.columns.map((c) => th('col', c.label))])}</thead>
<tbody>
${tr([th('row', FEE_TABLE.heading), ...values])}</tbody>
</table>
`;
}

export function renderHtml(report: AnnualReport, opts: RenderHtmlOptions = {}): SafeHtml {
  const num = opts.valueCell ?? (opts.cellHref ? linkedNum(opts.cellHref) : plainNum);
  const [overview, proactive, applications, remedies, problems, other] = SECTION_HEADINGS;
  // prettier-ignore
  const prose = (text: string) => paragraphs(text).map((p) => html`<p>${p}</p>\n`);
  // prettier-ignore
  const section = (heading: string, content: SafeHtml | SafeHtml[]) =>
    html`<h2>${heading}</h2>\n${content}`;
  // prettier-ignore
  return html`<article class="annual-report">
<h1>${reportTitle(report)}</h1>
${[
  section(overview, prose(report.narrative.overview)),
  section(proactive, opts.instead?.table2 ?? table2(report, num)),
  // (a published report's words before and after its tables 三 and 四, which TEXT-NUM reads,
  // are shown where they stand)
  section(applications, [
    ...prose(report.extraText?.applications ?? ''),
    opts.instead?.table3 ?? table3(report, captionOf(applications), num),
    ...prose(report.extraText?.applicationsAfter ?? ''),
  ]),
  section(remedies, [
    ...prose(report.extraText?.reviews ?? ''),
    opts.instead?.table4 ?? table4(report, captionOf(remedies), num),
    ...prose(report.extraText?.reviewsAfter ?? ''),
  ]),
  section(problems, prose(report.narrative.problems)),
  // (a published report's fee table, wherever it printed it: the fees section 六 reports on)
  section(other, [
    ...(report.fees ? [feeTable(report.fees, num)] : []),
    ...prose(report.narrative.other),
  ]),
]}</article>
`;
}
