/** Shared by the record use cases: a record read from form values, or an `invalid` error. */
import { invalid, type FieldIssue } from '../domain/errors.ts';
import {
  FIELDS,
  READERS,
  type FieldProblem,
  type RecordKind,
  type RecordOf,
} from '../domain/records/records.ts';
import { chinaDate } from '../domain/records/values.ts';
import type { Deps } from './deps.ts';

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
