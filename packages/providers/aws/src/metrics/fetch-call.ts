import {
  paginateGetMetricData,
  type CloudWatchClient,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { CcxError, type MetricName, type MetricSeries } from '@ccx/core';

/** One GetMetricData query of a call: which series it fills. */
export interface PlannedQuery {
  query: MetricDataQuery;
  uid: string;
  metric: MetricName;
}

/** CloudWatch's ceiling on datapoints in one response. */
export const MAX_DATAPOINTS = 100_800;

export interface CallCounter {
  /** One per GetMetricData request, pages included. */
  onPage(datapoints: number): void;
}

/**
 * Runs one GetMetricData call (up to 500 queries) through the SDK paginator, oldest points
 * first so pages append. A query's points may span pages; its series is yielded once CloudWatch
 * reports it `Complete`, and never twice. A query that ends in error fails the call.
 */
export async function* fetchCall(
  client: CloudWatchClient,
  queries: readonly PlannedQuery[],
  range: { start: Date; end: Date; periodSeconds: number },
  counter: CallCounter,
  signal: AbortSignal,
): AsyncIterable<MetricSeries> {
  const byId = new Map(queries.map((planned) => [planned.query.Id!, planned]));
  const points = new Map<string, { timestamps: number[]; values: number[] }>();
  const done = new Set<string>();
  const pages = paginateGetMetricData(
    { client },
    {
      MetricDataQueries: queries.map((planned) => planned.query),
      StartTime: range.start,
      EndTime: range.end,
      ScanBy: 'TimestampAscending',
      MaxDatapoints: MAX_DATAPOINTS,
    },
    { abortSignal: signal },
  );
  for await (const page of pages) {
    let count = 0;
    for (const result of page.MetricDataResults ?? []) {
      const planned = result.Id === undefined ? undefined : byId.get(result.Id);
      if (!planned || done.has(result.Id!)) continue;
      const series = points.get(result.Id!) ?? { timestamps: [], values: [] };
      points.set(result.Id!, series);
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      count += values.length;
      for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
        series.timestamps.push(Math.floor(timestamps[i]!.getTime() / 1000));
        series.values.push(values[i]!);
      }
      if (result.StatusCode === 'InternalError' || result.StatusCode === 'Forbidden') {
        throw new CcxError(
          result.StatusCode === 'Forbidden' ? 'forbidden' : 'unavailable',
          `CloudWatch answered ${result.StatusCode} for ${planned.metric} of ${planned.uid}`,
          { retryable: result.StatusCode === 'InternalError' },
        );
      }
      if (result.StatusCode === 'Complete') {
        done.add(result.Id!);
        yield toSeries(planned, series, range.periodSeconds);
      }
    }
    counter.onPage(count);
  }
  // Paging ended: anything still open is as complete as CloudWatch will make it.
  for (const planned of queries) {
    const id = planned.query.Id!;
    if (done.has(id)) continue;
    yield toSeries(planned, points.get(id) ?? { timestamps: [], values: [] }, range.periodSeconds);
  }
}

function toSeries(
  planned: PlannedQuery,
  points: { timestamps: number[]; values: number[] },
  periodSeconds: number,
): MetricSeries {
  let { timestamps, values } = points;
  // Pages come oldest first; sort only if a source ever breaks that.
  if (timestamps.some((t, i) => i > 0 && t <= timestamps[i - 1]!)) {
    const order = timestamps.map((_, i) => i).sort((a, b) => timestamps[a]! - timestamps[b]!);
    timestamps = order.map((i) => points.timestamps[i]!);
    values = order.map((i) => points.values[i]!);
  }
  return { uid: planned.uid, metric: planned.metric, periodSeconds, timestamps, values };
}
