import { createHash } from 'node:crypto';
import { AwsError } from '../aws/aws-error';

/**
 * NextToken for DescribeInstances: the offset of the next instance plus a fingerprint of the
 * query it belongs to. Opaque to clients; a token replayed against a different filter set is
 * refused rather than silently paging the wrong list.
 */
export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

export function decodePageToken(token: string, fingerprint: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw Object.assign(invalidToken(), { cause });
  }
  if (
    typeof decoded !== 'object' ||
    decoded === null ||
    !('o' in decoded) ||
    !('f' in decoded) ||
    typeof decoded.o !== 'number' ||
    !Number.isInteger(decoded.o) ||
    decoded.o < 0 ||
    decoded.f !== fingerprint
  ) {
    throw invalidToken();
  }
  return decoded.o;
}

function invalidToken(): AwsError {
  return new AwsError(
    'InvalidPaginationToken',
    'The specified pagination token is not valid or is expired.',
    400,
  );
}

/** Fingerprint of the parameters that define the listing (everything but the paging ones). */
export function queryFingerprint(entries: Iterable<[string, string]>): string {
  const relevant = [...entries]
    .filter(([key]) => key !== 'NextToken' && key !== 'MaxResults')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(relevant)).digest('base64url').slice(0, 16);
}
