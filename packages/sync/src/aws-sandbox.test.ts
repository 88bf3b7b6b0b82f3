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
import type { SyncEvent, SyncSummary } from './types';

/**
 * End to end without mocks: the real AWS provider (official SDK) against the sandbox, the real
 * store (SQLite in memory), the in-process driver. Under throttling and server errors the
 * request- and job-level retries must still produce exactly the inventory of a clean run.
 */
describe('sync of the sandbox estate through the AWS provider', () => {
  let sandbox: SandboxHandle;
  let connection: ProviderConnection;
  /**
   * The same accounts with six attempts per request rather than the SDK's three, for the
   * fault test: under its 30 % throttling and 5 % errors a request then fails for good once in
   * about 700 (0.335^6) instead of once in 27. A job of some 40 requests still needs a
   * job-level retry now and then, as the test means it to, but six failed attempts of one job,
   * which would make the run partial, are out of reach (about 1e-8 a job).
   */
  let patient: ProviderConnection;
  const stores: Store[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ stateDir: mkdtempSync(join(tmpdir(), 'ccx-sync-test-')) });
    const input = sandbox.cliConfig().connections[0];
    const connect = (config: unknown): Promise<ProviderConnection> =>
      awsProvider.connect('sandbox-aws', awsProvider.configSchema.parse(config), {
        logger: memoryLogger(),
        extraCaPem: sandbox.caPem,
      });
    connection = await connect(input);
    patient = await connect({ ...input, maxAttempts: 6 });
  });

  afterAll(async () => {
    await connection.close();
    await patient.close();
    for (const store of stores) await store.close();
    await sandbox.stop();
  });

  /** The storage seed gives the sandbox's three AWS accounts ten buckets between them. */
  const SEEDED_S3_BUCKETS = 10;

  async function syncInto(
    store: Store,
    through: ProviderConnection = connection,
  ): Promise<{ summary: SyncSummary; events: SyncEvent[] }> {
    const service = createSyncService({
      connections: [through],
      sink: store.resources,
      runs: store.syncRuns,
      logger: memoryLogger(),
      retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200, seed: 11 },
      limits: { perApi: 2, perProvider: 6 },
    });
    const events: SyncEvent[] = [];
    service.subscribe((event) => events.push(event));
    try {
      return { summary: await service.run('test'), events };
    } finally {
      await service.close();
    }
  }

  async function inventory(store: Store): Promise<unknown[]> {
    const { items, total } = await store.resources.query({ offset: 0, limit: 10_000 });
    expect(items).toHaveLength(total);
    return items
      .map(({ uid, state, name, tags, attributes, createdAt }) => ({
        uid,
        state,
        name,
        tags,
        attributes,
        createdAt,
      }))
      .sort((a, b) => a.uid.localeCompare(b.uid));
  }

  async function freshStore(): Promise<Store> {
    const store = await openStore({ url: ':memory:' });
    stores.push(store);
    return store;
  }

  it('ends with the same inventory under throttling and server errors as without faults', async () => {
    const clean = await freshStore();
    const first = await syncInto(clean);
    expect(first.summary.status).toBe('succeeded');
    // Every instance, volume, Elastic IP, seeded S3 bucket and ECS cluster, service and task
    // (running and stopped) of the sandbox's AWS accounts (and whatever else the provider
    // lists, counted in the total).
    const types = (await clean.resources.facets({})).type ?? [];
    const counts = Object.fromEntries(types.map((facet) => [facet.value, facet.count]));
    expect(counts).toMatchObject({
      'ec2.instance': sandbox.instanceCount,
      'ec2.volume': sandbox.volumeCount,
      'ec2.address': sandbox.addressCount,
      's3.bucket': SEEDED_S3_BUCKETS,
      'ecs.cluster': sandbox.ecsClusterCount,
      'ecs.service': sandbox.ecsServiceCount,
      'ecs.task': sandbox.ecsTaskCount,
    });
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    expect(first.summary.resources.listed).toBe(total);
    const expected = await inventory(clean);
    expect(expected).toHaveLength(total);
    // The configured aliases reach the store, one row per account of the connection.
    const accounts = await clean.accounts.list();
    expect(accounts.map((a) => a.alias).sort()).toEqual(
      sandbox
        .cliConfig()
        .connections[0].accounts.map((a) => a.alias)
        .sort(),
    );
    const listedAccounts = new Set(
      ((await clean.resources.facets({})).account ?? []).map((facet) => facet.value),
    );
    expect(new Set(accounts.map((a) => a.account))).toEqual(listedAccounts);

    sandbox.setFaults('throttle=0.3,error=0.05');
    sandbox.resetStats();
    try {
      const faulty = await freshStore();
      const second = await syncInto(faulty, patient);
      expect(second.summary.status).toBe('succeeded');
      expect(await inventory(faulty)).toEqual(expected);
      const stats = sandbox.stats();
      expect(stats.throttled + stats.faulted).toBeGreaterThan(0);

      const again = await syncInto(clean, patient);
      expect(again.summary.status).toBe('succeeded');
      expect(again.summary.resources).toMatchObject({
        created: 0,
        deleted: 0,
        listed: total,
      });
      expect(await inventory(clean)).toEqual(expected);
    } finally {
      sandbox.setFaults('');
    }
    // Three full syncs of every type in twelve scopes, two of them under faults.
  }, 90_000);
  it('deletes nothing where a listing fails', async () => {
    const store = await freshStore();
    expect((await syncInto(store)).summary.status).toBe('succeeded');
    const before = await inventory(store);

    // Every EC2, ECS and S3 call now fails with a server error after all retries: no listing
    // completes.
    sandbox.setFaults('ec2.error=1,ecs.error=1,s3.error=1');
    try {
      const failed = await syncInto(store);
      expect(failed.summary.status).toBe('failed');
      expect(failed.summary.resources.deleted).toBe(0);
      expect(failed.events.some((event) => event.type === 'job.failed')).toBe(true);
      expect(await inventory(store)).toEqual(before);
      expect((await store.resources.counts()).total).toBe(before.length);
    } finally {
      sandbox.setFaults('');
    }
  });
});
