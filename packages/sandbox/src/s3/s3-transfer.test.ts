import { request } from 'node:http';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { tempStateDir } from '../testing/temp-dir';
import { s3For } from './s3-test-client';

let sandbox: SandboxHandle;
let s3: S3Client;
let clock = Date.now();
const sandboxClock = () => clock;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('s3-transfer'),
    estate: { instancesPerRegion: 0 },
    s3Scale: 0,
    now: sandboxClock,
  });
  s3 = s3For(sandbox, sandbox.accounts[0]!);
  await s3.send(new CreateBucketCommand({ Bucket: 'transfers' }));
});
afterAll(async () => {
  await sandbox.stop();
});

/** Deterministic bytes, different in every part, so a misplaced part changes the result. */
const pattern = (size: number) => {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) data.writeUInt32LE(i >>> 0, i);
  return data;
};

describe('S3 uploads and downloads', () => {
  it('lib-storage Upload sends 12 MB as three parts with progress; the object reads back whole', async () => {
    const data = pattern(12 * 1024 * 1024);
    const progress: number[] = [];
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'transfers', Key: 'big/blob.bin', Body: Readable.from([data]) },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    });
    upload.on('httpUploadProgress', (p) => progress.push(p.loaded ?? 0));
    const done = await upload.done();
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(Math.max(...progress)).toBe(data.length);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'transfers', Key: 'big/blob.bin' }));
    expect(got.ContentLength).toBe(data.length);
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
    expect(sandbox.stats().byOperation).toMatchObject({
      's3:CreateMultipartUpload': 1,
      's3:UploadPart': 3,
      's3:CompleteMultipartUpload': 1,
    });
  });

  it('streams a body of unknown length as aws-chunked with a CRC32 trailer, and checks it', async () => {
    const data = pattern(300_000);
    await s3.send(
      new PutObjectCommand({
        Bucket: 'transfers',
        Key: 'streamed.bin',
        Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]),
        ContentLength: data.length,
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'transfers', Key: 'streamed.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
    expect(got.ChecksumCRC32).toBeTruthy();
  });

  it('refuses a body whose signed SHA-256 or declared checksum does not match', async () => {
    const url = `${sandbox.s3Url}/transfers/tampered`;
    const put = await fetch(url, { method: 'PUT', body: 'hello' });
    expect(put.status).toBe(403); // anonymous writes are refused outright
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: 'transfers',
          Key: 'bad-md5',
          Body: 'hello',
          ContentMD5: Buffer.alloc(16).toString('base64'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadDigest' });
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: 'transfers',
          Key: 'bad-crc',
          Body: 'hello',
          ChecksumCRC32: 'AAAAAA==',
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadDigest' });
  });

  it('serves presigned GET and PUT URLs and refuses tampered and expired ones', async () => {
    const putUrl = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: 'transfers', Key: 'presigned/report.txt' }),
      { expiresIn: 300 },
    );
    expect((await fetch(putUrl, { method: 'PUT', body: 'via presigned put' })).status).toBe(200);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'transfers', Key: 'presigned/report.txt' }),
    );
    expect(head.ContentLength).toBe(17);
    const getUrl = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: 'transfers',
        Key: 'presigned/report.txt',
        ResponseContentDisposition: 'attachment; filename="r.txt"',
      }),
      { expiresIn: 60 },
    );
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="r.txt"');
    expect(await got.text()).toBe('via presigned put');

    const tamperedPath = await fetch(getUrl.replace('report.txt', 'other.txt'));
    expect(tamperedPath.status).toBe(403);
    expect(await tamperedPath.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const tamperedParam = await fetch(getUrl.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'));
    expect(tamperedParam.status).toBe(403);
    const tooLong = await fetch(getUrl.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801'));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('<Code>AuthorizationQueryParametersError</Code>');

    // The URL was signed with the host clock; the sandbox clock moves two minutes past it.
    clock = Date.now() + 120_000;
    const expired = await fetch(getUrl);
    expect(expired.status).toBe(403);
    const body = await expired.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Request has expired</Message>');
    clock = Date.now();
  });

  it('refuses an upload over the sandbox limit with EntityTooLarge before reading it', async () => {
    const url = new URL(
      await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'transfers', Key: 'huge' }), {
        expiresIn: 60,
      }),
    );
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        url,
        { method: 'PUT', headers: { 'content-length': 300 * 1024 * 1024 } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // Send a little of the promised 300 MiB: the answer must come without the rest.
      req.write(Buffer.alloc(1024));
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('<Code>EntityTooLarge</Code>');
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: 'transfers', Key: 'huge' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });
});
