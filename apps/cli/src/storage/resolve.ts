import { invalidInput } from '@ccx/core';
import { isStorageRoot, type StorageTarget } from '@ccx/storage';
import { isPrefixKey } from './location';
import type { StorageSession } from './session';

/**
 * Resolves a URI that must name a bucket (and, unless `allowPrefix`, one object in it): a
 * scheme root or a prefix where an object is needed is a usage error, said as such.
 */
export async function resolveObject(
  session: StorageSession,
  uri: string,
  connection?: string,
  options: { allowPrefix?: boolean } = {},
): Promise<StorageTarget> {
  const resolved = await session.catalog.resolve(uri, { connection });
  if (isStorageRoot(resolved)) throw invalidInput(`${uri} names no bucket`);
  if (options.allowPrefix !== true && isPrefixKey(resolved.ref.key)) {
    throw invalidInput(`${uri} is a prefix, not an object`);
  }
  return resolved;
}
