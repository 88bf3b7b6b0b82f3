import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCcxError, type BucketRef, type ObjectEntry, type ObjectStorage } from '@ccx/core';
import { digestOf, generatedBody, generatedDigest, readAll, streamOf } from './byte-streams';

export interface ObjectStorageFixture {
  storage: ObjectStorage;
  /** Two writable buckets of one account of the connection; the suite leaves them as found. */
  bucket: BucketRef;
  otherBucket: BucketRef;
  /** A class of `storage.storageClasses` that objects can move to and still be read. */
  targetStorageClass?: string;
  /**
   * Hostile keys the provider refuses with `invalid_input` because its service cannot address
   * them (Azure: a `..` segment, which every URL parser on the way resolves). Checked refused.
   */
  refusedKeys?: readonly string[];
  /** Fetches presigned URLs; default the global `fetch`. */
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  cleanup(): Promise<void>;
}

const MiB = 1024 * 1024;
const HOSTILE_KEYS = [
  '../x',
  '<img src=x>',
  'with space',
  'unicodé/日本語/🚀',
  'a%2Fb',
  'quote\'"&amp;',
  'plus+sign and space',
  'control\u0001char',
];

async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return isCcxError(error) ? error.code : `not a CcxError: ${String(error)}`;
  }
  return 'no error';
}

async function allEntries(
  pages: AsyncIterable<{ entries: ObjectEntry[] }>,
): Promise<ObjectEntry[]> {
  const entries: ObjectEntry[] = [];
  for await (const page of pages) entries.push(...page.entries);
  return entries;
}

const names = (entries: ObjectEntry[]): string[] =>
  entries.map((e) => (e.kind === 'object' ? e.key : `prefix:${e.prefix}`)).sort();

/**
 * The one suite every `ObjectStorage` runs. Each run writes under a fresh key prefix and
 * deletes what it wrote (every version of it), so it can share buckets with other runs.
 * Deleting a key that is already absent counts as deleted, as on S3: the caller asked for the
 * key to be gone and it is.
 */
export function objectStorageContract(
  name: string,
  setup: () => Promise<ObjectStorageFixture>,
): void {
  describe(`ObjectStorage contract: ${name}`, () => {
    let f: ObjectStorageFixture;
    let storage: ObjectStorage;
    const run = `contract-${randomBytes(4).toString('hex')}/`;
    const obj = (bucket: BucketRef, key: string) => ({ ...bucket, key: run + key });
    const put = (bucket: BucketRef, key: string, text: string) =>
      storage.putObject(obj(bucket, key), streamOf(text), {
        size: Buffer.byteLength(text),
        contentType: 'text/plain',
      });
    const text = async (bucket: BucketRef, key: string) =>
      (await readAll((await storage.getObject(obj(bucket, key))).body)).toString('utf8');

    beforeAll(async () => {
      f = await setup();
      storage = f.storage;
    });

    afterAll(async () => {
      if (!f) return;
      for (const bucket of [f.bucket, f.otherBucket]) {
        await f.storage.setVersioning?.(bucket, false);
        const keys: { key: string; versionId?: string }[] = [];
        if (f.storage.listVersions) {
          for await (const v of f.storage.listVersions(bucket, { prefix: run }))
            keys.push({ key: v.key, versionId: v.versionId });
        }
        for (const e of await allEntries(f.storage.listObjects(bucket, { prefix: run })))
          if (e.kind === 'object') keys.push({ key: e.key });
        if (keys.length > 0) await f.storage.deleteObjects(bucket, keys);
      }
      await f.cleanup();
    });

    it('lists the buckets of an account with their posture settings', async () => {
      const buckets = [];
      for await (const bucket of storage.listBuckets(f.bucket.account)) buckets.push(bucket);
      const mine = buckets.find((b) => b.bucket === f.bucket.bucket);
      expect(mine).toBeDefined();
      expect(buckets.some((b) => b.bucket === f.otherBucket.bucket)).toBe(true);
      for (const field of [
        'region',
        'createdAt',
        'tags',
        'versioning',
        'encryption',
        'publicAccess',
        'logging',
        'lifecycle',
      ])
        expect(mine).toHaveProperty(field);
      const one = await storage.getBucket(f.bucket);
      expect(one).toMatchObject({
        bucket: f.bucket.bucket,
        account: f.bucket.account,
        connection: f.bucket.connection,
      });
      expect(await storage.accounts()).toContain(f.bucket.account);
    });

    it('round-trips bytes, content type and metadata through put, head and get', async () => {
      const body = 'hello, storage\n';
      const ref = obj(f.bucket, 'round/trip.txt');
      const written = await storage.putObject(ref, streamOf('hello, ', 'storage\n'), {
        contentType: 'text/plain',
        metadata: { owner: 'team-a' },
      });
      expect(written.key).toBe(ref.key);
      const head = await storage.headObject(ref);
      expect(head).toMatchObject({
        key: ref.key,
        size: Buffer.byteLength(body),
        contentType: 'text/plain',
      });
      expect(head.metadata).toEqual({ owner: 'team-a' });
      expect(head.etag).not.toBeNull();
      const got = await storage.getObject(ref);
      expect(got.info.size).toBe(Buffer.byteLength(body));
      expect((await readAll(got.body)).toString('utf8')).toBe(body);
    });

    it('streams a multipart-sized upload from a generator with progress, and streams it back', async () => {
      const size = 12 * MiB + 12345;
      const { body, produced } = generatedBody(size, MiB);
      const progress: number[] = [];
      const ref = obj(f.bucket, 'big.bin');
      const info = await storage.putObject(ref, body, { onProgress: (n) => progress.push(n) });
      expect(produced()).toBe(size);
      expect(info.size === size || (await storage.headObject(ref)).size === size).toBe(true);
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.at(-1)).toBe(size);
      expect(progress.every((n, i) => i === 0 || n >= (progress[i - 1] ?? 0))).toBe(true);
      const got = await digestOf((await storage.getObject(ref)).body);
      expect(got).toMatchObject({ size, sha256: generatedDigest(size) });
      expect(got.chunks).toBeGreaterThan(1);
    }, 60_000);

    it('reads an inclusive byte range', async () => {
      await put(f.bucket, 'range.txt', '0123456789');
      const got = await storage.getObject(obj(f.bucket, 'range.txt'), {
        range: { start: 2, end: 5 },
      });
      expect((await readAll(got.body)).toString('utf8')).toBe('2345');
    });

    it('lists with prefix and delimiter, folding sub-folders into prefix entries', async () => {
      for (const key of ['tree/a.txt', 'tree/b.txt', 'tree/d1/x', 'tree/d1/y', 'tree/d2/z'])
        await put(f.bucket, key, key);
      const entries = await allEntries(
        storage.listObjects(f.bucket, { prefix: `${run}tree/`, delimiter: '/' }),
      );
      expect(names(entries)).toEqual(
        [
          `${run}tree/a.txt`,
          `${run}tree/b.txt`,
          `prefix:${run}tree/d1/`,
          `prefix:${run}tree/d2/`,
        ].sort(),
      );
      const file = entries.find((e) => e.kind === 'object' && e.key.endsWith('a.txt'));
      expect(file).toMatchObject({ kind: 'object', size: Buffer.byteLength('tree/a.txt') });
      const flat = await allEntries(storage.listObjects(f.bucket, { prefix: `${run}tree/` }));
      expect(flat.every((e) => e.kind === 'object')).toBe(true);
      expect(flat).toHaveLength(5);
    });

    it('pages with a small page size and resumes from each cursor without gaps or duplicates', async () => {
      const keys = Array.from({ length: 7 }, (_, i) => `pages/k${i}`);
      for (const key of keys) await put(f.bucket, key, key);
      const expected = keys.map((k) => run + k).sort();
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const listing = storage.listObjects(f.bucket, {
          prefix: `${run}pages/`,
          pageSize: 2,
          cursor,
        });
        const iterator = listing[Symbol.asyncIterator]();
        const first = await iterator.next();
        await iterator.return?.();
        if (first.done) throw new Error('a listing yields at least one page');
        expect(first.value.entries.length).toBeLessThanOrEqual(2);
        seen.push(...names(first.value.entries));
        cursor = first.value.cursor ?? undefined;
        pages++;
      } while (cursor !== undefined && pages < 20);
      expect([...seen].sort()).toEqual(expected);
      expect(pages).toBeGreaterThanOrEqual(4);
      const streamed = await allEntries(
        storage.listObjects(f.bucket, { prefix: `${run}pages/`, pageSize: 3 }),
      );
      expect(names(streamed)).toEqual(expected);
    });

    it('copies an object to another bucket of the connection', async () => {
      await storage.putObject(obj(f.bucket, 'copy/src.txt'), streamOf('copied'), {
        contentType: 'text/plain',
        metadata: { origin: 'contract' },
      });
      const info = await storage.copyObject(
        obj(f.bucket, 'copy/src.txt'),
        obj(f.otherBucket, 'copy/dst.txt'),
      );
      expect(info.key).toBe(`${run}copy/dst.txt`);
      expect(await text(f.otherBucket, 'copy/dst.txt')).toBe('copied');
      expect((await storage.headObject(obj(f.otherBucket, 'copy/dst.txt'))).metadata).toEqual({
        origin: 'contract',
      });
      expect(await text(f.bucket, 'copy/src.txt')).toBe('copied');
    });

    it('deletes a batch, counting keys already absent as deleted', async () => {
      for (const key of ['del/1', 'del/2', 'del/3']) await put(f.bucket, key, key);
      const keys = ['del/1', 'del/2', 'del/3', 'del/missing'].map((k) => ({ key: run + k }));
      const result = await storage.deleteObjects(f.bucket, keys);
      expect(result.errors).toEqual([]);
      expect([...result.deleted].sort()).toEqual(keys.map((k) => k.key).sort());
      expect(await allEntries(storage.listObjects(f.bucket, { prefix: `${run}del/` }))).toEqual([]);
      expect(await codeOf(() => storage.headObject(obj(f.bucket, 'del/1')))).toBe('not_found');
    });

    it('presigns a GET that fetch can read and a PUT that accepts an upload', async () => {
      const doFetch = f.fetch ?? ((url: string, init?: RequestInit) => fetch(url, init));
      await put(f.bucket, 'presign/get.txt', 'signed bytes');
      const before = Date.now();
      const get = await storage.presign(obj(f.bucket, 'presign/get.txt'), {
        method: 'GET',
        expiresInSeconds: 300,
      });
      const expiresAt = Date.parse(get.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 299_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 301_000);
      const response = await doFetch(get.url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('signed bytes');
      const tampered = await doFetch(get.url.replace('presign', 'presigm'));
      expect(tampered.ok).toBe(false);
      await tampered.body?.cancel();

      const putUrl = await storage.presign(obj(f.bucket, 'presign/put.txt'), {
        method: 'PUT',
        expiresInSeconds: 300,
        contentType: 'text/plain',
      });
      const upload = await doFetch(putUrl.url, {
        method: 'PUT',
        body: 'uploaded',
        headers: { 'content-type': 'text/plain', ...putUrl.headers },
      });
      expect(upload.ok).toBe(true);
      await upload.body?.cancel();
      expect(await text(f.bucket, 'presign/put.txt')).toBe('uploaded');
    });

    it('changes the storage class, as head then reports', async () => {
      const target = f.targetStorageClass ?? storage.storageClasses[1];
      if (target === undefined) throw new Error('the fixture names no second storage class');
      expect(storage.storageClasses).toContain(target);
      await put(f.bucket, 'class.txt', 'tiered');
      const info = await storage.setStorageClass(obj(f.bucket, 'class.txt'), target);
      expect(info.storageClass).toBe(target);
      expect((await storage.headObject(obj(f.bucket, 'class.txt'))).storageClass).toBe(target);
      expect(
        await codeOf(() => storage.setStorageClass(obj(f.bucket, 'class.txt'), 'NO_SUCH_CLASS')),
      ).toBe('invalid_input');
    });

    it('keeps hostile keys verbatim through put, list, get and delete', async () => {
      for (const key of f.refusedKeys ?? [])
        expect(await codeOf(() => put(f.bucket, `hostile/${key}`, key))).toBe('invalid_input');
      const accepted = HOSTILE_KEYS.filter((key) => !f.refusedKeys?.includes(key));
      for (const key of accepted) await put(f.bucket, `hostile/${key}`, key);
      const listed = await allEntries(storage.listObjects(f.bucket, { prefix: `${run}hostile/` }));
      expect(names(listed)).toEqual(accepted.map((k) => `${run}hostile/${k}`).sort());
      for (const key of accepted) {
        expect(await text(f.bucket, `hostile/${key}`)).toBe(key);
        expect((await storage.headObject(obj(f.bucket, `hostile/${key}`))).key).toBe(
          `${run}hostile/${key}`,
        );
      }
      const result = await storage.deleteObjects(
        f.bucket,
        accepted.map((k) => ({ key: `${run}hostile/${k}` })),
      );
      expect(result.errors).toEqual([]);
      expect(await allEntries(storage.listObjects(f.bucket, { prefix: `${run}hostile/` }))).toEqual(
        [],
      );
    });

    it('reports missing buckets and objects as not_found', async () => {
      const missingBucket = {
        ...f.bucket,
        bucket: `ccx-missing-${randomBytes(4).toString('hex')}`,
      };
      expect(await codeOf(() => storage.headObject(obj(f.bucket, 'nothing-here')))).toBe(
        'not_found',
      );
      expect(await codeOf(() => storage.getObject(obj(f.bucket, 'nothing-here')))).toBe(
        'not_found',
      );
      expect(
        await codeOf(() =>
          storage.copyObject(obj(f.bucket, 'nothing-here'), obj(f.otherBucket, 'x')),
        ),
      ).toBe('not_found');
      expect(await codeOf(() => storage.getBucket(missingBucket))).toBe('not_found');
      expect(await codeOf(() => allEntries(storage.listObjects(missingBucket)))).toBe('not_found');
    });

    it('keeps versions, lists them and restores an old one (where versions exist)', async () => {
      const listVersions = storage.listVersions?.bind(storage);
      const restoreVersion = storage.restoreVersion?.bind(storage);
      if (!listVersions || !restoreVersion) return;
      await storage.setVersioning?.(f.bucket, true);
      await put(f.bucket, 'versioned.txt', 'first');
      await put(f.bucket, 'versioned.txt', 'second');
      const versions = [];
      for await (const v of listVersions(f.bucket, { prefix: `${run}versioned.txt` }))
        versions.push(v);
      expect(versions).toHaveLength(2);
      expect(versions.filter((v) => v.isLatest)).toHaveLength(1);
      expect(versions.every((v) => v.key === `${run}versioned.txt` && !v.isDeleteMarker)).toBe(
        true,
      );
      const old = versions.find((v) => !v.isLatest);
      if (!old) throw new Error('no old version');
      expect(await text(f.bucket, 'versioned.txt')).toBe('second');
      await restoreVersion({ ...obj(f.bucket, 'versioned.txt'), versionId: old.versionId });
      expect(await text(f.bucket, 'versioned.txt')).toBe('first');
      const after = [];
      for await (const v of listVersions(f.bucket, { prefix: `${run}versioned.txt` }))
        after.push(v);
      expect(after).toHaveLength(3);
      const oldBody = await storage.getObject({
        ...obj(f.bucket, 'versioned.txt'),
        versionId: old.versionId,
      });
      expect((await readAll(oldBody.body)).toString('utf8')).toBe('first');
    });
  });
}
