import type { Migration, MigrationProvider } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import { initialMigration } from './0001-initial';
import { cloudAccountsMigration } from './0002-cloud-accounts';
import { storageFindingsMigration } from './0003-storage-findings';
import { bucketStatisticsMigration } from './0004-bucket-statistics';
import { metricSeriesMigration } from './0005-metric-series';
import { metricSeriesBinaryMigration } from './0006-metric-series-binary';

/**
 * Migrations live in code, so nothing is read from disk at run time and a bundled build
 * carries its schema. Names sort in the order they must run; never rename or edit a released
 * one, add the next instead.
 */
export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  return {
    getMigrations(): Promise<Record<string, Migration>> {
      return Promise.resolve({
        '0001-initial': initialMigration(dialect),
        '0002-cloud-accounts': cloudAccountsMigration(dialect),
        '0003-storage-findings': storageFindingsMigration(dialect),
        '0004-bucket-statistics': bucketStatisticsMigration(dialect),
        '0005-metric-series': metricSeriesMigration(dialect),
        '0006-metric-series-binary': metricSeriesBinaryMigration(dialect),
      });
    },
  };
}
