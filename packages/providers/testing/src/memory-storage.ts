import { randomBytes } from 'node:crypto';
import {
  invalidInput,
  notFound,
  type Bucket,
  type BucketRef,
  type ByteStream,
  type DeleteResult,
  type ObjectInfo,
  type ObjectPage,
  type ObjectRef,
  type ObjectStorage,
  type ObjectVersion,
  type ProviderId,
} from '@ccx/core';
import { compareKeys, listPage } from './memory-listing';
import {
  currentVersion,
  etagOf,
  toInfo,
  toVersion,
  writeVersion,
  type StoredBucket,
  type StoredVersion,
} from './memory-objects';
import { MAX_PRESIGN_SECONDS, signUrl, verifyUrl } from './memory-presign';

export const MEMORY_STORAGE_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
] as const;

export interface MemoryStorageOptions {
  /** Connection name carried in every BucketRef; default `memory`. */
  connection?: string;
  /** Provider the buckets claim to belong to; default `aws`. */
  provider?: ProviderId;
  /** Accounts reported even when they hold no bucket. */
  accounts?: string[];
  /** The first is the default class of new objects. */
  storageClasses?: readonly string[];
  /** Clock for timestamps and presign expiry; default the real one. */
  now?: () => Date;
  /** Chunk size of downloads, so consumers see a stream of several chunks. */
  chunkSize?: number;
}

/** A bucket to create: the ref plus any posture settings that differ from the defaults. */
export type MemoryBucketInit = Pick<BucketRef, 'account' | 'bucket'> &
  Partial<Omit<Bucket, 'connection' | 'account' | 'bucket' | 'provider'>>;

export interface MemoryObjectInit {
  key: string;
  body: string | Uint8Array;
  contentType?: string;
  metadata?: Record<string, string>;
  tags?: Record<string, string>;
  storageClass?: string;
  lastModified?: string;
  lastAccessedAt?: string;
}

/**
 * The core `ObjectStorage` held in memory, with the semantics of S3: listing in UTF-8 byte
 * order with folded prefixes, `null` versions until versioning is enabled, delete markers,
 * idempotent deletes, and presigned URLs that can be fetched through `fetch` below.
 */
export interface MemoryStorage
  extends
    Omit<ObjectStorage, 'setVersioning' | 'listVersions' | 'restoreVersion'>,
    Required<Pick<ObjectStorage, 'setVersioning' | 'listVersions' | 'restoreVersion'>> {
  readonly connection: string;
  addBucket(init: MemoryBucketInit): BucketRef;
  addObject(ref: BucketRef, init: MemoryObjectInit): ObjectInfo;
  /**
   * `fetch` that also serves this storage's `memory://` presigned URLs (GET returns the bytes,
   * PUT stores the body), answering 403 for a tampered or expired URL; other URLs go to the
   * global fetch.
   */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
}

export function createMemoryStorage(options: MemoryStorageOptions = {}): MemoryStorage {
  const connection = options.connection ?? 'memory';
  const provider = options.provider ?? 'aws';
  const storageClasses = options.storageClasses ?? MEMORY_STORAGE_CLASSES;
  const defaultClass = storageClasses[0] ?? 'STANDARD';
  const now = options.now ?? (() => new Date());
  const chunkSize = options.chunkSize ?? 64 * 1024;
  const secret = randomBytes(32);
  const buckets = new Map<string, StoredBucket>();
  const id = (account: string, bucket: string): string => `${account}\u0000${bucket}`;

  function bucketOf(ref: Pick<BucketRef, 'account' | 'bucket'>): StoredBucket {
    const stored = buckets.get(id(ref.account, ref.bucket));
    if (!stored) throw notFound(`Bucket ${ref.bucket}`);
    return stored;
  }

  function checkKey(key: string): void {
    if (key === '') throw invalidInput('An object key cannot be empty');
    if (Buffer.byteLength(key, 'utf8') > 1024)
      throw invalidInput('An object key is at most 1024 bytes');
  }

  function checkClass(storageClass: string): void {
    if (!storageClasses.includes(storageClass))
      throw invalidInput(`Unknown storage class`, { storageClass, allowed: storageClasses });
  }

  function versionOf(ref: ObjectRef): StoredVersion {
    const bucket = bucketOf(ref);
    const version =
      ref.versionId === undefined
        ? currentVersion(bucket, ref.key)
        : bucket.objects.get(ref.key)?.find((v) => v.versionId === ref.versionId);
    if (!version || version.deleteMarker) throw notFound(`Object ${ref.key}`);
    return version;
  }

  function snapshot(stored: StoredBucket): Bucket {
    return structuredClone({ ...stored.posture, versioning: stored.versioning });
  }

  function put(
    ref: ObjectRef,
    body: Uint8Array,
    init: Omit<MemoryObjectInit, 'key' | 'body'>,
  ): ObjectInfo {
    checkKey(ref.key);
    const bucket = bucketOf(ref);
    const storageClass = init.storageClass ?? defaultClass;
    checkClass(storageClass);
    const version = writeVersion(bucket, ref.key, {
      deleteMarker: false,
      body,
      contentType: init.contentType ?? 'application/octet-stream',
      metadata: { ...init.metadata },
      tags: { ...init.tags },
      storageClass,
      lastModified: init.lastModified ?? now().toISOString(),
      lastAccessedAt: init.lastAccessedAt ?? null,
      etag: etagOf(body),
    });
    return toInfo(ref.key, version);
  }

  async function* chunks(body: Uint8Array): ByteStream {
    for (let offset = 0; offset < body.byteLength; offset += chunkSize) {
      yield body.slice(offset, Math.min(offset + chunkSize, body.byteLength));
      await Promise.resolve();
    }
  }

  async function collect(
    body: ByteStream,
    options: { onProgress?: (n: number) => void; signal?: AbortSignal },
  ): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let sent = 0;
    for await (const chunk of body) {
      options.signal?.throwIfAborted();
      parts.push(chunk);
      sent += chunk.byteLength;
      options.onProgress?.(sent);
    }
    options.signal?.throwIfAborted();
    if (sent === 0) options.onProgress?.(0);
    return Buffer.concat(parts);
  }

  const storage: MemoryStorage = {
    connection,
    storageClasses,

    addBucket(init) {
      const { account, bucket, versioning, ...settings } = init;
      const key = id(account, bucket);
      if (buckets.has(key)) throw new Error(`bucket ${bucket} already exists`);
      const posture: Bucket = {
        connection,
        account,
        bucket,
        provider,
        region: 'us-east-1',
        createdAt: now().toISOString(),
        tags: {},
        versioning: 'disabled',
        encryption: { enabled: true, algorithm: 'AES256', keyId: null },
        publicAccess: { public: false, reasons: [], blockPublicAccess: true },
        logging: { enabled: false, target: null },
        lifecycle: { rules: [] },
        attributes: {},
        ...settings,
      };
      const state =
        versioning === 'enabled' || versioning === 'suspended' ? versioning : 'disabled';
      buckets.set(key, { posture, versioning: state, objects: new Map() });
      return { connection, account, bucket };
    },

    addObject(ref, init) {
      const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : init.body;
      return put({ ...ref, key: init.key }, Uint8Array.from(body), init);
    },

    fetch: (input, init) => fetchPresigned(input, init),

    accounts() {
      const accounts = new Set(options.accounts ?? []);
      for (const stored of buckets.values()) accounts.add(stored.posture.account);
      return Promise.resolve([...accounts].sort());
    },

    async *listBuckets(account, listOptions) {
      const names = [...buckets.values()]
        .filter((stored) => stored.posture.account === account)
        .sort((a, b) => compareKeys(a.posture.bucket, b.posture.bucket));
      for (const stored of names) {
        listOptions?.signal?.throwIfAborted();
        yield snapshot(stored);
        await Promise.resolve();
      }
    },

    getBucket(ref) {
      return Promise.resolve().then(() => snapshot(bucketOf(ref)));
    },

    async *listObjects(ref, listOptions = {}): AsyncIterable<ObjectPage> {
      const pageSize = listOptions.pageSize ?? 1000;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
        throw invalidInput('pageSize must be an integer from 1 to 1000');
      let cursor = listOptions.cursor;
      for (;;) {
        listOptions.signal?.throwIfAborted();
        const bucket = bucketOf(ref);
        const objects = [...bucket.objects.keys()]
          .flatMap((key) => {
            const version = currentVersion(bucket, key);
            if (!version) return [];
            const { size, lastModified, etag, storageClass } = toInfo(key, version);
            return [{ key, size, lastModified, etag, storageClass }];
          })
          .sort((a, b) => compareKeys(a.key, b.key));
        const page = listPage(objects, {
          prefix: listOptions.prefix ?? '',
          delimiter: listOptions.delimiter || undefined,
          cursor,
          pageSize,
        });
        yield page;
        if (page.cursor === null) return;
        await Promise.resolve();
        cursor = page.cursor;
      }
    },

    headObject(ref) {
      return Promise.resolve().then(() => toInfo(ref.key, versionOf(ref)));
    },

    async getObject(ref, getOptions = {}) {
      await Promise.resolve();
      const version = versionOf(ref);
      let body = version.body;
      const range = getOptions.range;
      if (range) {
        if (
          !Number.isInteger(range.start) ||
          !Number.isInteger(range.end) ||
          range.start < 0 ||
          range.end < range.start ||
          range.start >= body.byteLength
        )
          throw invalidInput('The byte range is not satisfiable', { size: body.byteLength });
        body = body.subarray(range.start, Math.min(range.end + 1, body.byteLength));
      }
      version.lastAccessedAt = now().toISOString();
      return { info: toInfo(ref.key, version), body: chunks(body) };
    },

    async putObject(ref, body, putOptions = {}) {
      bucketOf(ref);
      checkKey(ref.key);
      const bytes = await collect(body, putOptions);
      return put(ref, bytes, putOptions);
    },

    async copyObject(source, target) {
      await Promise.resolve();
      const version = versionOf(source);
      return put(target, version.body, {
        contentType: version.contentType ?? undefined,
        metadata: version.metadata,
        tags: version.tags,
      });
    },

    async deleteObjects(ref, keys): Promise<DeleteResult> {
      await Promise.resolve();
      const bucket = bucketOf(ref);
      const result: DeleteResult = { deleted: [], errors: [] };
      for (const { key, versionId } of keys) {
        const versions = bucket.objects.get(key) ?? [];
        if (versionId !== undefined) {
          bucket.objects.set(
            key,
            versions.filter((v) => v.versionId !== versionId),
          );
        } else if (bucket.versioning === 'disabled') {
          bucket.objects.delete(key);
        } else if (versions.length > 0) {
          writeVersion(bucket, key, {
            deleteMarker: true,
            body: new Uint8Array(),
            contentType: null,
            metadata: {},
            tags: {},
            storageClass: defaultClass,
            lastModified: now().toISOString(),
            lastAccessedAt: null,
            etag: etagOf(new Uint8Array()),
          });
        }
        if (bucket.objects.get(key)?.length === 0) bucket.objects.delete(key);
        result.deleted.push(key);
      }
      return result;
    },

    async presign(ref, presignOptions) {
      await Promise.resolve();
      const seconds = presignOptions.expiresInSeconds;
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS)
        throw invalidInput(`expiresInSeconds must be from 1 to ${MAX_PRESIGN_SECONDS}`);
      bucketOf(ref);
      checkKey(ref.key);
      if (presignOptions.method === 'GET') versionOf(ref);
      const expires = Math.floor(now().getTime() / 1000) + seconds;
      const url = signUrl(secret, connection, {
        method: presignOptions.method,
        account: ref.account,
        bucket: ref.bucket,
        key: ref.key,
        versionId: ref.versionId,
        expires,
        contentType: presignOptions.method === 'PUT' ? presignOptions.contentType : undefined,
      });
      return { url, expiresAt: new Date(expires * 1000).toISOString() };
    },

    async setStorageClass(ref, storageClass) {
      await Promise.resolve();
      checkClass(storageClass);
      const version = versionOf(ref);
      return put({ ...ref, versionId: undefined }, version.body, {
        contentType: version.contentType ?? undefined,
        metadata: version.metadata,
        tags: version.tags,
        storageClass,
      });
    },

    async setVersioning(ref, enabled) {
      await Promise.resolve();
      bucketOf(ref).versioning = enabled ? 'enabled' : 'suspended';
    },

    async *listVersions(ref, versionOptions = {}): AsyncIterable<ObjectVersion> {
      const bucket = bucketOf(ref);
      const prefix = versionOptions.prefix ?? '';
      const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix)).sort(compareKeys);
      for (const key of keys) {
        const versions = bucket.objects.get(key) ?? [];
        for (let i = versions.length - 1; i >= 0; i--) {
          versionOptions.signal?.throwIfAborted();
          const version = versions[i];
          if (version) yield toVersion(key, version, i === versions.length - 1);
        }
        await Promise.resolve();
      }
    },

    async restoreVersion(ref) {
      await Promise.resolve();
      const version = versionOf(ref);
      return put({ ...ref, versionId: undefined }, version.body, {
        contentType: version.contentType ?? undefined,
        metadata: version.metadata,
        tags: version.tags,
        storageClass: version.storageClass,
      });
    },
  };

  async function fetchPresigned(input: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = String(input);
    if (!url.startsWith('memory:')) return fetch(input, init);
    const method = (init.method ?? 'GET').toUpperCase();
    try {
      const claims = verifyUrl(secret, connection, url, now());
      if (claims.method !== method) return new Response('Method not signed', { status: 403 });
      const ref = { connection, account: claims.account, bucket: claims.bucket, key: claims.key };
      if (method === 'GET') {
        const { info, body } = await storage.getObject({ ...ref, versionId: claims.versionId });
        return new Response(await collect(body, {}), {
          status: 200,
          headers: {
            'content-type': info.contentType ?? 'application/octet-stream',
            etag: info.etag ?? '',
          },
        });
      }
      const contentType = new Headers(init.headers).get('content-type') ?? undefined;
      if (claims.contentType !== undefined && claims.contentType !== contentType)
        return new Response('Content-Type not signed', { status: 403 });
      const bytes = new Uint8Array(await new Response(init.body ?? null).arrayBuffer());
      const info = put(ref, bytes, { contentType });
      return new Response(null, { status: 200, headers: { etag: info.etag ?? '' } });
    } catch (error) {
      const code = (error as { code?: string }).code;
      const status = code === 'forbidden' ? 403 : code === 'not_found' ? 404 : 400;
      return new Response(error instanceof Error ? error.message : 'Bad request', { status });
    }
  }

  return storage;
}
