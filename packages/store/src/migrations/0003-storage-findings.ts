import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import { sortableText } from './column-helpers';

/**
 * Stored results of object content scans, and a generic table of insight findings.
 *
 * `object_scans` keeps one row per object (the latest scan): the etag tells a later analysis
 * whether the object changed since, and only masked samples are ever written, so the table
 * holds no secret it found. `findings` is shared by every insight (bucket posture, storage
 * tiering, classification, later rightsizing): an insight replaces its findings for one
 * resource at a time, and `fingerprint` identifies a finding across runs.
 */
export function storageFindingsMigration(dialect: SqlDialect): Migration {
  const text = sortableText(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('object_scans')
        .addColumn('connection', 'text', (c) => text(c).notNull())
        .addColumn('account', 'text', (c) => text(c).notNull())
        .addColumn('bucket', 'text', (c) => text(c).notNull())
        .addColumn('key', 'text', (c) => text(c).notNull())
        .addColumn('etag', 'text')
        .addColumn('scanned_at', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('max_confidence', 'double precision', (c) => c.notNull())
        .addColumn('samples', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('object_scans_pk', ['connection', 'account', 'bucket', 'key'])
        .execute();

      await db.schema
        .createTable('findings')
        .addColumn('fingerprint', 'text', (c) => text(c).primaryKey())
        .addColumn('kind', 'text', (c) => text(c).notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('resource_uid', 'text', (c) => text(c).notNull())
        .addColumn('subject', 'text', (c) => text(c).notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('impact_amount', 'double precision')
        .addColumn('impact_currency', 'text')
        .addColumn('detected_at', 'text', (c) => text(c).notNull())
        .execute();
      await db.schema
        .createIndex('findings_resource_kind_idx')
        .on('findings')
        .columns(['resource_uid', 'kind'])
        .execute();
      await db.schema.createIndex('findings_kind_idx').on('findings').column('kind').execute();
    },
  };
}
