import { z } from 'zod';
import type { ListingCounts, MetricCounts } from './types';

/**
 * What a running job reports back to the coordinator, wherever it runs. Plain data so that a
 * BullMQ worker can send it as job progress; the coordinator turns it into SyncEvents.
 */
export const jobActivitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), listed: z.number().int().min(0) }),
  z.object({
    kind: z.literal('retry'),
    attempt: z.number().int().min(1),
    delayMs: z.number().min(0),
    error: z.string(),
  }),
]);
export type JobActivity = z.infer<typeof jobActivitySchema>;

const countsSchema = z.object({
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  deleted: z.number().int().min(0),
});

const metricCountsSchema = z.object({
  series: z.number().int().min(0),
  points: z.number().int().min(0),
  failed: z.number().int().min(0),
});

/**
 * The outcome of a job whose listing succeeded; also the BullMQ job's return value. A worker
 * of an earlier version returns no metrics: they read as none.
 */
export const jobResultSchema = z.object({
  listed: z.number().int().min(0),
  counts: countsSchema,
  metrics: metricCountsSchema.default({ series: 0, points: 0, failed: 0 }),
  metricsError: z.string().optional(),
});
export interface JobResult {
  listed: number;
  counts: ListingCounts;
  metrics: MetricCounts;
  /**
   * Why metrics failed (after retries), when they did. The listing result stands: the run
   * reports it as an error of the type's metrics, never as a failed job.
   */
  metricsError?: string;
}

export const emptyMetricCounts = (): MetricCounts => ({ series: 0, points: 0, failed: 0 });

export function addMetricCounts(into: MetricCounts, more: MetricCounts): void {
  into.series += more.series;
  into.points += more.points;
  into.failed += more.failed;
}

export const emptyCounts = (): ListingCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
});

export function addCounts(into: ListingCounts, more: ListingCounts): void {
  into.created += more.created;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.deleted += more.deleted;
}
