import { describe, expect, it } from 'vitest';
import { isCcxError } from '@ccx/core';
import { readAll, streamOf } from './byte-streams';
import { createMemoryStorage } from './memory-storage';
import { seedMemoryStorage } from './memory-seed';
import { objectStorageContract } from './object-storage.contract';

objectStorageContract('memory', () => {
  const storage = createMemoryStorage({ accounts: ['111111111111'] });
  const [bucket, otherBucket] = seedMemoryStorage(storage, [
    { account: '111111111111', bucket: 'contract-one' },
    { account: '111111111111', bucket: 'contract-two' },
  ]);
  if (!bucket || !otherBucket) throw new Error('seeding returned no refs');
  return Promise.resolve({
    storage,
    bucket,
    otherBucket,
    fetch: storage.fetch,
    cleanup: () => Promise.resolve(),
  });
});

describe('memory storage', () => {
  it('refuses an expired presigned URL', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const storage = createMemoryStorage({ now: () => now });
    const [ref] = seedMemoryStorage(storage, [
      { account: 'a', bucket: 'b', objects: [{ key: 'k', body: 'v' }] },
    ]);
    if (!ref) throw new Error('no ref');
    const { url } = await storage.presign(
      { ...ref, key: 'k' },
      { method: 'GET', expiresInSeconds: 60 },
    );
    expect((await storage.fetch(url)).status).toBe(200);
    now = new Date('2030-01-01T00:01:01Z');
    expect((await storage.fetch(url)).status).toBe(403);
    await expect(
      storage.presign({ ...ref, key: 'k' }, { method: 'GET', expiresInSeconds: 8 * 86400 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('refuses a presigned PUT sent with another content type', async () => {
    const storage = createMemoryStorage();
    const [ref] = seedMemoryStorage(storage, [{ account: 'a', bucket: 'b' }]);
    if (!ref) throw new Error('no ref');
    const { url } = await storage.presign(
      { ...ref, key: 'k' },
      { method: 'PUT', expiresInSeconds: 60, contentType: 'text/plain' },
    );
    const response = await storage.fetch(url, {
      method: 'PUT',
      body: 'x',
      headers: { 'content-type': 'text/html' },
    });
    expect(response.status).toBe(403);
  });

  it('hides a deleted key behind a delete marker when versioned, and lists across pages', async () => {
    const storage = createMemoryStorage();
    const [ref] = seedMemoryStorage(storage, [
      { account: 'a', bucket: 'b', versioning: 'enabled' },
    ]);
    if (!ref) throw new Error('no ref');
    await storage.putObject({ ...ref, key: 'k' }, streamOf('v1'));
    await storage.deleteObjects(ref, [{ key: 'k' }]);
    const error: unknown = await storage.headObject({ ...ref, key: 'k' }).catch((e: unknown) => e);
    expect(isCcxError(error) && error.code).toBe('not_found');
    const versions = [];
    for await (const v of storage.listVersions(ref)) versions.push(v);
    expect(versions.map((v) => [v.isLatest, v.isDeleteMarker])).toEqual([
      [true, true],
      [false, false],
    ]);
    const old = versions[1];
    if (!old) throw new Error('no version');
    await storage.restoreVersion({ ...ref, key: 'k', versionId: old.versionId });
    expect((await readAll((await storage.getObject({ ...ref, key: 'k' })).body)).toString()).toBe(
      'v1',
    );
  });

  it('rejects a cursor it never issued', async () => {
    const storage = createMemoryStorage();
    const [ref] = seedMemoryStorage(storage, [{ account: 'a', bucket: 'b' }]);
    if (!ref) throw new Error('no ref');
    const pages = storage.listObjects(ref, { cursor: 'not-a-cursor' })[Symbol.asyncIterator]();
    await expect(pages.next()).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
