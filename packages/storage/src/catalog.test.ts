import { describe, expect, it } from 'vitest';
import type { CcxError } from '@ccx/core';
import { isStorageRoot, storageConnections, type StorageTarget } from './catalog';
import { connectionMap, memoryConnection } from './test-connections';

function catalog() {
  const east = memoryConnection('east', 'aws', [
    { account: '111111111111', bucket: 'logs-east', objects: [{ key: 'a.txt', body: 'a' }] },
    { account: '222222222222', bucket: 'shared-name' },
  ]);
  const west = memoryConnection('west', 'aws', [
    { account: '333333333333', bucket: 'data-west' },
    { account: '333333333333', bucket: 'shared-name' },
  ]);
  const gcs = memoryConnection('gcs', 'gcp', [{ account: 'proj-a', bucket: 'logs-east' }]);
  const azure = memoryConnection(
    'blob',
    'azure',
    [{ account: 'acct1', bucket: 'media' }],
    ['acct2'],
  );
  const bare = {
    provider: 'aws' as const,
    name: 'ec2-only',
    scopes: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
  return storageConnections(connectionMap(east, west, gcs, azure, bare));
}

async function target(uri: string, hint?: { connection?: string }): Promise<StorageTarget> {
  const resolved = await catalog().resolve(uri, hint);
  if (isStorageRoot(resolved)) throw new Error(`${uri} resolved to a root`);
  return resolved;
}

async function errorOf(promise: Promise<unknown>): Promise<CcxError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as CcxError,
  );
}

describe('storageConnections', () => {
  it('lists only connections with object storage and gets them by name', () => {
    const c = catalog();
    expect(c.list().map(({ name, provider }) => [name, provider])).toEqual([
      ['east', 'aws'],
      ['west', 'aws'],
      ['gcs', 'gcp'],
      ['blob', 'azure'],
    ]);
    expect(c.get('west').storageClasses).toContain('STANDARD');
    expect(() => c.get('nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => c.get('ec2-only')).toThrow(/has no object storage/);
  });

  it('finds the connection and account that own an S3 bucket, by listing each candidate once', async () => {
    const found = await target('s3://logs-east/dir/a.txt');
    expect(found.connection.name).toBe('east');
    expect(found.ref).toEqual({
      connection: 'east',
      account: '111111111111',
      bucket: 'logs-east',
      key: 'dir/a.txt',
    });
    const other = await target('s3://data-west/');
    expect(other.ref).toMatchObject({ connection: 'west', account: '333333333333', key: '' });
  });

  it('keeps GCS and S3 buckets of the same name apart by scheme', async () => {
    const found = await target('gs://logs-east/a.txt');
    expect(found.ref).toMatchObject({ connection: 'gcs', account: 'proj-a' });
  });

  it('reports a bucket two connections see as a conflict naming both, unless a hint chooses', async () => {
    const error = await errorOf(catalog().resolve('s3://shared-name/k'));
    expect(error.code).toBe('conflict');
    expect(error.details).toEqual({ connections: ['east', 'west'] });
    const chosen = await target('s3://shared-name/k', { connection: 'west' });
    expect(chosen.ref).toMatchObject({ connection: 'west', account: '333333333333' });
  });

  it('answers not_found for an unknown bucket and invalid_input for a malformed URI or mismatched hint', async () => {
    expect((await errorOf(catalog().resolve('s3://missing-bucket/k'))).code).toBe('not_found');
    expect((await errorOf(catalog().resolve('s3://Bad_Name/k'))).code).toBe('invalid_input');
    expect((await errorOf(catalog().resolve('s3://logs-east/k', { connection: 'gcs' }))).code).toBe(
      'invalid_input',
    );
    expect((await errorOf(catalog().resolve('s3://logs-east/k', { connection: 'zz' }))).code).toBe(
      'not_found',
    );
  });

  it('sees a bucket created after the index was built', async () => {
    const east = memoryConnection('east', 'aws', [{ account: '111111111111', bucket: 'first' }]);
    const c = storageConnections(connectionMap(east));
    await c.resolve('s3://first/');
    east.storage.addBucket({ account: '111111111111', bucket: 'second' });
    const found = await c.resolve('s3://second/x');
    expect(isStorageRoot(found) ? null : found.ref.bucket).toBe('second');
  });

  it('resolves Azure URIs by the account they name, and roots to the scheme or account', async () => {
    const found = await target('az://acct1/media/photos/x.png');
    expect(found.ref).toEqual({
      connection: 'blob',
      account: 'acct1',
      bucket: 'media',
      key: 'photos/x.png',
    });
    expect(await catalog().resolve('az://acct2')).toEqual({
      root: true,
      provider: 'azure',
      account: 'acct2',
      connections: ['blob'],
    });
    expect(await catalog().resolve('s3://')).toEqual({
      root: true,
      provider: 'aws',
      connections: ['east', 'west'],
    });
    expect((await errorOf(catalog().resolve('az://unknownacct/media/x'))).code).toBe('not_found');
  });

  it('streams every bucket of a provider with its connection', async () => {
    const names: string[] = [];
    for await (const bucket of catalog().buckets('aws'))
      names.push(`${bucket.connection}:${bucket.bucket}`);
    expect(names.sort()).toEqual([
      'east:logs-east',
      'east:shared-name',
      'west:data-west',
      'west:shared-name',
    ]);
  });
});
