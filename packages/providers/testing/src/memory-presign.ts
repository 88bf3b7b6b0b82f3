import { createHmac, timingSafeEqual } from 'node:crypto';
import { CcxError, invalidInput } from '@ccx/core';

/**
 * Presigned `memory://` URLs: the method, object and expiry are covered by an HMAC under a key
 * that lives only in the storage instance, so a tampered or expired URL is refused just as a
 * cloud refuses one. Seven days is the longest expiry, as with S3 SigV4.
 */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;

export interface PresignTarget {
  account: string;
  bucket: string;
  key: string;
  versionId: string | undefined;
}

export interface PresignClaims extends PresignTarget {
  method: 'GET' | 'PUT';
  expires: number;
  contentType: string | undefined;
}

function payload(claims: PresignClaims): string {
  return JSON.stringify([
    claims.method,
    claims.account,
    claims.bucket,
    claims.key,
    claims.versionId ?? null,
    claims.expires,
    claims.contentType ?? null,
  ]);
}

export function signUrl(secret: Buffer, connection: string, claims: PresignClaims): string {
  const signature = createHmac('sha256', secret).update(payload(claims)).digest('base64url');
  // The object travels in the query, not the path: URL parsers resolve `..` path segments,
  // and an object key is a name, never a path.
  const query = new URLSearchParams({
    method: claims.method,
    account: claims.account,
    bucket: claims.bucket,
    key: claims.key,
    expires: String(claims.expires),
  });
  if (claims.versionId !== undefined) query.set('versionId', claims.versionId);
  if (claims.contentType !== undefined) query.set('contentType', claims.contentType);
  query.set('signature', signature);
  return `memory://${encodeURIComponent(connection)}/object?${query.toString()}`;
}

/** Checks a URL this storage signed; throws `forbidden` for a bad signature or an expiry past. */
export function verifyUrl(
  secret: Buffer,
  connection: string,
  url: string,
  now: Date,
): PresignClaims {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidInput('Not a URL');
  }
  if (parsed.protocol !== 'memory:' || decodeURIComponent(parsed.host) !== connection)
    throw invalidInput('Not a URL of this storage');
  const query = parsed.searchParams;
  const account = query.get('account');
  const bucket = query.get('bucket');
  const key = query.get('key');
  const method = query.get('method');
  const expires = Number(query.get('expires'));
  if (account === null || bucket === null || key === null)
    throw invalidInput('Malformed presigned URL');
  if (method !== 'GET' && method !== 'PUT') throw invalidInput('Malformed presigned URL');
  const claims: PresignClaims = {
    method,
    account,
    bucket,
    key,
    versionId: query.get('versionId') ?? undefined,
    expires,
    contentType: query.get('contentType') ?? undefined,
  };
  const expected = createHmac('sha256', secret).update(payload(claims)).digest();
  const given = Buffer.from(query.get('signature') ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CcxError('forbidden', 'The presigned URL signature does not match');
  if (!Number.isFinite(expires) || expires * 1000 < now.getTime())
    throw new CcxError('forbidden', 'The presigned URL has expired');
  return claims;
}
