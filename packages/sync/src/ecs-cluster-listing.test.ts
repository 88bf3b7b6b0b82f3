import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderConnection } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { openStore, type Store } from '@ccx/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncService } from './service';
import { memoryLogger } from './testing/memory-run-log';

/**
 * A sync run hands its id to every listing, so the AWS provider pages through a scope's ECS
 * clusters once for the run's cluster, service and task jobs of that scope. Counted by the
 * sandbox, over the wire.
 */
describe('ECS clusters in a sync of the sandbox estate', () => {
  let sandbox: SandboxHandle;
  let connection: ProviderConnection;
  let store: Store;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: mkdtempSync(join(tmpdir(), 'ccx-sync-ecs-')),
      gcsScale: 0,
      s3Scale: 0,
    });
    const input = sandbox.cliConfig().connections[0];
    connection = await awsProvider.connect('sandbox-aws', awsProvider.configSchema.parse(input), {
      logger: memoryLogger(),
      extraCaPem: sandbox.caPem,
    });
    store = await openStore({ url: ':memory:' });
  });

  afterAll(async () => {
    await connection.close();
    await store.close();
    await sandbox.stop();
  });

  async function sync(): Promise<void> {
    const service = createSyncService({
      connections: [connection],
      sink: store.resources,
      runs: store.syncRuns,
      logger: memoryLogger(),
      retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200, seed: 7 },
      limits: { perApi: 2, perProvider: 6 },
    });
    try {
      expect((await service.run('test')).status).toBe('succeeded');
    } finally {
      await service.close();
    }
  }

  it('lists each scope’s clusters once per run, not once per ECS type', async () => {
    const scopes = await connection.scopes();
    expect(scopes.length).toBeGreaterThan(1);
    sandbox.resetStats();
    await sync();
    const { items } = await store.resources.query({
      type: ['ecs.cluster'],
      offset: 0,
      limit: 10_000,
    });
    expect(items).toHaveLength(sandbox.ecsClusterCount);
    // ListClusters returns up to 100 clusters a page, and one (empty) page for none.
    const pages = scopes.reduce((sum, scope) => {
      const clusters = items.filter(
        (c) => c.account === scope.account && c.region === scope.region,
      ).length;
      return sum + Math.max(1, Math.ceil(clusters / 100));
    }, 0);
    expect(sandbox.stats().byOperation['ecs:ListClusters']).toBe(pages);

    // The next run has its own id, and so reads the clusters again.
    sandbox.resetStats();
    await sync();
    expect(sandbox.stats().byOperation['ecs:ListClusters']).toBe(pages);
  });
});
