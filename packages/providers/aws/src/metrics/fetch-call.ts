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
  // Points of queries that span pages, until CloudWatch reports them complete.
  const partial = new Map<string, SeriesPoints>();
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
      const id = result.Id;
      const planned = id === undefined ? undefined : byId.get(id);
      if (id === undefined || !planned || done.has(id)) continue;
      const read = readPoints(result.Timestamps ?? [], result.Values ?? []);
      count += read.values.length;
      const earlier = partial.get(id);
      const series = earlier ? appendPoints(earlier, read) : read;
      if (result.StatusCode === 'InternalError' || result.StatusCode === 'Forbidden') {
        throw new CcxError(
          result.StatusCode === 'Forbidden' ? 'forbidden' : 'unavailable',
          `CloudWatch answered ${result.StatusCode} for ${planned.metric} of ${planned.uid}`,
          { retryable: result.StatusCode === 'InternalError' },
        );
      }
      if (result.StatusCode === 'Complete') {
        done.add(id);
        partial.delete(id);
        yield toSeries(planned, series, range.periodSeconds);
      } else partial.set(id, series);
    }
    counter.onPage(count);
  }
  // Paging ended: anything still open is as complete as CloudWatch will make it.
  for (const planned of queries) {
    const id = planned.query.Id!;
    if (done.has(id)) continue;
    yield toSeries(planned, partial.get(id) ?? noPoints(), range.periodSeconds);
  }
}

interface SeriesPoints {
  timestamps: number[];
  values: number[];
  /** Whether the timestamps ascend, as CloudWatch sends them with `TimestampAscending`. */
  ascending: boolean;
}

/** Fresh arrays each time: a yielded series is the consumer's, to keep or change. */
const noPoints = (): SeriesPoints => ({ timestamps: [], values: [], ascending: true });

/**
 * One result's points in epoch seconds. A sync reads millions of them, so the values array the
 * SDK parsed is kept as it is when it pairs up with the timestamps, rather than copied.
 */
function readPoints(stamps: readonly Date[], values: number[]): SeriesPoints {
  const length = Math.min(stamps.length, values.length);
  const timestamps = new Array<number>(length);
  let ascending = true;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const seconds = Math.floor(stamps[i]!.getTime() / 1000);
    if (seconds <= previous) ascending = false;
    timestamps[i] = previous = seconds;
  }
  return {
    timestamps,
    values: values.length === length ? values : values.slice(0, length),
    ascending,
  };
}

function appendPoints(earlier: SeriesPoints, next: SeriesPoints): SeriesPoints {
  const last = earlier.timestamps.at(-1);
  return {
    timestamps: earlier.timestamps.concat(next.timestamps),
    values: earlier.values.concat(next.values),
    ascending:
      earlier.ascending &&
      next.ascending &&
      (last === undefined || next.timestamps[0] === undefined || next.timestamps[0] > last),
  };
}

function toSeries(
  planned: PlannedQuery,
  points: SeriesPoints,
  periodSeconds: number,
): MetricSeries {
  let { timestamps, values } = points;
  // Pages come oldest first; sort only if a source ever breaks that.
  if (!points.ascending) {
    const order = timestamps.map((_, i) => i).sort((a, b) => timestamps[a]! - timestamps[b]!);
    timestamps = order.map((i) => points.timestamps[i]!);
    values = order.map((i) => points.values[i]!);
  }
  return { uid: planned.uid, metric: planned.metric, periodSeconds, timestamps, values };
}
