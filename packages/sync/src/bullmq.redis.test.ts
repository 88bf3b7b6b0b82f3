import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { bullmqDriver } from './drivers/bullmq/driver';
import { closeRedis, openRedis } from './drivers/bullmq/redis';
import { startSyncWorker } from './drivers/bullmq/worker';
import { syncDriverContract } from './sync.contract';
import { memoryLogger } from './testing/memory-run-log';

const redisUrl = process.env.CCX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real Redis, real BullMQ: a worker in this process holds the same fake runtime. */
syncDriverContract('BullMQ', async (runtime) => {
  const queueName = `ccx-sync-test-${randomUUID()}`;
  const worker = await startSyncWorker({ redisUrl, queueName, runtime, concurrency: 16, logger: memoryLogger() });
  const driver = bullmqDriver({ redisUrl, queueName });
  return {
    driver,
    async close() {
      await worker.close();
      const connection = openRedis(redisUrl);
      const queue = new Queue(queueName, { connection });
      await queue.obliterate({ force: true });
      await queue.close();
      await closeRedis(connection);
    },
  };
});
