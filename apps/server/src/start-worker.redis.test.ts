import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { configSchema, type CcxConfig } from './config/schema';
import { createLogger } from './logger';
import { openRuntime } from './runtime';
import { startWorker } from './start-worker';

/**
 * The distributed set-up for real: a coordinator with the BullMQ driver, a `ccx worker` on the
 * same Redis and store, and the sandbox as the estate. Nothing is mocked.
 */
const redisUrl = process.env.CCX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let sandbox: SandboxHandle;
let config: CcxConfig;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-worker-'));
  sandbox = await startSandbox({ stateDir: join(dir, 'sandbox') });
  const parsed = configSchema.parse({
    ...sandbox.cliConfig(),
    dataDir: dir,
    logging: { level: 'silent' },
    sync: { driver: 'bullmq', redisUrl, queueName: `ccx-test-${process.pid}-${Date.now()}` },
  });
  config = { ...parsed, store: { url: join(dir, 'ccx.db') } };
});

afterAll(async () => {
  await sandbox.stop();
});

describe('startWorker', () => {
  it('runs the jobs a bullmq coordinator queues, writing into the shared store', async () => {
    const logger = createLogger('silent');
    const worker = await startWorker(config, { logger });
    const coordinator = await openRuntime(config, logger);
    try {
      const summary = await coordinator.sync.run('test');
      expect(summary.status).toBe('succeeded');
      // EC2 instances, volumes and addresses, ECS clusters, services and tasks (running and
      // stopped), the storage seed's ten S3 and five GCS buckets; Azure compute VMs and their
      // disks (Azurite is off).
      const aws =
        sandbox.instanceCount +
        sandbox.volumeCount +
        sandbox.addressCount +
        sandbox.ecsClusterCount +
        sandbox.ecsServiceCount +
        sandbox.ecsTaskCount +
        10;
      const counts = await coordinator.store.resources.counts();
      expect(counts.byProvider).toEqual({ aws, gcp: 5, azure: expect.any(Number) as number });
      expect(counts.byProvider.azure).toBeGreaterThan(sandbox.azureCompute.vmCount);
      expect(summary.resources.listed).toBe(counts.total);
      // Metrics were fetched by the workers and written to the shared store.
      expect(summary.metrics.series).toBeGreaterThan(0);
      expect(summary.metrics.failed).toBe(0);
    } finally {
      await coordinator.close();
      await worker.close();
    }
  });

  it('refuses to start without the bullmq driver', async () => {
    await expect(
      startWorker({ ...config, sync: { ...config.sync, driver: 'inprocess' } }),
    ).rejects.toThrow('ccx worker needs sync.driver: bullmq');
  });
});
