/**
 * An import file as a table (header row, then one record per row) checked as a whole: the kind
 * of record from its header, every cell of every row read, numbers unique within the file.
 * Every problem is reported with the line the user sees in the spreadsheet (the header is line
 * 1) and the column's header as written, so that all of them can be fixed in one pass.
 */
import { FIELDS, KIND_LABELS, READERS, type RecordKind, type RecordOf } from './records.ts';
import { normalizeLabel } from './values.ts';

export interface TableRow {
  /** the row number in the spreadsheet (CSV: the record's number, header = 1) */
  line: number;
  cells: readonly string[];
}

export interface ImportIssue {
  line: number;
  /** the column's header as written in the file, or '' for the whole row or file */
  column: string;
  message: string;
}

/** Header names accepted for each field, the first being the one templates use. */
export const HEADERS: Record<RecordKind, Record<string, readonly string[]>> = {
  applications: {
    caseNumber: ['申请编号', '案号', '编号', '申请号', '受理编号'],
    applicantType: ['申请人类型', '申请人情况', '申请人'],
    receivedOn: ['收到申请日期', '收到日期', '收到申请之日', '申请日期', '收件日期'],
    outcome: ['办理结果', '答复结果', '处理结果'],
    decidedOn: ['答复日期', '办结日期', '答复时间'],
  },
  reviews: {
    caseNumber: ['案号', '编号', '案件编号'],
    kind: ['类型', '案件类型', '复议诉讼类型'],
    filedOn: ['收到日期', '立案日期', '受理日期'],
    result: ['结果', '审结结果', '复议诉讼结果'],
    concludedOn: ['审结日期', '结案日期'],
  },
  documents: {
    documentNumber: ['文号', '发文字号'],
    title: ['标题', '文件名称', '名称', '文件标题'],
    kind: ['类别', '文件类别', '类型'],
    writtenOn: ['成文日期'],
    publishedOn: ['发布日期', '公开日期'],
    repealedOn: ['废止日期', '失效日期'],
  },
};

export const KINDS: readonly RecordKind[] = ['applications', 'reviews', 'documents'];

/** A header cell as compared: normalised, without a required-marker (`*`, （必填）). */
const headerKey = (s: string) =>
  normalizeLabel(s)
    .replace(/^\*|\*$/g, '')
    .replace(/\((必填|选填|可选)\)$/, '');

function fieldOfHeader(kind: RecordKind, cell: string): string | undefined {
  const key = headerKey(cell);
  if (key === '') return undefined;
  for (const [field, names] of Object.entries(HEADERS[kind]))
    if (names.some((n) => headerKey(n) === key)) return field;
  return undefined;
}

/** The expected columns of a kind, for messages: 申请编号（必填）、… */
export function expectedColumns(kind: RecordKind): string {
  return FIELDS[kind]
    .map((f) => `${HEADERS[kind][f.key]?.[0] ?? f.label}${f.required ? '（必填）' : ''}`)
    .join('、');
}

/** The kind whose columns the header names best; undefined when none or a tie. */
export function detectKind(header: readonly string[]): RecordKind | undefined {
  const scores = KINDS.map((k) => ({
    k,
    n: new Set(header.map((c) => fieldOfHeader(k, c)).filter(Boolean)).size,
  })).sort((a, b) => b.n - a.n);
  const [best, next] = scores;
  if (!best || best.n === 0 || best.n === next?.n) return undefined;
  return best.k;
}

export interface CheckedTable<K extends RecordKind = RecordKind> {
  kind: K | undefined;
  records: { line: number; record: RecordOf[K] }[];
  issues: ImportIssue[];
  /** field → the header as written, for naming columns in later checks */
  headerOf: Record<string, string>;
}

function headerIssues(kind: RecordKind, header: readonly string[]) {
  const issues: ImportIssue[] = [];
  const columns = new Map<number, string>();
  const headerOf: Record<string, string> = {};
  const hint = `${KIND_LABELS[kind]}文件第1行应为列名：${expectedColumns(kind)}。`;
  header.forEach((cell, i) => {
    const name = cell.trim();
    if (name === '') return;
    const field = fieldOfHeader(kind, name);
    if (!field) issues.push({ line: 1, column: name, message: `无法识别的列名“${name}”。${hint}` });
    else if (headerOf[field] !== undefined)
      issues.push({
        line: 1,
        column: name,
        message: `列“${name}”与列“${headerOf[field]}”是同一项，请只保留一列。`,
      });
    else {
      headerOf[field] = name;
      columns.set(i, field);
    }
  });
  for (const f of FIELDS[kind])
    if (f.required && headerOf[f.key] === undefined)
      issues.push({
        line: 1,
        column: HEADERS[kind][f.key]?.[0] ?? f.label,
        message: `缺少必填列“${HEADERS[kind][f.key]?.[0]}”。${hint}`,
      });
  return { issues, columns, headerOf };
}

const columnName = (i: number) => `第${i + 1}列`;

/**
 * Checks a whole table. `kind` forces the kind of record (else it is read from the header);
 * `today` is the civil date in China (no record may be dated later).
 */
export function checkTable(
  rows: readonly TableRow[],
  opts: { kind?: RecordKind; today: string },
): CheckedTable {
  const [head, ...body] = rows;
  if (!head)
    return {
      kind: opts.kind,
      records: [],
      issues: [{ line: 1, column: '', message: '文件是空的：第1行应为列名，其后每行一条记录。' }],
      headerOf: {},
    };
  const kind = opts.kind ?? detectKind(head.cells);
  if (!kind) {
    const all = KINDS.map((k) => `${KIND_LABELS[k]}：${expectedColumns(k)}`).join('；');
    return {
      kind,
      records: [],
      issues: [
        {
          line: head.line,
          column: '',
          message: `无法从第1行的列名判断记录类型。第1行应为列名，三类文件的列分别为——${all}。`,
        },
      ],
      headerOf: {},
    };
  }
  const { issues, columns, headerOf } = headerIssues(kind, head.cells);
  if (issues.length) return { kind, records: [], issues, headerOf };

  const records: CheckedTable['records'] = [];
  const seen = new Map<string, number>();
  const numberField = FIELDS[kind][0]!.key;
  for (const row of body) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const values: Record<string, string> = {};
    row.cells.forEach((c, i) => {
      const field = columns.get(i);
      if (field) values[field] = c;
      else if (c.trim() !== '')
        issues.push({
          line: row.line,
          column: columnName(i),
          message: '该列没有列名，请删除这一列的内容或补上列名。',
        });
    });
    const read = READERS[kind](values, opts.today);
    const problems = read.ok ? [] : read.problems;
    for (const p of problems)
      issues.push({ line: row.line, column: headerOf[p.field] ?? p.field, message: p.message });
    const no = (values[numberField] ?? '').trim();
    if (no !== '' && !problems.some((p) => p.field === numberField)) {
      const first = seen.get(no);
      if (first !== undefined)
        issues.push({
          line: row.line,
          column: headerOf[numberField] ?? '',
          message: `“${no}”与第${first}行重复，同一编号只能登记一次。`,
        });
      else seen.set(no, row.line);
    }
    if (read.ok) records.push({ line: row.line, record: read.record });
  }
  if (!body.some((r) => r.cells.some((c) => c.trim() !== '')))
    issues.push({ line: 2, column: '', message: '文件只有列名，没有记录。' });
  return { kind, records, issues: sortIssues(issues), headerOf };
}

export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues.sort((a, b) => a.line - b.line);
}
