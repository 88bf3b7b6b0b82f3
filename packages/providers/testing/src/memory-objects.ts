import { createHash, randomBytes } from 'node:crypto';
import type { Bucket, ObjectInfo, ObjectVersion, VersioningState } from '@ccx/core';

/**
 * The state of the in-memory storage: buckets holding, per key, the versions of that key
 * (oldest first). A bucket that never had versioning enabled keeps one version per key with
 * the id `null`, as S3 does; `ObjectInfo.versionId` reports that as null.
 */
export interface StoredVersion {
  versionId: string;
  deleteMarker: boolean;
  body: Uint8Array;
  contentType: string | null;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  storageClass: string;
  lastModified: string;
  lastAccessedAt: string | null;
  etag: string;
}

export interface StoredBucket {
  posture: Bucket;
  versioning: Exclude<VersioningState, 'unsupported'>;
  objects: Map<string, StoredVersion[]>;
}

export const NULL_VERSION = 'null';

export function etagOf(body: Uint8Array): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

export function newVersionId(): string {
  return randomBytes(16).toString('base64url');
}

/** The current version of a key, or undefined when absent or deleted (a delete marker on top). */
export function currentVersion(bucket: StoredBucket, key: string): StoredVersion | undefined {
  const top = bucket.objects.get(key)?.at(-1);
  return top === undefined || top.deleteMarker ? undefined : top;
}

/**
 * Adds `version` on top of `key`. With versioning enabled it is kept beside the older ones;
 * otherwise it replaces the `null` version, which is how S3 treats unversioned and suspended
 * buckets.
 */
export function writeVersion(
  bucket: StoredBucket,
  key: string,
  version: Omit<StoredVersion, 'versionId'>,
): StoredVersion {
  const versions = bucket.objects.get(key) ?? [];
  const versionId = bucket.versioning === 'enabled' ? newVersionId() : NULL_VERSION;
  const kept = versions.filter((v) => v.versionId !== versionId);
  const stored = { ...version, versionId };
  kept.push(stored);
  bucket.objects.set(key, kept);
  return stored;
}

export function toInfo(key: string, version: StoredVersion): ObjectInfo {
  return {
    key,
    size: version.body.byteLength,
    lastModified: version.lastModified,
    etag: version.etag,
    contentType: version.contentType,
    storageClass: version.storageClass,
    versionId: version.versionId === NULL_VERSION ? null : version.versionId,
    metadata: { ...version.metadata },
    tags: { ...version.tags },
    lastAccessedAt: version.lastAccessedAt,
    encryption: 'AES256',
  };
}

export function toVersion(key: string, version: StoredVersion, isLatest: boolean): ObjectVersion {
  return {
    key,
    versionId: version.versionId,
    isLatest,
    isDeleteMarker: version.deleteMarker,
    size: version.body.byteLength,
    lastModified: version.lastModified,
    storageClass: version.deleteMarker ? null : version.storageClass,
  };
}
