import { CcxError, type BucketRef, type ObjectRef } from '@ccx/core';
import type { Bucket as GcsBucket, File, Storage } from '@google-cloud/storage';
import type { StorageClients } from './clients';

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/**
 * Bucket names and object keys arrive from users: checked against GCS's own rules before
 * they reach a URL, so a hostile key is refused as invalid input rather than sent.
 */
export function checkBucketName(name: string): string {
  if (!BUCKET_NAME.test(name) || name.includes('..'))
    throw new CcxError('invalid_input', 'Not a valid GCS bucket name', {
      details: { bucket: name.slice(0, 80) },
    });
  return name;
}

export function checkObjectKey(key: string): string {
  if (
    key === '' ||
    key === '.' ||
    key === '..' ||
    Buffer.byteLength(key) > 1024 ||
    /[\r\n]/.test(key)
  )
    throw new CcxError(
      'invalid_input',
      'Not a valid GCS object name (1–1024 bytes, no CR/LF, not . or ..)',
    );
  return key;
}

export function checkGeneration(versionId: string): number {
  if (!/^\d{1,19}$/.test(versionId))
    throw new CcxError('invalid_input', 'A GCS version id is an object generation (digits)');
  return Number(versionId);
}

export function bucketOf(clients: StorageClients, ref: BucketRef): GcsBucket {
  const storage: Storage = clients.forProject(ref.account);
  return storage.bucket(checkBucketName(ref.bucket));
}

/** The object, pinned to `versionId`'s generation when one is given. */
export function fileOf(clients: StorageClients, ref: ObjectRef): File {
  const key = checkObjectKey(ref.key);
  const bucket = bucketOf(clients, ref);
  return ref.versionId === undefined
    ? bucket.file(key)
    : bucket.file(key, { generation: checkGeneration(ref.versionId) });
}
