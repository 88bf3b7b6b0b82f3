import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { seedStorage } from '../storage-seed/seed-storage';
import type { SeedBucket, SeedObject } from '../storage-seed/types';
import { tempStateDir } from '../testing/temp-dir';
import { s3For } from './s3-test-client';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const scale = 0.05;
let sandbox: SandboxHandle;
let lakes: SeedBucket[];

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('s3-large'),
    estate: { instancesPerRegion: 0 },
    s3Scale: scale,
    gcsScale: 0,
  });
  const now = Date.now();
  lakes = seedStorage({
    seed: 42,
    now: now - (now % 86_400_000),
    awsAccounts: sandbox.accounts.map((a) => a.id),
    gcpProjects: [],
    azureAccounts: [],
    awsRegions: sandbox.regions,
    scale,
  }).buckets.filter((b) => b.provider === 'aws' && b.objects.some((o) => o.readRange));
});
afterAll(async () => {
  await sandbox.stop();
});

const clientFor = (bucket: SeedBucket): S3Client =>
  s3For(
    sandbox,
    sandbox.accounts.find((a) => a.id === bucket.account)!,
    bucket.region,
  );

/** Large objects a GET may read (not in an archive class), with their bucket. */
function readable(): {
  bucket: SeedBucket;
  object: SeedObject & Required<Pick<SeedObject, 'readRange'>>;
}[] {
  return lakes.flatMap((bucket) =>
    bucket.objects
      .filter((o) => o.readRange && !['GLACIER', 'DEEP_ARCHIVE'].includes(o.storageClass))
      .map((o) => ({
        bucket,
        object: o as SeedObject & { readRange: NonNullable<SeedObject['readRange']> },
      })),
  );
}

describe('large seeded S3 objects', () => {
  it('list and HEAD with their size and multipart ETag', async () => {
    const [lake] = lakes;
    expect(lake).toBeDefined();
    const listed = new Map<string, { size: number; etag: string }>();
    for await (const page of paginateListObjectsV2(
      { client: clientFor(lake!) },
      { Bucket: lake!.name },
    ))
      for (const c of page.Contents ?? []) listed.set(c.Key!, { size: c.Size!, etag: c.ETag! });
    const large = lake!.objects.filter((o) => o.readRange);
    expect(large.length).toBeGreaterThan(0);
    for (const object of large) {
      expect(listed.get(object.key)).toEqual({ size: object.size, etag: object.etag });
      expect(object.size).toBeGreaterThanOrEqual(256 * MIB);
    }
    const head = await clientFor(lake!).send(
      new HeadObjectCommand({ Bucket: lake!.name, Key: large[0]!.key }),
    );
    expect([head.ContentLength, head.ETag]).toEqual([large[0]!.size, large[0]!.etag]);
  });

  it('serve a Range near the end of a 1 GiB+ object', async () => {
    const found = readable().find(({ object }) => object.size >= GIB);
    expect(found).toBeDefined();
    const { bucket, object } = found!;
    const start = object.size - 3 * MIB - 12_345;
    const end = object.size - 2;
    const got = await clientFor(bucket).send(
      new GetObjectCommand({
        Bucket: bucket.name,
        Key: object.key,
        Range: `bytes=${start}-${end}`,
      }),
    );
    expect(got.ContentRange).toBe(`bytes ${start}-${end}/${object.size}`);
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.equals(object.readRange(start, end))).toBe(true);
  });

  it('stream a whole 256 MiB+ object with flat memory', async () => {
    const { bucket, object } = readable().sort((a, b) => a.object.size - b.object.size)[0]!;
    expect(object.size).toBeGreaterThanOrEqual(256 * MIB);
    const got = await clientFor(bucket).send(
      new GetObjectCommand({ Bucket: bucket.name, Key: object.key }),
    );
    expect(got.ContentLength).toBe(object.size);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let received = 0;
    // Compare a window every 32 MiB (and the last bytes) against the seed's own bytes.
    let nextCheck = 0;
    const mismatches: number[] = [];
    for await (const chunk of got.Body as Readable) {
      const buffer = chunk as Buffer;
      while (nextCheck < received + buffer.length) {
        const from = nextCheck - received;
        const length = Math.min(4096, buffer.length - from);
        const expected = object.readRange(nextCheck, nextCheck + length - 1);
        if (!buffer.subarray(from, from + length).equals(expected)) mismatches.push(nextCheck);
        nextCheck += 32 * MIB;
      }
      received += buffer.length;
      if (received % (16 * MIB) < buffer.length) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(received).toBe(object.size);
    expect(mismatches).toEqual([]);
    // Client and simulator share this process: holding the object would add its whole size.
    expect(peak - baseline).toBeLessThan(96 * MIB);
  });

  it('copy by reference: the copy reads the same bytes', async () => {
    const { bucket, object } = readable()[0]!;
    const s3 = clientFor(bucket);
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket.name,
        Key: `copies/${object.key}`,
        CopySource: `${bucket.name}/${encodeURIComponent(object.key)}`,
      }),
    );
    const got = await s3.send(
      new GetObjectCommand({
        Bucket: bucket.name,
        Key: `copies/${object.key}`,
        Range: 'bytes=-100',
      }),
    );
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.equals(object.readRange(object.size - 100, object.size - 1))).toBe(true);
  });
});
