import { Redis } from 'ioredis';

/**
 * One Redis connection per BullMQ object that blocks (QueueEvents, Worker) or that we must
 * close ourselves. `maxRetriesPerRequest: null` is what BullMQ requires for blocking commands;
 * without it ioredis gives up on a blocked read and the worker stops picking jobs.
 */
export function openRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  // ioredis reconnects by itself; its errors are reported to the owner instead of being
  // printed as unhandled on every reconnect attempt.
  redis.on('error', onError);
  return redis;
}

/** Closes a connection we opened; `quit` lets pending replies arrive first. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    // Never connected (or reconnecting): there is nothing to flush, and QUIT would wait for a
    // connection that may never come.
    redis.disconnect();
    return;
  }
  await redis.quit();
}
