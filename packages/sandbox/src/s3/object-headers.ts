import type { IncomingHttpHeaders } from 'node:http';
import { isStorageClass, type ObjectVersion, type StorageClass } from './model';
import { S3Error } from './s3-error';

/** `x-amz-meta-*` headers → user metadata (names lower-cased, as S3 stores them). */
export function metadataFrom(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined)
      metadata[name.slice(11)] = Array.isArray(value) ? value.join(',') : value;
  }
  if (Buffer.byteLength(JSON.stringify(metadata)) > 2048)
    throw new S3Error(
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size.',
      400,
    );
  return metadata;
}

export function storageClassFrom(
  value: string | undefined,
  fallback: StorageClass = 'STANDARD',
): StorageClass {
  if (value === undefined || value === '') return fallback;
  if (!isStorageClass(value))
    throw new S3Error('InvalidStorageClass', 'The storage class you specified is not valid', 400, {
      StorageClassRequested: value,
    });
  return value;
}

/** The headers GetObject and HeadObject describe an object with. */
export function objectHeaders(v: ObjectVersion, withChecksum: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': v.contentType,
    etag: v.etag,
    'last-modified': new Date(v.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  if (v.storageClass !== 'STANDARD') headers['x-amz-storage-class'] = v.storageClass;
  if (v.versionId !== 'null') headers['x-amz-version-id'] = v.versionId;
  const tagCount = Object.keys(v.tags).length;
  if (tagCount > 0) headers['x-amz-tagging-count'] = String(tagCount);
  for (const [name, value] of Object.entries(v.metadata)) headers[`x-amz-meta-${name}`] = value;
  // A multipart object's checksum would be a composite; the sandbox reports whole-object ones only.
  if (withChecksum && v.checksum && !v.etag.includes('-')) {
    headers[`x-amz-checksum-${v.checksum.algorithm}`] = v.checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  return headers;
}
