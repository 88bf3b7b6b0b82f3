import { describe } from 'vitest';
import type { Store } from './types';
import { describeResourceContract } from './resources/resources.contract';
import { describeAccountsContract } from './accounts.contract';
import { describeCloudAccountsContract } from './cloud-accounts/cloud-accounts.contract';
import { describeFindingsContract } from './findings/findings.contract';
import { describeObjectScansContract } from './object-scans/object-scans.contract';
import { describeBucketStatisticsContract } from './bucket-statistics/bucket-statistics.contract';
import { describeMetricSeriesContract } from './metric-series/metric-series.contract';

/**
 * The store's behaviour, run against every back end. `open` returns a fresh, migrated and
 * empty store; the suite closes it after each test.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    describeResourceContract(open);
    describeAccountsContract(open);
    describeCloudAccountsContract(open);
    describeObjectScansContract(open);
    describeFindingsContract(open);
    describeBucketStatisticsContract(open);
    describeMetricSeriesContract(open);
  });
}
