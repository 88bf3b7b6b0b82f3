import type { IncomingMessage } from 'node:http';
import { authenticate, type AuthFailureReason } from '../aws/authenticate';
import type { CredentialStore } from '../aws/credential-store';
import type { Principal } from '../aws/principal';
import { isKnownRegion } from '../estate/regions';
import { parseSigV4 } from '../sigv4/parse';
import { signingKey } from '../sigv4/verify';
import type { ChunkSigning } from './payload';
import { S3Error } from './s3-error';

/** A week: the longest a presigned URL may live. */
const MAX_PRESIGN_SECONDS = 604_800;

export type S3Caller =
  | { kind: 'anonymous' }
  | { kind: 'signed'; principal: Principal; region: string; signing: ChunkSigning };

function authError(reason: AuthFailureReason, message: string, presigned: boolean): S3Error {
  switch (reason) {
    case 'missing':
    case 'malformed':
      return presigned
        ? new S3Error('AuthorizationQueryParametersError', message, 400)
        : new S3Error('AuthorizationHeaderMalformed', message, 400);
    case 'unknown-key':
      return new S3Error(
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        403,
      );
    case 'bad-token':
      return new S3Error(
        'InvalidToken',
        'The provided token is malformed or otherwise invalid.',
        400,
      );
    case 'expired-token':
      return new S3Error('ExpiredToken', 'The provided token has expired.', 400);
    case 'bad-signature':
      return new S3Error(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        403,
      );
    case 'request-expired':
      return presigned
        ? new S3Error('AccessDenied', 'Request has expired', 403)
        : new S3Error(
            'RequestTimeTooSkewed',
            'The difference between the request time and the current time is too large.',
            403,
          );
  }
}

/**
 * Authenticates an S3 request before its body is read: S3 signs the path as sent, and an
 * upload's bytes are checked against the signed hash (or chunk signatures) while they stream.
 * A request with no signature at all is anonymous; what it may do is decided per bucket.
 */
export function authenticateS3(
  req: IncomingMessage,
  rawPath: string,
  rawQuery: string,
  credentials: CredentialStore,
  now: number,
): S3Caller {
  const parsed = parseSigV4(req.headers, rawQuery);
  if (!parsed.ok && parsed.reason === 'missing') return { kind: 'anonymous' };
  const presigned = parsed.ok ? parsed.claim.presigned : !req.headers.authorization;
  if (parsed.ok && presigned && (parsed.claim.expiresSeconds ?? 0) > MAX_PRESIGN_SECONDS)
    throw new S3Error(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds) that is, the given X-Amz-Expires must be less than 604800 seconds',
      400,
    );
  const wire = {
    method: req.method ?? 'GET',
    rawPath,
    rawQuery,
    rawHeaders: req.rawHeaders,
    body: Buffer.alloc(0),
  };
  const auth = authenticate(wire, req.headers, credentials, now, {
    doubleEncodePath: false,
    bodyCheckedByReader: true,
  });
  if (!auth.ok) throw authError(auth.reason, auth.message, presigned);
  const { scope } = auth.claim;
  if (!isKnownRegion(scope.region))
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${scope.region}' is wrong.`,
      400,
    );
  const secret = credentials.lookup(scope.accessKeyId)?.secretAccessKey ?? '';
  return {
    kind: 'signed',
    principal: auth.principal,
    region: scope.region,
    signing: {
      signingKey: signingKey(secret, scope.date, scope.region, scope.service),
      amzDate: auth.claim.amzDate,
      scope: `${scope.date}/${scope.region}/${scope.service}/aws4_request`,
      seedSignature: auth.claim.signature,
    },
  };
}
