import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { ProviderConnection } from '@ccx/core';
import { sandboxAzureAccounts, startAzurite, type AzuriteHandle } from '@ccx/sandbox';
import type { AzureConfigInput } from '../config';
import { azureProvider } from '../provider';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export interface AzuriteFixture {
  azurite: AzuriteHandle;
  config: AzureConfigInput;
  /** An SDK client of one account, for arranging state the provider does not create. */
  service(index: number): BlobServiceClient;
  connect(name?: string, overrides?: Partial<AzureConfigInput>): Promise<ProviderConnection>;
  stop(): Promise<void>;
}

/** Azurite from the sandbox's launcher with its two accounts, and the provider's config for it. */
export async function startAzuriteFixture(): Promise<AzuriteFixture> {
  const azurite = await startAzurite({ host: '127.0.0.1', accounts: sandboxAzureAccounts(42) });
  const config: AzureConfigInput = {
    storageAccounts: azurite.accounts.map(({ name, key }) => ({ name, key })),
    blobEndpoint: `${azurite.blobUrl}/{account}`,
    sandbox: true,
    maxAttempts: 2,
  };
  return {
    azurite,
    config,
    service(index) {
      const account = azurite.accounts[index];
      if (!account) throw new Error(`no account ${index}`);
      return new BlobServiceClient(
        `${azurite.blobUrl}/${account.name}`,
        new StorageSharedKeyCredential(account.name, account.key),
      );
    },
    connect: (name = 'azure-test', overrides = {}) =>
      azureProvider.connect(name, azureProvider.configSchema.parse({ ...config, ...overrides }), {
        logger: quiet,
      }),
    stop: () => azurite.stop(),
  };
}
