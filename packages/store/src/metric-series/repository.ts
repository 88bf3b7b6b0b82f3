import type { MetricName } from '@ccx/core';
import type { Insertable } from 'kysely';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import type { MetricSeriesTable } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { mergePoints, type PackedPoints } from './points';
import { deletePairs, lockSeriesScopes, selectEnds, selectRows, upsertRows } from './queries';
import { fromRow, rowEnd, toMetricSeries, toRow, type StoredSeries } from './rows';
import { mergeInputSchema, queryInputSchema, trimInputSchema } from './schemas';
import { trimSeries } from './trim';
import type { MetricSeriesRepository } from './types';

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
      const metrics = [...new Set(input.series.map((series) => series.metric))];
      return writeTransaction(ctx, async (trx) => {
        await lockSeriesScopes(trx, ctx.dialect, uids);
        const stored = new Map<string, StoredSeries>();
        for (const row of await selectRows(trx, { uids, metrics })) {
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
        // Series holding points after the merge, rewritten or not (`series` of the result).
        let holding = 0;
        for (const [key, { uid, metric, packed }] of merged) {
          const before = stored.get(key)?.packed;
          if (packed) {
            holding += 1;
            // A merge that changed nothing (the same hours fetched again) writes nothing.
            if (!before || !samePoints(before, packed))
              rows.push(toRow({ uid, metric, packed }, at));
          } else if (before) emptied.push({ uid, metric });
        }
        await upsertRows(trx, rows);
        await deletePairs(trx, emptied);
        return { series: holding, points };
      });
    },

    async list(raw) {
      const query = parseInput(queryInputSchema, raw, 'metric series query');
      const rows = await selectRows(db, query);
      return rows
        .map(fromRow)
        .sort((a, b) => compareText(a.uid, b.uid) || compareText(a.metric, b.metric))
        .map(toMetricSeries);
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

    async trimBefore(raw) {
      const input = parseInput(trimInputSchema, raw, 'metric series trim');
      return trimSeries(ctx, input.keepAfter, input.at ?? new Date().toISOString());
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

function samePoints(a: PackedPoints, b: PackedPoints): boolean {
  return (
    a.periodSeconds === b.periodSeconds &&
    a.start === b.start &&
    Buffer.compare(a.bytes, b.bytes) === 0
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
