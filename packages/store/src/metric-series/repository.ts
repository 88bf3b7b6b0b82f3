import { parseResourceUid, type MetricName, type MetricSeries } from '@ccx/core';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { chunkForParams, type DbContext, type SqlDialect } from '../db/dialect';
import { parseInput } from '../db/input';
import type { Database, MetricSeriesTable } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { mergePoints, unpack, type PackedPoints } from './points';
import { fromRow, rowEnd, SERIES_COLUMNS, toRow, type StoredSeries } from './rows';
import { mergeInputSchema, queryInputSchema } from './schemas';
import type { MetricSeriesRepository, MetricSeriesQuery } from './types';

/** `metric|uid`: metric names hold no `|`, so the key splits back unambiguously. */
const seriesKey = (uid: string, metric: string): string => `${metric}|${uid}`;

export function createMetricSeriesRepository(ctx: DbContext): MetricSeriesRepository {
  const { db } = ctx;

  return {
    async merge(raw) {
      const input = parseInput(mergeInputSchema, raw, 'metric series');
      if (input.series.length === 0) return { series: 0, points: 0 };
      const at = input.at ?? new Date().toISOString();
      const uids = [...new Set(input.series.map((series) => series.uid))];
      return writeTransaction(ctx, async (trx) => {
        await lockSeriesScopes(trx, ctx.dialect, uids);
        const stored = new Map<string, StoredSeries>();
        for (const row of await selectRows(trx, { uids })) {
          const series = fromRow(row);
          stored.set(seriesKey(series.uid, series.metric), series);
        }
        // Several series of one uid × metric in one call merge in order: the last one wins.
        const merged = new Map<
          string,
          { uid: string; metric: MetricName; packed: PackedPoints | null }
        >();
        let points = 0;
        for (const series of input.series) {
          const key = seriesKey(series.uid, series.metric);
          const current = merged.has(key) ? merged.get(key)?.packed : stored.get(key)?.packed;
          const { packed, kept } = mergePoints(current ?? undefined, series, input.keepAfter);
          merged.set(key, { uid: series.uid, metric: series.metric, packed });
          points += kept;
        }
        const rows: Insertable<MetricSeriesTable>[] = [];
        const emptied: { uid: string; metric: string }[] = [];
        for (const [key, { uid, metric, packed }] of merged) {
          if (packed) rows.push(toRow({ uid, metric, packed }, at));
          else if (stored.has(key)) emptied.push({ uid, metric });
        }
        await upsertRows(trx, rows);
        await deletePairs(trx, emptied);
        return { series: rows.length, points };
      });
    },

    async list(raw) {
      const query = parseInput(queryInputSchema, raw, 'metric series query');
      const rows = await selectRows(db, query);
      return rows
        .map(fromRow)
        .sort((a, b) => compareText(a.uid, b.uid) || compareText(a.metric, b.metric))
        .map(({ uid, metric, packed }): MetricSeries => ({
          uid,
          metric,
          periodSeconds: packed.periodSeconds,
          ...unpack(packed),
        }));
    },

    async latest(raw) {
      const query = parseInput(queryInputSchema, raw, 'metric series query');
      const ends = new Map<string, { count: number; oldest: number }>();
      for (const row of await selectEnds(db, query)) {
        const end = rowEnd(row);
        const seen = ends.get(row.resource_uid);
        if (seen) {
          seen.count += 1;
          seen.oldest = Math.min(seen.oldest, end);
        } else ends.set(row.resource_uid, { count: 1, oldest: end });
      }
      const wanted = query.metrics === undefined ? undefined : new Set(query.metrics).size;
      const latest = new Map<string, number>();
      for (const [uid, { count, oldest }] of ends) {
        if (wanted === undefined || count === wanted) latest.set(uid, oldest);
      }
      return latest;
    },

    async deleteForResources(uids) {
      const unique = [...new Set(parseInput(queryInputSchema, { uids }, 'uids').uids)];
      if (unique.length === 0) return 0;
      return writeTransaction(ctx, async (trx) => {
        let deleted = 0;
        for (const chunk of chunkForParams(unique, 1)) {
          const result = await trx
            .deleteFrom('metric_series')
            .where('resource_uid', 'in', chunk)
            .executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        return deleted;
      });
    },

    async pruneOrphans() {
      const result = await ctx.db
        .deleteFrom('metric_series')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('resources')
                .select('resources.uid')
                .whereRef('resources.uid', '=', 'metric_series.resource_uid')
                .where('resources.deleted_at', 'is', null),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The uids and metrics of a query without duplicates; null when it can match nothing. */
function distinct(query: MetricSeriesQuery): { uids: string[]; metrics?: string[] } | null {
  const uids = [...new Set(query.uids)];
  const metrics = query.metrics === undefined ? undefined : [...new Set(query.metrics)];
  if (uids.length === 0 || metrics?.length === 0) return null;
  return metrics === undefined ? { uids } : { uids, metrics };
}

/** Whole rows of these uids (and metrics), in chunks that fit the parameter budget. */
async function selectRows(
  conn: Kysely<Database>,
  query: MetricSeriesQuery,
): Promise<Selectable<MetricSeriesTable>[]> {
  const wanted = distinct(query);
  if (!wanted) return [];
  const rows: Selectable<MetricSeriesTable>[] = [];
  for (const chunk of chunkForParams(wanted.uids, 1)) {
    let select = conn.selectFrom('metric_series').selectAll().where('resource_uid', 'in', chunk);
    if (wanted.metrics) select = select.where('metric', 'in', wanted.metrics);
    rows.push(...(await select.execute()));
  }
  return rows;
}

/** Only where each series ends: what an incremental fetch needs, without the points. */
async function selectEnds(
  conn: Kysely<Database>,
  query: MetricSeriesQuery,
): Promise<Pick<Selectable<MetricSeriesTable>, 'resource_uid' | 'end_s'>[]> {
  const wanted = distinct(query);
  if (!wanted) return [];
  const rows: Pick<Selectable<MetricSeriesTable>, 'resource_uid' | 'end_s'>[] = [];
  for (const chunk of chunkForParams(wanted.uids, 1)) {
    let select = conn
      .selectFrom('metric_series')
      .select(['resource_uid', 'end_s'])
      .where('resource_uid', 'in', chunk);
    if (wanted.metrics) select = select.where('metric', 'in', wanted.metrics);
    rows.push(...(await select.execute()));
  }
  return rows;
}

/** Multi-row upserts: a merge rewrites each series it touched as one row. */
async function upsertRows(
  trx: Kysely<Database>,
  rows: Insertable<MetricSeriesTable>[],
): Promise<void> {
  for (const chunk of chunkForParams(rows, SERIES_COLUMNS)) {
    await trx
      .insertInto('metric_series')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['resource_uid', 'metric']).doUpdateSet((eb) => ({
          period_s: eb.ref('excluded.period_s'),
          start_s: eb.ref('excluded.start_s'),
          end_s: eb.ref('excluded.end_s'),
          points: eb.ref('excluded.points'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Series a merge left without points (all older than the window): rare, one by one. */
async function deletePairs(
  trx: Kysely<Database>,
  pairs: readonly { uid: string; metric: string }[],
): Promise<void> {
  for (const { uid, metric } of pairs) {
    await trx
      .deleteFrom('metric_series')
      .where('resource_uid', '=', uid)
      .where('metric', '=', metric)
      .execute();
  }
}

/**
 * Serialises merges into the series of one inventory scope × type for the rest of the
 * transaction on PostgreSQL, where two merges would otherwise both read the stored points
 * before either wrote, and the second would drop what the first added. The scope comes from
 * each uid (uids that are not inventory uids share one key), so the usual merge takes one
 * lock; keys are locked in the order of their hashes, so two merges cannot deadlock. SQLite
 * needs nothing: `BEGIN IMMEDIATE` admits one writer at a time.
 */
async function lockSeriesScopes(
  trx: Kysely<Database>,
  dialect: SqlDialect,
  uids: readonly string[],
): Promise<void> {
  if (dialect !== 'postgres') return;
  const keys = new Set<string>();
  for (const uid of uids) {
    const ref = parseResourceUid(uid);
    keys.add(
      ref ? `ccx:metrics:${ref.provider}/${ref.account}/${ref.region}/${ref.type}` : 'ccx:metrics',
    );
  }
  await sql`select pg_advisory_xact_lock(h) from (
      select distinct hashtext(k) as h from unnest(${[...keys]}::text[]) as k order by h
    ) as ordered`.execute(trx);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
