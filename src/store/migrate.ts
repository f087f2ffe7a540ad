/** Forward-only migrations, run at start and by `gongkai migrate`. */
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Store } from './database.ts';
import { foundation } from './migrations/0001-foundation.ts';
import { reportRecords } from './migrations/0002-report-records.ts';
import { reportWorkflow } from './migrations/0003-report-workflow.ts';

export type EngineMigration = (store: Store) => Migration;

/** Ordered by name; never edit or reorder a merged migration, add a new one. */
const MIGRATIONS: Record<string, EngineMigration> = {
  '0001-foundation': foundation,
  '0002-report-records': reportRecords,
  '0003-report-workflow': reportWorkflow,
};

export async function migrateToLatest(store: Store): Promise<string[]> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, m(store)])),
  };
  const migrator = new Migrator({ db: store.db, provider });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(result.error)}`,
    );
  }
  return (result.results ?? []).map((r) => r.migrationName);
}
