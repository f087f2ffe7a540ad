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
import {
  SECTION_HEADINGS,
  TABLE2_FIRST_HEADER,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ORG_HEADER,
  TABLE3_OUTCOME_GROUP,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  formatById,
  type Table3Row,
} from '../domain/report/formats.ts';
import type { AnnualReport, Table2Value } from '../domain/report/model.ts';
import type { ReportCell } from '../domain/report/provenance.ts';
import { html, type SafeHtml } from '../web/html.ts';
import {
  cellText,
  isOutcomeRow,
  paragraphs,
  reportTitle,
  subgroupOf,
  table2Value,
  table3Rows,
  table3Values,
  table4Value,
} from './layout.ts';

type Scope = 'col' | 'row' | 'colgroup' | 'rowgroup';

const spans = (colspan = 1, rowspan = 1): SafeHtml[] => [
  ...(colspan > 1 ? [html` colspan="${colspan}"`] : []),
  ...(rowspan > 1 ? [html` rowspan="${rowspan}"`] : []),
];
// prettier-ignore
const th = (scope: Scope, text: string, colspan?: number, rowspan?: number) =>
  html`<th scope="${scope}"${spans(colspan, rowspan)}>${text}</th>`;
export interface RenderHtmlOptions {
  /** a link for a cell's number (the admin drill-down to its records); null: plain number */
  cellHref?: (cell: ReportCell, value: Table2Value) => string | null;
}
type Num = (cell: ReportCell, v: Table2Value) => SafeHtml;
const plainNum: Num = (_cell, v) => html`<td class="num">${cellText(v)}</td>`;
function linkedNum(cellHref: NonNullable<RenderHtmlOptions['cellHref']>): Num {
  return (cell, v) => {
    const href = cellHref(cell, v);
    return href === null
      ? plainNum(cell, v)
      : html`<td class="num"><a href="${href}">${cellText(v)}</a></td>`;
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
  return formatById(report.format).table2.map((b) => {
    const head = [th('col', TABLE2_FIRST_HEADER), ...b.columns.map((c) => th('col', c.label))];
    const rows = b.rows.map((r) =>
      tr([
        th('row', r),
        ...b.columns.map((c) =>
          num(
            { table: 'table2', caption: b.caption, row: r, column: c.label },
            table2Value(report, b.caption, r, c.label),
          ),
        ),
      ]),
    );
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

function table3Row(
  report: AnnualReport,
  row: Table3Row,
  rows: readonly Table3Row[],
  num: Num,
): SafeHtml {
  const labels: SafeHtml[] = [];
  const outcome = rows.filter(isOutcomeRow);
  if (!isOutcomeRow(row)) labels.push(th('row', row.label, 3));
  else {
    if (row === outcome[0]) labels.push(th('rowgroup', TABLE3_OUTCOME_GROUP, 1, outcome.length));
    const sub = subgroupOf(row);
    const members = rows.filter((r) => sub !== undefined && subgroupOf(r) === sub);
    if (sub === undefined) labels.push(th('row', row.label, 2));
    else {
      if (row === members[0]) labels.push(th('row', sub, 1, members.length));
      labels.push(th('row', row.label));
    }
  }
  return tr([
    ...labels,
    ...table3Values(report, row.key).map((v, column) =>
      num({ table: 'table3', row: row.key, column }, v),
    ),
  ]);
}

function table3(report: AnnualReport, caption: string, num: Num): SafeHtml {
  const rows = table3Rows(report);
  const [person, ...rest] = TABLE3_COLUMNS;
  const orgs = rest.slice(0, -1);
  const total = rest[rest.length - 1]!;
  const head = [
    tr([
      // The corner cell is the stub head: it heads the three label columns (their <colgroup>).
      html`<th class="note" scope="colgroup" colspan="3" rowspan="3">${TABLE3_NOTE}</th>`,
      th('colgroup', TABLE3_APPLICANT_HEADER, TABLE3_COLUMNS.length),
    ]),
    tr([
      th('col', person, 1, 2),
      th('col', TABLE3_ORG_HEADER, orgs.length),
      th('col', total, 1, 2),
    ]),
    tr(orgs.map((o) => th('col', o))),
  ];
  // <tbody>s: 一 and 二 | 三、本年度办理结果 (its rowgroup) | 四
  const first = rows.findIndex(isOutcomeRow);
  const outcome = rows.filter(isOutcomeRow);
  const groups = [rows.slice(0, first), outcome, rows.slice(first + outcome.length)];
  // prettier-ignore
  const bodies = groups.map((g) => html`<tbody>
${g.map((row) => table3Row(report, row, rows, num))}</tbody>
`);
  // prettier-ignore
  return html`<table class="report-table report-table3">
<caption>${caption}</caption>
<colgroup span="3"></colgroup><colgroup span="${TABLE3_COLUMNS.length}"></colgroup>
<thead>
${head}</thead>
${bodies}</table>
`;
}

function table4(report: AnnualReport, caption: string, num: Num): SafeHtml {
  const n = TABLE4_COLUMNS.length;
  // Top-level groups (行政复议; 行政诉讼 over its two kinds) are the <colgroup>s.
  const top = TABLE4_GROUPS.filter(
    (g, i) => g.parent === undefined || TABLE4_GROUPS[i - 1]?.parent !== g.parent,
  ).map((g) => {
    const width = g.parent ? TABLE4_GROUPS.filter((x) => x.parent === g.parent).length * n : n;
    return { label: g.parent ?? g.label, width };
  });
  const head = [
    tr(top.map((t) => th('colgroup', t.label, t.width))),
    tr(
      TABLE4_GROUPS.flatMap((g) =>
        g.parent === undefined
          ? TABLE4_COLUMNS.map((c) => th('col', c, 1, 2))
          : [th('col', g.label, n)],
      ),
    ),
    tr(
      TABLE4_GROUPS.filter((g) => g.parent !== undefined).flatMap(() =>
        TABLE4_COLUMNS.map((c) => th('col', c)),
      ),
    ),
  ];
  const values = TABLE4_GROUPS.flatMap((g) =>
    TABLE4_COLUMNS.map((c) =>
      num({ table: 'table4', group: g.key, column: c }, table4Value(report, g.key, c)),
    ),
  );
  // prettier-ignore
  return html`<table class="report-table report-table4">
<caption>${caption}</caption>
${top.map((t) => html`<colgroup span="${t.width}"></colgroup>`)}
<thead>
${head}</thead>
<tbody>
${tr(values)}</tbody>
</table>
`;
}

export function renderHtml(report: AnnualReport, opts: RenderHtmlOptions = {}): SafeHtml {
  const num = opts.cellHref ? linkedNum(opts.cellHref) : plainNum;
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
  section(proactive, table2(report, num)),
  section(applications, table3(report, captionOf(applications), num)),
  section(remedies, table4(report, captionOf(remedies), num)),
  section(problems, prose(report.narrative.problems)),
  section(other, prose(report.narrative.other)),
]}</article>
`;
}
