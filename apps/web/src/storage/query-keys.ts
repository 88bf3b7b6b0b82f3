import type { BucketLocation, ObjectLocation } from '../api/storage';

/**
 * React-query keys of the storage pages, all under `storage` so a mutation can refresh what
 * it touched by prefix: a bucket's listings, or everything of one object.
 */
export const storageKeys = {
  all: ['storage'] as const,
  connections: ['storage', 'connections'] as const,
  buckets: ['storage', 'buckets'] as const,
  bucket: (where: BucketLocation) =>
    ['storage', 'bucket', where.connection, where.account, where.bucket] as const,
  objects: (where: BucketLocation, prefix: string) =>
    [...storageKeys.bucket(where), 'objects', prefix] as const,
  object: (where: ObjectLocation) =>
    [...storageKeys.bucket(where), 'object', where.key, where.versionId ?? null] as const,
  versions: (where: ObjectLocation) =>
    [...storageKeys.bucket(where), 'versions', where.key] as const,
};
