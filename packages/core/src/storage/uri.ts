import type { ProviderId } from '../model/resource';

/** `s3://bucket/key`, `gs://bucket/key`, `az://account/container/key`. */
export const STORAGE_SCHEMES = { s3: 'aws', gs: 'gcp', az: 'azure' } as const satisfies Record<
  string,
  ProviderId
>;
export type StorageScheme = keyof typeof STORAGE_SCHEMES;

/**
 * A parsed cloud storage URI. `bucket` is null for a scheme root (`s3://`: list buckets);
 * `account` is set only for Azure, whose containers live in a storage account; `key` is ''
 * for a bucket root and may end in `/` (a prefix).
 */
export interface StorageUri {
  scheme: StorageScheme;
  provider: ProviderId;
  account: string | null;
  bucket: string | null;
  key: string;
}

export class StorageUriError extends Error {
  override readonly name = 'StorageUriError';
}

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const GCS_BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;
const AZURE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const AZURE_CONTAINER = /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/;
const MAX_KEY_BYTES = 1024;

function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    throw new StorageUriError(`object key is longer than ${MAX_KEY_BYTES} bytes`);
  // Control characters are legal in S3 keys but never typed on purpose; refusing them here
  // keeps them out of terminals, logs and file names.
  if ([...key].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    throw new StorageUriError('object key contains a control character');
}

/** True for `s3://…`, `gs://…` and `az://…`; anything else is a local path. */
export function isStorageUri(value: string): boolean {
  return /^(s3|gs|az):\/\//.test(value);
}

/**
 * Parses a storage URI strictly: bucket and account names follow each provider's naming rules,
 * so a typo is reported here rather than as a provider error later. The key is taken verbatim
 * (no percent-decoding, no `..` resolution: object keys are names, not paths).
 */
export function parseStorageUri(value: string): StorageUri {
  const match = /^(s3|gs|az):\/\/(.*)$/s.exec(value);
  if (!match) throw new StorageUriError(`not a storage URI: expected s3://, gs:// or az://`);
  const scheme = match[1] as StorageScheme;
  const rest = match[2] ?? '';
  const provider = STORAGE_SCHEMES[scheme];
  if (rest === '') return { scheme, provider, account: null, bucket: null, key: '' };
  const parts = rest.split('/');
  if (scheme === 'az') {
    const [account = '', container = '', ...keyParts] = parts;
    if (!AZURE_ACCOUNT.test(account))
      throw new StorageUriError(`"${account}" is not an Azure storage account name`);
    if (container === '' && keyParts.length === 0)
      return { scheme, provider, account, bucket: null, key: '' };
    if (!AZURE_CONTAINER.test(container))
      throw new StorageUriError(`"${container}" is not an Azure container name`);
    const key = keyParts.join('/');
    checkKey(key);
    return { scheme, provider, account, bucket: container, key };
  }
  const [bucket = '', ...keyParts] = parts;
  const pattern = scheme === 's3' ? S3_BUCKET : GCS_BUCKET;
  if (!pattern.test(bucket) || bucket.includes('..'))
    throw new StorageUriError(
      `"${bucket}" is not a valid ${scheme === 's3' ? 'S3' : 'GCS'} bucket name`,
    );
  const key = keyParts.join('/');
  checkKey(key);
  return { scheme, provider, account: null, bucket, key };
}

/** The URI of an object (or prefix) in a provider's bucket; the inverse of `parseStorageUri`. */
export function formatStorageUri(
  provider: ProviderId,
  location: { account?: string | null; bucket: string; key?: string },
): string {
  const key = location.key ?? '';
  switch (provider) {
    case 'aws':
      return `s3://${location.bucket}/${key}`;
    case 'gcp':
      return `gs://${location.bucket}/${key}`;
    case 'azure':
      return `az://${location.account ?? ''}/${location.bucket}/${key}`;
    case 'auth0':
    case 'entra':
      throw new StorageUriError(`${provider} has no object storage`);
  }
}
