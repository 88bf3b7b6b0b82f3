import type { BucketLocation } from '../api/storage';

/**
 * Browser addresses of the storage pages. Every name is hostile input, so each goes through
 * `encodeURIComponent`. The prefix is one splat: its segments are joined by real slashes for
 * readable addresses, except when a segment is empty, `.` or `..` — the URL parser would
 * collapse those — in which case the whole prefix is encoded as one segment.
 * `parseBucketPath` reads either form back exactly.
 */
export function bucketHref(where: BucketLocation, prefix = ''): string {
  const base = ['', 'storage', where.connection, where.account, where.bucket]
    .map((part) => encodeURIComponent(part))
    .join('/');
  return `${base}/${encodePrefix(prefix)}`;
}

export function encodePrefix(prefix: string): string {
  if (!prefix) return '';
  const segments = prefix.split('/');
  // A trailing delimiter leaves one empty last segment; that one is harmless.
  const inner = segments.slice(0, -1);
  const unsafe = inner.some((segment) => segment === '' || segment === '.' || segment === '..');
  const last = segments[segments.length - 1] ?? '';
  if (unsafe || last === '.' || last === '..') return encodeURIComponent(prefix);
  return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

export interface Crumb {
  label: string;
  prefix: string;
}

/** `a/b/c/` → crumbs for `a/`, `a/b/`, `a/b/c/`; each label is the segment text alone. */
export function prefixCrumbs(prefix: string, delimiter = '/'): Crumb[] {
  const crumbs: Crumb[] = [];
  let at = 0;
  while (at < prefix.length) {
    const end = prefix.indexOf(delimiter, at);
    const stop = end === -1 ? prefix.length : end + delimiter.length;
    crumbs.push({
      label: prefix.slice(at, end === -1 ? prefix.length : end),
      prefix: prefix.slice(0, stop),
    });
    at = stop;
  }
  return crumbs;
}

/** The last segment of a key or prefix, what a file manager shows as its name. */
export function baseName(keyOrPrefix: string, parentPrefix: string): string {
  return keyOrPrefix.startsWith(parentPrefix)
    ? keyOrPrefix.slice(parentPrefix.length)
    : keyOrPrefix;
}

/**
 * The location from a browser address, decoded here segment by segment rather than taken from
 * the router's params: the router turns the text `%2F` inside a segment into a slash, which
 * would send a key literally containing `%2F` somewhere else. Null when the address is not a
 * bucket page or is not valid percent-encoding.
 */
export function parseBucketPath(pathname: string): (BucketLocation & { prefix: string }) | null {
  const [empty, storage, connection, account, bucket, ...rest] = pathname.split('/');
  if (empty !== '' || storage !== 'storage' || !connection || !account || !bucket) return null;
  try {
    return {
      connection: decodeURIComponent(connection),
      account: decodeURIComponent(account),
      bucket: decodeURIComponent(bucket),
      prefix: rest.map((segment) => decodeURIComponent(segment)).join('/'),
    };
  } catch {
    return null; // malformed escapes: no bucket is named by them
  }
}
