import { placeAgency } from '../domain/agency.ts';
import { conflict, fieldInvalid, forbidden } from '../domain/errors.ts';
import { canManage } from '../domain/roles.ts';
import {
  findAgency,
  findAgencyByCode,
  findAgencyByName,
  insertAgency,
  type Agency,
} from '../store/agencies.ts';
import { appendAudit } from '../store/audit.ts';
import type { AgencyCreateInput } from './agency-input.ts';
import { isUniqueViolation, nowIso, type Ctx, type Deps } from './deps.ts';
import { loadScope } from './load-scope.ts';

export async function createAgency(
  deps: Deps,
  ctx: Ctx,
  input: AgencyCreateInput,
): Promise<Agency> {
  const { store } = deps;
  try {
    return await store.db.transaction().execute(async (tx) => {
      const scope = await loadScope(tx, ctx.actor);
      if (input.parentId === null) {
        if (ctx.actor.role !== 'platform_admin')
          throw forbidden('只有平台管理员可以新增顶级机关。');
      } else if (!canManage(scope, input.parentId)) {
        throw fieldInvalid('parentId', '上级机关', '请选择您管理范围内的机关。');
      }
      const parent = input.parentId === null ? null : await findAgency(tx, input.parentId);
      if (input.parentId !== null && !parent) {
        throw fieldInvalid('parentId', '上级机关', '所选上级机关不存在。');
      }
      const placed = placeAgency(input.kind, input.level, parent ?? null);
      if (!placed.ok)
        throw fieldInvalid(
          parent ? 'parentId' : 'level',
          parent ? '上级机关' : '层级',
          placed.message,
        );
      await assertUnique(tx, input.name, input.creditCode, null);
      const at = nowIso(deps);
      const agency = await insertAgency(tx, {
        name: input.name,
        short_name: input.shortName,
        kind: input.kind,
        level: placed.level,
        credit_code: input.creditCode,
        parent_id: input.parentId,
        address: input.address,
        office_hours: input.officeHours,
        phone: input.phone,
        fax: input.fax,
        email: input.email,
        postcode: input.postcode,
        website: input.website,
        report_deadline: input.reportDeadline || null,
        created_at: at,
        updated_at: at,
      });
      await appendAudit(store, tx, {
        at,
        actorUserId: ctx.actor.userId,
        actorName: ctx.actor.username,
        agencyId: agency.id,
        action: 'agency.create',
        entityType: 'agency',
        entityId: agency.id,
        after: agency,
        ip: ctx.ip,
      });
      return agency;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('机关全称或统一社会信用代码已被其他机关使用。');
    throw err;
  }
}

export async function assertUnique(
  db: Parameters<typeof findAgencyByName>[0],
  name: string,
  creditCode: string,
  selfId: number | null,
): Promise<void> {
  const byName = await findAgencyByName(db, name);
  if (byName && byName.id !== selfId) {
    throw conflict(`机关全称：“${name}”已存在，不能重复添加。`, [
      { field: 'name', label: '机关全称', message: `“${name}”已存在，不能重复添加。` },
    ]);
  }
  const byCode = await findAgencyByCode(db, creditCode);
  if (byCode && byCode.id !== selfId) {
    throw conflict(`统一社会信用代码：已被“${byCode.name}”使用。`, [
      { field: 'creditCode', label: '统一社会信用代码', message: `已被“${byCode.name}”使用。` },
    ]);
  }
}
