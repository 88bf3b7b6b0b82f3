import { CcxError, type Inventory, type ProviderConnection, type ProviderFactory } from '@ccx/core';
import { AccountDirectory } from './account-directory';
import { ClientPool, type AwsAccount } from './client-pool';
import { clientSettings } from './client-settings';
import { ec2Compute } from './compute';
import { awsConfigSchema } from './config';
import { accountCredentials, baseCredentials } from './credentials';
import { computeByType, ecsCompute, ecsInventory } from './ecs';
import { ec2Inventory } from './inventory';
import { cloudWatchMetrics } from './metrics';
import { awsScopes } from './scopes';
import {
  BucketRegions,
  listBucketResources,
  s3Storage,
  S3_BUCKET,
  type S3Context,
} from './storage';

/**
 * EC2 resources from the EC2 inventory, ECS clusters and services from ECS, S3 buckets (those
 * of the scope's region) from S3.
 */
function awsInventory(ec2: Inventory, s3: S3Context, ecs: Inventory): Inventory {
  return {
    types: [...ec2.types, S3_BUCKET, ...ecs.types],
    list(scope, type, options) {
      if (type === S3_BUCKET) return listBucketResources(s3, scope, options?.signal);
      if (ec2.types.includes(type)) return ec2.list(scope, type, options);
      if (ecs.types.includes(type)) return ecs.list(scope, type, options);
      throw new CcxError('invalid_input', `The AWS provider cannot list ${type}`);
    },
  };
}

/** The sandbox settles in seconds: poll it often rather than at the cloud's pace. */
const SANDBOX_POLL_SECONDS = 0.5;

/**
 * The AWS provider: EC2 and S3 bucket inventory, EC2 power actions and S3 object storage across the accounts and regions of one
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
    const s3: S3Context = {
      connection: name,
      directory,
      clients,
      regions: new BucketRegions(clients, settings.homeRegion),
      homeRegion: settings.homeRegion,
    };
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
      inventory: awsInventory(
        ec2Inventory(directory, clients),
        s3,
        ecsInventory(directory, clients),
      ),
      // One compute member; each part takes the resource types it owns.
      compute: computeByType([
        ec2Compute(directory, clients, {
          pollSeconds: parsed.sandbox ? SANDBOX_POLL_SECONDS : undefined,
        }),
        ecsCompute(directory, clients, {
          pollSeconds: parsed.sandbox ? SANDBOX_POLL_SECONDS : undefined,
        }),
      ]),
      metrics: cloudWatchMetrics(directory, clients),
      storage: s3Storage(s3),
      close() {
        clients.close();
        return Promise.resolve();
      },
    });
  },
} as const satisfies ProviderFactory<typeof awsConfigSchema>;
