import { z } from 'zod';
import type { ListingCounts } from './types';

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

/** The outcome of a job that succeeded; also the BullMQ job's return value. */
export const jobResultSchema = z.object({ listed: z.number().int().min(0), counts: countsSchema });
export interface JobResult {
  listed: number;
  counts: ListingCounts;
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
