import { compareKeys, seek, seekPastPrefix, type KeySequence } from './key-order';
import { invalidArgument } from './s3-error';

export type ListEntry =
  { kind: 'key'; index: number; key: string } | { kind: 'prefix'; prefix: string };

export interface WalkInput {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  /** Resume strictly after this key, or past every key under it when `afterPrefix`. */
  after: { key: string; afterPrefix: boolean; inclusive?: boolean } | null;
}

export interface WalkResult {
  entries: ListEntry[];
  truncated: boolean;
}

/**
 * The listing walk shared by ListObjects, ListObjectsV2 and ListObjectVersions: from a start
 * position in key order, collect keys under `prefix`, rolling keys that contain `delimiter`
 * after the prefix into one common prefix and jumping past the rest of them by binary search.
 * The work is O(page · log n) for any bucket, which is what lets a synthetic bucket of a
 * million keys list page by page. `include` skips keys that have no current object.
 */
export function walkKeys(
  keys: KeySequence,
  input: WalkInput,
  include: (index: number) => boolean,
): WalkResult {
  const { prefix, delimiter, maxKeys, after } = input;
  let i = seek(keys, prefix, true);
  if (after)
    i = Math.max(
      i,
      after.afterPrefix ? seekPastPrefix(keys, after.key) : seek(keys, after.key, after.inclusive),
    );
  const entries: ListEntry[] = [];
  while (i < keys.length) {
    const key = keys.keyAt(i);
    if (!key.startsWith(prefix)) {
      if (compareKeys(key, prefix) > 0) break;
      i++;
      continue;
    }
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const common = key.slice(0, cut + delimiter.length);
      if (entries.length >= maxKeys) return { entries, truncated: true };
      entries.push({ kind: 'prefix', prefix: common });
      i = seekPastPrefix(keys, common);
      continue;
    }
    if (include(i)) {
      if (entries.length >= maxKeys) return { entries, truncated: true };
      entries.push({ kind: 'key', index: i, key });
    }
    i++;
  }
  return { entries, truncated: false };
}

/** Continuation tokens are opaque to clients; here they name the last entry returned. */
export function encodeToken(entry: ListEntry): string {
  const payload = entry.kind === 'prefix' ? `p:${entry.prefix}` : `k:${entry.key}`;
  return Buffer.from(payload, 'utf8').toString('base64url');
}

export function decodeToken(token: string): { key: string; afterPrefix: boolean } {
  const text = /^[A-Za-z0-9_-]*$/.test(token)
    ? Buffer.from(token, 'base64url').toString('utf8')
    : '';
  if (!text.startsWith('p:') && !text.startsWith('k:'))
    throw invalidArgument(
      'The continuation token provided is incorrect',
      'continuation-token',
      token,
    );
  return { key: text.slice(2), afterPrefix: text.startsWith('p:') };
}

/** `encoding-type=url` as S3 applies it: form-style, `+` for space, `/` left as is. */
export function urlEncodeKey(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+').replace(/%2F/gi, '/');
}

/** `max-keys`: an integer, default 1000, capped at 1000. */
export function maxKeysParam(raw: string | undefined, name = 'max-keys'): number {
  if (raw === undefined) return 1000;
  if (!/^\d+$/.test(raw))
    throw invalidArgument('Provided max-keys not an integer or within integer range', name, raw);
  return Math.min(Number(raw), 1000);
}
