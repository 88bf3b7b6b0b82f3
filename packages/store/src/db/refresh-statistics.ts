import { sql } from 'kysely';
import type { DbContext } from './dialect';

/** New rows in one batch from which the planner's statistics are worth refreshing. */
export const STATISTICS_REFRESH_ROWS = 250;

/**
 * Refreshes planner statistics of the inventory tables after a bulk load. Without them
 * PostgreSQL estimates a freshly filled table at a handful of rows and picks nested loops that
 * turn a tag filter over 10,000 resources from milliseconds into seconds; autovacuum would
 * fix it, but only a minute or so later. SQLite's `optimize` analyzes only what needs it.
 */
export async function refreshStatistics({ db, dialect }: DbContext): Promise<void> {
  if (dialect === 'postgres') await sql`analyze resources, resource_tags`.execute(db);
  else await sql`pragma optimize`.execute(db);
}
