import { Redis } from 'ioredis';

/**
 * One Redis connection per BullMQ object that blocks (QueueEvents, Worker) or that we must
 * close ourselves. `maxRetriesPerRequest: null` is what BullMQ requires for blocking commands;
 * without it ioredis gives up on a blocked read and the worker stops picking jobs.
 */
export function openRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Closes a connection we opened; `quit` lets pending replies arrive first. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  await redis.quit();
}
