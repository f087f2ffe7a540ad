/** Composition root: configuration, the store, migrations, and the dependencies of use cases. */
import type { Deps } from './app/deps.ts';
import { loadConfig, type Config } from './config.ts';
import { openStore } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';

export interface Runtime {
  config: Readonly<Config>;
  deps: Deps;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Readonly<Config> = loadConfig(),
  opts: { migrate?: boolean } = {},
): Promise<Runtime> {
  const store = openStore(config.databaseUrl);
  if (opts.migrate !== false) await migrateToLatest(store);
  const deps: Deps = { store, now: () => new Date(), auth: config.auth };
  return { config, deps, close: () => store.close() };
}
