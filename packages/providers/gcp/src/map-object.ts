import type { ObjectEntry, ObjectInfo, ObjectVersion } from '@ccx/core';

/** The fields of a GCS object resource this module reads. */
export interface ObjectMetadata {
  name?: string;
  size?: string | number;
  updated?: string;
  timeDeleted?: string;
  etag?: string;
  md5Hash?: string;
  contentType?: string;
  storageClass?: string;
  generation?: string | number;
  kmsKeyName?: string;
  customerEncryption?: unknown;
  metadata?: Record<string, unknown>;
}

function stringMetadata(metadata: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (value !== null && value !== undefined)
      out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

export function mapObjectInfo(metadata: ObjectMetadata): ObjectInfo {
  return {
    key: metadata.name ?? '',
    size: Number(metadata.size ?? 0),
    lastModified: metadata.updated ?? '',
    etag: metadata.etag ?? metadata.md5Hash ?? null,
    contentType: metadata.contentType ?? null,
    storageClass: metadata.storageClass ?? null,
    versionId: metadata.generation === undefined ? null : String(metadata.generation),
    metadata: stringMetadata(metadata.metadata),
    tags: {},
    lastAccessedAt: null,
    encryption: metadata.kmsKeyName
      ? 'cloud-kms'
      : metadata.customerEncryption
        ? 'customer-supplied'
        : 'google-managed',
  };
}

export function mapObjectEntry(metadata: ObjectMetadata): ObjectEntry {
  return {
    kind: 'object',
    key: metadata.name ?? '',
    size: Number(metadata.size ?? 0),
    lastModified: metadata.updated ?? '',
    etag: metadata.etag ?? metadata.md5Hash ?? null,
    storageClass: metadata.storageClass ?? null,
  };
}

/** A live generation has no `timeDeleted`; GCS has no delete markers. */
export function mapObjectVersion(metadata: ObjectMetadata): ObjectVersion {
  return {
    key: metadata.name ?? '',
    versionId: String(metadata.generation ?? ''),
    isLatest: metadata.timeDeleted === undefined,
    isDeleteMarker: false,
    size: Number(metadata.size ?? 0),
    lastModified: metadata.updated ?? '',
    storageClass: metadata.storageClass ?? null,
  };
}
