import { randomBytes } from 'node:crypto';
import { compareKeys, type KeySequence } from './key-order';
import { newBucket, type ObjectVersion, type S3Bucket } from './model';
import { noSuchBucket, S3Error } from './s3-error';

const newVersionId = () => randomBytes(24).toString('base64url');

/**
 * Every simulated bucket, in memory: buckets → keys → versions (newest first). Bucket names are
 * global, as on S3. Versioning follows S3: with it Enabled each write adds a version and a
 * delete adds a marker; Unversioned and Suspended buckets keep at most one `null` version,
 * which each write or delete replaces.
 */
export class S3State {
  private readonly buckets = new Map<string, S3Bucket>();

  bucket(name: string): S3Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  find(name: string): S3Bucket | undefined {
    return this.buckets.get(name);
  }

  /** Buckets of one account, by name. */
  bucketsOf(account: string): S3Bucket[] {
    return [...this.buckets.values()]
      .filter((b) => b.account === account)
      .sort((a, b) => compareKeys(a.name, b.name));
  }

  create(name: string, account: string, region: string, now: number): S3Bucket {
    const existing = this.buckets.get(name);
    if (existing)
      throw existing.account === account
        ? new S3Error(
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded and you already own it.',
            409,
            { BucketName: name },
          )
        : new S3Error(
            'BucketAlreadyExists',
            'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
            409,
            { BucketName: name },
          );
    const bucket = newBucket(name, account, region, now);
    this.buckets.set(name, bucket);
    return bucket;
  }

  /** Adds a bucket built elsewhere (seeding); replaces one of the same name. */
  add(bucket: S3Bucket): void {
    this.buckets.set(bucket.name, bucket);
  }

  remove(bucket: S3Bucket): void {
    const empty = bucket.objects.size === 0 && (bucket.synthetic?.length ?? 0) === 0;
    if (!empty)
      throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
        BucketName: bucket.name,
      });
    this.buckets.delete(bucket.name);
  }
}

export function keysOf(bucket: S3Bucket): KeySequence {
  if (bucket.synthetic) return bucket.synthetic;
  bucket.sortedKeys ??= [...bucket.objects.keys()].sort(compareKeys);
  const keys = bucket.sortedKeys;
  return { length: keys.length, keyAt: (i) => keys[i] as string };
}

/** Versions of a key, newest first (empty when the key never existed). */
export function versionsOf(bucket: S3Bucket, key: string): readonly ObjectVersion[] {
  const stored = bucket.objects.get(key);
  if (stored) return stored;
  const index = bucket.synthetic?.indexOf(key) ?? -1;
  return index >= 0 && bucket.synthetic ? [bucket.synthetic.versionAt(index)] : [];
}

export function versionsAt(
  bucket: S3Bucket,
  keys: KeySequence,
  index: number,
): readonly ObjectVersion[] {
  return bucket.synthetic
    ? [bucket.synthetic.versionAt(index)]
    : versionsOf(bucket, keys.keyAt(index));
}

/** The current version (possibly a delete marker), or a named one; undefined when absent. */
export function findVersion(
  bucket: S3Bucket,
  key: string,
  versionId?: string,
): ObjectVersion | undefined {
  const versions = versionsOf(bucket, key);
  if (versionId === undefined) return versions[0];
  return versions.find((v) => v.versionId === versionId);
}

function store(bucket: S3Bucket, key: string, versions: ObjectVersion[]): void {
  if (versions.length === 0) {
    if (bucket.objects.delete(key)) bucket.sortedKeys = null;
    return;
  }
  if (!bucket.objects.has(key)) bucket.sortedKeys = null;
  bucket.objects.set(key, versions);
}

/** Writes a new current version; returns it with the version id S3 would assign. */
export function putVersion(
  bucket: S3Bucket,
  version: Omit<ObjectVersion, 'versionId'>,
): ObjectVersion {
  if (bucket.synthetic)
    throw new S3Error('AccessDenied', 'This sandbox bucket is synthetic and read-only.', 403);
  const versionId = bucket.versioning === 'Enabled' ? newVersionId() : 'null';
  const written: ObjectVersion = { ...version, versionId };
  const existing = bucket.objects.get(version.key) ?? [];
  const older =
    bucket.versioning === 'Enabled'
      ? existing
      : bucket.versioning === 'Suspended'
        ? existing.filter((v) => v.versionId !== 'null')
        : [];
  store(bucket, version.key, [written, ...older]);
  return written;
}

export interface DeleteOutcome {
  versionId: string | null;
  deleteMarker: boolean;
}

/**
 * DeleteObject: without a version id it hides the key behind a delete marker when versioning
 * is on (Enabled or Suspended) and removes it otherwise; with one it removes that version for
 * good. Deleting what is not there succeeds, as on S3.
 */
export function deleteVersion(
  bucket: S3Bucket,
  key: string,
  versionId: string | undefined,
  now: number,
): DeleteOutcome {
  if (bucket.synthetic && versionsOf(bucket, key).length > 0)
    throw new S3Error('AccessDenied', 'This sandbox bucket is synthetic and read-only.', 403);
  const versions = bucket.objects.get(key) ?? [];
  if (versionId !== undefined) {
    const target = versions.find((v) => v.versionId === versionId);
    store(
      bucket,
      key,
      versions.filter((v) => v !== target),
    );
    return { versionId, deleteMarker: target?.deleteMarker ?? false };
  }
  if (bucket.versioning === 'Unversioned') {
    store(bucket, key, []);
    return { versionId: null, deleteMarker: false };
  }
  const marker = putVersion(bucket, {
    key,
    deleteMarker: true,
    lastModified: now,
    size: 0,
    etag: '',
    storageClass: 'STANDARD',
    contentType: '',
    metadata: {},
    tags: {},
    checksum: null,
    body: () => Buffer.alloc(0),
  });
  return { versionId: marker.versionId, deleteMarker: true };
}
