import { verify } from 'node:crypto';
import { gcsErrors } from './gcs-error';
import type { ServiceAccount, ServiceAccounts } from './service-accounts';

/** Longest lifetime Google accepts for a self-signed JWT, and the clock skew it tolerates. */
const MAX_LIFETIME_S = 3600;
const SKEW_S = 300;
const STORAGE_SCOPE = /^https:\/\/www\.googleapis\.com\/auth\/(devstorage\.\w+|cloud-platform)$/;

function decodePart(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/**
 * Verifies a self-signed service-account JWT sent as a bearer token, which is what
 * google-auth-library sends when told to (`useJWTAccessWithScope`): RS256 over
 * `header.payload` with the key named by `kid`, `iss` = `sub` = the account's e-mail, a
 * storage scope (or, without scopes, an audience), and a lifetime of at most an hour that
 * covers now. Returns the account; every failure is a 401 that names no key material.
 */
export function verifyBearer(
  authorization: string,
  accounts: ServiceAccounts,
  nowMs: number,
): ServiceAccount {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization.trim());
  if (!match) throw gcsErrors.unauthorized('Invalid Credentials');
  const [, headerPart = '', payloadPart = '', signaturePart = ''] = match;
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodePart(headerPart);
    payload = decodePart(payloadPart);
  } catch {
    throw gcsErrors.unauthorized('Invalid Credentials');
  }
  const account =
    typeof header.kid === 'string'
      ? accounts.byKey(header.kid)
      : typeof payload.iss === 'string'
        ? accounts.email(payload.iss)
        : undefined;
  if (header.alg !== 'RS256' || !account) throw gcsErrors.unauthorized('Invalid Credentials');
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    account.publicKey,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed || payload.iss !== account.email || payload.sub !== account.email)
    throw gcsErrors.unauthorized('Invalid Credentials');
  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > MAX_LIFETIME_S)
    throw gcsErrors.unauthorized('Invalid Credentials');
  if (iat > now + SKEW_S || exp < now - SKEW_S)
    throw gcsErrors.unauthorized('Invalid Credentials: the token has expired');
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  const hasScope = scopes.some((scope) => STORAGE_SCOPE.test(scope));
  if (!hasScope && typeof payload.aud !== 'string')
    throw gcsErrors.forbidden('Request had insufficient authentication scopes.');
  return account;
}
