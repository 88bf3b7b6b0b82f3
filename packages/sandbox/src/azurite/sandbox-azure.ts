import { seedStorage } from '../storage-seed/seed-storage';
import { sandboxAzureAccounts, type AzuriteAccount } from './accounts';
import { startAzurite, type AzuriteHandle } from './launch-azurite';
import { seedAzurite } from './seed-azurite';

/** What the sandbox handle shows of its Azure Blob service. */
export interface SandboxAzure {
  /** Azurite's base URL; each account is path-style below it: `${blobUrl}/${name}`. */
  blobUrl: string;
  accounts: readonly AzuriteAccount[];
  /** Blobs written by the seed. */
  seededBlobs: number;
}

export interface SandboxAzureOptions {
  host: string;
  seed: number;
  /** Reference time the seeded ages count back from. */
  now: number;
  /** Objects per container, scaled (1 = the seed's few hundred); 0 starts Azurite empty. */
  scale: number;
}

/**
 * Azure Blob for the sandbox: Azurite with the estate's storage accounts, seeded with the
 * Azure share of the storage seed. The seed of one provider does not depend on the others'
 * accounts, so only the Azure accounts are passed. If seeding fails Azurite is stopped again.
 */
export async function startSandboxAzure(
  options: SandboxAzureOptions,
): Promise<{ azure: SandboxAzure; stop: () => Promise<void> }> {
  const accounts = sandboxAzureAccounts(options.seed);
  const azurite: AzuriteHandle = await startAzurite({ host: options.host, accounts });
  try {
    const seededBlobs =
      options.scale > 0
        ? await seedAzurite(
            azurite,
            seedStorage({
              seed: options.seed,
              now: options.now,
              awsAccounts: [],
              gcpProjects: [],
              azureAccounts: accounts.map((account) => account.name),
              scale: options.scale,
            }).buckets,
          )
        : 0;
    return {
      azure: { blobUrl: azurite.blobUrl, accounts, seededBlobs },
      stop: () => azurite.stop(),
    };
  } catch (error) {
    await azurite.stop();
    throw error;
  }
}
