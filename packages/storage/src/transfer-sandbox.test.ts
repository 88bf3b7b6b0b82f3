import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger, ObjectRef, ObjectStorage, ProviderConnection } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { gcpProvider } from '@ccx/provider-gcp';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { storageConnections, type StorageCatalog } from './catalog';
import { transferObject } from './transfer';

/**
 * Cross-cloud transfer with the real providers and SDKs on the sandbox's S3 and GCS: the
 * bytes leave one wire protocol and arrive through another, streamed.
 */
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let sandbox: SandboxHandle;
let connections: ProviderConnection[] = [];
let catalog: StorageCatalog;
let s3Ref: ObjectRef;
let gcsRef: ObjectRef;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-transfer-')),
    estate: { accounts: 1, instancesPerRegion: 0 },
  });
  const hub = sandbox.accounts[0];
  const project = sandbox.gcp.projects[0];
  if (hub === undefined || project === undefined) throw new Error('sandbox without accounts');
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: sandbox.s3Url,
    forcePathStyle: true,
    credentials: { accessKeyId: hub.accessKeyId, secretAccessKey: hub.secretAccessKey },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'transfer-s3' }));
  s3.destroy();
  const gcs = new Storage({
    apiEndpoint: sandbox.gcp.url,
    projectId: project.id,
    credentials: project.credentials,
    useAuthWithCustomEndpoint: true,
  });
  // A self-signed JWT per request: the sandbox cannot be Google's token endpoint.
  gcs.authClient.useJWTAccessWithScope = true;
  await gcs.createBucket('transfer-gcs');

  const aws = await awsProvider.connect(
    'aws',
    awsProvider.configSchema.parse({ ...sandbox.cliConfig().connections[0], accounts: [{}] }),
    { logger: silent },
  );
  const gcp = await gcpProvider.connect(
    'gcp',
    gcpProvider.configSchema.parse({
      projects: [{ id: project.id, credentials: project.credentials }],
      apiEndpoint: sandbox.gcp.url,
      sandbox: true,
    }),
    { logger: silent },
  );
  connections = [aws, gcp];
  catalog = storageConnections(new Map(connections.map((c) => [c.name, c])));
  s3Ref = { connection: 'aws', account: hub.id, bucket: 'transfer-s3', key: 'docs/report.txt' };
  gcsRef = { connection: 'gcp', account: project.id, bucket: 'transfer-gcs', key: 'in/report.txt' };
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await sandbox.stop();
});

async function text(storage: ObjectStorage, ref: ObjectRef): Promise<string> {
  const { body } = await storage.getObject(ref);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('transferObject between the sandbox S3 and GCS', () => {
  it('moves S3 → GCS and copies back, verifying sizes before deleting', async () => {
    const body = `line\n`.repeat(50_000);
    const s3 = catalog.get('aws');
    const gcs = catalog.get('gcp');
    await s3.putObject(s3Ref, Readable.from([Buffer.from(body)]), {
      size: body.length,
      contentType: 'text/plain',
    });
    const progress: number[] = [];
    const moved = await transferObject(catalog, s3Ref, gcsRef, {
      mode: 'move',
      onProgress: (bytes) => progress.push(bytes),
    });
    expect(moved.size).toBe(body.length);
    expect(progress.at(-1)).toBe(body.length);
    expect(await text(gcs, gcsRef)).toBe(body);
    expect((await gcs.headObject(gcsRef)).contentType).toBe('text/plain');
    await expect(s3.headObject(s3Ref)).rejects.toMatchObject({ code: 'not_found' });

    const back = await transferObject(catalog, gcsRef, s3Ref, { mode: 'copy' });
    expect(back.size).toBe(body.length);
    expect(await text(s3, s3Ref)).toBe(body);
    expect((await gcs.headObject(gcsRef)).size).toBe(body.length);
  });
});
