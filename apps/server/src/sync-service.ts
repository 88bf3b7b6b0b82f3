import type { Logger, ProviderConnection } from '@ccx/core';
import type { Store } from '@ccx/store';
import { bullmqDriver, createSyncService, inProcessDriver, type SyncService } from '@ccx/sync';
import type { CcxConfig } from './config/schema';

/**
 * The sync service for this config: jobs run in this process (`inprocess`) or are queued on
 * Redis for `ccx worker` processes (`bullmq`). Either way the API and the CLI talk to the same
 * `SyncService`, and limits and retries come from `sync.concurrency` and `sync.retry`.
 */
export function buildSyncService(
  config: CcxConfig,
  deps: { store: Store; connections: ReadonlyMap<string, ProviderConnection>; logger: Logger },
): SyncService {
  return createSyncService({
    connections: deps.connections,
    sink: deps.store.resources,
    metrics: deps.store.metricSeries,
    runs: deps.store.syncRuns,
    driver: buildDriver(config.sync),
    limits: config.sync.concurrency,
    retry: config.sync.retry,
    logger: deps.logger,
  });
}

function buildDriver(sync: CcxConfig['sync']) {
  switch (sync.driver) {
    case 'inprocess':
      return inProcessDriver();
    case 'bullmq':
      // The schema guarantees a Redis URL for this driver.
      return bullmqDriver({ redisUrl: sync.redisUrl ?? '', queueName: sync.queueName });
  }
}
