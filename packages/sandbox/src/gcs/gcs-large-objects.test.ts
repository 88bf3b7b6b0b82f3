import type { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from '../faults/fault-injector';
import { StatsCounter } from '../stats';
import { seedStorage } from '../storage-seed/seed-storage';
import type { SeedBucket, SeedObject } from '../storage-seed/types';
import { startGcsServer, type GcsServer } from './gcs-server';
import { storageClient } from './testing';

const MIB = 1024 * 1024;
const projects = ['ccx-sandbox-prod', 'ccx-sandbox-data'];
let server: GcsServer;
let lake: SeedBucket;
let client: Storage;

beforeAll(async () => {
  const seeded = seedStorage({
    seed: 42,
    now: Date.UTC(2025, 10, 1),
    awsAccounts: [],
    gcpProjects: projects,
    azureAccounts: [],
    scale: 0.05,
  }).buckets;
  lake = seeded.find((b) => b.objects.some((o) => o.readRange))!;
  server = await startGcsServer({
    host: '127.0.0.1',
    port: 0,
    projects,
    buckets: seeded,
    faults: new FaultInjector(1),
    stats: new StatsCounter(Date.now()),
    now: () => Date.now(),
    onError: (error) => {
      throw error;
    },
  });
  client = storageClient(
    server.url,
    server.projects.find((p) => p.id === lake.account)!,
  );
});
afterAll(async () => {
  await server.stop();
});

const largeObjects = (): (SeedObject & { readRange: NonNullable<SeedObject['readRange']> })[] =>
  lake.objects.filter(
    (o): o is SeedObject & { readRange: NonNullable<SeedObject['readRange']> } =>
      o.readRange !== undefined,
  );

describe('large seeded GCS objects', () => {
  it('list and describe themselves as composites: size, CRC-32C, no MD5', async () => {
    const [files] = await client.bucket(lake.name).getFiles();
    const large = largeObjects();
    expect(large.length).toBeGreaterThan(0);
    for (const object of large) {
      const listed = files.find((f) => f.name === object.key)!.metadata;
      expect(listed.size).toBe(String(object.size));
      expect(listed.crc32c).toBe(object.crc32c?.());
      expect(listed.md5Hash).toBeUndefined();
      expect(listed.componentCount).toBe(32);
      expect(object.size).toBeGreaterThanOrEqual(256 * MIB);
    }
  });

  it('download a range near the end, and so does a rewritten copy', async () => {
    const object = largeObjects().sort((a, b) => b.size - a.size)[0]!;
    const start = object.size - 2 * MIB - 77;
    const end = object.size - 1;
    const bucket = client.bucket(lake.name);
    const [bytes] = await bucket.file(object.key).download({ start, end });
    expect(bytes.equals(object.readRange(start, end))).toBe(true);
    const [copy] = await bucket.file(object.key).copy(bucket.file(`copies/${object.key}`));
    const [described] = await copy.getMetadata();
    expect([described.size, described.crc32c]).toEqual([String(object.size), object.crc32c?.()]);
    const [tail] = await copy.download({ start: object.size - 10, end: object.size - 1 });
    expect(tail.equals(object.readRange(object.size - 10, object.size - 1))).toBe(true);
  });
});
