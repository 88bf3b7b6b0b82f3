import { parseSigV4, type SigV4Claim } from '../sigv4/parse';
import { verifySigV4, type VerifyOptions, type WireRequest } from '../sigv4/verify';
import type { CredentialStore } from './credential-store';
import type { Principal } from './principal';

/**
 * Why a request was not authenticated, in neutral terms; each service maps these to its own
 * error codes (STS says InvalidClientTokenId where EC2 says AuthFailure).
 */
export type AuthFailureReason =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'bad-token'
  | 'expired-token'
  | 'bad-signature'
  | 'request-expired';

export type AuthResult =
  | { ok: true; principal: Principal; claim: SigV4Claim }
  | { ok: false; reason: AuthFailureReason; message: string; claim: SigV4Claim | null };

/** Parses the claim, finds the key's secret, checks the session token, then the signature. */
export function authenticate(
  request: WireRequest,
  headers: Record<string, string | string[] | undefined>,
  store: CredentialStore,
  now: number,
  /** Per-service signing rules (S3: path signed as sent, body checked while streaming). */
  verify: Omit<VerifyOptions, 'now'> = {},
): AuthResult {
  const parsed = parseSigV4(headers, request.rawQuery);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, message: parsed.message, claim: null };
  const { claim } = parsed;
  const known = store.lookup(claim.scope.accessKeyId);
  if (!known)
    return {
      ok: false,
      reason: 'unknown-key',
      message: 'The security token included in the request is invalid.',
      claim,
    };
  if (known.sessionToken !== null && claim.securityToken !== known.sessionToken) {
    return {
      ok: false,
      reason: 'bad-token',
      message: 'The security token included in the request is invalid.',
      claim,
    };
  }
  if (known.expiresAt !== null && now >= known.expiresAt) {
    return {
      ok: false,
      reason: 'expired-token',
      message: 'The security token included in the request is expired',
      claim,
    };
  }
  const verdict = verifySigV4(request, claim, known.secretAccessKey, { ...verify, now });
  switch (verdict) {
    case 'valid':
      return { ok: true, principal: known.principal, claim };
    case 'expired':
      return {
        ok: false,
        reason: 'request-expired',
        message: `Signature expired: ${claim.amzDate} is now earlier or later than the allowed 15 minutes.`,
        claim,
      };
    case 'bad-signature':
      return {
        ok: false,
        reason: 'bad-signature',
        message:
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        claim,
      };
  }
}
