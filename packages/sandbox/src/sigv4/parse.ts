import { parseQuery } from './canonical';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** The credential scope `AKID/yyyymmdd/region/service/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** What a SigV4-signed request claims: who signed it, when, which headers, and the signature. */
export interface SigV4Claim {
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
  /** `yyyymmddThhmmssZ`. */
  amzDate: string;
  securityToken: string | null;
  /** Presigned (query-string) auth carries its expiry in seconds; header auth has none. */
  expiresSeconds: number | null;
  presigned: boolean;
}

export type SigV4ParseResult =
  { ok: true; claim: SigV4Claim } | { ok: false; reason: 'missing' | 'malformed'; message: string };

function parseScope(credential: string): CredentialScope | null {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return null;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return null;
  return { accessKeyId, date, region, service };
}

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function parseAuthorizationHeader(
  value: string,
  headers: Record<string, string | string[] | undefined>,
): SigV4ParseResult {
  if (!value.startsWith(`${SIGV4_ALGORITHM} `)) {
    return { ok: false, reason: 'malformed', message: `Only ${SIGV4_ALGORITHM} is supported.` };
  }
  const fields = new Map<string, string>();
  for (const part of value.slice(SIGV4_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const amzDate = headerValue(headers, 'x-amz-date');
  const scope = credential ? parseScope(credential) : null;
  if (!scope || !signedHeaders || !signature || !amzDate) {
    return {
      ok: false,
      reason: 'malformed',
      message:
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters and an 'X-Amz-Date' header.",
    };
  }
  return {
    ok: true,
    claim: {
      scope,
      signedHeaders: signedHeaders.split(';'),
      signature,
      amzDate,
      securityToken: headerValue(headers, 'x-amz-security-token'),
      expiresSeconds: null,
      presigned: false,
    },
  };
}

function parsePresigned(query: Map<string, string>): SigV4ParseResult {
  const scope = parseScope(query.get('X-Amz-Credential') ?? '');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  const amzDate = query.get('X-Amz-Date');
  const expires = Number(query.get('X-Amz-Expires') ?? '');
  if (
    query.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM ||
    !scope ||
    !signedHeaders ||
    !signature ||
    !amzDate ||
    !Number.isInteger(expires)
  ) {
    return {
      ok: false,
      reason: 'malformed',
      message:
        'Query-string authentication requires X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature.',
    };
  }
  return {
    ok: true,
    claim: {
      scope,
      signedHeaders: signedHeaders.split(';'),
      signature,
      amzDate,
      securityToken: query.get('X-Amz-Security-Token') ?? null,
      expiresSeconds: expires,
      presigned: true,
    },
  };
}

/** Reads the SigV4 claim from the `Authorization` header or, failing that, a presigned query. */
export function parseSigV4(
  headers: Record<string, string | string[] | undefined>,
  rawQuery: string,
): SigV4ParseResult {
  const authorization = headerValue(headers, 'authorization');
  if (authorization !== null) return parseAuthorizationHeader(authorization, headers);
  const query = new Map(parseQuery(rawQuery));
  if (query.has('X-Amz-Signature') || query.has('X-Amz-Credential')) return parsePresigned(query);
  return { ok: false, reason: 'missing', message: 'Request is missing Authentication Token' };
}
