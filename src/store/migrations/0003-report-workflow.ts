/**
 * The annual report workflow (issue: annual report engine, §6): each report of an agency and
 * year has versions; a version moves draft → submitted → returned | accepted → published, and a
 * correction of a published report opens the next version with a revision note. The model is
 * frozen as JSON (`snapshot_json`) when a version is submitted and kept when it is published,
 * so a published report never changes; its events (submit, return with comment, accept,
 * publish, correct) are kept beside it. Agencies get their own publication deadline (`MM-DD`,
 * null = the statutory default for their kind and level).
 */
import type { Kysely, Migration } from 'kysely';
import type { Store } from '../database.ts';

export function reportWorkflow(store: Store): Migration {
  const id = store.engine === 'postgres' ? 'serial' : 'integer';
  const auto = store.engine === 'sqlite';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('annual_reports')
        .addColumn('id', id, (c) => (auto ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revision_note', 'text')
        .addColumn('snapshot_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('accepted_at', 'text')
        .addColumn('published_at', 'text')
        .addUniqueConstraint('annual_reports_version', ['agency_id', 'year', 'version'])
        .execute();

      await db.schema
        .createTable('annual_report_events')
        .addColumn('id', id, (c) => (auto ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('annual_reports.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'integer')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('annual_report_events_report')
        .on('annual_report_events')
        .columns(['report_id', 'id'])
        .execute();

      await db.schema.alterTable('agencies').addColumn('report_deadline', 'text').execute();
    },
    async down() {
      throw new Error('forward-only');
    },
  };
}
