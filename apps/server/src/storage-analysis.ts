import { setMaxListeners } from 'node:events';
import type { Logger, ProviderConnection } from '@ccx/core';
import { analyzeBucket, syncedBuckets } from '@ccx/api';
import type { Store } from '@ccx/store';
import type { SyncService } from '@ccx/sync';

export interface StorageAnalysis {
  /** Analyses every synced bucket now (or right after the pass in progress); resolves when done. */
  runNow(): Promise<void>;
  /** Stops listening, aborts the pass in progress and waits for it to end. */
  close(): Promise<void>;
}

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
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;

  async function pass(): Promise<void> {
    const buckets = await syncedBuckets(store);
    let analysed = 0;
    for (const synced of buckets) {
      if (abort.signal.aborted) return;
      const storage = connections.get(synced.bucket.connection)?.storage;
      if (!storage) continue;
      try {
        // A signal per bucket: each concurrent request of the scan listens on it, through
        // several SDK layers, which passes Node's warning threshold of 10 by design; the
        // listeners then go with the bucket's signal instead of piling up on one for the
        // server's lifetime.
        const signal = AbortSignal.any([abort.signal]);
        setMaxListeners(64, signal);
        await analyzeBucket(store, storage, synced, { signal });
        analysed += 1;
      } catch (error) {
        if (abort.signal.aborted) return;
        logger.warn(
          { err: error, connection: synced.bucket.connection, bucket: synced.bucket.bucket },
          'storage analysis of a bucket failed',
        );
      }
    }
    logger.info({ buckets: analysed }, 'storage analysis finished');
  }

  function runNow(): Promise<void> {
    if (abort.signal.aborted) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch((error: unknown) => {
          logger.error({ err: error }, 'storage analysis failed');
        });
      } while (again && !abort.signal.aborted);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const unsubscribe = deps.sync.subscribe((event) => {
    if (event.type === 'run.completed' && event.summary.status !== 'failed') void runNow();
  });

  return {
    runNow,
    async close() {
      unsubscribe();
      abort.abort();
      await running;
    },
  };
}
