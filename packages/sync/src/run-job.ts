import { emptyCounts, type JobActivity, type JobResult } from './job-activity';
import { listIntoSink } from './list-into-sink';
import type { RetryPolicy } from './options';
import { deriveSeed, randomSeed, seededRandom, type RandomSource } from '@ccx/core';
import type { JobRuntime, SyncJob } from './types';
import { withRetry } from './with-retry';

export interface RunJobOptions {
  retry: RetryPolicy;
  batchSize: number;
  signal?: AbortSignal;
  random?: RandomSource;
  report(activity: JobActivity): void;
}

/**
 * Runs one job with job-level retries; the same code runs in-process and in a BullMQ worker.
 * A retry lists the scope again from the start: batches are idempotent upserts stamped with
 * the run id, so rows written by a failed attempt are simply seen again. Counts add up the
 * changes every attempt made to the store; `listed` is what the successful attempt saw, and
 * `unchanged` is the rest of it (a later attempt sees what an earlier one wrote as unchanged,
 * which must not count twice).
 * A configured seed is mixed with the job id so that jobs failing together do not retry in
 * step.
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
  const listed = await withRetry(
    () =>
      listIntoSink(job, runtime, {
        batchSize: options.batchSize,
        signal: options.signal,
        counts,
        onProgress: (n) => options.report({ kind: 'progress', listed: n }),
      }),
    options.retry,
    random,
    { signal: options.signal, onRetry: (notice) => options.report({ kind: 'retry', ...notice }) },
  );
  counts.unchanged = Math.max(0, listed - counts.created - counts.updated);
  return { listed, counts };
}
