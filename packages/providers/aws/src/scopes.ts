import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { Logger, Scope } from '@ccx/core';
import type { AccountDirectory } from './account-directory';
import type { AwsAccount, ClientPool } from './client-pool';
import type { AwsConfig } from './config';
import { fromAwsError } from './errors';

async function enabledRegions(
  account: AwsAccount,
  clients: ClientPool,
  homeRegion: string,
): Promise<string[]> {
  try {
    const out = await clients
      .ec2(account, homeRegion)
      .send(new DescribeRegionsCommand({ AllRegions: false }));
    return (out.Regions ?? [])
      .flatMap((region) => (region.RegionName ? [region.RegionName] : []))
      .sort();
  } catch (error) {
    throw fromAwsError(error, 'Listing enabled regions');
  }
}

/**
 * Accounts × regions as data. `regions: all` means the regions enabled in each account
 * (DescribeRegions), which can differ between accounts. Two config entries that turn out to be
 * the same account produce its scopes once: listing it twice would only race with itself.
 */
export async function awsScopes(input: {
  connection: string;
  config: AwsConfig;
  accounts: AccountDirectory;
  clients: ClientPool;
  homeRegion: string;
  logger: Logger;
}): Promise<Scope[]> {
  const { connection, config, accounts, clients, homeRegion, logger } = input;
  const resolved = await accounts.all();
  const seen = new Set<string>();
  const scopes: Scope[] = [];
  for (const { account, id } of resolved) {
    if (seen.has(id)) {
      logger.warn(
        { connection, account: id },
        'account configured twice in one connection; listing it once',
      );
      continue;
    }
    seen.add(id);
    const regions =
      config.regions === 'all'
        ? await enabledRegions(account, clients, homeRegion)
        : config.regions;
    for (const region of regions) {
      scopes.push({ provider: 'aws', connection, account: id, region, label: account.alias ?? id });
    }
  }
  return scopes;
}
