import { fromAwsError } from '../errors';

/** Errors that mean "the caller may not read this setting" or "this endpoint does not serve it". */
const UNREADABLE = new Set(['AccessDenied', 'NotImplemented', 'MethodNotAllowed']);

/**
 * Reads one bucket setting. S3 answers a setting that was never configured with an error
 * (`NoSuchTagSet`, `NoSuchLifecycleConfiguration`…): those mean the empty setting. A setting
 * the caller may not read is `null`, unknown, never a guess. Anything else (a missing bucket,
 * throttling that outlasted the retries) is a real failure and is thrown.
 */
export async function readSetting<T>(
  what: string,
  notConfigured: readonly string[],
  empty: T,
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (notConfigured.includes(name)) return empty;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (UNREADABLE.has(name) || status === 403 || status === 501) return null;
    throw fromAwsError(error, what);
  }
}
