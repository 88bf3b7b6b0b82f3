import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import { sortableText } from './column-helpers';

/**
 * Synced metric series: one row per resource × metric. The points are a dense JSON array of
 * values (null where the provider had none) at `period_s` spacing from `start_s`, so 14 days of
 * hourly points are one short row instead of 336, and a merge rewrites one row per series.
 * `end_s` (the newest stored point) is a column of its own so that incremental fetches can ask
 * where every series stands without parsing the points. Epoch seconds are `bigint` on
 * PostgreSQL, where `integer` would end in 2038.
 */
export function metricSeriesMigration(dialect: SqlDialect): Migration {
  const text = sortableText(dialect);
  const seconds = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('metric_series')
        .addColumn('resource_uid', 'text', (c) => text(c).notNull())
        .addColumn('metric', 'text', (c) => text(c).notNull())
        .addColumn('period_s', 'integer', (c) => c.notNull())
        .addColumn('start_s', seconds, (c) => c.notNull())
        .addColumn('end_s', seconds, (c) => c.notNull())
        .addColumn('points', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('metric_series_pk', ['resource_uid', 'metric'])
        .execute();
    },
  };
}
