import type { ProviderConnection, ProviderId } from '@ccx/core';
import { seedMemoryStorage, type MemoryBucketSeed } from './memory-seed';
import {
  createMemoryStorage,
  type MemoryStorage,
  type MemoryStorageOptions,
} from './memory-storage';

/**
 * A connection whose only capability is in-memory object storage: what service, API and CLI
 * tests hand to the code that takes `ProviderConnection`s, optionally seeded with buckets.
 */
export function memoryConnection(
  name: string,
  provider: ProviderId,
  options: Omit<MemoryStorageOptions, 'connection' | 'provider'> & {
    seed?: readonly MemoryBucketSeed[];
  } = {},
): ProviderConnection & { storage: MemoryStorage } {
  const { seed = [], ...storageOptions } = options;
  const storage = createMemoryStorage({ ...storageOptions, connection: name, provider });
  seedMemoryStorage(storage, seed);
  return {
    provider,
    name,
    storage,
    scopes: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
}
