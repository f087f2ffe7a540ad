/**
 * The annual report's workflow (条例 第四十九条: submit to the 主管部门 and publish) as data:
 * the statuses of a report version, who may move it where, and which statuses lock the
 * records of its year. A version is submitted to the supervising office (政务公开办), which
 * returns it with a comment or accepts it; the agency then publishes it. A published version
 * is never changed: a correction opens the next version with a revision note (更正说明).
 */
import type { Role } from '../roles.ts';

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已报送，待审核',
  returned: '已退回修改',
  accepted: '审核通过，待发布',
  published: '已发布',
};

/**
 * Statuses in which the year's records are locked: what the supervising office reviews, and
 * what the public reads, must be what the records say.
 */
export const LOCKING_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted', 'published'];

export const REPORT_ACTIONS = ['submit', 'return', 'accept', 'publish', 'correct'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export const ACTION_LABELS: Record<ReportAction, string> = {
  submit: '报送审核',
  return: '退回修改',
  accept: '审核通过',
  publish: '发布',
  correct: '发起更正',
};

interface Transition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  /** the agency itself, or the supervising office above it */
  by: 'agency' | 'supervisor';
  roles: readonly Role[];
  /** a comment the action must carry */
  comment: 'required' | 'optional' | 'none';
}

const AGENCY_ROLES: readonly Role[] = ['officer', 'approver', 'agency_admin', 'platform_admin'];
/** 签发: publishing speaks for the agency, so it needs the signing roles */
const SIGNING_ROLES: readonly Role[] = ['approver', 'agency_admin', 'platform_admin'];

export const TRANSITIONS: Record<ReportAction, Transition> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    by: 'agency',
    roles: AGENCY_ROLES,
    comment: 'optional',
  },
  return: {
    from: ['submitted', 'accepted'],
    to: 'returned',
    by: 'supervisor',
    roles: ['supervisor', 'platform_admin'],
    comment: 'required',
  },
  accept: {
    from: ['submitted'],
    to: 'accepted',
    by: 'supervisor',
    roles: ['supervisor', 'platform_admin'],
    comment: 'optional',
  },
  publish: {
    from: ['accepted'],
    to: 'published',
    by: 'agency',
    roles: SIGNING_ROLES,
    comment: 'none',
  },
  correct: {
    from: ['published'],
    to: 'draft',
    by: 'agency',
    roles: AGENCY_ROLES,
    comment: 'required',
  },
};

/** The actions open on a version in `status` (for an agency without a supervising office,
 * publishing straight from a draft is allowed: there is nobody to submit to). */
export function actionsFrom(status: ReportStatus, hasSupervisor: boolean): ReportAction[] {
  const out = REPORT_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
  if (!hasSupervisor) {
    const direct = out.filter((a) => a !== 'submit');
    if (status === 'draft' || status === 'returned') direct.push('publish');
    return direct;
  }
  return out;
}

export function isLocking(status: ReportStatus): boolean {
  return LOCKING_STATUSES.includes(status);
}

/** Longest comment or revision note accepted (a letter-length text). */
export const COMMENT_MAX = 2000;
