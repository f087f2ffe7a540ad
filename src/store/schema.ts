/** Table types for Kysely. Timestamps are ISO-8601 UTC strings; booleans are 0/1 integers. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AgencyTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  kind: string;
  level: string;
  credit_code: string;
  parent_id: number | null;
  address: string;
  office_hours: string;
  phone: string;
  fax: string;
  email: string;
  postcode: string;
  website: string;
  /** `MM-DD`: the agency's own publication deadline for its annual report; null = statutory */
  report_deadline: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  agency_id: number | null;
  role: string;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
}

export interface SessionTable {
  /** sha-256 of the cookie token: a stolen database does not yield live cookies */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  agency_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface ApplicationTable {
  id: Generated<number>;
  agency_id: number;
  case_number: string;
  applicant_type: string;
  received_on: string;
  outcome: string | null;
  decided_on: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface ReviewCaseTable {
  id: Generated<number>;
  agency_id: number;
  case_number: string;
  kind: string;
  filed_on: string;
  result: string;
  concluded_on: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface NormativeDocumentTable {
  id: Generated<number>;
  agency_id: number;
  /** `rules` (规章) or `normative` (行政规范性文件) */
  kind: string;
  title: string;
  document_number: string;
  written_on: string;
  published_on: string | null;
  repealed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface YearlyFigureTable {
  agency_id: number;
  year: number;
  key: string;
  value: string;
  source: string;
  entered_by: string;
  entered_at: string;
}

export interface ReportNarrativeTable {
  agency_id: number;
  year: number;
  overview: string;
  problems: string;
  other: string;
  updated_by: string;
  updated_at: string;
}

export interface AnnualReportTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  version: number;
  /** draft | submitted | returned | accepted | published (domain/report/workflow.ts) */
  status: string;
  revision_note: string | null;
  /** the report model as JSON (reports/json.ts), frozen at submission */
  snapshot_json: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  accepted_at: string | null;
  published_at: string | null;
}

export interface AnnualReportEventTable {
  id: Generated<number>;
  report_id: number;
  at: string;
  action: string;
  actor_user_id: number | null;
  actor_name: string;
  comment: string;
}

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  applications: ApplicationTable;
  review_cases: ReviewCaseTable;
  normative_documents: NormativeDocumentTable;
  yearly_figures: YearlyFigureTable;
  report_narratives: ReportNarrativeTable;
  annual_reports: AnnualReportTable;
  annual_report_events: AnnualReportEventTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type NewAgencyRow = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
export type UserRow = Selectable<UserTable>;
export type AuditRow = Selectable<AuditLogTable>;
