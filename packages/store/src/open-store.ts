import { Kysely } from 'kysely';
import { createAuditRepository } from './audit/repository';
import { createBucketStatisticsRepository } from './bucket-statistics/repository';
import { createCloudAccountRepository } from './cloud-accounts/repository';
import { createFindingRepository } from './findings/repository';
import { createMetricSeriesRepository } from './metric-series/repository';
import { createObjectScanRepository } from './object-scans/repository';
import { createPostgresDialect } from './connection/postgres';
import { createSqliteDialect } from './connection/sqlite';
import { parseStoreUrl } from './connection/store-url';
import type { DbContext } from './db/dialect';
import type { Database } from './db/schema';
import { migrateToLatest } from './migrations/run';
import { createResourceRepository } from './resources/repository';
import { createSessionRepository } from './sessions/repository';
import { createUserRepository } from './users/repository';
import { createSyncRunRepository } from './sync-runs/repository';
import { createApiTokenRepository } from './tokens/repository';
import type { Store, StoreOptions } from './types';

/**
 * Opens the store named by `url` and, unless `migrate: false`, brings its schema up to date,
 * so a store handed out is ready to use. Each call owns its own connection (pool); close it.
 *
 * SQLite: open one store per file per process and share it. better-sqlite3 is synchronous, so
 * a second connection of the same process waiting for the first one's write lock would block
 * the event loop the first one needs to finish. Several processes on one file are fine.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const target = parseStoreUrl(options.url);
  const ctx: DbContext =
    target.kind === 'postgres'
      ? {
          db: new Kysely<Database>({ dialect: createPostgresDialect(target.url) }),
          dialect: 'postgres',
        }
      : {
          db: new Kysely<Database>({ dialect: createSqliteDialect(target.path) }),
          dialect: 'sqlite',
        };
  const store: Store = {
    dialect: ctx.dialect,
    resources: createResourceRepository(ctx),
    users: createUserRepository(ctx),
    sessions: createSessionRepository(ctx),
    tokens: createApiTokenRepository(ctx),
    audit: createAuditRepository(ctx),
    syncRuns: createSyncRunRepository(ctx),
    accounts: createCloudAccountRepository(ctx),
    objectScans: createObjectScanRepository(ctx),
    findings: createFindingRepository(ctx),
    bucketStatistics: createBucketStatisticsRepository(ctx),
    metricSeries: createMetricSeriesRepository(ctx),
    migrate: () => migrateToLatest(ctx.db, ctx.dialect),
    close: () => ctx.db.destroy(),
  };
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await ctx.db.destroy();
      throw error;
    }
  }
  return store;
}
