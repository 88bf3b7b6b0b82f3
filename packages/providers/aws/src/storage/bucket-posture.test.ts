import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { ProviderConnection, Resource } from '@ccx/core';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsProvider } from '../provider';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let sandbox: SandboxHandle;
let connection: ProviderConnection;
let account: string;

beforeAll(async () => {
  // No seeded buckets: the region-scoping test counts exactly the buckets it creates.
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-s3-posture-')),
    s3Scale: 0,
  });
  const owner = sandbox.accounts[0];
  if (!owner) throw new Error('the sandbox has no account');
  account = owner.id;
  const client = new S3Client({
    region: 'us-west-2',
    endpoint: sandbox.s3Url,
    forcePathStyle: true,
    credentials: { accessKeyId: owner.accessKeyId, secretAccessKey: owner.secretAccessKey },
  });
  const send = client.send.bind(client);
  for (const Bucket of ['ccx-posture-open', 'ccx-posture-closed'])
    await send(
      new CreateBucketCommand({
        Bucket,
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
  await send(
    new PutBucketTaggingCommand({
      Bucket: 'ccx-posture-open',
      Tagging: { TagSet: [{ Key: 'team', Value: 'data' }] },
    }),
  );
  await send(
    new PutBucketPolicyCommand({
      Bucket: 'ccx-posture-open',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::ccx-posture-open/*',
          },
        ],
      }),
    }),
  );
  const flags = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  };
  await send(
    new PutPublicAccessBlockCommand({
      Bucket: 'ccx-posture-closed',
      PublicAccessBlockConfiguration: flags,
    }),
  );
  await send(
    new PutBucketEncryptionCommand({
      Bucket: 'ccx-posture-closed',
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: 'alias/data',
            },
          },
        ],
      },
    }),
  );
  client.destroy();
  const config = awsProvider.configSchema.parse(sandbox.cliConfig().connections[0]);
  connection = await awsProvider.connect('sandbox-aws', config, { logger: silent });
});

afterAll(async () => {
  await connection.close();
  await sandbox.stop();
});

describe('S3 bucket posture and inventory', () => {
  it('reads a public policy, tags and the region of a bucket', async () => {
    const bucket = await connection.storage!.getBucket({
      connection: 'sandbox-aws',
      account,
      bucket: 'ccx-posture-open',
    });
    expect(bucket).toMatchObject({
      provider: 'aws',
      region: 'us-west-2',
      tags: { team: 'data' },
      versioning: 'disabled',
      publicAccess: { public: true, blockPublicAccess: false },
    });
    expect(bucket.publicAccess?.reasons).toContain('policy-public');
    expect(bucket.createdAt).not.toBeNull();
  });

  it('reads the public access block and KMS default encryption', async () => {
    const bucket = await connection.storage!.getBucket({
      connection: 'sandbox-aws',
      account,
      bucket: 'ccx-posture-closed',
    });
    expect(bucket.publicAccess).toMatchObject({ public: false, blockPublicAccess: true });
    expect(bucket.encryption).toMatchObject({ enabled: true, algorithm: 'aws:kms' });
    expect(bucket.tags).toEqual({});
    expect(bucket.lifecycle).toEqual({ rules: [] });
  });

  it('lists s3.bucket resources only in the scope of their region', async () => {
    const scopes = (await connection.scopes()).filter((s) => s.account === account);
    const byRegion = new Map<string, Resource[]>();
    for (const scope of scopes) {
      const found: Resource[] = [];
      for await (const r of connection.inventory!.list(scope, 's3.bucket')) found.push(r);
      byRegion.set(scope.region, found);
    }
    const west = byRegion.get('us-west-2') ?? [];
    expect(west.map((r) => r.id).sort()).toEqual(['ccx-posture-closed', 'ccx-posture-open']);
    expect(west.find((r) => r.id === 'ccx-posture-open')).toMatchObject({
      type: 's3.bucket',
      region: 'us-west-2',
      tags: { team: 'data' },
    });
    for (const [region, found] of byRegion) if (region !== 'us-west-2') expect(found).toEqual([]);
  });
});
