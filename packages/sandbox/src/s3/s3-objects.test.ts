import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { tempStateDir } from '../testing/temp-dir';
import { s3For } from './s3-test-client';

let sandbox: SandboxHandle;
let s3: S3Client;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('s3-objects'),
    estate: { instancesPerRegion: 0 },
    s3Scale: 0,
  });
  s3 = s3For(sandbox, sandbox.accounts[0]!);
  await s3.send(new CreateBucketCommand({ Bucket: 'objects-test' }));
});
afterAll(async () => {
  await sandbox.stop();
});

const text = async (s3Client: S3Client, Bucket: string, Key: string, extra = {}) => {
  const out = await s3Client.send(new GetObjectCommand({ Bucket, Key, ...extra }));
  return { out, body: await out.Body!.transformToString() };
};

describe('S3 buckets', () => {
  it('creates buckets in a region, lists them with pagination and reports their region', async () => {
    const eu = s3For(sandbox, sandbox.accounts[0]!, 'eu-west-1');
    await eu.send(
      new CreateBucketCommand({
        Bucket: 'objects-eu',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'objects-eu' }))).rejects.toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
    });
    await expect(
      s3For(sandbox, sandbox.accounts[1]!).send(new CreateBucketCommand({ Bucket: 'objects-eu' })),
    ).rejects.toMatchObject({ name: 'BucketAlreadyExists' });
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))).rejects.toMatchObject({
      name: 'InvalidBucketName',
    });
    const first = await s3.send(new ListBucketsCommand({ MaxBuckets: 1 }));
    expect(first.Buckets).toEqual([
      expect.objectContaining({ Name: 'objects-eu', BucketRegion: 'eu-west-1' }),
    ]);
    expect(first.ContinuationToken).toBeTruthy();
    const second = await s3.send(
      new ListBucketsCommand({ MaxBuckets: 1, ContinuationToken: first.ContinuationToken }),
    );
    expect(second.Buckets?.map((b) => b.Name)).toEqual(['objects-test']);
    expect(second.ContinuationToken).toBeUndefined();
    const other = await s3For(sandbox, sandbox.accounts[1]!).send(new ListBucketsCommand({}));
    expect(other.Buckets ?? []).toEqual([]);
    expect(await eu.send(new HeadBucketCommand({ Bucket: 'objects-eu' }))).toMatchObject({
      BucketRegion: 'eu-west-1',
    });
    expect(await s3.send(new GetBucketLocationCommand({ Bucket: 'objects-eu' }))).toMatchObject({
      LocationConstraint: 'eu-west-1',
    });
    await eu.send(new PutObjectCommand({ Bucket: 'objects-eu', Key: 'x', Body: 'x' }));
    await expect(eu.send(new DeleteBucketCommand({ Bucket: 'objects-eu' }))).rejects.toMatchObject({
      name: 'BucketNotEmpty',
      $metadata: { httpStatusCode: 409 },
    });
    await eu.send(new DeleteObjectCommand({ Bucket: 'objects-eu', Key: 'x' }));
    // An unmodelled subresource is NotImplemented, never the plain verb on the bucket.
    await expect(
      eu.send(new DeleteBucketCorsCommand({ Bucket: 'objects-eu' })),
    ).rejects.toMatchObject({
      name: 'NotImplemented',
      $metadata: { httpStatusCode: 501 },
    });
    await eu.send(new HeadBucketCommand({ Bucket: 'objects-eu' }));
    await eu.send(new DeleteBucketCommand({ Bucket: 'objects-eu' }));
    await expect(eu.send(new HeadBucketCommand({ Bucket: 'objects-eu' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('S3 objects', () => {
  it('round-trips hostile keys, metadata, content type and checksums', async () => {
    const keys = [
      'a b/c+d?.txt',
      '../../etc/passwd',
      '<script>alert(1)</script>&amp;',
      'tab\tand\u0001ctl',
      'ünï/😀 emoji',
      'dir//double',
      '%2F%00',
    ];
    for (const Key of keys) {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'objects-test',
          Key,
          Body: `body of ${Key}`,
          ContentType: 'text/plain',
          Metadata: { owner: 'team-a' },
        }),
      );
    }
    for (const Key of keys) {
      const { out, body } = await text(s3, 'objects-test', Key);
      expect(body).toBe(`body of ${Key}`);
      expect(out).toMatchObject({
        ContentType: 'text/plain',
        Metadata: { owner: 'team-a' },
      });
      expect(out.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    }
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'objects-test' }));
    expect(listed.Contents?.map((c) => c.Key).sort()).toEqual([...keys].sort());
    const encoded = await s3.send(
      new ListObjectsV2Command({ Bucket: 'objects-test', EncodingType: 'url', Prefix: 'a b' }),
    );
    expect(encoded.Contents?.map((c) => c.Key)).toEqual(['a+b/c%2Bd%3F.txt']);
  });

  it('answers NoSuchKey in the S3 error shape, and Range and conditional reads', async () => {
    const missing: unknown = await s3
      .send(new GetObjectCommand({ Bucket: 'objects-test', Key: 'nope' }))
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({
      name: 'NoSuchKey',
      Key: 'nope',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: 'objects-test', Key: 'nope' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-x', Key: 'k' })),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' });
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'objects-test', Key: 'digits', Body: '0123456789' }),
    );
    const { out, body } = await text(s3, 'objects-test', 'digits', { Range: 'bytes=2-5' });
    expect(body).toBe('2345');
    expect(out).toMatchObject({ ContentRange: 'bytes 2-5/10', ContentLength: 4 });
    expect(out.$metadata.httpStatusCode).toBe(206);
    expect((await text(s3, 'objects-test', 'digits', { Range: 'bytes=-3' })).body).toBe('789');
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'objects-test', Key: 'digits', Range: 'bytes=20-' })),
    ).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'objects-test', Key: 'digits', IfMatch: '"other"' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    await expect(
      s3.send(
        new GetObjectCommand({ Bucket: 'objects-test', Key: 'digits', IfNoneMatch: put.ETag }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: 'objects-test',
          Key: 'digits',
          Body: 'x',
          IfNoneMatch: '*',
        }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
  });

  it('copies with a class change, refuses reads of archived objects, and keeps tags', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'objects-test',
        Key: 'report.csv',
        Body: 'a,b\n1,2\n',
        Tagging: 'team=data&pii=yes',
      }),
    );
    await expect(
      s3.send(
        new CopyObjectCommand({
          Bucket: 'objects-test',
          Key: 'report.csv',
          CopySource: 'objects-test/report.csv',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequest' });
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: 'objects-test',
        Key: 'report.csv',
        CopySource: 'objects-test/report.csv',
        StorageClass: 'GLACIER',
      }),
    );
    expect(copied.CopyObjectResult?.ETag).toBeTruthy();
    expect(
      await s3.send(new HeadObjectCommand({ Bucket: 'objects-test', Key: 'report.csv' })),
    ).toMatchObject({ StorageClass: 'GLACIER', ContentLength: 8 });
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'objects-test', Key: 'report.csv' })),
    ).rejects.toMatchObject({ name: 'InvalidObjectState', $metadata: { httpStatusCode: 403 } });
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'objects-test',
        Key: 'copies/report ia.csv',
        CopySource: `objects-test/${encodeURIComponent('a b/c+d?.txt')}`,
        StorageClass: 'STANDARD_IA',
      }),
    );
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'objects-test', Prefix: 'copies/' }),
    );
    expect(listed.Contents).toEqual([
      expect.objectContaining({ Key: 'copies/report ia.csv', StorageClass: 'STANDARD_IA' }),
    ]);
    expect(
      (await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects-test', Key: 'report.csv' })))
        .TagSet,
    ).toEqual([
      { Key: 'team', Value: 'data' },
      { Key: 'pii', Value: 'yes' },
    ]);
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: 'objects-test',
        Key: 'report.csv',
        Tagging: { TagSet: [{ Key: 'k', Value: '<v&>' }] },
      }),
    );
    expect(
      (await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects-test', Key: 'report.csv' })))
        .TagSet,
    ).toEqual([{ Key: 'k', Value: '<v&>' }]);
  });

  it('deletes many objects at once, quietly or not, and lists with delimiters and pages', async () => {
    const keys = Array.from(
      { length: 25 },
      (_, i) => `batch/${i % 3}/item-${String(i).padStart(2, '0')}`,
    );
    for (const Key of keys)
      await s3.send(new PutObjectCommand({ Bucket: 'objects-test', Key, Body: Key }));
    const top = await s3.send(
      new ListObjectsV2Command({ Bucket: 'objects-test', Prefix: 'batch/', Delimiter: '/' }),
    );
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['batch/0/', 'batch/1/', 'batch/2/']);
    expect(top.KeyCount).toBe(3);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: 'objects-test',
          Prefix: 'batch/',
          MaxKeys: 7,
          ContinuationToken: token,
        }),
      );
      expect(page.KeyCount).toBeLessThanOrEqual(7);
      seen.push(...(page.Contents ?? []).map((c) => c.Key!));
      token = page.NextContinuationToken;
    } while (token);
    expect(seen).toEqual([...keys].sort());
    const after = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'objects-test',
        Prefix: 'batch/',
        StartAfter: 'batch/2/item-20',
      }),
    );
    expect(after.Contents?.map((c) => c.Key)).toEqual(['batch/2/item-23']);
    const loud = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'objects-test',
        Delete: { Objects: keys.slice(0, 5).map((Key) => ({ Key })) },
      }),
    );
    expect(loud.Deleted?.map((d) => d.Key)).toEqual(keys.slice(0, 5));
    const quiet = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'objects-test',
        Delete: { Quiet: true, Objects: keys.slice(5).map((Key) => ({ Key })) },
      }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(
      (await s3.send(new ListObjectsV2Command({ Bucket: 'objects-test', Prefix: 'batch/' })))
        .KeyCount,
    ).toBe(0);
  });
});
