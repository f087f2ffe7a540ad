/**
 * Roles and what each may see and do. The scope of every read and write is derived here,
 * from the actor's role and agency, never from ids a request sends.
 */
import { subtreeIds, type AgencyKind, type AgencyNode } from './agency.ts';

export const ROLES = [
  'platform_admin',
  'agency_admin',
  'officer',
  'approver',
  'supervisor',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: '平台管理员',
  agency_admin: '机关管理员',
  officer: '承办人员',
  approver: '审核签发人员',
  supervisor: '监督人员（政务公开办）',
  auditor: '只读审计人员',
};

export interface Actor {
  userId: number;
  username: string;
  role: Role;
  /** null only for a platform administrator */
  agencyId: number | null;
}

export interface Scope {
  /** agencies whose records the actor may read; `all` for the platform administrator */
  read: 'all' | ReadonlySet<number>;
  /** agencies whose settings and users the actor may change */
  manage: 'all' | ReadonlySet<number>;
  /** whether the actor may read the audit trail of the agencies it reads */
  audit: boolean;
}

/**
 * - platform administrator: everything;
 * - agency administrator: its agency and every agency below it (a district hosts its
 *   townships and departments), read and manage;
 * - officer, approver: their own agency;
 * - supervisor: belongs to a supervising office, reads the office's government and every
 *   agency below that government; manages nothing;
 * - auditor: reads its own agency and its audit trail; changes nothing.
 */
export function scopeOf(actor: Actor, agencies: readonly AgencyNode[]): Scope {
  if (actor.role === 'platform_admin') return { read: 'all', manage: 'all', audit: true };
  const none = new Set<number>();
  const own = agencies.find((a) => a.id === actor.agencyId);
  if (!own) return { read: none, manage: none, audit: false };
  switch (actor.role) {
    case 'agency_admin': {
      const tree = subtreeIds(agencies, own.id);
      return { read: tree, manage: tree, audit: roleMayAudit(actor.role) };
    }
    case 'supervisor': {
      const root = own.kind === 'office' && own.parentId !== null ? own.parentId : own.id;
      return { read: subtreeIds(agencies, root), manage: none, audit: true };
    }
    case 'auditor':
      return { read: new Set([own.id]), manage: none, audit: true };
    case 'officer':
    case 'approver':
      return { read: new Set([own.id]), manage: none, audit: false };
  }
}

/**
 * Whether `role` fits an agency of `kind`: a supervisor reads across the agencies its office
 * supervises, so only a supervising office (政务公开办) has supervisors. Returns a message or null.
 */
export function roleAgencyProblem(role: Role, kind: AgencyKind): string | null {
  if (role === 'supervisor' && kind !== 'office') {
    return '“监督人员”只能设在政务公开办（主管部门），请选择其他角色或所属机关。';
  }
  return null;
}

/** Roles that record and edit an agency's own disclosure records (cases, figures, reports). */
export function roleMayWriteRecords(role: Role): boolean {
  return (
    role === 'officer' ||
    role === 'approver' ||
    role === 'agency_admin' ||
    role === 'platform_admin'
  );
}

/** Roles that may read the audit trail of the agencies in their scope. */
export function roleMayAudit(role: Role): boolean {
  return role !== 'officer' && role !== 'approver';
}

export function canRead(scope: Scope, agencyId: number): boolean {
  return scope.read === 'all' || scope.read.has(agencyId);
}

export function canManage(scope: Scope, agencyId: number): boolean {
  return scope.manage === 'all' || scope.manage.has(agencyId);
}

/** Roles an actor may grant: never more than it holds. */
export function grantableRoles(actor: Actor): readonly Role[] {
  if (actor.role === 'platform_admin') return ROLES;
  if (actor.role === 'agency_admin') return ROLES.filter((r) => r !== 'platform_admin');
  return [];
}
