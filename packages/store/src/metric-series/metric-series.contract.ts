import type { MetricSeries } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { resourceIn, scopeOf } from '../testing/fixtures';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';

const HOUR = 3600;
/** An hour boundary, so hourly points sit on the grid as providers return them. */
const T = 1_764_000_000 - (1_764_000_000 % HOUR);
const A = 'aws/111111111111/us-east-1/ec2.instance/i-a';
const B = 'aws/111111111111/us-east-1/ec2.instance/i-b';

/** An hourly series with the points at the given timestamps (gaps where hours are missing). */
function atHours(
  uid: string,
  metric: MetricSeries['metric'],
  timestamps: number[],
  values: number[],
): MetricSeries {
  return { uid, metric, periodSeconds: HOUR, timestamps, values };
}

/** An hourly series without gaps, its first point at `from`. */
function hourly(
  uid: string,
  metric: MetricSeries['metric'],
  from: number,
  values: number[],
): MetricSeries {
  return atHours(
    uid,
    metric,
    values.map((_, i) => from + i * HOUR),
    values,
  );
}

/** Synced metric series: one packed row per resource × metric, merged point by point. */
export function describeMetricSeriesContract(open: () => Promise<Store>): void {
  describe('metric series', () => {
    const store = useStore(open);

    it('merges new points over stored ones and reads them back ordered by uid and metric', async () => {
      const { metricSeries } = store();
      expect(
        await metricSeries.merge({
          series: [hourly(B, 'cpu', T, [10, 20, 30]), hourly(A, 'networkIn', T, [1e9])],
          keepAfter: 0,
        }),
      ).toEqual({ series: 2, points: 4 });
      await metricSeries.merge({
        series: [hourly(B, 'cpu', T + 2 * HOUR, [33.333333, 40]), hourly(A, 'cpu', T, [5])],
        keepAfter: 0,
      });
      expect(await metricSeries.list({ uids: [B, A, 'unknown'] })).toEqual([
        hourly(A, 'cpu', T, [5]),
        hourly(A, 'networkIn', T, [1e9]),
        hourly(B, 'cpu', T, [10, 20, 33.33, 40]),
      ]);
      expect(await metricSeries.list({ uids: [A], metrics: ['networkIn'] })).toEqual([
        hourly(A, 'networkIn', T, [1e9]),
      ]);
      expect(await metricSeries.list({ uids: [] })).toEqual([]);
    });

    it('keeps gaps as gaps and drops points before keepAfter, deleting a series left empty', async () => {
      const { metricSeries } = store();
      await metricSeries.merge({
        series: [atHours(A, 'cpu', [T, T + 3 * HOUR], [1, 4]), hourly(A, 'cpuMax', T, [9])],
        keepAfter: 0,
      });
      const result = await metricSeries.merge({
        series: [hourly(A, 'cpu', T + 4 * HOUR, [5]), hourly(A, 'cpuMax', T - HOUR, [8])],
        keepAfter: T + HOUR,
      });
      expect(result).toEqual({ series: 1, points: 1 });
      expect(await metricSeries.list({ uids: [A] })).toEqual([
        atHours(A, 'cpu', [T + 3 * HOUR, T + 4 * HOUR], [4, 5]),
      ]);
    });

    it('tells where every requested metric of a resource is stored up to', async () => {
      const { metricSeries } = store();
      await metricSeries.merge({
        series: [
          hourly(A, 'cpu', T, [1, 2, 3]),
          hourly(A, 'networkIn', T, [1, 2]),
          hourly(B, 'cpu', T, [1]),
        ],
        keepAfter: 0,
      });
      expect(await metricSeries.latest({ uids: [A, B, 'unknown'] })).toEqual(
        new Map([
          [A, T + HOUR],
          [B, T],
        ]),
      );
      // B has no networkIn yet: it needs the whole window, so it is not in the answer.
      expect(
        await metricSeries.latest({ uids: [A, B], metrics: ['cpu', 'networkIn', 'cpu'] }),
      ).toEqual(new Map([[A, T + HOUR]]));
      expect(await metricSeries.latest({ uids: [A], metrics: ['cpu'] })).toEqual(
        new Map([[A, T + 2 * HOUR]]),
      );
    });

    it('trims series no merge touches to the window, deleting those left with nothing', async () => {
      const { metricSeries } = store();
      await metricSeries.merge({
        series: [
          atHours(A, 'cpu', [T, T + HOUR, T + 4 * HOUR, T + 5 * HOUR], [1, 2, 5, 6]),
          hourly(A, 'cpuMax', T, [9, 9]),
          hourly(B, 'cpu', T + 10 * HOUR, [3]),
        ],
        keepAfter: 0,
      });
      expect(await metricSeries.trimBefore({ keepAfter: T + 2 * HOUR })).toEqual({
        trimmed: 1,
        deleted: 1,
      });
      expect(await metricSeries.list({ uids: [A, B] })).toEqual([
        hourly(A, 'cpu', T + 4 * HOUR, [5, 6]),
        hourly(B, 'cpu', T + 10 * HOUR, [3]),
      ]);
      expect(await metricSeries.latest({ uids: [A], metrics: ['cpu'] })).toEqual(
        new Map([[A, T + 5 * HOUR]]),
      );
      // Nothing left to trim: a second pass writes nothing.
      expect(await metricSeries.trimBefore({ keepAfter: T + 2 * HOUR })).toEqual({
        trimmed: 0,
        deleted: 0,
      });
      await expect(metricSeries.trimBefore({ keepAfter: -1 })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });

    it('keeps values beyond Float32 exactly, and a merge into them', async () => {
      const { metricSeries } = store();
      await metricSeries.merge({ series: [hourly(A, 'networkIn', T, [1e40, 2.5])], keepAfter: 0 });
      await metricSeries.merge({
        series: [hourly(A, 'networkIn', T + 2 * HOUR, [123_456_789])],
        keepAfter: 0,
      });
      await metricSeries.merge({ series: [hourly(B, 'cpu', T, [12.5])], keepAfter: 0 });
      await metricSeries.merge({ series: [hourly(B, 'cpu', T + HOUR, [1e-35])], keepAfter: 0 });
      expect(await metricSeries.list({ uids: [A, B] })).toEqual([
        hourly(A, 'networkIn', T, [1e40, 2.5, 123_500_000]),
        hourly(B, 'cpu', T, [12.5, 1e-35]),
      ]);
    });

    it('deletes the series of given resources only, keeping hostile uids as data', async () => {
      const { metricSeries } = store();
      const hostile = "aws/1/r/ec2.instance/'); drop table metric_series; --<img>";
      await metricSeries.merge({
        series: [
          hourly(A, 'cpu', T, [1]),
          hourly(A, 'cpuMax', T, [1]),
          hourly(hostile, 'cpu', T, [2]),
        ],
        keepAfter: 0,
      });
      expect((await metricSeries.list({ uids: [hostile] }))[0]?.uid).toBe(hostile);
      expect(await metricSeries.deleteForResources([A, A, 'unknown'])).toBe(2);
      expect(await metricSeries.deleteForResources([])).toBe(0);
      expect((await metricSeries.list({ uids: [A, hostile] })).map((s) => s.uid)).toEqual([
        hostile,
      ]);
    });

    it('prunes the series of resources the inventory no longer holds, and only those', async () => {
      const { metricSeries, resources } = store();
      const scope = scopeOf();
      const kept = resourceIn(scope, 'i-kept');
      const gone = resourceIn(scope, 'i-gone');
      await resources.applyBatch({
        scope,
        type: 'ec2.instance',
        runId: 'r1',
        resources: [kept, gone],
      });
      await resources.applyBatch({ scope, type: 'ec2.instance', runId: 'r2', resources: [kept] });
      await resources.completeListing({ scope, type: 'ec2.instance', runId: 'r2' });
      const never = 'aws/111111111111/us-east-1/ec2.instance/i-never-listed';
      await metricSeries.merge({
        series: [kept.uid, gone.uid, never].map((uid) => hourly(uid, 'cpu', T, [1, 2])),
        keepAfter: 0,
      });
      expect(await metricSeries.pruneOrphans()).toBe(2);
      expect(
        (await metricSeries.list({ uids: [kept.uid, gone.uid, never] })).map((s) => s.uid),
      ).toEqual([kept.uid]);
      expect(await metricSeries.pruneOrphans()).toBe(0);
    });

    it('loses no point when merges into one series run at the same time', async () => {
      const { metricSeries } = store();
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          metricSeries.merge({ series: [hourly(A, 'cpu', T + i * HOUR, [i + 1])], keepAfter: 0 }),
        ),
      );
      expect(await metricSeries.list({ uids: [A] })).toEqual([
        hourly(A, 'cpu', T, [1, 2, 3, 4, 5, 6, 7, 8]),
      ]);
    });

    it('writes thousands of series in one call, in multi-row statements', async () => {
      const { metricSeries } = store();
      const uids = Array.from({ length: 2_500 }, (_, i) => `aws/1/r/ec2.instance/i-${i}`);
      const series = uids.flatMap((uid) => [
        hourly(uid, 'cpu', T, [1, 2, 3]),
        hourly(uid, 'networkOut', T, [4, 5, 6]),
      ]);
      expect(await metricSeries.merge({ series, keepAfter: 0 })).toEqual({
        series: 5_000,
        points: 15_000,
      });
      const latest = await metricSeries.latest({ uids });
      expect(latest.size).toBe(2_500);
      expect(new Set(latest.values())).toEqual(new Set([T + 2 * HOUR]));
    });

    it('refuses a malformed series and writes nothing of the call', async () => {
      const { metricSeries } = store();
      const good = hourly(A, 'cpu', T, [1]);
      const refused: unknown[] = [
        { ...good, values: [1, 2] },
        { ...good, values: [Number.NaN] },
        { ...good, values: [Number.POSITIVE_INFINITY] },
        { ...good, timestamps: [-1] },
        { ...good, timestamps: [T + 0.5] },
        { ...good, metric: 'load' },
        { ...good, uid: '' },
        { ...good, periodSeconds: 0 },
      ];
      for (const bad of refused) {
        await expect(
          metricSeries.merge({ series: [good, bad as MetricSeries], keepAfter: 0 }),
        ).rejects.toMatchObject({ code: 'invalid_input' });
      }
      await expect(metricSeries.merge({ series: [good], keepAfter: -1 })).rejects.toMatchObject({
        code: 'invalid_input',
      });
      expect(await metricSeries.list({ uids: [A] })).toEqual([]);
    });
  });
}
