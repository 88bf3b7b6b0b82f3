import type { ProviderConnection, ProviderFactory } from '@ccx/core';
import { AccountDirectory } from './account-directory';
import { ClientPool, type AwsAccount } from './client-pool';
import { clientSettings } from './client-settings';
import { ec2Compute } from './compute';
import { awsConfigSchema } from './config';
import { accountCredentials, baseCredentials } from './credentials';
import { ec2Inventory } from './inventory';
import { awsScopes } from './scopes';

/**
 * The AWS provider: EC2 inventory and power actions across the accounts and regions of one
 * connection. Connecting makes no network call; account ids are learned on first use, so a
 * server starts even while AWS (or the sandbox) is unreachable.
 */
export const awsProvider = {
  id: 'aws',
  configSchema: awsConfigSchema,
  connect(name, config, ctx): Promise<ProviderConnection> {
    const parsed = awsConfigSchema.parse(config);
    const settings = clientSettings(parsed, ctx.extraCaPem);
    const base = baseCredentials(parsed, settings);
    const sessionName = `ccx-${name}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
    const accounts: AwsAccount[] = (parsed.accounts ?? [{}]).map((account, key) => ({
      key,
      alias: 'alias' in account && account.alias ? account.alias : null,
      credentials: accountCredentials(account, base, settings, sessionName),
    }));
    const clients = new ClientPool(settings);
    const directory = new AccountDirectory(accounts, clients);
    return Promise.resolve({
      provider: 'aws',
      name,
      scopes: () =>
        awsScopes({
          connection: name,
          config: parsed,
          accounts: directory,
          clients,
          homeRegion: settings.homeRegion,
          logger: ctx.logger,
        }),
      inventory: ec2Inventory(directory, clients),
      compute: ec2Compute(directory, clients),
      close() {
        clients.close();
        return Promise.resolve();
      },
    });
  },
} as const satisfies ProviderFactory<typeof awsConfigSchema>;
