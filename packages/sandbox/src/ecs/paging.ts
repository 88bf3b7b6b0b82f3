import { createHash } from 'node:crypto';
import { invalidParameter } from './ecs-errors';

/**
 * One page of a list operation. `nextToken` is the offset of the next item plus a fingerprint
 * of the listing it belongs to, so a token replayed against another cluster or filter is
 * refused rather than paging the wrong list. `maxResults` is checked against ECS's bounds.
 */
export function pageOf<T>(
  items: readonly T[],
  listing: unknown,
  input: { nextToken?: string | undefined; maxResults?: number | undefined },
  defaultMax: number,
): { page: T[]; nextToken?: string } {
  const max = input.maxResults ?? defaultMax;
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw invalidParameter('maxResults must be between 1 and 100.');
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(listing))
    .digest('base64url')
    .slice(0, 16);
  const offset = input.nextToken === undefined ? 0 : decode(input.nextToken, fingerprint);
  const page = items.slice(offset, offset + max);
  const next = offset + page.length;
  return next < items.length ? { page, nextToken: encode(next, fingerprint) } : { page };
}

function encode(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

function decode(token: string, fingerprint: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidParameter('Invalid nextToken.');
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
    throw invalidParameter('Invalid nextToken.');
  }
  return decoded.o;
}
