import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { ProviderConnection } from '@ccx/core';
import { objectStorageContract } from '@ccx/provider-testing/object-storage-contract';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { awsProvider } from '../provider';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * The storage contract against S3 as the sandbox serves it, through the real provider: the
 * two buckets live in different regions, so every call must find the bucket's region first.
 */
objectStorageContract('aws s3 (sandbox)', async () => {
  const sandbox: SandboxHandle = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-s3-test-')),
  });
  const owner = sandbox.accounts[0];
  if (!owner) throw new Error('the sandbox has no account');
  const admin = (region: string) =>
    new S3Client({
      region,
      endpoint: sandbox.s3Url,
      forcePathStyle: true,
      credentials: { accessKeyId: owner.accessKeyId, secretAccessKey: owner.secretAccessKey },
    });
  const buckets = [
    { name: 'ccx-contract-one', region: 'us-east-1' },
    { name: 'ccx-contract-two', region: 'eu-west-1' },
  ];
  for (const { name, region } of buckets) {
    const client = admin(region);
    await client.send(
      new CreateBucketCommand({
        Bucket: name,
        CreateBucketConfiguration:
          region === 'us-east-1' ? undefined : { LocationConstraint: region as 'eu-west-1' },
      }),
    );
    client.destroy();
  }
  const config = awsProvider.configSchema.parse(sandbox.cliConfig().connections[0]);
  const connection: ProviderConnection = await awsProvider.connect('sandbox-aws', config, {
    logger: silent,
  });
  const storage = connection.storage;
  if (!storage) throw new Error('the AWS provider has no storage capability');
  const ref = (bucket: string) => ({ connection: 'sandbox-aws', account: owner.id, bucket });
  return {
    storage,
    bucket: ref('ccx-contract-one'),
    otherBucket: ref('ccx-contract-two'),
    targetStorageClass: 'STANDARD_IA',
    async cleanup() {
      await connection.close();
      await sandbox.stop();
    },
  };
});
