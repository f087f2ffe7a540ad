import { notFound } from '../domain/errors.ts';
import { canManage, canRead } from '../domain/roles.ts';
import { findAgency, updateAgencyRow, type Agency } from '../store/agencies.ts';
import { appendAudit } from '../store/audit.ts';
import type { AgencyUpdateInput } from './agency-input.ts';
import { assertUnique } from './create-agency.ts';
import { isUniqueViolation, nowIso, type Ctx, type Deps } from './deps.ts';
import { conflict, forbidden } from '../domain/errors.ts';
import { loadScope } from './load-scope.ts';

export async function updateAgency(
  deps: Deps,
  ctx: Ctx,
  id: number,
  input: AgencyUpdateInput,
): Promise<Agency> {
  const { store } = deps;
  try {
    return await store.db.transaction().execute(async (tx) => {
      const scope = await loadScope(tx, ctx.actor);
      if (!canRead(scope, id)) throw notFound();
      if (!canManage(scope, id)) throw forbidden('您可以查看但不能修改该机关的信息。');
      const before = await findAgency(tx, id);
      if (!before) throw notFound();
      await assertUnique(tx, input.name, input.creditCode, id);
      const at = nowIso(deps);
      const after = await updateAgencyRow(tx, id, {
        name: input.name,
        short_name: input.shortName,
        credit_code: input.creditCode,
        address: input.address,
        office_hours: input.officeHours,
        phone: input.phone,
        fax: input.fax,
        email: input.email,
        postcode: input.postcode,
        website: input.website,
        report_deadline: input.reportDeadline || null,
        updated_at: at,
      });
      await appendAudit(store, tx, {
        at,
        actorUserId: ctx.actor.userId,
        actorName: ctx.actor.username,
        agencyId: id,
        action: 'agency.update',
        entityType: 'agency',
        entityId: id,
        before,
        after,
        ip: ctx.ip,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('机关全称或统一社会信用代码已被其他机关使用。');
    throw err;
  }
}
