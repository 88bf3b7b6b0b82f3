import type { Bucket, ObjectStorage } from '@ccx/core';
import { azureCliConnection, startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureConfigSchema } from './config';
import { azureProvider } from './provider';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('the provider on the seeded sandbox', () => {
  let sandbox: SandboxHandle;
  let storage: ObjectStorage;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: mkdtempSync(join(tmpdir(), 'ccx-azure-sandbox-')),
      azure: true,
      azureScale: 0.2,
    });
    const { name, provider: _provider, ...config } = azureCliConnection(sandbox.azure);
    const connection = await azureProvider.connect(name, azureConfigSchema.parse(config), {
      logger: quiet,
    });
    storage = connection.storage!;
  });
  afterAll(() => sandbox?.stop());

  it('reads every seeded blob, in the containers and tiers the seed planned', async () => {
    const buckets: Bucket[] = [];
    for (const account of await storage.accounts())
      for await (const bucket of storage.listBuckets(account)) buckets.push(bucket);
    expect(buckets.map((bucket) => `${bucket.account}/${bucket.bucket}`).sort()).toEqual([
      'ccxsandboxdata/app-config',
      'ccxsandboxdata/archive',
      'ccxsandboxprod/invoices',
      'ccxsandboxprod/public-media',
    ]);
    expect(buckets.filter((bucket) => bucket.publicAccess?.public).map((b) => b.bucket)).toEqual([
      'public-media',
    ]);
    let blobs = 0;
    const tiers = new Set<string>();
    for (const bucket of buckets)
      for await (const page of storage.listObjects(bucket))
        for (const entry of page.entries) {
          blobs++;
          if (entry.kind === 'object' && entry.storageClass) tiers.add(entry.storageClass);
        }
    expect(blobs).toBe(sandbox.azure?.seededBlobs);
    expect([...tiers].every((tier) => storage.storageClasses.includes(tier))).toBe(true);
  });

  it('keeps a seeded hostile key verbatim', async () => {
    const ref = {
      connection: 'sandbox-azure',
      account: 'ccxsandboxprod',
      bucket: 'public-media',
      key: 'reports/<img src=x onerror=alert(1)>.txt',
    };
    const info = await storage.headObject(ref);
    expect(info.key).toBe(ref.key);
    expect(info.metadata).toHaveProperty('ccx_seed_modified');
  });
});
