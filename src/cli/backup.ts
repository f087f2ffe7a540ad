/** Online backup and restore of the SQLite database. PostgreSQL: use pg_dump (README). */
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { openRuntime } from '../main.ts';
import { appendAudit } from '../store/audit.ts';
import { isPostgresUrl, sqliteFile } from '../store/database.ts';
import { parse } from './args.ts';
import { UsageError } from './io.ts';

function oneFile(args: string[], usage: string): string {
  const { positionals } = parse(args, {}, true);
  if (positionals.length !== 1) throw new UsageError(usage);
  return resolve(positionals[0] as string);
}

function refusePostgres(url: string) {
  if (isPostgresUrl(url)) {
    throw new UsageError(
      '当前使用 PostgreSQL：请用 pg_dump / pg_restore 备份和恢复（见 README“备份”）。',
    );
  }
}

export async function backupCommand(args: string[]): Promise<number> {
  const file = oneFile(args, '用法：gongkai backup <文件>');
  refusePostgres(loadConfig().databaseUrl);
  if (existsSync(file)) throw new UsageError(`文件 ${file} 已存在，请换一个文件名，以免覆盖。`);
  const rt = await openRuntime(undefined, { mustExist: true });
  try {
    await rt.deps.store.backupTo(file);
    console.log(`已备份到 ${file}（${statSync(file).size} 字节）。`);
    return 0;
  } finally {
    await rt.close();
  }
}

/** Checks that `file` is one of our databases and intact before anything is overwritten. */
function checkBackup(file: string): void {
  if (!existsSync(file)) throw new UsageError(`找不到备份文件 ${file}。`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true });
    const tables = db
      .prepare(
        "select name from sqlite_master where type='table' and name in ('agencies','users','audit_log')",
      )
      .all();
    if (ok !== 'ok' || tables.length !== 3) throw new Error('not ours');
  } catch {
    throw new UsageError(`${file} 不是完好的本平台数据库备份，未做任何改动。`);
  } finally {
    db?.close();
  }
}

export async function restoreCommand(args: string[]): Promise<number> {
  const file = oneFile(args, '用法：gongkai restore <文件>（须先停止服务）');
  const config = loadConfig();
  refusePostgres(config.databaseUrl);
  checkBackup(file);
  const target = resolve(sqliteFile(config.databaseUrl));
  if (target === file) throw new UsageError('备份文件就是当前数据库，无需恢复。');
  const staging = `${target}.restoring`;
  copyFileSync(file, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  // rename is atomic: the database is either the old one or the restored one, never half-written
  renameSync(staging, target);
  const rt = await openRuntime(config);
  try {
    await rt.deps.store.db.transaction().execute((tx) =>
      appendAudit(rt.deps.store, tx, {
        at: rt.deps.now().toISOString(),
        actorUserId: null,
        actorName: 'cli',
        agencyId: null,
        action: 'data.restore',
        entityType: 'database',
        entityId: null,
        after: { from: file },
        ip: 'cli',
      }),
    );
  } finally {
    await rt.close();
  }
  console.log(`已从 ${file} 恢复数据库 ${target}。`);
  return 0;
}
