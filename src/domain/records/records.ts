/**
 * The three kinds of record the annual report is computed from, as the user enters them (one
 * form or one spreadsheet row): every field read, then the rules between fields (a decision
 * not before receipt, an outcome that exists in the format of the decision year, …). Each
 * problem names its field, so a form shows it beside the input and an import beside the column.
 */
import type { RecordFacts } from '../report/footprint.ts';
import type { ApplicantType, ReviewKind, ReviewResult } from '../report/outcomes.ts';
import type { DocumentKind } from '../report/table2-sources.ts';
import {
  outcomeProblem,
  parseApplicantType,
  parseDate,
  parseDocumentKind,
  parseOutcome,
  parseReviewKind,
  parseReviewResult,
  parseText,
  type Parsed,
} from './values.ts';

export type RecordKind = 'applications' | 'reviews' | 'documents';

export interface ApplicationRecord {
  caseNumber: string;
  applicantType: ApplicantType;
  receivedOn: string;
  outcome: string | null;
  decidedOn: string | null;
}

export interface ReviewRecord {
  caseNumber: string;
  kind: ReviewKind;
  filedOn: string;
  result: ReviewResult;
  concludedOn: string | null;
}

export interface DocumentRecord {
  documentNumber: string;
  title: string;
  kind: DocumentKind;
  writtenOn: string;
  publishedOn: string | null;
  repealedOn: string | null;
}

export interface RecordOf {
  applications: ApplicationRecord;
  reviews: ReviewRecord;
  documents: DocumentRecord;
}

/** A field of a record: its key (form field name), its label, and how a value is read. */
export interface FieldDef {
  key: string;
  label: string;
  required: boolean;
}

export const FIELDS: Record<RecordKind, readonly FieldDef[]> = {
  applications: [
    { key: 'caseNumber', label: '申请编号', required: true },
    { key: 'applicantType', label: '申请人类型', required: true },
    { key: 'receivedOn', label: '收到申请日期', required: true },
    { key: 'outcome', label: '办理结果', required: false },
    { key: 'decidedOn', label: '答复日期', required: false },
  ],
  reviews: [
    { key: 'caseNumber', label: '案号', required: true },
    { key: 'kind', label: '类型', required: true },
    { key: 'filedOn', label: '收到日期', required: true },
    { key: 'result', label: '结果', required: false },
    { key: 'concludedOn', label: '审结日期', required: false },
  ],
  documents: [
    { key: 'documentNumber', label: '文号', required: true },
    { key: 'title', label: '标题', required: true },
    { key: 'kind', label: '类别', required: true },
    { key: 'writtenOn', label: '成文日期', required: true },
    { key: 'publishedOn', label: '发布日期', required: false },
    { key: 'repealedOn', label: '废止日期', required: false },
  ],
};

export const KIND_LABELS: Record<RecordKind, string> = {
  applications: '政府信息公开申请',
  reviews: '行政复议、行政诉讼案件',
  documents: '规章和规范性文件',
};

export interface FieldProblem {
  field: string;
  message: string;
}

export type ReadResult<T> = { ok: true; record: T } | { ok: false; problems: FieldProblem[] };

/** Collects parse results and problems field by field. */
function reader(values: Readonly<Record<string, string>>) {
  const problems: FieldProblem[] = [];
  const take = <T>(field: string, parse: (raw: string) => Parsed<T>): T | undefined => {
    const r = parse(values[field] ?? '');
    if (r.ok) return r.value;
    problems.push({ field, message: r.message });
    return undefined;
  };
  return {
    problems,
    take,
    date(field: string, today: string, required: boolean): string | null | undefined {
      const d = take(field, parseDate);
      if (d === null && required) problems.push({ field, message: '不能为空。' });
      if (d && d > today)
        problems.push({ field, message: `${d}晚于今天（${today}），不能登记将来的日期。` });
      return d === null && required ? undefined : d;
    },
    notBefore(
      field: string,
      d: string | null | undefined,
      earlier: string | null | undefined,
      what: string,
    ) {
      if (d && earlier && d < earlier)
        problems.push({ field, message: `${d}早于${what}（${earlier}），请核对。` });
    },
    has: (field: string) => problems.some((p) => p.field === field),
  };
}

const caseNumber = (raw: string) => parseText(raw, 64, true);

export function readApplication(
  values: Readonly<Record<string, string>>,
  today: string,
): ReadResult<ApplicationRecord> {
  const r = reader(values);
  const no = r.take('caseNumber', caseNumber);
  const applicantType = r.take('applicantType', parseApplicantType);
  const receivedOn = r.date('receivedOn', today, true);
  const outcome = r.take('outcome', parseOutcome);
  const decidedOn = r.date('decidedOn', today, false);
  r.notBefore('decidedOn', decidedOn, receivedOn, '收到申请日期');
  if (outcome && decidedOn === null)
    r.problems.push({ field: 'decidedOn', message: '已填办理结果，请填写答复日期。' });
  if (outcome === null && decidedOn)
    r.problems.push({ field: 'outcome', message: '已填答复日期，请填写办理结果。' });
  if (outcome && decidedOn) {
    const problem = outcomeProblem(outcome, Number(decidedOn.slice(0, 4)));
    if (problem) r.problems.push({ field: 'outcome', message: problem });
  }
  if (r.problems.length) return { ok: false, problems: r.problems };
  return {
    ok: true,
    record: {
      caseNumber: no as string,
      applicantType: applicantType as ApplicantType,
      receivedOn: receivedOn as string,
      outcome: outcome?.code ?? null,
      decidedOn: decidedOn ?? null,
    },
  };
}

export function readReview(
  values: Readonly<Record<string, string>>,
  today: string,
): ReadResult<ReviewRecord> {
  const r = reader(values);
  const no = r.take('caseNumber', caseNumber);
  const kind = r.take('kind', parseReviewKind);
  const filedOn = r.date('filedOn', today, true);
  const result = r.take('result', parseReviewResult);
  const concludedOn = r.date('concludedOn', today, false);
  r.notBefore('concludedOn', concludedOn, filedOn, '收到日期');
  if (result && result !== 'pending' && concludedOn === null)
    r.problems.push({ field: 'concludedOn', message: '已填结果，请填写审结日期。' });
  if (result === 'pending' && concludedOn)
    r.problems.push({
      field: 'result',
      message: '已填审结日期，请填写结果（结果维持、结果纠正或其他结果）。',
    });
  if (r.problems.length) return { ok: false, problems: r.problems };
  return {
    ok: true,
    record: {
      caseNumber: no as string,
      kind: kind as ReviewKind,
      filedOn: filedOn as string,
      result: result as ReviewResult,
      concludedOn: concludedOn ?? null,
    },
  };
}

export function readDocument(
  values: Readonly<Record<string, string>>,
  today: string,
): ReadResult<DocumentRecord> {
  const r = reader(values);
  const no = r.take('documentNumber', (raw) => parseText(raw, 100, true));
  const title = r.take('title', (raw) => parseText(raw, 500, true));
  const kind = r.take('kind', parseDocumentKind);
  const writtenOn = r.date('writtenOn', today, true);
  const publishedOn = r.date('publishedOn', today, false);
  const repealedOn = r.date('repealedOn', today, false);
  r.notBefore('publishedOn', publishedOn, writtenOn, '成文日期');
  r.notBefore('repealedOn', repealedOn, publishedOn, '发布日期');
  if (repealedOn && publishedOn === null && !r.has('publishedOn'))
    r.problems.push({ field: 'publishedOn', message: '已填废止日期，请填写该文件的发布日期。' });
  if (r.problems.length) return { ok: false, problems: r.problems };
  return {
    ok: true,
    record: {
      documentNumber: no as string,
      title: title as string,
      kind: kind as DocumentKind,
      writtenOn: writtenOn as string,
      publishedOn: publishedOn ?? null,
      repealedOn: repealedOn ?? null,
    },
  };
}

export const READERS: {
  [K in RecordKind]: (
    v: Readonly<Record<string, string>>,
    today: string,
  ) => ReadResult<RecordOf[K]>;
} = { applications: readApplication, reviews: readReview, documents: readDocument };

/** The identifying number of a record (unique per agency). */
export function numberOf(kind: RecordKind, r: RecordOf[RecordKind]): string {
  return kind === 'documents'
    ? (r as DocumentRecord).documentNumber
    : (r as ApplicationRecord | ReviewRecord).caseNumber;
}

export function factsOf(kind: RecordKind, r: RecordOf[RecordKind]): RecordFacts {
  switch (kind) {
    case 'applications': {
      const a = r as ApplicationRecord;
      return {
        type: 'application',
        applicantType: a.applicantType,
        receivedOn: a.receivedOn,
        decidedOn: a.decidedOn,
        outcome: a.outcome,
      };
    }
    case 'reviews': {
      const c = r as ReviewRecord;
      return {
        type: 'review',
        kind: c.kind,
        filedOn: c.filedOn,
        result: c.result,
        concludedOn: c.concludedOn,
      };
    }
    case 'documents': {
      const d = r as DocumentRecord;
      return {
        type: 'document',
        kind: d.kind,
        writtenOn: d.writtenOn,
        publishedOn: d.publishedOn,
        repealedOn: d.repealedOn,
      };
    }
  }
}

/** How a record is named in messages, e.g. 申请“2021-001”. */
export function recordLabel(kind: RecordKind, number: string): string {
  const noun = { applications: '申请', reviews: '复议诉讼案件', documents: '文件' }[kind];
  return `${noun}“${number}”`;
}

/** The date fields of each kind, for naming the column a locked year comes from. */
export const DATE_FIELDS: Record<RecordKind, readonly string[]> = {
  applications: ['receivedOn', 'decidedOn'],
  reviews: ['filedOn', 'concludedOn'],
  documents: ['writtenOn', 'publishedOn', 'repealedOn'],
};
