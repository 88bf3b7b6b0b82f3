import { Readable } from 'node:stream';
import {
  isCcxError,
  type BucketRef,
  type ObjectEntry,
  type ObjectStorage,
  type ProviderConnection,
} from '@ccx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageAccounts } from './accounts';
import { azureConfigSchema } from './config';
import { azureProvider } from './provider';
import { presignBlob } from './storage/presign';
import { startAzuriteFixture, type AzuriteFixture } from './testing/azurite-fixture';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const KEY = Buffer.alloc(64, 7).toString('base64');

async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return isCcxError(error) ? error.code : `not a CcxError: ${String(error)}`;
  }
  return 'no error';
}

async function entries(pages: AsyncIterable<{ entries: ObjectEntry[] }>): Promise<ObjectEntry[]> {
  const all: ObjectEntry[] = [];
  for await (const page of pages) all.push(...page.entries);
  return all;
}

async function text(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const SUB = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const COMPUTE = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  subscriptions: [SUB],
};

describe('azure config', () => {
  it('accepts compute alone, keyless (DefaultAzureCredential) or with a client secret', () => {
    const parsed = azureConfigSchema.parse({ compute: { ...COMPUTE, clientSecret: 's3cret' } });
    expect(parsed.storageAccounts).toBeUndefined();
    expect(parsed.compute).toMatchObject({
      resourceManagerEndpoint: 'https://management.azure.com',
      subscriptions: [SUB],
    });
    expect(
      azureConfigSchema.parse({
        compute: { ...COMPUTE, resourceManagerEndpoint: 'https://management.usgovcloudapi.net/' },
      }).compute?.resourceManagerEndpoint,
    ).toBe('https://management.usgovcloudapi.net');
  });

  it('connects to compute without a network call, offering VMs, disks and their metrics', async () => {
    const connection = await azureProvider.connect(
      'both',
      azureConfigSchema.parse({
        storageAccounts: [{ name: 'prodblobs', key: KEY }],
        compute: COMPUTE,
      }),
      { logger: quiet },
    );
    expect(connection.compute?.types).toEqual(['azure.vm']);
    expect(connection.metrics?.metricsFor('azure.vm')).toEqual([
      'cpu',
      'cpuMax',
      'networkIn',
      'networkOut',
      'diskRead',
      'diskWrite',
    ]);
    expect(connection.inventory?.types).toEqual(['azure.container', 'azure.vm', 'azure.disk']);
  });

  it('accepts storage accounts with a key, or keyless for DefaultAzureCredential', () => {
    const parsed = azureConfigSchema.parse({
      storageAccounts: [{ name: 'prodblobs', key: KEY, region: 'westeurope' }, { name: 'other1' }],
    });
    expect(parsed).toMatchObject({ maxAttempts: 4, sandbox: false });
  });

  it.each([
    [{ storageAccounts: [] }, 'storageAccounts'],
    [{ storageAccounts: [{ name: 'Bad_Name' }] }, 'storageAccounts.0.name'],
    [{ storageAccounts: [{ name: 'prod', key: 'not base64!' }] }, 'storageAccounts.0.key'],
    [{ storageAccounts: [{ name: 'prod' }, { name: 'prod' }] }, 'storageAccounts'],
    [{ storageAccounts: [{ name: 'prod' }], blobEndpoint: 'http://h/x' }, 'blobEndpoint'],
    [{ storageAccounts: [{ name: 'prod', acount: 1 }] }, 'storageAccounts.0'],
    [{}, ''],
    [{ compute: { ...COMPUTE, subscriptions: [] } }, 'compute.subscriptions'],
    [{ compute: { ...COMPUTE, subscriptions: ['not-a-guid'] } }, 'compute.subscriptions.0'],
    [{ compute: { ...COMPUTE, subscriptions: [SUB, SUB.toUpperCase()] } }, 'compute.subscriptions'],
    [{ compute: { ...COMPUTE, clientId: 'app' } }, 'compute.clientId'],
    [{ compute: { ...COMPUTE, authorityHost: 'http://login.example' } }, 'compute.authorityHost'],
    [{ compute: { ...COMPUTE, tenantId: '../x' } }, 'compute.tenantId'],
  ])('refuses %j at %s', (input, path) => {
    const result = azureConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('connects without a network call and lists scopes as data', async () => {
    const connection = await azureProvider.connect(
      'offline',
      azureConfigSchema.parse({
        storageAccounts: [
          { name: 'prodblobs', key: KEY, region: 'westeurope', alias: 'prod' },
          { name: 'keyless' },
        ],
        blobEndpoint: 'http://127.0.0.1:1/{account}',
      }),
      { logger: quiet },
    );
    expect(await connection.scopes()).toEqual([
      {
        provider: 'azure',
        connection: 'offline',
        account: 'prodblobs',
        region: 'westeurope',
        label: 'prod',
        types: ['azure.container'],
      },
      {
        provider: 'azure',
        connection: 'offline',
        account: 'keyless',
        region: 'global',
        label: 'keyless',
        types: ['azure.container'],
      },
    ]);
    expect(await connection.storage?.accounts()).toEqual(['prodblobs', 'keyless']);
    expect(connection.inventory?.types).toEqual(['azure.container']);
    await connection.close();
  });
});

describe('azure provider on Azurite', () => {
  let fixture: AzuriteFixture;
  let connection: ProviderConnection;
  let storage: ObjectStorage;
  let prod: string;
  let data: string;
  const ref = (account: string, bucket: string): BucketRef => ({
    connection: 'azure-test',
    account,
    bucket,
  });

  beforeAll(async () => {
    fixture = await startAzuriteFixture();
    [prod, data] = fixture.azurite.accounts.map((account) => account.name) as [string, string];
    connection = await fixture.connect();
    storage = connection.storage!;
    await fixture.service(0).createContainer('public-media', {
      access: 'blob',
      metadata: { team: 'web' },
    });
    await fixture.service(0).createContainer('invoices', { metadata: { team: 'finance' } });
    await fixture.service(0).createContainer('other');
    await fixture.service(1).createContainer('archive');
    await fixture.service(0).setProperties({
      blobAnalyticsLogging: {
        version: '1.0',
        read: false,
        write: false,
        deleteProperty: false,
        retentionPolicy: { enabled: false },
      },
    });
  });
  afterAll(() => fixture?.stop());

  it('lists containers as azure.container resources with their posture', async () => {
    const scope = (await connection.scopes())[0]!;
    const resources = [];
    for await (const resource of connection.inventory!.list(scope, 'azure.container'))
      resources.push(resource);
    expect(resources.map((resource) => resource.id).sort()).toEqual([
      'invoices',
      'other',
      'public-media',
    ]);
    const media = resources.find((resource) => resource.id === 'public-media')!;
    expect(media).toMatchObject({
      provider: 'azure',
      account: prod,
      region: 'global',
      type: 'azure.container',
      tags: { team: 'web' },
      attributes: {
        provider: 'azure',
        bucket: 'public-media',
        publicAccess: { public: true, reasons: ['container-access-blob'], blockPublicAccess: null },
        encryption: { enabled: true, algorithm: 'AES256', keyId: null },
        versioning: null,
        lifecycle: null,
        logging: { enabled: false, target: null },
      },
    });
    const invoices = await storage.getBucket(ref(prod, 'invoices'));
    expect(invoices.publicAccess).toEqual({ public: false, reasons: [], blockPublicAccess: null });
    expect(invoices.tags).toEqual({ team: 'finance' });
    expect(() => connection.inventory!.list(scope, 's3.bucket')).toThrow(/cannot list/);
    // The other account keeps Azurite's default: read, write and delete logged.
    expect((await storage.getBucket(ref(data, 'archive'))).logging).toEqual({
      enabled: true,
      target: '$logs',
    });
  });

  it('refuses a wrong key as forbidden and an unconfigured account as not_found', async () => {
    const wrong = await fixture.connect('wrong', {
      storageAccounts: [{ name: prod, key: fixture.azurite.accounts[1]!.key }],
      maxAttempts: 1,
    });
    expect(await codeOf(() => entries(wrong.storage!.listObjects(ref(prod, 'invoices'))))).toBe(
      'forbidden',
    );
    expect(await codeOf(() => storage.headObject({ ...ref('nosuchacct', 'x'), key: 'k' }))).toBe(
      'not_found',
    );
  });

  it('refuses keys that a URL would resolve elsewhere, and touches nothing', async () => {
    for (const key of ['../other/evil', 'a/./b', '..', 'tab\there', 'nul\u0000', 'x\uffff'])
      expect(
        await codeOf(() =>
          storage.putObject({ ...ref(prod, 'invoices'), key }, Readable.from([Buffer.from('x')]), {
            size: 1,
          }),
        ),
      ).toBe('invalid_input');
    expect(await entries(storage.listObjects(ref(prod, 'other')))).toEqual([]);
    expect(await codeOf(() => storage.getBucket(ref(prod, 'Bad_Container')))).toBe('invalid_input');
    const result = await storage.deleteObjects(ref(prod, 'invoices'), [{ key: '../other/x' }]);
    expect(result).toMatchObject({
      deleted: [],
      errors: [{ key: '../other/x', code: 'invalid_input' }],
    });
  });

  it('checks metadata names and the declared size before sending anything', async () => {
    const target = { ...ref(prod, 'invoices'), key: 'checked.txt' };
    expect(
      await codeOf(() =>
        storage.putObject(target, Readable.from([Buffer.from('x')]), {
          metadata: { 'x-amz-meta': 'v' },
        }),
      ),
    ).toBe('invalid_input');
    expect(
      await codeOf(() =>
        storage.putObject(target, Readable.from([Buffer.from('four')]), { size: 3 }),
      ),
    ).toBe('invalid_input');
    expect(await codeOf(() => storage.headObject(target))).toBe('not_found');
  });

  it('uploads with a tier, reads tags, a range with the whole size, and lists folders in order', async () => {
    const bucket = ref(prod, 'invoices');
    await storage.putObject(
      { ...bucket, key: 'tree/z.txt' },
      Readable.from([Buffer.from('0123456789')]),
      {
        size: 10,
        contentType: 'text/plain',
        storageClass: 'cool',
      },
    );
    await storage.putObject(
      { ...bucket, key: 'tree/a/inner.txt' },
      Readable.from([Buffer.from('x')]),
    );
    await fixture.service(0).getContainerClient('invoices').getBlobClient('tree/z.txt').setTags({
      classification: 'unreviewed',
    });
    const head = await storage.headObject({ ...bucket, key: 'tree/z.txt' });
    expect(head).toMatchObject({
      size: 10,
      storageClass: 'Cool',
      tags: { classification: 'unreviewed' },
      encryption: 'microsoft-managed',
    });
    const ranged = await storage.getObject(
      { ...bucket, key: 'tree/z.txt' },
      { range: { start: 3, end: 4 } },
    );
    expect(ranged.info.size).toBe(10);
    expect(ranged.info.tags).toEqual({ classification: 'unreviewed' });
    expect(await text(ranged.body)).toBe('34');
    const listed = await entries(storage.listObjects(bucket, { prefix: 'tree/', delimiter: '/' }));
    expect(listed.map((entry) => (entry.kind === 'object' ? entry.key : entry.prefix))).toEqual([
      'tree/a/',
      'tree/z.txt',
    ]);
    expect(listed[1]).toMatchObject({ kind: 'object', size: 10, storageClass: 'Cool' });
  });

  it('copies to another storage account of the connection with metadata and tags', async () => {
    const source = { ...ref(prod, 'invoices'), key: 'copy/src.txt' };
    await storage.putObject(source, Readable.from([Buffer.from('across accounts')]), {
      metadata: { origin: 'prod' },
    });
    await fixture
      .service(0)
      .getContainerClient('invoices')
      .getBlobClient(source.key)
      .setTags({ pii: 'yes' });
    const copied = await storage.copyObject(source, { ...ref(data, 'archive'), key: 'copied.txt' });
    expect(copied).toMatchObject({
      key: 'copied.txt',
      metadata: { origin: 'prod' },
      tags: { pii: 'yes' },
    });
    expect(
      await text((await storage.getObject({ ...ref(data, 'archive'), key: 'copied.txt' })).body),
    ).toBe('across accounts');
  });

  it('presigns a PUT whose holder must send the blob type, and refuses an expired URL', async () => {
    const target = {
      ...ref(prod, 'invoices'),
      key: "presigned/<img src=x> ünï 'q'key: 'presigned/upload.txt'amp;%2F.txt",
    };
    const put = await storage.presign(target, { method: 'PUT', expiresInSeconds: 60 });
    expect(put.headers).toEqual({ 'x-ms-blob-type': 'BlockBlob' });
    const bare = await fetch(put.url, { method: 'PUT', body: 'x' });
    expect(bare.ok).toBe(false);
    await bare.body?.cancel();
    const sent = await fetch(put.url, { method: 'PUT', body: 'via sas', headers: put.headers });
    expect(sent.status).toBe(201);
    expect(
      await codeOf(() => storage.presign(target, { method: 'GET', expiresInSeconds: 8 * 86400 })),
    ).toBe('invalid_input');

    const accounts = new StorageAccounts('azure-test', azureConfigSchema.parse(fixture.config));
    const account = accounts.get(prod);
    const blob = account.service.getContainerClient('invoices').getBlobClient(target.key);
    const expired = await presignBlob(
      account,
      blob,
      { method: 'GET', expiresInSeconds: 60 },
      true,
      Date.now() - 3_600_000,
    );
    const refused = await fetch(expired.url);
    expect(refused.status).toBe(403);
    await refused.body?.cancel();
    const fresh = await presignBlob(account, blob, { method: 'GET', expiresInSeconds: 60 }, true);
    expect(await (await fetch(fresh.url)).text()).toBe('via sas');
  });

  it('deletes more keys than one batch holds', async () => {
    const container = fixture.service(1).getContainerClient('archive');
    const keys = Array.from({ length: 300 }, (_, i) => `bulk/${String(i).padStart(3, '0')}`);
    for (let i = 0; i < keys.length; i += 50)
      await Promise.all(
        keys.slice(i, i + 50).map((key) => container.getBlockBlobClient(key).upload('b', 1)),
      );
    const result = await storage.deleteObjects(
      ref(data, 'archive'),
      keys.map((key) => ({ key })),
    );
    expect(result.errors).toEqual([]);
    expect(result.deleted).toHaveLength(300);
    expect(await entries(storage.listObjects(ref(data, 'archive'), { prefix: 'bulk/' }))).toEqual(
      [],
    );
  });
});
