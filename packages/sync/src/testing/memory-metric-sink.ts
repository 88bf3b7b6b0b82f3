import type { MetricName, MetricSeries } from '@ccx/core';
import type { MetricSink } from '../types';

/**
 * An in-memory MetricSink for tests, with the store's semantics: points keyed by period,
 * new values win, points before `keepAfter` dropped. It records the size of every merge.
 */
export class MemoryMetricSink implements MetricSink {
  /** Series per `merge` call, in order. */
  readonly merges: number[] = [];
  /** `uid|metric` → timestamp → value. */
  private readonly points = new Map<string, Map<number, number>>();

  latest(query: {
    uids: readonly string[];
    metrics?: readonly MetricName[];
  }): Promise<ReadonlyMap<string, number>> {
    const latest = new Map<string, number>();
    for (const uid of query.uids) {
      const metrics =
        query.metrics ??
        [...this.points.keys()]
          .filter((key) => key.startsWith(`${uid}|`))
          .map((key) => key.slice(uid.length + 1) as MetricName);
      const ends = metrics.map((metric) => {
        const stamps = [...(this.points.get(`${uid}|${metric}`)?.keys() ?? [])];
        return stamps.length === 0 ? undefined : Math.max(...stamps);
      });
      if (ends.length > 0 && ends.every((end) => end !== undefined))
        latest.set(uid, Math.min(...ends));
    }
    return Promise.resolve(latest);
  }

  merge(input: { series: MetricSeries[]; keepAfter: number }): Promise<void> {
    this.merges.push(input.series.length);
    for (const series of input.series) {
      const key = `${series.uid}|${series.metric}`;
      const stored = this.points.get(key) ?? new Map<number, number>();
      series.timestamps.forEach((t, i) => stored.set(t, series.values[i]!));
      for (const t of stored.keys()) if (t < input.keepAfter) stored.delete(t);
      this.points.set(key, stored);
    }
    return Promise.resolve();
  }

  /** Stored points of one series, ascending by time. */
  series(uid: string, metric: MetricName): [number, number][] {
    return [...(this.points.get(`${uid}|${metric}`) ?? new Map<number, number>())].sort(
      (a, b) => a[0] - b[0],
    );
  }

  /** `uid|metric` of every series holding points. */
  keys(): string[] {
    return [...this.points].filter(([, points]) => points.size > 0).map(([key]) => key);
  }
}
