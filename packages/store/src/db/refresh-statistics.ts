import { sql } from 'kysely';
import type { DbContext } from './dialect';

/** New rows in one batch from which the planner's statistics are worth refreshing. */
export const STATISTICS_REFRESH_ROWS = 250;

/**
 * Refreshes planner statistics of the inventory tables after a bulk load. Without them
 * PostgreSQL estimates a freshly filled table at a handful of rows and picks nested loops that
 * turn a tag filter over 10,000 resources from milliseconds into seconds; autovacuum would
 * fix it, but only a minute or so later.
 *
 * SQLite needs the same for another reason: statistics that say `resources` holds a few
 * hundred rows (taken after the first batch) make it answer a batch's `uid IN (…500…)` lookup
 * by scanning the whole table, so every later batch costs time proportional to the estate.
 * `pragma optimize` would not help: it leaves tables that already have statistics alone until
 * they grow tenfold. A sampled ANALYZE (`analysis_limit` rows per index) keeps it to a few
 * milliseconds whatever the table size.
 */
export async function refreshStatistics({ db, dialect }: DbContext): Promise<void> {
  if (dialect === 'postgres') {
    await sql`analyze resources, resource_tags`.execute(db);
    return;
  }
  await sql`pragma analysis_limit = ${sql.lit(SQLITE_ANALYSIS_LIMIT)}`.execute(db);
  await sql`analyze resources`.execute(db);
  await sql`analyze resource_tags`.execute(db);
}

/** Rows sampled per index by SQLite's ANALYZE: enough for row-count estimates, cheap. */
const SQLITE_ANALYSIS_LIMIT = 1000;
