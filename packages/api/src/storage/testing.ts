import type { ProviderConnection, ProviderId } from '@ccx/core';
import { createMemoryStorage, type MemoryStorage } from '@ccx/provider-testing';

/** A connection whose only capability is in-memory object storage, for route tests. */
export function memoryConnection(
  name: string,
  provider: ProviderId,
): { connection: ProviderConnection; storage: MemoryStorage } {
  const storage = createMemoryStorage({
    connection: name,
    provider,
    ...(provider === 'gcp'
      ? { storageClasses: ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'] }
      : {}),
  });
  return {
    storage,
    connection: {
      provider,
      name,
      scopes: () => Promise.resolve([]),
      storage,
      close: () => Promise.resolve(),
    },
  };
}
