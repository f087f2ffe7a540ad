/**
 * The integration suite runs on every available engine: SQLite always, PostgreSQL when
 * DATABASE_URL points at a server (CI starts one). Each test database is new and dropped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isPostgresUrl, openStore, type Store } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

export interface TestDb {
  store: Store;
  url: string;
  drop(): Promise<void>;
}

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDb>;
}

let counter = 0;

const sqlite: TestEngine = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    const url = join(dir, 'test.sqlite');
    const store = openStore(url);
    await migrateToLatest(store);
    return {
      store,
      url,
      async drop() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(adminUrl: string): TestEngine {
  return {
    name: 'postgres',
    async create() {
      const name = `gk_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name} encoding 'UTF8' template template0`);
      await admin.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      const url = u.toString();
      const store = openStore(url);
      await migrateToLatest(store);
      return {
        store,
        url,
        async drop() {
          await store.close();
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      };
    },
  };
}

export const POSTGRES_URL = isPostgresUrl(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL
  : undefined;

export function engines(): TestEngine[] {
  return POSTGRES_URL ? [sqlite, postgres(POSTGRES_URL)] : [sqlite];
}
