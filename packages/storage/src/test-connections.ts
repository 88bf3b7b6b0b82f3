import type { ProviderConnection, ProviderId } from '@ccx/core';
import {
  createMemoryStorage,
  seedMemoryStorage,
  type MemoryBucketSeed,
  type MemoryStorage,
} from '@ccx/provider-testing';

/** A connection whose only capability is an in-memory object storage, for the service's tests. */
export function memoryConnection(
  name: string,
  provider: ProviderId,
  seed: readonly MemoryBucketSeed[] = [],
  accounts: string[] = [],
): ProviderConnection & { storage: MemoryStorage } {
  const storage = createMemoryStorage({ connection: name, provider, accounts, chunkSize: 1024 });
  seedMemoryStorage(storage, seed);
  return {
    provider,
    name,
    storage,
    scopes: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
}

export function connectionMap(
  ...connections: ProviderConnection[]
): ReadonlyMap<string, ProviderConnection> {
  return new Map(connections.map((c) => [c.name, c]));
}
