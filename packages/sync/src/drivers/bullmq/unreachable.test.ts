import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createSyncService } from '../../service';
import { fakeConnection } from '../../testing/fake-inventory';
import { MemoryRunLog, memoryLogger } from '../../testing/memory-run-log';
import { MemorySink } from '../../testing/memory-sink';
import { bullmqDriver } from './driver';

/** A loopback port that refuses connections: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('bullmq driver without Redis', () => {
  it('fails each job as unavailable within the deadline instead of hanging, and deletes nothing', async () => {
    const port = await closedPort();
    const driver = bullmqDriver({
      redisUrl: `redis://user:s3cret@127.0.0.1:${port}`,
      queueName: 'ccx-unreachable',
      readyTimeoutMs: 300,
    });
    const sink = new MemorySink();
    const logger = memoryLogger();
    const service = createSyncService({
      connections: [
        fakeConnection({
          name: 'prod',
          scopes: [{ account: '111111111111', region: 'us-east-1', count: 10 }],
        }),
      ],
      sink,
      runs: new MemoryRunLog(),
      driver,
      logger,
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, seed: 1 },
    });
    try {
      const started = Date.now();
      const summary = await service.run('test');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(summary.status).toBe('failed');
      expect(summary.errors[0]?.message).toMatch(
        /Redis at redis:\/\/127\.0\.0\.1:\d+\/? did not answer within 300 ms/,
      );
      expect(JSON.stringify(summary.errors)).not.toContain('s3cret');
      expect(sink.calls).toHaveLength(0);
    } finally {
      await service.close();
    }
  });
});
