import type { TokenCredential } from '@azure/core-auth';
import type { ComputeActions, Inventory, Logger, Metrics, Scope } from '@ccx/core';
import type { AzureConfig } from '../config';
import { ArmClients } from './arm-clients';
import { SubscriptionListing } from './listing';
import { vmActions } from './vm-actions';
import { AZURE_COMPUTE_TYPES, computeScopes, listCompute } from './vm-inventory';
import { vmMetrics } from './vm-metrics';

/** The compute capabilities of one connection, over one set of ARM clients and listings. */
export interface AzureCompute {
  scopes(): Promise<Scope[]>;
  inventory: Inventory;
  compute: ComputeActions;
  metrics: Metrics;
  /** What signs every ARM request; the connection's keyless storage accounts share it. */
  credential: TokenCredential;
}

export function azureCompute(
  connection: string,
  config: AzureConfig,
  extraCaPem: string | undefined,
  logger: Logger,
): AzureCompute | null {
  if (!config.compute) return null;
  const subscriptions = config.compute.subscriptions;
  const clients = new ArmClients(config.compute, {
    maxAttempts: config.maxAttempts,
    sandbox: config.sandbox,
    extraCaPem,
  });
  const listing = new SubscriptionListing(clients);
  return {
    scopes: () => computeScopes(connection, subscriptions, listing),
    inventory: {
      types: AZURE_COMPUTE_TYPES,
      list: (scope, type, options) => listCompute(listing, scope, type, options?.signal),
    },
    compute: vmActions(clients, listing),
    metrics: vmMetrics(clients, logger),
    credential: clients.credential,
  };
}
