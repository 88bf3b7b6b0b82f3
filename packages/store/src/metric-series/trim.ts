import type { Insertable, Kysely } from 'kysely';
import { chunkForParams, type DbContext } from '../db/dialect';
import type { Database, MetricSeriesTable } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { mergePoints } from './points';
import { lockSeriesScopes, SERIES_READ_COLUMNS, upsertRows } from './queries';
import { fromRow, toRow } from './rows';

/** Rows trimmed per statement pair: a few hundred kilobytes of points. */
const TRIM_BATCH = 500;

/**
 * Drops the points before `keepAfter` from every stored series: series with nothing newer are
 * deleted, and those that start before it are cut to their first point after it. Only those
 * rows are read and written. On PostgreSQL the scopes of the rows to cut are locked as a merge
 * locks them, so a merge running meanwhile loses none of its points.
 */
export async function trimSeries(
  ctx: DbContext,
  keepAfter: number,
  at: string,
): Promise<{ trimmed: number; deleted: number }> {
  return writeTransaction(ctx, async (trx) => {
    const removed = await trx
      .deleteFrom('metric_series')
      .where('end_s', '<', keepAfter)
      .executeTakeFirst();
    const stale = await trx
      .selectFrom('metric_series')
      .select('resource_uid')
      .distinct()
      .where('start_s', '<', keepAfter)
      .execute();
    const uids = stale.map((row) => row.resource_uid);
    await lockSeriesScopes(trx, ctx.dialect, uids);
    let trimmed = 0;
    for (const chunk of chunkForParams(uids, 1)) {
      for (let i = 0; i < chunk.length; i += TRIM_BATCH) {
        trimmed += await trimRows(trx, chunk.slice(i, i + TRIM_BATCH), keepAfter, at);
      }
    }
    return { trimmed, deleted: Number(removed.numDeletedRows) };
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
