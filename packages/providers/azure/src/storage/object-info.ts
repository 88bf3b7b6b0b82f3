import type { BlobGetPropertiesResponse, BlobItem } from '@azure/storage-blob';
import type { ObjectEntry, ObjectInfo } from '@ccx/core';

/** The subset of blob properties headers that download and HEAD responses share. */
type BlobHeaders = Pick<
  BlobGetPropertiesResponse,
  | 'contentLength'
  | 'lastModified'
  | 'etag'
  | 'contentType'
  | 'accessTier'
  | 'versionId'
  | 'metadata'
  | 'lastAccessed'
  | 'isServerEncrypted'
  | 'encryptionScope'
  | 'encryptionKeySha256'
>;

/**
 * How the blob is encrypted at rest: with a customer-provided key, an encryption scope, or
 * Microsoft-managed keys (the default, always on). Null only when the service does not say.
 */
function encryptionOf(headers: BlobHeaders): string | null {
  if (headers.encryptionKeySha256) return 'customer-provided';
  if (headers.encryptionScope) return `scope:${headers.encryptionScope}`;
  return headers.isServerEncrypted ? 'microsoft-managed' : null;
}

export function objectInfo(
  key: string,
  headers: BlobHeaders,
  tags: Record<string, string>,
  size = headers.contentLength ?? 0,
): ObjectInfo {
  return {
    key,
    size,
    lastModified: (headers.lastModified ?? new Date(0)).toISOString(),
    etag: headers.etag ?? null,
    contentType: headers.contentType ?? null,
    storageClass: headers.accessTier ?? null,
    versionId: headers.versionId ?? null,
    metadata: { ...headers.metadata },
    tags,
    lastAccessedAt: headers.lastAccessed?.toISOString() ?? null,
    encryption: encryptionOf(headers),
  };
}

export function objectEntry(item: BlobItem): ObjectEntry {
  return {
    kind: 'object',
    key: item.name,
    size: item.properties.contentLength ?? 0,
    lastModified: item.properties.lastModified.toISOString(),
    etag: item.properties.etag ?? null,
    storageClass: item.properties.accessTier ?? null,
    lastAccessedAt: item.properties.lastAccessedOn?.toISOString() ?? null,
  };
}

/** `bytes 0-9/100` → 100: a ranged download reports the whole object's size here. */
export function totalSizeFromRange(contentRange: string | undefined): number | null {
  const total = contentRange ? /\/(\d+)$/.exec(contentRange)?.[1] : undefined;
  return total === undefined ? null : Number(total);
}
