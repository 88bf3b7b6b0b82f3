import type { SandboxAzure } from './sandbox-azure';

export const SANDBOX_AZURE_CONNECTION_NAME = 'sandbox-azure';

/** The `provider: azure` entry of the sandbox's `ccx.yaml`: Azurite's accounts, path-style. */
export interface SandboxAzureConnection {
  name: string;
  provider: 'azure';
  sandbox: true;
  storageAccounts: { name: string; key: string; alias: string }[];
  blobEndpoint: string;
}

/**
 * The connection the product uses to reach the sandbox's Azurite. The keys are written into
 * the config file (mode 0600), as the AWS sandbox keys are: sandbox-only secrets, never logged.
 */
export function azureCliConnection(azure: SandboxAzure): SandboxAzureConnection {
  return {
    name: SANDBOX_AZURE_CONNECTION_NAME,
    provider: 'azure',
    sandbox: true,
    storageAccounts: azure.accounts.map(({ name, key }) => ({
      name,
      key,
      alias: name.replace(/^ccxsandbox/, ''),
    })),
    blobEndpoint: `${azure.blobUrl}/{account}`,
  };
}
