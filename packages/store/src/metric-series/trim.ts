import type { Insertable, Kysely } from 'kysely';
import { PARAMETER_BUDGET, type DbContext } from '../db/dialect';
import type { Database, MetricSeriesTable } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { mergePoints } from './points';
import { lockSeriesScopes, SERIES_READ_COLUMNS, upsertRows } from './queries';
import { fromRow, toRow } from './rows';

/** Uids trimmed per statement group: a few hundred kilobytes of points, well inside the budget. */
const TRIM_BATCH = Math.min(500, PARAMETER_BUDGET);

/**
 * Drops the points before `keepAfter` from every stored series: series with nothing newer are
 * deleted, and those that start before it are cut to their first point after it. The table is
 * scanned once, for the uids of rows that start before `keepAfter` (every row to delete or cut
 * is one of them); the rest goes through those uids. On PostgreSQL the scopes of all those
 * uids are locked before any row is deleted or written, in the order a merge takes them
 * (scope locks, then rows), so trims and merges neither lose points nor deadlock.
 */
export async function trimSeries(
  ctx: DbContext,
  keepAfter: number,
  at: string,
): Promise<{ trimmed: number; deleted: number }> {
  return writeTransaction(ctx, async (trx) => {
    const stale = await trx
      .selectFrom('metric_series')
      .select('resource_uid')
      .distinct()
      .where('start_s', '<', keepAfter)
      .execute();
    const uids = stale.map((row) => row.resource_uid);
    await lockSeriesScopes(trx, ctx.dialect, uids);
    let trimmed = 0;
    let deleted = 0;
    for (let i = 0; i < uids.length; i += TRIM_BATCH) {
      const batch = uids.slice(i, i + TRIM_BATCH);
      const removed = await trx
        .deleteFrom('metric_series')
        .where('resource_uid', 'in', batch)
        .where('end_s', '<', keepAfter)
        .executeTakeFirst();
      deleted += Number(removed.numDeletedRows);
      trimmed += await trimRows(trx, batch, keepAfter, at);
    }
    return { trimmed, deleted };
  });
}

async function trimRows(
  trx: Kysely<Database>,
  uids: string[],
  keepAfter: number,
  at: string,
): Promise<number> {
  const rows = await trx
    .selectFrom('metric_series')
    .select(SERIES_READ_COLUMNS)
    .where('resource_uid', 'in', uids)
    .where('start_s', '<', keepAfter)
    .where('end_s', '>=', keepAfter)
    .execute();
  const updated: Insertable<MetricSeriesTable>[] = [];
  for (const row of rows) {
    const stored = fromRow(row);
    const none = { periodSeconds: stored.packed.periodSeconds, timestamps: [], values: [] };
    const { packed } = mergePoints(stored.packed, none, keepAfter);
    // Never null: the row has a point at or after keepAfter.
    if (packed) updated.push(toRow({ uid: stored.uid, metric: stored.metric, packed }, at));
  }
  await upsertRows(trx, updated);
  return updated.length;
}
