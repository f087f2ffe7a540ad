import type { Role } from '../domain/roles.ts';
import type { Db, Tx } from './database.ts';
import type { UserRow } from './schema.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  agencyId: number | null;
  role: Role;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    agencyId: r.agency_id,
    role: r.role as Role,
    mustChangePassword: r.must_change_password === 1,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findUserRow(db: Db | Tx, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserRowByName(
  db: Db | Tx,
  username: string,
): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listUsers(
  db: Db | Tx,
  agencyIds: 'all' | ReadonlySet<number>,
): Promise<User[]> {
  if (agencyIds !== 'all' && agencyIds.size === 0) return [];
  let q = db.selectFrom('users').selectAll().orderBy('id');
  if (agencyIds !== 'all') q = q.where('agency_id', 'in', [...agencyIds]);
  return (await q.execute()).map(toUser);
}

export async function countUsers(db: Db | Tx): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
