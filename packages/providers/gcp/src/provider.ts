import type { ProviderConnection, ProviderFactory } from '@ccx/core';
import { StorageClients } from './clients';
import { gcpConfigSchema, projectsOf } from './config';
import { gcsInventory } from './inventory';
import { gcsStorage } from './storage';

/**
 * The GCP provider: Cloud Storage buckets and objects across the projects of one connection.
 * Connecting makes no network call; buckets are global, so each project is one scope.
 */
export const gcpProvider = {
  id: 'gcp',
  configSchema: gcpConfigSchema,
  connect(name, config, _ctx): Promise<ProviderConnection> {
    const parsed = gcpConfigSchema.parse(config);
    const projects = projectsOf(parsed);
    const clients = new StorageClients(parsed, projects);
    const storage = gcsStorage(name, clients);
    return Promise.resolve({
      provider: 'gcp',
      name,
      scopes: () =>
        Promise.resolve(
          projects.map((project) => ({
            provider: 'gcp' as const,
            connection: name,
            account: project.id,
            region: 'global',
            label: project.id,
          })),
        ),
      inventory: gcsInventory(storage),
      storage,
      close: () => Promise.resolve(),
    });
  },
} as const satisfies ProviderFactory<typeof gcpConfigSchema>;
