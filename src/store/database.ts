/**
 * One query layer (Kysely) over two engines, chosen by the database URL:
 * `postgres://…` → PostgreSQL through pg; anything else is a SQLite file path
 * (optionally prefixed `sqlite:`), the embedded default.
 * Engine differences are named capabilities on `Store`, never `if (engine === …)` elsewhere.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface Store {
  db: Db;
  engine: Engine;
  /** where the data lives, for messages (a file path, or the PostgreSQL URL without password) */
  location: string;
  /** serialises appends to the audit chain for the rest of the transaction */
  lockAuditChain(tx: Tx): Promise<void>;
  /** a consistent online copy of a SQLite database into `file` (not for PostgreSQL) */
  backupTo(file: string): Promise<void>;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function openStore(url: string): Store {
  return isPostgresUrl(url) ? openPostgres(url) : openSqlite(url);
}

/** The file path of a SQLite database URL (`sqlite:` prefix optional). */
export const sqliteFile = (url: string) => url.replace(/^sqlite:(\/\/)?/i, '');

function openSqlite(url: string): Store {
  const file = sqliteFile(url);
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const native = new SQLite(file);
  native.pragma('journal_mode = WAL');
  // FULL makes every commit durable in WAL mode (NORMAL may lose the last commits on power loss).
  native.pragma('synchronous = FULL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingPrepare(native) }),
  });
  return {
    db,
    engine: 'sqlite',
    location: file,
    // A SQLite database has one writer at a time; the Kysely driver serialises this process.
    lockAuditChain: async () => {},
    backupTo: async (target) => {
      await native.backup(target);
    },
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every statement anew; preparing costs more than running a typical indexed
 * query. The SQL text of a query builder is stable (values are parameters), so statements are
 * cached by text. Safe because Kysely runs one query at a time on this connection.
 */
function cachingPrepare(native: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => native.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        if (cache.size >= 500) cache.clear();
        stmt = native.prepare(sqlText);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

function openPostgres(url: string): Store {
  // No parallel workers per query: the app already runs its queries side by side, and on a
  // small machine the workers' start-up and oversubscription cost more than they save
  // (measured with npm run bench: the roll-up 1.8–3.2× slower than its bare query with them).
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c max_parallel_workers_per_gather=0',
  });
  // An idle client dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it and the next query reconnects.
  pool.on('error', (err) => console.error(`PostgreSQL 连接中断（将自动重连）：${err.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    db,
    engine: 'postgres',
    location: safe,
    lockAuditChain: async (tx) => {
      // 0x67_6b_61 ('gka'): one lock id for the audit chain, released at commit or rollback.
      await sql`select pg_advisory_xact_lock(6777697)`.execute(tx);
    },
    backupTo: async () => {
      throw new Error('PostgreSQL: use pg_dump (see README).');
    },
    close: () => db.destroy(),
  };
}
