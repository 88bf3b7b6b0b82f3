import type { ProviderConnection, ProviderId } from '@ccx/core';
import {
  memoryConnection as sharedMemoryConnection,
  type MemoryStorage,
} from '@ccx/provider-testing';

/** The shared in-memory connection, GCS-classed for `gcp`, split as the route tests use it. */
export function memoryConnection(
  name: string,
  provider: ProviderId,
): { connection: ProviderConnection; storage: MemoryStorage } {
  const connection = sharedMemoryConnection(name, provider, {
    ...(provider === 'gcp'
      ? { storageClasses: ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'] }
      : {}),
  });
  return { connection, storage: connection.storage };
}
