import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { bullmqDriver } from './drivers/bullmq/driver';
import { closeRedis, openRedis } from './drivers/bullmq/redis';
import { startSyncWorker } from './drivers/bullmq/worker';
import { syncDriverContract } from './sync.contract';
import { memoryLogger } from './testing/memory-run-log';
import { MemorySink } from './testing/memory-sink';

/** Redis is running for this suite: a connection error is a test failure (vitest reports the throw). */
const failOnRedisError = (error: Error): never => {
  throw error;
};

const redisUrl = process.env.CCX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real Redis, real BullMQ: a worker in this process holds the same fake runtime. */
syncDriverContract('BullMQ', async (runtime) => {
  const queueName = `ccx-sync-test-${randomUUID()}`;
  const worker = await startSyncWorker({
    redisUrl,
    queueName,
    runtime,
    concurrency: 16,
    logger: memoryLogger(),
  });
  const driver = bullmqDriver({ redisUrl, queueName });
  return {
    driver,
    async close() {
      await worker.close();
      const connection = openRedis(redisUrl, failOnRedisError);
      const queue = new Queue(queueName, { connection });
      await queue.obliterate({ force: true });
      await queue.close();
      await closeRedis(connection);
    },
  };
});

describe('BullMQ worker edges', () => {
  it('rejects an invalid payload and a job for a connection it does not have', async () => {
    const queueName = `ccx-sync-test-${randomUUID()}`;
    const sink = new MemorySink();
    const worker = await startSyncWorker({
      redisUrl,
      queueName,
      runtime: { connections: new Map(), sink },
      logger: memoryLogger(),
    });
    const driver = bullmqDriver({ redisUrl, queueName });
    const connection = openRedis(redisUrl, failOnRedisError);
    const queue = new Queue(queueName, { connection });
    const eventsConnection = openRedis(redisUrl, failOnRedisError);
    const events = new QueueEvents(queueName, { connection: eventsConnection });
    try {
      await events.waitUntilReady();
      const bad = await queue.add('inventory', { job: { id: 'x' }, retry: {}, batchSize: 0 });
      await expect(bad.waitUntilFinished(events)).rejects.toThrow(/invalid|expected/i);

      const job = {
        id: `${randomUUID()}.1`,
        runId: randomUUID(),
        connection: 'elsewhere',
        provider: 'aws' as const,
        account: '111111111111',
        region: 'us-east-1',
        capability: 'inventory' as const,
        type: 'ec2.instance',
      };
      const execution = {
        job,
        retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
        batchSize: 10,
        signal: new AbortController().signal,
        report: () => {},
      };
      await expect(driver.execute(execution, { connections: new Map(), sink })).rejects.toThrow(
        /not configured here/,
      );
      expect(sink.calls).toEqual([]);
    } finally {
      await events.close();
      await driver.close();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await closeRedis(connection);
      await closeRedis(eventsConnection);
    }
  });
});

describe('BullMQ driver edges', () => {
  it('rejects a job whose worker returned something that is not a job result, instead of hanging', async () => {
    const queueName = `ccx-sync-test-${randomUUID()}`;
    const workerConnection = openRedis(redisUrl, failOnRedisError);
    // A worker of another version: it answers with a plain string.
    const worker = new Worker(queueName, () => Promise.resolve('done'), {
      connection: workerConnection,
    });
    const driver = bullmqDriver({ redisUrl, queueName });
    try {
      await worker.waitUntilReady();
      const execution = {
        job: {
          id: `${randomUUID()}.1`,
          runId: randomUUID(),
          connection: 'prod',
          provider: 'aws' as const,
          account: '111111111111',
          region: 'us-east-1',
          capability: 'inventory' as const,
          type: 'ec2.instance',
        },
        retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
        batchSize: 10,
        signal: new AbortController().signal,
        report: () => {},
      };
      await expect(
        driver.execute(execution, { connections: new Map(), sink: new MemorySink() }),
      ).rejects.toThrow(/invalid result/);
    } finally {
      await driver.close();
      await worker.close();
      const connection = openRedis(redisUrl, failOnRedisError);
      const queue = new Queue(queueName, { connection });
      await queue.obliterate({ force: true });
      await queue.close();
      await closeRedis(connection);
      await closeRedis(workerConnection);
    }
  });
});
