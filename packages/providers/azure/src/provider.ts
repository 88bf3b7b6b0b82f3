import type { ProviderConnection, ProviderFactory, Scope } from '@ccx/core';
import { StorageAccounts } from './accounts';
import { azureConfigSchema } from './config';
import { containerInventory } from './inventory';
import { blobStorage } from './storage/blob-storage';

/**
 * The Azure provider: Blob Storage containers and objects across the storage accounts of one
 * connection. Connecting makes no network call; credentials are resolved on the first request,
 * so a server starts even while Azure (or the sandbox) is unreachable.
 */
export const azureProvider = {
  id: 'azure',
  configSchema: azureConfigSchema,
  connect(name, config, _ctx): Promise<ProviderConnection> {
    const parsed = azureConfigSchema.parse(config);
    const accounts = new StorageAccounts(name, parsed);
    const storage = blobStorage(name, accounts, parsed.sandbox);
    return Promise.resolve({
      provider: 'azure',
      name,
      scopes: () =>
        Promise.resolve(
          parsed.storageAccounts.map((account): Scope => ({
            provider: 'azure',
            connection: name,
            account: account.name,
            region: account.region ?? 'global',
            label: account.alias ?? account.name,
          })),
        ),
      inventory: containerInventory(storage),
      storage,
      close: () => Promise.resolve(),
    });
  },
} as const satisfies ProviderFactory<typeof azureConfigSchema>;
