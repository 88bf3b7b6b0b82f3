import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import { sortableText } from './column-helpers';

/**
 * The latest measurement of each bucket (objects, bytes, storage class mix and age bands),
 * keyed by the bucket's inventory uid. One row per bucket: a new measurement replaces the
 * previous one, and the statistics are one JSON document because they are only ever read
 * whole, next to the bucket they describe.
 */
export function bucketStatisticsMigration(dialect: SqlDialect): Migration {
  const text = sortableText(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('bucket_statistics')
        .addColumn('resource_uid', 'text', (c) => text(c).primaryKey())
        .addColumn('measured_at', 'text', (c) => text(c).notNull())
        .addColumn('statistics', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
