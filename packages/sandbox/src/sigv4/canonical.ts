import { createHash } from 'node:crypto';

/** RFC 3986 escaping as the AWS signers do it (`encodeURIComponent` plus `!'()*`). */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape is signed as the client sent it; keeping it verbatim lets the
    // signature comparison (not a decoder exception) decide the outcome.
    return text;
  }
}

/** Raw query string → decoded pairs, in the order received. `+` stays a literal plus, as in SigV4. */
export function parseQuery(rawQuery: string): [string, string][] {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq === -1
        ? [decodeComponent(part), '']
        : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
    });
}

/**
 * The canonical path. Every service except S3 signs the path escaped once more and with dot
 * segments removed (`doubleEncode`); S3 signs the path exactly as sent.
 */
export function canonicalPath(rawPath: string, doubleEncode: boolean): string {
  if (!doubleEncode) return rawPath === '' ? '/' : rawPath;
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const joined = `${rawPath.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  return escapeUri(joined === '' ? '/' : joined).replace(/%2F/g, '/');
}

/** Sorted `key=value` pairs, each side escaped; `exclude` drops the signature of a presigned URL. */
export function canonicalQuery(pairs: readonly [string, string][], exclude?: string): string {
  return pairs
    .filter(([key]) => key !== exclude)
    .map(([key, value]) => [escapeUri(key), escapeUri(value)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/**
 * Canonical headers from Node's `rawHeaders` (name/value alternating), so repeated headers keep
 * every value in order, joined by commas, as the signer saw them.
 */
export function canonicalHeaders(
  rawHeaders: readonly string[],
  signedHeaders: readonly string[],
): string | null {
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = (rawHeaders[i + 1] as string).trim().replace(/\s+/g, ' ');
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  let out = '';
  for (const name of signedHeaders) {
    const list = values.get(name);
    if (!list) return null;
    out += `${name}:${list.join(',')}\n`;
  }
  return out;
}
