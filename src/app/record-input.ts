/** Shared by the record use cases: where each kind is kept, and a record read from form values. */
import { invalid, type FieldIssue } from '../domain/errors.ts';
import {
  FIELDS,
  READERS,
  type FieldProblem,
  type RecordKind,
  type RecordOf,
} from '../domain/records/records.ts';
import { chinaDate } from '../domain/records/values.ts';
import type { NumberedTable } from '../store/record-queries.ts';
import type { Deps } from './deps.ts';

/** The table each kind of record is kept in. */
export const TABLE_OF: Record<RecordKind, NumberedTable> = {
  applications: 'applications',
  reviews: 'review_cases',
  documents: 'normative_documents',
};

export function issuesOf(kind: RecordKind, problems: readonly FieldProblem[]): FieldIssue[] {
  return problems.map((p) => ({
    field: p.field,
    label: FIELDS[kind].find((f) => f.key === p.field)?.label ?? p.field,
    message: p.message,
  }));
}

export function throwIssues(kind: RecordKind, problems: readonly FieldProblem[]): never {
  const issues = issuesOf(kind, problems);
  throw invalid(
    `请修改以下内容：${issues.map((i) => `${i.label}：${i.message}`).join('；')}`,
    issues,
  );
}

/** Reads a whole record (every rule between its fields) or throws naming each bad field. */
export function readRecord<K extends RecordKind>(
  deps: Deps,
  kind: K,
  values: Readonly<Record<string, string>>,
): RecordOf[K] {
  const r = READERS[kind](values, chinaDate(deps.now()));
  if (!r.ok) throwIssues(kind, r.problems);
  return r.record as RecordOf[K];
}
