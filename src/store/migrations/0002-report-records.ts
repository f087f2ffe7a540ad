/**
 * The records the annual report is computed from (issue: annual report engine):
 * applications (the later 依申请公开 workflow adds an event ledger beside them, not new columns
 * here), reconsideration/litigation cases, normative documents and rules (第二十条第（一）项),
 * yearly figures owned by other systems, and the report narratives.
 * Civil dates are `YYYY-MM-DD` text (China time); instants are ISO UTC text.
 */
import type { Kysely, Migration } from 'kysely';
import type { Store } from '../database.ts';

export function reportRecords(store: Store): Migration {
  const id = store.engine === 'postgres' ? 'serial' : 'integer';
  const auto = store.engine === 'sqlite';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('applications')
        .addColumn('id', id, (c) => (auto ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('case_number', 'text', (c) => c.notNull())
        .addColumn('applicant_type', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('decided_on', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('applications_case_number', ['agency_id', 'case_number'])
        .execute();
      // covering indexes for the report's GROUP BYs
      await db.schema
        .createIndex('applications_received')
        .on('applications')
        .columns(['agency_id', 'received_on', 'applicant_type', 'decided_on', 'outcome'])
        .execute();
      await db.schema
        .createIndex('applications_decided')
        .on('applications')
        .columns(['agency_id', 'decided_on', 'applicant_type', 'outcome', 'received_on'])
        .execute();

      await db.schema
        .createTable('review_cases')
        .addColumn('id', id, (c) => (auto ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('case_number', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('filed_on', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('concluded_on', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('review_cases_case_number', ['agency_id', 'case_number'])
        .execute();
      await db.schema
        .createIndex('review_cases_filed')
        .on('review_cases')
        .columns(['agency_id', 'filed_on'])
        .execute();

      await db.schema
        .createTable('normative_documents')
        .addColumn('id', id, (c) => (auto ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('document_number', 'text', (c) => c.notNull())
        .addColumn('written_on', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text')
        .addColumn('repealed_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('normative_documents_number', ['agency_id', 'document_number'])
        .execute();

      await db.schema
        .createTable('yearly_figures')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('yearly_figures_pk', ['agency_id', 'year', 'key'])
        .execute();

      await db.schema
        .createTable('report_narratives')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('overview', 'text', (c) => c.notNull())
        .addColumn('problems', 'text', (c) => c.notNull())
        .addColumn('other', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_narratives_pk', ['agency_id', 'year'])
        .execute();
    },
    async down() {
      throw new Error('forward-only');
    },
  };
}
