import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isCcxError, type Bucket, type ProviderConnection, type Resource } from '@ccx/core';
import { seedStorage, startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { gcpProvider } from './provider';
import { connectSandbox } from './testing';

let sandbox: SandboxHandle;
let connection: ProviderConnection;

beforeAll(async () => {
  sandbox = await startSandbox({ estate: { accounts: 1, instancesPerRegion: 0 }, gcsScale: 0.05 });
  connection = await connectSandbox(sandbox, 'gcp-main', 0);
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => sandbox.setFaults(''));

async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return isCcxError(error)
      ? `${error.code}${error.retryable ? ' (retryable)' : ''}`
      : String(error);
  }
  return 'no error';
}

describe('GCP provider on the sandbox', () => {
  it("lets go of the caller's abort signal when a download ends", async () => {
    const [scope] = await connection.scopes();
    const storage = connection.storage!;
    let bucket = '';
    for await (const found of storage.listBuckets(scope!.account)) bucket ||= found.bucket;
    const ref = { connection: 'gcp-main', account: scope!.account, bucket };
    const keys: string[] = [];
    for await (const page of storage.listObjects(ref, { pageSize: 5 })) {
      for (const entry of page.entries) if (entry.kind === 'object') keys.push(entry.key);
      break;
    }
    expect(keys.length).toBeGreaterThan(1);
    // One signal shared by many downloads, as a bucket scan shares one.
    const signal = new AbortController().signal;
    for (const key of keys) {
      const { body } = await storage.getObject(
        { ...ref, key },
        { range: { start: 0, end: 9 }, signal },
      );
      for await (const _chunk of body);
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('has one global scope per project and validates its config', async () => {
    expect((await connection.scopes()).map((s) => [s.account, s.region])).toEqual(
      sandbox.gcp.projects.map((p) => [p.id, 'global']),
    );
    expect(gcpProvider.configSchema.safeParse({ projects: [] }).success).toBe(false);
    expect(gcpProvider.configSchema.safeParse({ projects: ['Not_A_Project'] }).success).toBe(false);
  });

  it('lists seeded buckets as gcs.bucket resources whose posture matches the seed', async () => {
    const [scope] = await connection.scopes();
    const resources: Resource[] = [];
    for await (const resource of connection.inventory!.list(scope!, 'gcs.bucket'))
      resources.push(resource);
    const truth = seedStorage({
      seed: 42,
      now: Date.now(),
      awsAccounts: [],
      gcpProjects: sandbox.gcp.projects.map((p) => p.id),
      azureAccounts: [],
      scale: 0.05,
    }).buckets.filter((b) => b.account === scope!.account);
    expect(resources.map((r) => r.id).sort()).toEqual(truth.map((b) => b.name).sort());
    for (const seed of truth) {
      const bucket = resources.find((r) => r.id === seed.name)!.attributes as unknown as Bucket;
      expect(bucket.publicAccess).toMatchObject({
        public: seed.public && !seed.blockPublicAccess,
        blockPublicAccess: seed.blockPublicAccess,
      });
      expect(bucket.versioning).toBe(seed.versioning ? 'enabled' : 'disabled');
      expect(bucket.encryption?.keyId !== null).toBe(seed.encrypted);
      expect(bucket.logging?.enabled).toBe(seed.logging);
      expect(bucket.tags).toEqual(seed.tags);
      expect(bucket.region).toBe(seed.region.toLowerCase());
    }
  });

  it('maps refusals: another project is forbidden, a bad key is invalid input, faults are retryable', async () => {
    const [prod, data] = sandbox.gcp.projects;
    const onlyData = await gcpProvider.connect(
      'gcp-data-only',
      gcpProvider.configSchema.parse({
        projects: [prod!.id],
        credentials: { ...data!.credentials },
        apiEndpoint: sandbox.gcp.url,
        maxRetries: 0,
      }),
      { logger: { debug() {}, info() {}, warn() {}, error() {} } },
    );
    const storage = onlyData.storage!;
    const all = async () => {
      for await (const bucket of storage.listBuckets(prod!.id)) void bucket;
    };
    expect(await codeOf(all)).toBe('forbidden');
    const ref = { connection: 'gcp-main', account: prod!.id, bucket: 'any-bucket' };
    expect(await codeOf(() => connection.storage!.headObject({ ...ref, key: 'a\r\nb' }))).toBe(
      'invalid_input',
    );
    expect(
      await codeOf(() => connection.storage!.headObject({ ...ref, key: 'k', versionId: 'x' })),
    ).toBe('invalid_input');
    sandbox.setFaults('gcs.throttle=1');
    expect(await codeOf(() => connection.storage!.getBucket(ref))).toBe('rate_limited (retryable)');
    sandbox.setFaults('gcs.error=1');
    expect(await codeOf(() => connection.storage!.getBucket(ref))).toBe('unavailable (retryable)');
  });
});
