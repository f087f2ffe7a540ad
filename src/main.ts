/** Composition root: configuration, the store, migrations, and the dependencies of use cases. */
import type { Deps } from './app/deps.ts';
import { loadConfig, type Config } from './config.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { invalid } from './domain/errors.ts';
import { isPostgresUrl, openStore, sqliteFile } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';

export interface Runtime {
  config: Readonly<Config>;
  deps: Deps;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Readonly<Config> = loadConfig(),
  opts: { migrate?: boolean; mustExist?: boolean } = {},
): Promise<Runtime> {
  if (opts.mustExist && !isPostgresUrl(config.databaseUrl)) {
    const file = sqliteFile(config.databaseUrl);
    if (!existsSync(file)) {
      throw invalid(
        `找不到数据库文件 ${resolve(file)}：请在部署目录下运行，或用 DATABASE_URL 指明数据库（首次使用请先运行 gongkai migrate 或 gongkai serve）。`,
      );
    }
  }
  const store = openStore(config.databaseUrl);
  if (opts.migrate !== false) await migrateToLatest(store);
  const deps: Deps = { store, now: () => new Date(), auth: config.auth };
  return { config, deps, close: () => store.close() };
}
