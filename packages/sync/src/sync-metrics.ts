import {
  SYNC_METRIC_PERIOD_SECONDS,
  SYNCED_METRICS,
  type MetricName,
  type MetricSeries,
  type Metrics,
  type RandomSource,
} from '@ccx/core';
import { emptyMetricCounts, type JobActivity } from './job-activity';
import {
  metricWindow,
  planMetricFetches,
  type MetricFetch,
  type MetricTarget,
} from './metric-window';
import type { RetryPolicy } from './options';
import { errorMessage } from './retryable';
import type { JobRuntime, MetricCounts, MetricSink, SyncJob } from './types';
import { withRetry } from './with-retry';

/** Series handed to the sink per merge: one transaction of a few hundred kilobytes. */
export const SERIES_PER_MERGE = 1000;

/** What a job's metrics step needs, when the job's type has synced metrics at all. */
export interface MetricsPlan {
  metrics: Metrics;
  sink: MetricSink;
  names: MetricName[];
}

/**
 * The metrics a job syncs: the synced metrics its connection has for the job's type. Null
 * when there are none or nowhere to write them; the job then only lists.
 */
export function metricsPlan(job: SyncJob, runtime: JobRuntime): MetricsPlan | null {
  const metrics = runtime.connections.get(job.connection)?.metrics;
  if (!metrics || !runtime.metrics || !metrics.types.includes(job.type)) return null;
  const available = new Set(metrics.metricsFor(job.type));
  const names = SYNCED_METRICS.filter((name) => available.has(name));
  return names.length === 0 ? null : { metrics, sink: runtime.metrics, names };
}

export interface SyncMetricsOptions {
  retry: RetryPolicy;
  random: RandomSource;
  signal?: AbortSignal;
  now: Date;
  report(activity: JobActivity): void;
}

/**
 * The metrics step of a job whose listing completed: fetches the synced metrics of the listed
 * resources from where the store stands to the current period, and merges them into the sink
 * as series arrive. A fetch that fails is retried whole under the job's policy (merges are
 * idempotent); one that still fails is counted and its message returned, never thrown, so the
 * listing's result stands. Only an abort (the service closing) propagates.
 */
export async function syncMetrics(
  job: SyncJob,
  plan: MetricsPlan,
  targets: MetricTarget[],
  options: SyncMetricsOptions,
): Promise<{ counts: MetricCounts; error?: string }> {
  const counts = emptyMetricCounts();
  if (targets.length === 0) return { counts };
  const window = metricWindow(options.now);
  let fetches: MetricFetch[];
  try {
    const latest = await withRetry(
      () => plan.sink.latest({ uids: targets.map((t) => t.uid), metrics: plan.names }),
      options.retry,
      options.random,
      { signal: options.signal, onRetry: (notice) => options.report({ kind: 'retry', ...notice }) },
    );
    fetches = planMetricFetches(targets, latest, window);
  } catch (error) {
    options.signal?.throwIfAborted();
    return { counts: { ...counts, failed: targets.length }, error: errorMessage(error) };
  }
  let firstError: string | undefined;
  for (const fetch of fetches) {
    try {
      const written = await withRetry(
        () => fetchInto(job, plan, fetch, window, options.signal),
        options.retry,
        options.random,
        {
          signal: options.signal,
          onRetry: (notice) => options.report({ kind: 'retry', ...notice }),
        },
      );
      counts.series += written.series;
      counts.points += written.points;
    } catch (error) {
      options.signal?.throwIfAborted();
      counts.failed += fetch.targets.length;
      firstError ??= errorMessage(error);
    }
  }
  return firstError === undefined ? { counts } : { counts, error: firstError };
}

/**
 * One attempt at one fetch. Series the provider yields for anything it was not asked (another
 * resource or metric) are dropped: what the sink receives is exactly what was requested.
 */
async function fetchInto(
  job: SyncJob,
  plan: MetricsPlan,
  fetch: MetricFetch,
  window: { end: number; keepAfter: number },
  signal: AbortSignal | undefined,
): Promise<{ series: number; points: number }> {
  const wantedUids = new Set(fetch.targets.map((t) => t.uid));
  const wantedMetrics = new Set<string>(plan.names);
  const written = { series: 0, points: 0 };
  let batch: MetricSeries[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const series = batch;
    batch = [];
    await plan.sink.merge({ series, keepAfter: window.keepAfter });
    written.series += series.length;
    for (const one of series) written.points += one.values.length;
  };
  const stream = plan.metrics.fetch(
    {
      provider: job.provider,
      connection: job.connection,
      account: job.account,
      region: job.region,
    },
    {
      refs: fetch.targets.map((t) => t.ref),
      metrics: plan.names,
      start: new Date(fetch.start * 1000),
      end: new Date(window.end * 1000),
      periodSeconds: SYNC_METRIC_PERIOD_SECONDS,
    },
    { signal },
  );
  for await (const series of stream) {
    if (!wantedUids.has(series.uid) || !wantedMetrics.has(series.metric)) continue;
    if (series.values.length === 0) continue;
    batch.push(series);
    if (batch.length >= SERIES_PER_MERGE) await flush();
  }
  await flush();
  signal?.throwIfAborted();
  return written;
}
