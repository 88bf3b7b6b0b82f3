import { emptyCounts, type JobActivity, type JobResult } from './job-activity';
import { listIntoSink } from './list-into-sink';
import type { MetricTarget } from './metric-window';
import type { RetryPolicy } from './options';
import { deriveSeed, randomSeed, seededRandom, type RandomSource } from '@ccx/core';
import { metricsPlan, syncMetrics } from './sync-metrics';
import type { JobRuntime, SyncJob } from './types';
import { withRetry } from './with-retry';

export interface RunJobOptions {
  retry: RetryPolicy;
  batchSize: number;
  signal?: AbortSignal;
  random?: RandomSource;
  report(activity: JobActivity): void;
}

/** Resources in this state have no metrics left to fetch. */
const GONE_STATES: ReadonlySet<string> = new Set(['terminated']);

/**
 * Runs one job with job-level retries; the same code runs in-process and in a BullMQ worker.
 * A retry lists the scope again from the start: batches are idempotent upserts stamped with
 * the run id, so rows written by a failed attempt are simply seen again. Counts add up the
 * changes every attempt made to the store; `listed` is what the successful attempt saw, and
 * `unchanged` is the rest of it (a later attempt sees what an earlier one wrote as unchanged,
 * which must not count twice).
 * A configured seed is mixed with the job id so that jobs failing together do not retry in
 * step.
 *
 * When the job's type has synced metrics, the listing's resources (those the successful
 * attempt saw, less terminated ones) then get their metrics in the same job. That step
 * reports its own failure in the result and never fails the job: the inventory is written
 * and complete by then, and must not be lost or redone because a metrics API failed.
 */
export async function runJob(
  job: SyncJob,
  runtime: JobRuntime,
  options: RunJobOptions,
): Promise<JobResult> {
  const random =
    options.random ??
    seededRandom(
      options.retry.seed === undefined ? randomSeed() : deriveSeed(options.retry.seed, job.id),
    );
  const counts = emptyCounts();
  const plan = metricsPlan(job, runtime);
  let targets: MetricTarget[] = [];
  const collect = plan
    ? (resource: MetricTarget['ref'] & { uid: string; state: string | null }): void => {
        if (resource.state !== null && GONE_STATES.has(resource.state)) return;
        const { provider, account, region, type, id, uid } = resource;
        targets.push({ ref: { provider, account, region, type, id }, uid });
      }
    : undefined;
  const listed = await withRetry(
    () => {
      targets = [];
      return listIntoSink(job, runtime, {
        batchSize: options.batchSize,
        signal: options.signal,
        counts,
        onProgress: (n) => options.report({ kind: 'progress', listed: n }),
        ...(collect ? { collect } : {}),
      });
    },
    options.retry,
    random,
    { signal: options.signal, onRetry: (notice) => options.report({ kind: 'retry', ...notice }) },
  );
  counts.unchanged = Math.max(0, listed - counts.created - counts.updated);
  if (!plan) return { listed, counts, metrics: { series: 0, points: 0, failed: 0 } };
  const metrics = await syncMetrics(job, plan, targets, {
    retry: options.retry,
    random,
    signal: options.signal,
    now: runtime.now?.() ?? new Date(),
    report: (activity) => options.report(activity),
  });
  return {
    listed,
    counts,
    metrics: metrics.counts,
    ...(metrics.error === undefined ? {} : { metricsError: metrics.error }),
  };
}
