import type { SandboxAzureCompute } from '../azure-arm/arm-server';
import type { SandboxAzure } from './sandbox-azure';

export const SANDBOX_AZURE_CONNECTION_NAME = 'sandbox-azure';

/** The `compute` part of the connection: the sandbox's Entra app and its subscriptions. */
export interface SandboxAzureComputeConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  resourceManagerEndpoint: string;
  subscriptions: string[];
}

/**
 * The `provider: azure` entry of the sandbox's `ccx.yaml`: Azurite's accounts, path-style, when
 * Azurite runs, and the compute estate (ARM and Monitor over HTTPS) always.
 */
export interface SandboxAzureConnection {
  name: string;
  provider: 'azure';
  sandbox: true;
  storageAccounts?: { name: string; key: string; alias: string }[];
  blobEndpoint?: string;
  compute?: SandboxAzureComputeConfig;
}

/**
 * The connection the product uses to reach the sandbox's Azure. The account keys and the
 * client secret are written into the config file (mode 0600), as the AWS sandbox keys are:
 * sandbox-only secrets, never logged.
 */
export function azureCliConnection(
  azure: SandboxAzure | null,
  compute: SandboxAzureCompute | null = null,
): SandboxAzureConnection {
  if (!azure && !compute) throw new Error('The sandbox runs neither Azure Blob nor Azure compute.');
  return {
    name: SANDBOX_AZURE_CONNECTION_NAME,
    provider: 'azure',
    sandbox: true,
    ...(azure
      ? {
          storageAccounts: azure.accounts.map(({ name, key }) => ({
            name,
            key,
            alias: name.replace(/^ccxsandbox/, ''),
          })),
          blobEndpoint: `${azure.blobUrl}/{account}`,
        }
      : {}),
    ...(compute
      ? {
          compute: {
            tenantId: compute.tenantId,
            clientId: compute.clientId,
            clientSecret: compute.clientSecret,
            authorityHost: compute.authorityHost,
            resourceManagerEndpoint: compute.armUrl,
            subscriptions: compute.subscriptions.map((s) => s.id),
          },
        }
      : {}),
  };
}
