import type { Db, Tx } from './database.ts';

export async function recordLoginFailure(db: Db | Tx, username: string, ip: string, at: string) {
  await db.insertInto('login_failures').values({ username, ip, at }).execute();
}

export async function countFailuresSince(
  db: Db | Tx,
  by: 'username' | 'ip',
  value: string,
  since: string,
): Promise<number> {
  const r = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where(by, '=', value)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function clearFailures(db: Db | Tx, username: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).execute();
}

export async function deleteFailuresBefore(db: Db | Tx, before: string): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}
