/**
 * The annual report's workflow: an agency submits its report to the supervising office
 * (政务公开办), which returns it with a comment or accepts it; the agency publishes it; a
 * correction of a published report opens the next version with a revision note. Submitting
 * freezes the report (its JSON snapshot) and locks the year's records (report-lock.ts) in the
 * same transaction; a published version never changes again.
 */
import type { AgencyNode } from '../domain/agency.ts';
import { conflict, fieldInvalid, forbidden, notFound } from '../domain/errors.ts';
import type { Finding } from '../domain/report/findings.ts';
import { formatForYear } from '../domain/report/formats.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { validate } from '../domain/report/validate.ts';
import {
  actionsFrom,
  ACTION_LABELS,
  COMMENT_MAX,
  STATUS_LABELS,
  TRANSITIONS,
  type ReportAction,
  type ReportStatus,
} from '../domain/report/workflow.ts';
import { canManage, canRead, type Scope } from '../domain/roles.ts';
import { fromJson, toJson } from '../reports/json.ts';
import { findAgency, listAgencyNodes, type Agency } from '../store/agencies.ts';
import {
  findLatestVersion,
  insertEvent,
  insertVersion,
  listEvents,
  listVersions,
  updateVersion,
} from '../store/annual-reports.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db, Tx } from '../store/database.ts';
import type { AnnualReportTable } from '../store/schema.ts';
import type { Selectable } from 'kysely';
import { assertReportYear, computeAnnualReport } from './build-annual-report.ts';
import { nowIso, type Ctx, type Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';
import { lockedYears } from './report-lock.ts';

export interface ReportVersion {
  id: number;
  version: number;
  status: ReportStatus;
  revisionNote: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  publishedAt: string | null;
}

export interface ReportEvent {
  version: number;
  at: string;
  action: ReportAction;
  actorName: string;
  comment: string;
}

export interface ReportState {
  agencyId: number;
  year: number;
  /** the newest version; a report nobody has acted on is an implicit draft of version 1 */
  version: number;
  status: ReportStatus;
  versions: ReportVersion[];
  events: ReportEvent[];
  /** the actions this actor may take now */
  actions: ReportAction[];
  /** the supervising office the report is submitted to, if any */
  supervisor: { id: number; name: string } | null;
}

const toVersion = (r: Selectable<AnnualReportTable>): ReportVersion => ({
  id: r.id,
  version: r.version,
  status: r.status as ReportStatus,
  revisionNote: r.revision_note,
  submittedAt: r.submitted_at,
  acceptedAt: r.accepted_at,
  publishedAt: r.published_at,
});

/**
 * The 政务公开办 that supervises `agencyId`: the nearest office attached to the agency itself
 * (a government) or to a government above it.
 */
export function supervisingOffice(
  nodes: readonly AgencyNode[],
  agencyId: number,
): AgencyNode | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const offices = nodes.filter((n) => n.kind === 'office' && n.id !== agencyId);
  for (let cur = byId.get(agencyId); cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    const office = offices.find((o) => o.parentId === cur?.id);
    if (office) return office;
  }
  return null;
}

/** Whether the actor may take `action` on the report of `agencyId` (role and side). */
function mayAct(ctx: Ctx, scope: Scope, agencyId: number, action: ReportAction): boolean {
  const t = TRANSITIONS[action];
  const { role, agencyId: own } = ctx.actor;
  if (!t.roles.includes(role)) return false;
  if (role === 'platform_admin') return true;
  if (t.by === 'supervisor') return own !== agencyId && canRead(scope, agencyId);
  return own === agencyId || (role === 'agency_admin' && canManage(scope, agencyId));
}

async function loadContext(db: Db | Tx, ctx: Ctx, agencyId: number) {
  const scope = await loadScope(db, ctx.actor);
  if (!canRead(scope, agencyId)) throw notFound();
  const agency = await findAgency(db, agencyId);
  if (!agency) throw notFound();
  const office = supervisingOffice(await listAgencyNodes(db), agencyId);
  return { scope, agency, office };
}

export async function getReportState(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
): Promise<ReportState> {
  const db = deps.store.db;
  assertReportYear(year);
  const { scope, office } = await loadContext(db, ctx, agencyId);
  const versions = (await listVersions(db, agencyId, year)).map(toVersion);
  const byId = new Map(versions.map((v) => [v.id, v.version]));
  const events = (await listEvents(db, [...byId.keys()])).map((e) => ({
    version: byId.get(e.report_id) ?? 0,
    at: e.at,
    action: e.action as ReportAction,
    actorName: e.actor_name,
    comment: e.comment,
  }));
  const status = versions[0]?.status ?? 'draft';
  const supervisorName = office ? (await findAgency(db, office.id))?.name : undefined;
  return {
    agencyId,
    year,
    version: versions[0]?.version ?? 1,
    status,
    versions,
    events,
    actions: actionsFrom(status, office !== null).filter((a) => mayAct(ctx, scope, agencyId, a)),
    supervisor: office && supervisorName ? { id: office.id, name: supervisorName } : null,
  };
}

/** The errors that stop a report from being submitted or published as it is. */
function blockingErrors(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

async function freeze(db: Tx, agency: Agency, year: number, now: Date) {
  const report = await computeAnnualReport(db, agency, year, now);
  const previous = formatForYear(year - 1)
    ? await computeAnnualReport(db, agency, year - 1, now)
    : undefined;
  const errors = blockingErrors(validate(report, previous ? { previous } : {}));
  if (errors.length) {
    throw conflict(
      `报告有 ${errors.length} 项错误，请改正后再报送：${errors
        .slice(0, 5)
        .map((f) => `${f.rule} ${f.message}`)
        .join('；')}${errors.length > 5 ? '……' : ''}`,
    );
  }
  return JSON.stringify(toJson(report));
}

/**
 * Takes `action` on the newest version of the report. `comment` is the return comment, the
 * revision note of a correction, or an optional remark.
 */
export async function actOnReport(
  deps: Deps,
  ctx: Ctx,
  agencyId: number,
  year: number,
  action: ReportAction,
  comment: string,
): Promise<ReportState> {
  assertReportYear(year);
  const t = TRANSITIONS[action];
  const text = comment.trim();
  if (t.comment === 'required' && !text) {
    const label = action === 'correct' ? '更正说明' : '退回意见';
    throw fieldInvalid(
      'comment',
      label,
      action === 'correct'
        ? '请写明更正的内容和原因，它将与更正后的报告一起公布。'
        : '请写明需要修改的内容，以便机关改正。',
    );
  }
  if (text.length > COMMENT_MAX)
    throw fieldInvalid('comment', '意见', `不能超过 ${COMMENT_MAX} 个字。`);

  await deps.store.db.transaction().execute(async (tx) => {
    const { scope, agency, office } = await loadContext(tx, ctx, agencyId);
    if (!mayAct(ctx, scope, agencyId, action))
      throw forbidden(`您的角色不能对本报告执行“${ACTION_LABELS[action]}”。`);
    await lockedYears(tx, agencyId); // serialises with record writers of this agency
    const latest = await findLatestVersion(tx, agencyId, year);
    const status = (latest?.status ?? 'draft') as ReportStatus;
    if (!actionsFrom(status, office !== null).includes(action)) {
      throw conflict(
        `${year}年度报告当前状态为“${STATUS_LABELS[status]}”，不能“${ACTION_LABELS[action]}”。请刷新页面查看最新状态。`,
      );
    }
    const at = nowIso(deps);
    const now = deps.now();
    let reportId: number;
    let version = latest?.version ?? 1;
    if (action === 'correct') {
      version += 1;
      reportId = await insertVersion(tx, {
        agency_id: agencyId,
        year,
        version,
        status: 'draft',
        revision_note: text,
        snapshot_json: null,
        created_at: at,
        updated_at: at,
        submitted_at: null,
        accepted_at: null,
        published_at: null,
      });
    } else {
      const needsSnapshot = action === 'submit' || (action === 'publish' && status !== 'accepted');
      const snapshot = needsSnapshot ? await freeze(tx, agency, year, now) : undefined;
      const set = {
        status: t.to,
        updated_at: at,
        ...(snapshot ? { snapshot_json: snapshot } : {}),
        ...(action === 'submit' ? { submitted_at: at } : {}),
        ...(action === 'accept' ? { accepted_at: at } : {}),
        ...(action === 'publish' ? { published_at: at } : {}),
      };
      if (latest) {
        if (!(await updateVersion(tx, latest.id, status, set)))
          throw conflict('报告状态已被他人修改，请刷新页面后重试。');
        reportId = latest.id;
      } else {
        reportId = await insertVersion(tx, {
          agency_id: agencyId,
          year,
          version,
          revision_note: null,
          snapshot_json: null,
          created_at: at,
          submitted_at: null,
          accepted_at: null,
          published_at: null,
          ...set,
        });
      }
    }
    await insertEvent(tx, {
      report_id: reportId,
      at,
      action,
      actor_user_id: ctx.actor.userId || null,
      actor_name: ctx.actor.username,
      comment: text,
    });
    await appendAudit(deps.store, tx, {
      at,
      actorUserId: ctx.actor.userId || null,
      actorName: ctx.actor.username,
      agencyId,
      action: `report.${action}`,
      entityType: 'annual_report',
      entityId: `${agencyId}/${year}/v${version}`,
      before: { status, version: latest?.version ?? 1 },
      after: { status: t.to, version, ...(text ? { comment: text } : {}) },
      ip: ctx.ip,
    });
  });
  return getReportState(deps, ctx, agencyId, year);
}

/** The frozen report of a version (what was submitted, reviewed or published). */
export function snapshotOf(json: string | null): AnnualReport | null {
  return json ? fromJson(JSON.parse(json)) : null;
}
