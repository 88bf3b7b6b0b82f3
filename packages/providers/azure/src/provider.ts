import type { ProviderConnection, ProviderFactory, Scope } from '@ccx/core';
import { StorageAccounts } from './accounts';
import { azureCompute } from './compute/azure-compute';
import { azureConfigSchema } from './config';
import { AZURE_CONTAINER, azureInventory, containerInventory } from './inventory';
import { blobStorage } from './storage/blob-storage';

/**
 * The Azure provider: Blob Storage containers and objects across the storage accounts of one
 * connection, and VMs, managed disks and their Azure Monitor metrics across its subscriptions.
 * Connecting makes no network call; credentials are resolved on the first request, so a
 * server starts even while Azure (or the sandbox) is unreachable.
 */
export const azureProvider = {
  id: 'azure',
  configSchema: azureConfigSchema,
  connect(name, config, ctx): Promise<ProviderConnection> {
    const parsed = azureConfigSchema.parse(config);
    const storageAccounts = parsed.storageAccounts ?? [];
    const compute = azureCompute(name, parsed, ctx.extraCaPem, ctx.logger);
    const storage =
      storageAccounts.length > 0
        ? blobStorage(
            name,
            new StorageAccounts(name, parsed, ctx.extraCaPem, compute?.credential),
            parsed.sandbox,
          )
        : null;
    const storageScopes = storageAccounts.map((account): Scope => ({
      provider: 'azure',
      connection: name,
      account: account.name,
      region: account.region ?? 'global',
      label: account.alias ?? account.name,
      types: [AZURE_CONTAINER],
    }));
    const inventory = azureInventory({
      containers: storage ? containerInventory(storage) : null,
      compute: compute?.inventory ?? null,
    });
    return Promise.resolve({
      provider: 'azure',
      name,
      scopes: async () => [...storageScopes, ...(compute ? await compute.scopes() : [])],
      ...(inventory ? { inventory } : {}),
      ...(storage ? { storage } : {}),
      ...(compute ? { compute: compute.compute, metrics: compute.metrics } : {}),
      close: () => Promise.resolve(),
    });
  },
} as const satisfies ProviderFactory<typeof azureConfigSchema>;
