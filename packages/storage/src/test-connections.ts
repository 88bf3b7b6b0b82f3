import type { ProviderConnection, ProviderId } from '@ccx/core';
import {
  memoryConnection as sharedMemoryConnection,
  type MemoryBucketSeed,
  type MemoryStorage,
} from '@ccx/provider-testing';

/** The shared in-memory connection with small download chunks, for the service's tests. */
export function memoryConnection(
  name: string,
  provider: ProviderId,
  seed: readonly MemoryBucketSeed[] = [],
  accounts: string[] = [],
): ProviderConnection & { storage: MemoryStorage } {
  return sharedMemoryConnection(name, provider, { seed, accounts, chunkSize: 1024 });
}

export function connectionMap(
  ...connections: ProviderConnection[]
): ReadonlyMap<string, ProviderConnection> {
  return new Map(connections.map((c) => [c.name, c]));
}
