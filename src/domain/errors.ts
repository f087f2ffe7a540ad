/**
 * The closed set of error kinds the inside of the system raises. Each edge (web, cli)
 * translates them in one place. Messages are Simplified Chinese and say what to fix.
 */
export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'unauthenticated'
  | 'too_many'
  /** the service is busy: the same request may succeed shortly (HTTP 503) */
  | 'unavailable';

export interface FieldIssue {
  /** form / input field name, e.g. `creditCode` */
  field: string;
  /** Chinese label of the field as the user sees it, e.g. 统一社会信用代码 */
  label: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly issues: readonly FieldIssue[];
  constructor(kind: ErrorKind, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.issues = issues;
  }
}

export const invalid = (message: string, issues: readonly FieldIssue[] = []) =>
  new DomainError('invalid', message, issues);
export const fieldInvalid = (field: string, label: string, message: string) =>
  new DomainError('invalid', `${label}：${message}`, [{ field, label, message }]);
export const notFound = (message = '找不到该记录，或您无权查看。') =>
  new DomainError('not_found', message);
export const forbidden = (message = '您没有执行此操作的权限。') =>
  new DomainError('forbidden', message);
export const conflict = (message: string, issues: readonly FieldIssue[] = []) =>
  new DomainError('conflict', message, issues);
