import { CcxError } from '@ccx/core';
import { Queue, QueueEvents } from 'bullmq';
import { z } from 'zod';
import type { SyncDriver } from '../../driver';
import {
  jobActivitySchema,
  jobResultSchema,
  type JobActivity,
  type JobResult,
} from '../../job-activity';
import { INVENTORY_JOB, queueNameSchema, redisUrlSchema, type JobPayload } from './payload';
import { closeRedis, openRedis } from './redis';

const optionsSchema = z
  .object({
    redisUrl: redisUrlSchema.optional(),
    /** Same as `redisUrl`; either may be given. */
    connection: redisUrlSchema.optional(),
    queueName: queueNameSchema,
    /** How long a job waits for Redis before it fails as `unavailable` (retryable). */
    readyTimeoutMs: z.number().int().positive().default(10_000),
  })
  .refine((o) => o.redisUrl !== undefined || o.connection !== undefined, 'redisUrl is required');
export type BullmqDriverOptions = z.input<typeof optionsSchema>;

interface Pending {
  report(activity: JobActivity): void;
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

/**
 * BullMQ serialises a return value as JSON; depending on the version the event carries the
 * text or the parsed value. A string that is not JSON is left as it is, so it fails the schema
 * and rejects the job: a throw here would escape the event handler after the job was taken
 * off `pending`, leaving the run waiting for it forever.
 */
const returnValueSchema = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}, jobResultSchema);

/**
 * Runs jobs on `ccx worker` processes through a BullMQ queue. The coordinator keeps the
 * concurrency limits (it enqueues a job only once it holds the job's slots), so limits hold
 * across any number of workers. Progress and retries come back as job progress and the result
 * as the job's return value, both read from QueueEvents, which delivers a job's events in
 * order; the driver subscribes before it enqueues, so nothing is missed. Retries happen inside
 * the worker (BullMQ attempts = 1), so the events match the in-process driver's.
 */
export function bullmqDriver(options: BullmqDriverOptions): SyncDriver {
  const parsed = optionsSchema.parse(options);
  const url = (parsed.redisUrl ?? parsed.connection)!;
  let lastRedisError: Error | null = null;
  const onRedisError = (error: Error): void => {
    lastRedisError = error;
  };
  const queueConnection = openRedis(url, onRedisError);
  const eventsConnection = openRedis(url, onRedisError);
  const queue = new Queue<JobPayload, JobResult>(parsed.queueName, { connection: queueConnection });
  const events = new QueueEvents(parsed.queueName, { connection: eventsConnection, autorun: true });
  const ready = Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const pending = new Map<string, Pending>();

  events.on('progress', ({ jobId, data }) => {
    const activity = jobActivitySchema.safeParse(data);
    if (activity.success) pending.get(jobId)?.report(activity.data);
  });
  events.on('completed', ({ jobId, returnvalue }) => {
    const entry = pending.get(jobId);
    if (!entry) return;
    pending.delete(jobId);
    const result = returnValueSchema.safeParse(returnvalue);
    if (result.success) entry.resolve(result.data);
    else
      entry.reject(
        new CcxError('internal', `Worker returned an invalid result for job ${jobId}`, {
          cause: result.error,
        }),
      );
  });
  events.on('failed', ({ jobId, failedReason }) => {
    const entry = pending.get(jobId);
    if (!entry) return;
    pending.delete(jobId);
    entry.reject(new Error(failedReason));
  });

  return {
    name: 'bullmq',
    async execute(execution) {
      await untilReady(ready, parsed.readyTimeoutMs, () => {
        const cause = lastRedisError ? ` (${lastRedisError.message})` : '';
        return `Redis at ${withoutCredentials(url)} did not answer within ${parsed.readyTimeoutMs} ms${cause}`;
      });
      execution.signal.throwIfAborted();
      const { job } = execution;
      const outcome = new Promise<JobResult>((resolve, reject) => {
        // The listener goes with the job: one run's signal is shared by all its jobs.
        const onAbort = (): void => {
          pending.delete(job.id);
          reject(execution.signal.reason as Error);
        };
        execution.signal.addEventListener('abort', onAbort, { once: true });
        const settle = (): void => execution.signal.removeEventListener('abort', onAbort);
        pending.set(job.id, {
          report: (activity) => execution.report(activity),
          resolve: (result) => {
            settle();
            resolve(result);
          },
          reject: (error) => {
            settle();
            reject(error);
          },
        });
      });
      const payload: JobPayload = { job, retry: execution.retry, batchSize: execution.batchSize };
      try {
        await queue.add(INVENTORY_JOB, payload, {
          jobId: job.id,
          attempts: 1,
          removeOnComplete: { age: 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        });
      } catch (error) {
        pending.delete(job.id);
        throw new CcxError('unavailable', 'Could not enqueue the sync job', {
          cause: error,
          retryable: true,
        });
      }
      return outcome;
    },
    async close() {
      for (const [jobId, entry] of pending) {
        pending.delete(jobId);
        entry.reject(new CcxError('unavailable', 'The sync driver closed before the job ended'));
      }
      if (queueConnection.status !== 'ready' || eventsConnection.status !== 'ready') {
        // BullMQ's close waits for its connections to be ready first; without Redis that is never.
        await Promise.all([closeRedis(eventsConnection), closeRedis(queueConnection)]);
        return;
      }
      await events.close();
      await queue.close();
      await Promise.all([closeRedis(eventsConnection), closeRedis(queueConnection)]);
    },
  };
}

/**
 * ioredis reconnects on its own, so readiness is awaited per job with a deadline rather than
 * once: while Redis is down each job fails fast as retryable `unavailable` (never hangs), and
 * once it is back the next run goes through without restarting the process.
 */
async function untilReady(
  ready: Promise<unknown>,
  timeoutMs: number,
  message: () => string,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CcxError('unavailable', message(), { retryable: true })),
      timeoutMs,
    );
  });
  try {
    await Promise.race([ready, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
