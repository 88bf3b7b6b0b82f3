import type { StoredChecksum } from './payload';

/** S3's storage classes the sandbox knows; GLACIER and DEEP_ARCHIVE need a restore to read. */
export const STORAGE_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
  'REDUCED_REDUNDANCY',
] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

export const isStorageClass = (value: string): value is StorageClass =>
  (STORAGE_CLASSES as readonly string[]).includes(value);

export const ARCHIVED_CLASSES: ReadonlySet<string> = new Set(['GLACIER', 'DEEP_ARCHIVE']);

/** One version of a key: an object, or a delete marker (no body). */
export interface ObjectVersion {
  key: string;
  /** `null` (the string) for objects written while versioning was off or suspended. */
  versionId: string;
  deleteMarker: boolean;
  lastModified: number;
  size: number;
  /** Quoted, as on the wire: `"<md5>"` or `"<md5-of-md5s>-<parts>"`. */
  etag: string;
  storageClass: StorageClass;
  contentType: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  checksum: StoredChecksum | null;
  /** The bytes; seeded objects generate theirs on first read. Large ones throw: see readRange. */
  body: () => Buffer;
  /** Large seeded objects: a range of the bytes, so reads stream them and nothing holds them. */
  readRange?: (start: number, endInclusive: number) => Buffer;
}

export type VersioningStatus = 'Unversioned' | 'Enabled' | 'Suspended';

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface LifecycleRule {
  id: string;
  transitionDays?: number;
  storageClass?: string;
  expireDays?: number;
}

export interface MultipartPart {
  partNumber: number;
  etag: string;
  data: Buffer;
  checksum: StoredChecksum | null;
  lastModified: number;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: number;
  storageClass: StorageClass;
  contentType: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  checksumAlgorithm: string | null;
  parts: Map<number, MultipartPart>;
}

/**
 * A bucket's computed contents (benchmarks): keys, sizes and bodies are functions of an index,
 * so a million objects cost nothing until a page of them is listed.
 */
export interface SyntheticContents {
  readonly length: number;
  keyAt(index: number): string;
  versionAt(index: number): ObjectVersion;
  /** Index of `key`, or -1. */
  indexOf(key: string): number;
}

export interface S3Bucket {
  name: string;
  account: string;
  region: string;
  createdAt: number;
  versioning: VersioningStatus;
  /** Versions of each key, newest first. */
  objects: Map<string, ObjectVersion[]>;
  /** Sorted keys of `objects`, rebuilt lazily after a key is added or removed. */
  sortedKeys: string[] | null;
  synthetic: SyntheticContents | null;
  tags: Record<string, string> | null;
  policy: string | null;
  publicAccessBlock: PublicAccessBlock | null;
  encryption: 'AES256' | 'aws:kms' | null;
  logging: { targetBucket: string; targetPrefix: string } | null;
  lifecycle: LifecycleRule[] | null;
  uploads: Map<string, MultipartUpload>;
}

export function newBucket(
  name: string,
  account: string,
  region: string,
  createdAt: number,
): S3Bucket {
  return {
    name,
    account,
    region,
    createdAt,
    versioning: 'Unversioned',
    objects: new Map(),
    sortedKeys: null,
    synthetic: null,
    tags: null,
    policy: null,
    publicAccessBlock: null,
    encryption: null,
    logging: null,
    lifecycle: null,
    uploads: new Map(),
  };
}
