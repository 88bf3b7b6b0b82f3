import type { Logger } from '@ccx/core';
import { Worker, type Job } from 'bullmq';
import { z } from 'zod';
import type { JobActivity, JobResult } from '../../job-activity';
import { runJob } from '../../run-job';
import type { JobRuntime } from '../../types';
import {
  INVENTORY_JOB,
  jobPayloadSchema,
  queueNameSchema,
  redisUrlSchema,
  type JobPayload,
} from './payload';
import { closeRedis, openRedis } from './redis';

const optionsSchema = z.object({
  redisUrl: redisUrlSchema,
  queueName: queueNameSchema,
  concurrency: z.number().int().positive().default(4),
});

export interface SyncWorkerOptions extends z.input<typeof optionsSchema> {
  /** This worker's own connections and sink; jobs name a connection, which must exist here. */
  runtime: JobRuntime;
  logger: Logger;
}

export interface SyncWorker {
  /** Stops taking jobs, lets running ones finish, then closes its Redis connections. */
  close(): Promise<void>;
}

/**
 * A `ccx worker`: takes inventory jobs from the queue and runs them with the same `runJob` as
 * the in-process driver. Progress updates are chained so they reach Redis in the order they
 * happened, and the job only returns once all of them are written, so the coordinator sees
 * every progress event before the completion.
 */
export async function startSyncWorker(options: SyncWorkerOptions): Promise<SyncWorker> {
  const { redisUrl, queueName, concurrency } = optionsSchema.parse(options);
  const { runtime, logger } = options;
  // ioredis retries the connection on its own; log each distinct error once, not every attempt.
  let lastRedisError = '';
  const connection = openRedis(redisUrl, (error) => {
    if (error.message === lastRedisError) return;
    lastRedisError = error.message;
    logger.warn({ err: error, queueName }, 'sync worker cannot reach Redis; retrying');
  });
  connection.on('ready', () => {
    lastRedisError = '';
  });

  const process = async (job: Job<JobPayload, JobResult>): Promise<JobResult> => {
    if (job.name !== INVENTORY_JOB) throw new Error(`Unknown sync job kind ${job.name}`);
    const payload = jobPayloadSchema.parse(job.data);
    let updates: Promise<void> = Promise.resolve();
    const report = (activity: JobActivity): void => {
      updates = updates.then(() => job.updateProgress(activity));
    };
    let result: JobResult;
    try {
      result = await runJob(payload.job, runtime, {
        retry: payload.retry,
        batchSize: payload.batchSize,
        report,
      });
    } catch (error) {
      await updates.catch((progressError: unknown) =>
        logger.warn({ err: progressError, jobId: job.id }, 'could not publish sync job progress'),
      );
      throw error;
    }
    await updates;
    return result;
  };

  const worker = new Worker<JobPayload, JobResult>(queueName, process, {
    connection,
    concurrency,
    autorun: true,
  });
  worker.on('error', (error) => logger.error({ err: error, queueName }, 'sync worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ err: error, jobId: job?.id }, 'sync job failed'),
  );
  await worker.waitUntilReady();
  logger.info({ queueName, concurrency }, 'sync worker started');

  return {
    async close() {
      await worker.close();
      await closeRedis(connection);
    },
  };
}
