import type { AgencyNode, AgencyKind, AgencyLevel } from '../domain/agency.ts';
import type { Db, Tx } from './database.ts';
import type { AgencyRow, NewAgencyRow, AgencyUpdate } from './schema.ts';

export interface Agency {
  id: number;
  name: string;
  shortName: string;
  kind: AgencyKind;
  level: AgencyLevel;
  creditCode: string;
  parentId: number | null;
  address: string;
  officeHours: string;
  phone: string;
  fax: string;
  email: string;
  postcode: string;
  website: string;
  /** `MM-DD`, the agency's own annual-report deadline; null = statutory default */
  reportDeadline: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toAgency(r: AgencyRow): Agency {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as AgencyKind,
    level: r.level as AgencyLevel,
    creditCode: r.credit_code,
    parentId: r.parent_id,
    address: r.address,
    officeHours: r.office_hours,
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    postcode: r.postcode,
    website: r.website,
    reportDeadline: r.report_deadline ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listAgencyNodes(db: Db | Tx): Promise<AgencyNode[]> {
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'parent_id', 'kind', 'level'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind as AgencyKind,
    level: r.level as AgencyLevel,
  }));
}

export async function listAgencies(
  db: Db | Tx,
  ids: 'all' | ReadonlySet<number>,
): Promise<Agency[]> {
  if (ids !== 'all' && ids.size === 0) return [];
  let q = db.selectFrom('agencies').selectAll().orderBy('id');
  if (ids !== 'all') q = q.where('id', 'in', [...ids]);
  return (await q.execute()).map(toAgency);
}

export async function findAgency(db: Db | Tx, id: number): Promise<Agency | undefined> {
  const r = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAgency(r);
}

export async function findAgencyByCode(
  db: Db | Tx,
  creditCode: string,
): Promise<Agency | undefined> {
  const r = await db
    .selectFrom('agencies')
    .selectAll()
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  return r && toAgency(r);
}

export async function findAgencyByName(db: Db | Tx, name: string): Promise<Agency | undefined> {
  const r = await db.selectFrom('agencies').selectAll().where('name', '=', name).executeTakeFirst();
  return r && toAgency(r);
}

export async function insertAgency(tx: Tx, row: NewAgencyRow): Promise<Agency> {
  const r = await tx.insertInto('agencies').values(row).returningAll().executeTakeFirstOrThrow();
  return toAgency(r);
}

export async function updateAgencyRow(tx: Tx, id: number, patch: AgencyUpdate): Promise<Agency> {
  const r = await tx
    .updateTable('agencies')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAgency(r);
}
