import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { tempStateDir } from '../testing/temp-dir';
import { s3For } from './s3-test-client';

let sandbox: SandboxHandle;
let s3: S3Client;
const Bucket = 'versioned';

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('s3-versioning'),
    estate: { instancesPerRegion: 0 },
    s3Scale: 0,
  });
  s3 = s3For(sandbox, sandbox.accounts[0]!);
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(async () => {
  await sandbox.stop();
});

const read = async (Key: string, VersionId?: string) =>
  (await s3.send(new GetObjectCommand({ Bucket, Key, VersionId }))).Body!.transformToString();

describe('S3 versioning', () => {
  it('keeps every version once enabled, hides a deleted key behind a marker, and lists them all', async () => {
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'doc.txt', Body: 'before versioning' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'doc.txt', Body: 'one' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'doc.txt', Body: 'two' }));
    expect(v1.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(v2.VersionId).not.toBe(v1.VersionId);
    expect(await read('doc.txt')).toBe('two');
    expect(await read('doc.txt', v1.VersionId)).toBe('one');
    expect(await read('doc.txt', 'null')).toBe('before versioning');

    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doc.txt' }));
    expect(deleted).toMatchObject({ DeleteMarker: true, VersionId: expect.any(String) as string });
    await expect(s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    await expect(
      s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt', VersionId: deleted.VersionId })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 405 } });
    await expect(
      s3.send(
        new GetObjectCommand({
          Bucket,
          Key: 'doc.txt',
          VersionId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchVersion' });
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(0);

    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.DeleteMarkers).toEqual([
      expect.objectContaining({ Key: 'doc.txt', VersionId: deleted.VersionId, IsLatest: true }),
    ]);
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      [v2.VersionId, false],
      [v1.VersionId, false],
      ['null', false],
    ]);

    // Removing the marker by its version id brings the key back.
    await s3.send(
      new DeleteObjectCommand({ Bucket, Key: 'doc.txt', VersionId: deleted.VersionId }),
    );
    expect(await read('doc.txt')).toBe('two');
    // Copying names a source version; the copy is a new current version that says which.
    const copy = await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'doc-v1.txt',
        CopySource: `${Bucket}/doc.txt?versionId=${v1.VersionId}`,
        StorageClass: 'ONEZONE_IA',
      }),
    );
    expect(copy.CopySourceVersionId).toBe(v1.VersionId);
    expect(await read('doc-v1.txt')).toBe('one');
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc-v1.txt' }))).StorageClass).toBe(
      'ONEZONE_IA',
    );
    // Removing a version by id is permanent.
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doc.txt', VersionId: v2.VersionId }));
    expect(await read('doc.txt')).toBe('one');
  });

  it('pages ListObjectVersions by key and version markers', async () => {
    for (let i = 0; i < 3; i++)
      await s3.send(new PutObjectCommand({ Bucket, Key: 'paged/a', Body: `a${i}` }));
    for (let i = 0; i < 2; i++)
      await s3.send(new PutObjectCommand({ Bucket, Key: 'paged/b', Body: `b${i}` }));
    const seen: string[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (;;) {
      const page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket,
          Prefix: 'paged/',
          MaxKeys: 2,
          KeyMarker,
          VersionIdMarker,
        }),
      );
      seen.push(...(page.Versions ?? []).map((v) => `${v.Key}@${v.IsLatest ? 'latest' : 'old'}`));
      if (!page.IsTruncated) break;
      KeyMarker = page.NextKeyMarker;
      VersionIdMarker = page.NextVersionIdMarker;
    }
    expect(seen).toEqual([
      'paged/a@latest',
      'paged/a@old',
      'paged/a@old',
      'paged/b@latest',
      'paged/b@old',
    ]);
  });

  it('suspended versioning overwrites the null version and marks deletes with it', async () => {
    await s3.send(
      new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }),
    );
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'paged/a', Body: 'suspended' }));
    expect(put.VersionId).toBe('null');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'paged/a', Body: 'suspended again' }));
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'paged/a' }));
    expect(versions.Versions?.filter((v) => v.VersionId === 'null')).toHaveLength(1);
    expect(versions.Versions).toHaveLength(4);
    const marker = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'paged/a' }));
    expect(marker).toMatchObject({ DeleteMarker: true, VersionId: 'null' });
  });
});
