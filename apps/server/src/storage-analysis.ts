import { setMaxListeners } from 'node:events';
import type { Logger, ProviderConnection } from '@ccx/core';
import { analyzeBucket, syncedBuckets } from '@ccx/api';
import type { Store } from '@ccx/store';
import type { SyncService } from '@ccx/sync';
import { afterEachSync, type AfterSyncTask } from './after-sync';

/** `runNow` analyses every synced bucket (or right after the pass in progress). */
export type StorageAnalysis = AfterSyncTask;

/**
 * Storage analysis in the background: after each sync run that completed (fully or partly)
 * and on demand, every synced bucket whose connection has object storage is analysed, one
 * bucket at a time: new or changed objects scanned (bounded), statistics measured, posture,
 * tiering and classification findings replaced. It never blocks a request and never throws
 * into the server: a failing bucket is logged and the pass moves on. Requests during a pass
 * coalesce into one more pass after it.
 */
export function scheduleStorageAnalysis(deps: {
  store: Store;
  sync: SyncService;
  connections: ReadonlyMap<string, ProviderConnection>;
  logger: Logger;
}): StorageAnalysis {
  const { store, connections, logger } = deps;

  async function pass(stop: AbortSignal): Promise<void> {
    const buckets = await syncedBuckets(store);
    let analysed = 0;
    for (const synced of buckets) {
      if (stop.aborted) return;
      const storage = connections.get(synced.bucket.connection)?.storage;
      if (!storage) continue;
      try {
        // A signal per bucket: each concurrent request of the scan listens on it, through
        // several SDK layers, which passes Node's warning threshold of 10 by design; the
        // listeners then go with the bucket's signal instead of piling up on one for the
        // server's lifetime.
        const signal = AbortSignal.any([stop]);
        setMaxListeners(64, signal);
        await analyzeBucket(store, storage, synced, { signal });
        analysed += 1;
      } catch (error) {
        if (stop.aborted) return;
        logger.warn(
          { err: error, connection: synced.bucket.connection, bucket: synced.bucket.bucket },
          'storage analysis of a bucket failed',
        );
      }
    }
    logger.info({ buckets: analysed }, 'storage analysis finished');
  }

  return afterEachSync('storage analysis', deps, pass);
}
