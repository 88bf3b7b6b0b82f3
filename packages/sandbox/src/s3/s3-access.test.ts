import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { stsFor } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';
import { publicReadPolicy } from './seed-loader';
import { s3For } from './s3-test-client';

let sandbox: SandboxHandle;
let owner: S3Client;
let stranger: S3Client;
const Bucket = 'posture';

beforeAll(async () => {
  const probe = await startSandbox({
    stateDir: tempStateDir('s3-access-probe'),
    estate: { instancesPerRegion: 0 },
    s3Scale: 0,
  });
  const account = probe.accounts[0]!.id;
  await probe.stop();
  sandbox = await startSandbox({
    stateDir: tempStateDir('s3-access'),
    estate: { instancesPerRegion: 0 },
    s3Scale: 0,
    syntheticBuckets: [{ name: 'bench-million', account, objects: 1_000_000 }],
  });
  owner = s3For(sandbox, sandbox.accounts[0]!);
  stranger = s3For(sandbox, sandbox.accounts[1]!);
  await owner.send(new CreateBucketCommand({ Bucket }));
  await owner.send(
    new PutObjectCommand({
      Bucket,
      Key: 'index.html',
      Body: '<h1>hi</h1>',
      ContentType: 'text/html',
    }),
  );
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.setFaults('');
});

const anonymous = (path: string) => fetch(`${sandbox.s3Url}/${path}`);

describe('S3 access and posture', () => {
  it('reports missing configurations with S3 error codes', async () => {
    const cases = [
      [new GetBucketTaggingCommand({ Bucket }), 'NoSuchTagSet'],
      [new GetPublicAccessBlockCommand({ Bucket }), 'NoSuchPublicAccessBlockConfiguration'],
      [new GetBucketPolicyCommand({ Bucket }), 'NoSuchBucketPolicy'],
      [new GetBucketPolicyStatusCommand({ Bucket }), 'NoSuchBucketPolicy'],
      [
        new GetBucketEncryptionCommand({ Bucket }),
        'ServerSideEncryptionConfigurationNotFoundError',
      ],
      [new GetBucketLifecycleConfigurationCommand({ Bucket }), 'NoSuchLifecycleConfiguration'],
    ] as const;
    for (const [command, name] of cases) {
      // The union of commands is too wide for one `send` overload; each is sent as itself.
      await expect(owner.send(command as GetBucketTaggingCommand)).rejects.toMatchObject({ name });
    }
    expect(
      (await owner.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled,
    ).toBeUndefined();
    await owner.send(
      new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'env', Value: 'prod' }] } }),
    );
    expect((await owner.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([
      { Key: 'env', Value: 'prod' },
    ]);
    await owner.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    );
    const encryption = await owner.send(new GetBucketEncryptionCommand({ Bucket }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe('AES256');
  });

  it('serves anonymous reads of a public bucket only while no public-access block stops them', async () => {
    expect((await anonymous(`${Bucket}/index.html`)).status).toBe(403);
    await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: publicReadPolicy(Bucket) }));
    expect(
      (await owner.send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus?.IsPublic,
    ).toBe(true);
    const open = await anonymous(`${Bucket}/index.html`);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('text/html');
    expect(await open.text()).toBe('<h1>hi</h1>');
    // Public means GetObject, not listing or writing.
    expect((await anonymous(`${Bucket}?list-type=2`)).status).toBe(403);
    expect(
      (await fetch(`${sandbox.s3Url}/${Bucket}/new.txt`, { method: 'PUT', body: 'x' })).status,
    ).toBe(403);
    // Another account reads a public object with its own signature, but cannot list.
    expect(
      await (
        await stranger.send(new GetObjectCommand({ Bucket, Key: 'index.html' }))
      ).Body!.transformToString(),
    ).toBe('<h1>hi</h1>');
    await expect(stranger.send(new ListObjectsV2Command({ Bucket }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });

    const block = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    await owner.send(
      new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: block }),
    );
    expect(
      (await owner.send(new GetPublicAccessBlockCommand({ Bucket })))
        .PublicAccessBlockConfiguration,
    ).toEqual(block);
    const blocked = await anonymous(`${Bucket}/index.html`);
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toContain('<Code>AccessDenied</Code>');
    await expect(
      owner.send(new PutBucketPolicyCommand({ Bucket, Policy: publicReadPolicy(Bucket) })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket }));
    expect((await anonymous(`${Bucket}/index.html`)).status).toBe(200);
  });

  it('refuses other accounts, lets STS session credentials of the owner in, and redirects the wrong region', async () => {
    await expect(
      stranger.send(new PutObjectCommand({ Bucket, Key: 'x', Body: 'x' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(stranger.send(new HeadBucketCommand({ Bucket }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    const account = sandbox.accounts[0]!;
    // Session credentials of a role in the second account act as that account.
    const assumed = await stsFor(sandbox, account).send(
      new AssumeRoleCommand({ RoleArn: sandbox.accounts[1]!.roleArn, RoleSessionName: 's3-test' }),
    );
    const c = assumed.Credentials!;
    const session = s3For(sandbox, {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    });
    await session.send(new CreateBucketCommand({ Bucket: 'staging-owned' }));
    expect(
      (await session.send(new ListObjectsV2Command({ Bucket: 'staging-owned' }))).KeyCount,
    ).toBe(0);
    await expect(session.send(new ListObjectsV2Command({ Bucket }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    const wrongToken = s3For(sandbox, {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: 'forged',
    });
    await expect(
      wrongToken.send(new ListObjectsV2Command({ Bucket: 'staging-owned' })),
    ).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    const badSecret = s3For(sandbox, {
      accessKeyId: account.accessKeyId,
      secretAccessKey: 'wrong',
    });
    await expect(badSecret.send(new ListObjectsV2Command({ Bucket }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    const eu = s3For(sandbox, account, 'eu-west-1');
    await expect(eu.send(new ListObjectsV2Command({ Bucket }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 301 },
    });
    const following = s3For(sandbox, account, 'eu-west-1', { followRegionRedirects: true });
    expect((await following.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(1);
  });

  it('throttles with SlowDown, which the SDK retries', async () => {
    sandbox.setFaults('s3.throttle=1');
    await expect(owner.send(new ListObjectsV2Command({ Bucket }))).rejects.toMatchObject({
      name: 'SlowDown',
      $metadata: { httpStatusCode: 503 },
    });
    sandbox.setFaults('s3.throttle=0.5');
    sandbox.resetStats();
    const retrying = s3For(sandbox, sandbox.accounts[0]!, 'us-east-1', {
      // The SDK's own retry loop with a short fixed backoff, so the test takes milliseconds.
      retryStrategy: new ConfiguredRetryStrategy(20, () => 5),
    });
    for (let i = 0; i < 12; i++)
      expect((await retrying.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(1);
    const stats = sandbox.stats();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.byOperation['s3:ListObjectsV2']).toBe(12 + stats.throttled);
  });

  it('lists a synthetic bucket of a million objects page by page, with prefixes and delimiters', async () => {
    const top = await owner.send(
      new ListObjectsV2Command({ Bucket: 'bench-million', Delimiter: '/' }),
    );
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['archive/', 'data/', 'logs/']);
    expect(top.KeyCount).toBe(3);
    const first = await owner.send(
      new ListObjectsV2Command({ Bucket: 'bench-million', Prefix: 'data/' }),
    );
    expect(first.KeyCount).toBe(1000);
    expect(first.Contents?.[0]?.Key).toBe('data/0000000000.json');
    expect(first.Contents?.[999]?.Key).toBe('data/0000000999.json');
    const second = await owner.send(
      new ListObjectsV2Command({
        Bucket: 'bench-million',
        Prefix: 'data/',
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.Contents?.[0]?.Key).toBe('data/0000001000.json');
    const tail = await owner.send(
      new ListObjectsV2Command({
        Bucket: 'bench-million',
        Prefix: 'logs/',
        StartAfter: 'logs/0000333330.json',
      }),
    );
    expect(tail.Contents?.map((c) => c.Key)).toEqual([
      'logs/0000333331.json',
      'logs/0000333332.json',
    ]);
    expect(tail.IsTruncated).toBe(false);
    const started = performance.now();
    let token: string | undefined;
    let keys = 0;
    for (let page = 0; page < 20; page++) {
      const out = await owner.send(
        new ListObjectsV2Command({
          Bucket: 'bench-million',
          StartAfter: 'archive/0000100000.json',
          ContinuationToken: token,
        }),
      );
      keys += out.KeyCount ?? 0;
      token = out.NextContinuationToken;
    }
    expect(keys).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(10_000);
    const object = await owner.send(
      new GetObjectCommand({ Bucket: 'bench-million', Key: 'data/0000000042.json' }),
    );
    expect(JSON.parse(await object.Body!.transformToString())).toEqual({
      key: 'data/0000000042.json',
      synthetic: true,
    });
  });
});
