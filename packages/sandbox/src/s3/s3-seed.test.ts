import {
  GetBucketEncryptionCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { seedStorage } from '../storage-seed/seed-storage';
import type { SeedBucket } from '../storage-seed/types';
import { tempStateDir } from '../testing/temp-dir';
import { s3For } from './s3-test-client';

let sandbox: SandboxHandle;
let expected: SeedBucket[];
const scale = 0.05;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('s3-seed'),
    estate: { instancesPerRegion: 0 },
    s3Scale: scale,
  });
  const now = Date.now();
  expected = seedStorage({
    seed: 42,
    now: now - (now % 86_400_000),
    awsAccounts: sandbox.accounts.map((a) => a.id),
    gcpProjects: [],
    azureAccounts: [],
    awsRegions: sandbox.regions,
    scale,
  }).buckets.filter((b) => b.provider === 'aws');
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

describe('S3 seeded from the storage estate', () => {
  it('serves every seeded AWS bucket with its objects, bodies and posture', async () => {
    expect(expected.length).toBeGreaterThan(0);
    for (const account of sandbox.accounts) {
      const listed = await s3For(sandbox, account).send(new ListBucketsCommand({}));
      expect((listed.Buckets ?? []).map((b) => [b.Name, b.BucketRegion])).toEqual(
        expected
          .filter((b) => b.account === account.id)
          .map((b) => [b.name, b.region])
          .sort(([a], [b]) => (a! < b! ? -1 : 1)),
      );
    }
    for (const bucket of expected) {
      const s3 = clientFor(bucket);
      const keys: string[] = [];
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket.name }))
        keys.push(...(page.Contents ?? []).map((c) => c.Key!));
      expect(keys.sort()).toEqual(bucket.objects.map((o) => o.key).sort());
      const block = await s3
        .send(new GetPublicAccessBlockCommand({ Bucket: bucket.name }))
        .catch((e: unknown) => e);
      if (bucket.blockPublicAccess)
        expect(block).toMatchObject({
          PublicAccessBlockConfiguration: { BlockPublicPolicy: true },
        });
      else expect(block).toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration' });
      const encryption = await s3
        .send(new GetBucketEncryptionCommand({ Bucket: bucket.name }))
        .catch((e: unknown) => e);
      if (!bucket.encrypted)
        expect(encryption).toMatchObject({
          name: 'ServerSideEncryptionConfigurationNotFoundError',
        });
    }
    const readable = expected
      .flatMap((b) => b.objects.map((o) => ({ bucket: b, object: o })))
      .find(({ object }) => !['GLACIER', 'DEEP_ARCHIVE'].includes(object.storageClass))!;
    const got = await clientFor(readable.bucket).send(
      new GetObjectCommand({ Bucket: readable.bucket.name, Key: readable.object.key }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(readable.object.body())).toBe(
      true,
    );
  });

  it('lets anyone read objects of a public seeded bucket', async () => {
    const open = expected.find((b) => b.public && !b.blockPublicAccess);
    expect(open).toBeDefined();
    const object = open!.objects.find(
      (o) => !['GLACIER', 'DEEP_ARCHIVE'].includes(o.storageClass),
    )!;
    const path = object.key.split('/').map(encodeURIComponent).join('/');
    const response = await fetch(`${sandbox.s3Url}/${open!.name}/${path}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(object.body())).toBe(true);
    const closed = expected.find((b) => !b.public)!;
    expect(
      (await fetch(`${sandbox.s3Url}/${closed.name}/${encodeURIComponent(closed.objects[0]!.key)}`))
        .status,
    ).toBe(403);
  });
});
