import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  canonicalHeaders,
  canonicalPath,
  canonicalQuery,
  parseQuery,
  sha256Hex,
} from './canonical';
import { SIGV4_ALGORITHM, type SigV4Claim } from './parse';

/** The parts of an HTTP request a signature covers, as they arrived on the wire. */
export interface WireRequest {
  method: string;
  /** Path without the query string, exactly as received. */
  rawPath: string;
  rawQuery: string;
  /** Node's `rawHeaders`: name, value, name, value… */
  rawHeaders: readonly string[];
  body: Buffer;
}

export type SigV4Verdict = 'valid' | 'bad-signature' | 'expired';

export interface VerifyOptions {
  /** S3 signs the path as sent; every other service escapes it once more. */
  doubleEncodePath?: boolean;
  now?: number;
  /**
   * The body is still unread (S3 streams uploads): a declared hex `x-amz-content-sha256` is
   * signed as declared and the reader must check the bytes against it.
   */
  bodyCheckedByReader?: boolean;
}

/** Requests signed longer ago (or further ahead) than this are refused, as AWS does. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

function parseAmzDate(amzDate: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return null;
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function signingKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
}

function signatureFor(
  request: WireRequest,
  claim: SigV4Claim,
  secretAccessKey: string,
  payloadHash: string,
  doubleEncodePath: boolean,
): string | null {
  const headers = canonicalHeaders(request.rawHeaders, claim.signedHeaders);
  if (headers === null) return null;
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.rawPath, doubleEncodePath),
    canonicalQuery(parseQuery(request.rawQuery), claim.presigned ? 'X-Amz-Signature' : undefined),
    headers,
    claim.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const { accessKeyId: _key, date, region, service } = claim.scope;
  const stringToSign = [
    SIGV4_ALGORITHM,
    claim.amzDate,
    `${date}/${region}/${service}/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
  return createHmac('sha256', signingKey(secretAccessKey, date, region, service))
    .update(stringToSign)
    .digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Recomputes the SigV4 signature with the caller's secret and compares it in constant time.
 * Transport-independent on purpose: the Query services, S3 and presigned URLs all verify here.
 * The payload hash is the `x-amz-content-sha256` header when signed, `UNSIGNED-PAYLOAD` for a
 * presigned URL that says so, otherwise the SHA-256 of the body.
 */
export function verifySigV4(
  request: WireRequest,
  claim: SigV4Claim,
  secretAccessKey: string,
  options: VerifyOptions = {},
): SigV4Verdict {
  const signedAt = parseAmzDate(claim.amzDate);
  const now = options.now ?? Date.now();
  if (signedAt === null || !claim.amzDate.startsWith(claim.scope.date)) return 'bad-signature';
  if (claim.presigned) {
    if (now > signedAt + (claim.expiresSeconds ?? 0) * 1000 || signedAt - now > MAX_CLOCK_SKEW_MS)
      return 'expired';
  } else if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) {
    return 'expired';
  }
  const doubleEncode = options.doubleEncodePath ?? true;
  const contentHash = request.rawHeaders.findIndex(
    (h, i) => i % 2 === 0 && h.toLowerCase() === 'x-amz-content-sha256',
  );
  const declared = contentHash >= 0 ? (request.rawHeaders[contentHash + 1] as string) : null;
  // A declared hash is only trusted if the body matches it; unsigned and streaming payloads
  // are checked by whoever reads the stream (S3), not here.
  if (
    !options.bodyCheckedByReader &&
    declared !== null &&
    /^[0-9a-f]{64}$/.test(declared) &&
    declared !== sha256Hex(request.body)
  )
    return 'bad-signature';
  const candidates =
    declared !== null
      ? [declared]
      : claim.presigned
        ? ['UNSIGNED-PAYLOAD', sha256Hex(request.body)]
        : [sha256Hex(request.body)];
  for (const payloadHash of candidates) {
    const expected = signatureFor(request, claim, secretAccessKey, payloadHash, doubleEncode);
    if (expected !== null && sameHex(expected, claim.signature)) return 'valid';
  }
  return 'bad-signature';
}
