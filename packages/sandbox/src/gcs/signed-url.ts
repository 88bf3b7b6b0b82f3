import { createHash, verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GcsXmlError } from './gcs-error';
import type { ServiceAccount, ServiceAccounts } from './service-accounts';

const SEVEN_DAYS_S = 604_800;
const DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** RFC 3986 encoding, as the V4 canonical query string requires (`!'()*` encoded too). */
function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function malformed(parameter: string): GcsXmlError {
  return new GcsXmlError(
    400,
    'MalformedSecurityHeader',
    'Your request has a malformed header.',
    `Parameter ${parameter} is missing or invalid.`,
  );
}

export interface SignedRequest {
  method: string;
  /** The path exactly as sent: the signature covers its percent-encoding. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/**
 * Verifies a V4 signed URL (`GOOG4-RSA-SHA256`): rebuilds the canonical request from what
 * arrived, hashes it into the string to sign and checks the RSA signature with the signer's
 * public key. Expired → 400 ExpiredToken; any mismatch → 403 SignatureDoesNotMatch, as GCS.
 *
 * The `host` header is canonicalised without its port: the Node client signs
 * `URL.hostname` of a custom endpoint, so a loopback URL's port is never part of what it signs.
 */
export function verifySignedUrl(
  request: SignedRequest,
  accounts: ServiceAccounts,
  nowMs: number,
): ServiceAccount {
  const q = request.query;
  if (q.get('X-Goog-Algorithm') !== 'GOOG4-RSA-SHA256') throw malformed('X-Goog-Algorithm');
  const credential = q.get('X-Goog-Credential') ?? '';
  const date = q.get('X-Goog-Date') ?? '';
  const expires = Number(q.get('X-Goog-Expires'));
  const signedHeaders = q.get('X-Goog-SignedHeaders') ?? '';
  const signature = q.get('X-Goog-Signature') ?? '';
  const dateMatch = DATE.exec(date);
  if (!dateMatch) throw malformed('X-Goog-Date');
  if (!Number.isInteger(expires) || expires < 1 || expires > SEVEN_DAYS_S)
    throw malformed('X-Goog-Expires');
  const slash = credential.indexOf('/');
  const email = credential.slice(0, slash);
  const scope = credential.slice(slash + 1);
  const account = accounts.email(email);
  if (slash === -1 || !account || !scope.endsWith('/auto/storage/goog4_request'))
    throw malformed('X-Goog-Credential');
  const [, y, mo, d, h, mi, s] = dateMatch;
  const signedAt = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (nowMs > signedAt + expires * 1000) {
    throw new GcsXmlError(
      400,
      'ExpiredToken',
      'Invalid argument.',
      `The provided token has expired. Request signature expired at: ${new Date(signedAt + expires * 1000).toISOString()}`,
    );
  }
  if (signedAt > nowMs + 15 * 60_000) throw malformed('X-Goog-Date');

  const query = [...q.entries()]
    .filter(([key]) => key !== 'X-Goog-Signature')
    .map(([key, value]) => [strictEncode(key), strictEncode(value)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const names = signedHeaders.split(';').filter((n) => n !== '');
  if (!names.includes('host')) throw malformed('X-Goog-SignedHeaders');
  const canonicalHeaders = names
    .map((name) => {
      const raw = request.headers[name];
      let value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
      if (name === 'host') value = value.replace(/:\d+$/, '');
      return `${name}:${value.trim().replace(/\s{2,}/g, ' ')}\n`;
    })
    .join('');
  const payloadHash = request.headers['x-goog-content-sha256'];
  const canonicalRequest = [
    request.method,
    request.rawPath,
    query,
    canonicalHeaders,
    signedHeaders,
    typeof payloadHash === 'string' && names.includes('x-goog-content-sha256')
      ? payloadHash
      : 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = [
    'GOOG4-RSA-SHA256',
    date,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const valid =
    /^[0-9a-f]+$/i.test(signature) &&
    verify(
      'RSA-SHA256',
      Buffer.from(stringToSign),
      account.publicKey,
      Buffer.from(signature, 'hex'),
    );
  if (!valid) {
    throw new GcsXmlError(
      403,
      'SignatureDoesNotMatch',
      'Access denied.',
      'The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.',
    );
  }
  return account;
}
