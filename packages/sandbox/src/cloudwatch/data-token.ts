import { createHash } from 'node:crypto';
import { invalidNextToken } from './errors';

/**
 * Where a GetMetricData page stopped: the query and the position within its points, plus the
 * clock the first page planned against. Opaque to clients; bound to a fingerprint of the
 * request, so a token replayed with other queries or another range is refused.
 */
export interface DataToken {
  query: number;
  offset: number;
  now: number;
}

export function requestFingerprint(input: {
  MetricDataQueries: unknown;
  StartTime: number;
  EndTime: number;
  ScanBy?: string | undefined;
}): string {
  const bound = [input.MetricDataQueries, input.StartTime, input.EndTime, input.ScanBy ?? null];
  return createHash('sha256').update(JSON.stringify(bound)).digest('base64url').slice(0, 22);
}

export function encodeDataToken(token: DataToken, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ ...token, f: fingerprint })).toString('base64url');
}

export function decodeDataToken(text: string, fingerprint: string): DataToken {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch (cause) {
    throw Object.assign(invalidNextToken(), { cause });
  }
  if (typeof decoded !== 'object' || decoded === null) throw invalidNextToken();
  const { query, offset, now, f } = decoded as Record<string, unknown>;
  const whole = (value: unknown): value is number =>
    Number.isSafeInteger(value) && (value as number) >= 0;
  if (!whole(query) || !whole(offset) || !whole(now) || f !== fingerprint) throw invalidNextToken();
  return { query, offset, now };
}
