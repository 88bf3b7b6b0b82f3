import type { Logger, ProviderConnection } from '@ccx/core';
import type { Store } from '@ccx/store';
import type { SyncService } from '@ccx/sync';
import type { CcxConfig } from './config/schema';
import { openMigratedStore } from './open-store';
import { closeConnections, connectProviders } from './providers';
import { Shutdown } from './shutdown';
import { buildSyncService } from './sync-service';
import { readExtraCa } from './tls';

/** Store, provider connections and sync service: what the server, `ccx sync` and `ccx demo` share. */
export interface Runtime {
  store: Store;
  connections: ReadonlyMap<string, ProviderConnection>;
  sync: SyncService;
  /** Sync first (it may be mid-run), then providers, then the store. */
  close(): Promise<void>;
}

/**
 * Opens the store (migrated), connects every provider (`ctx.extraCaPem` from
 * `tls.extraCaFile`) and builds the sync service. On failure, whatever was opened is closed
 * before the error propagates.
 */
export async function openRuntime(config: CcxConfig, logger: Logger): Promise<Runtime> {
  const shutdown = new Shutdown();
  try {
    const store = await openMigratedStore(config.store.url ?? ':memory:');
    shutdown.push(() => store.close());
    const extraCaPem = await readExtraCa(config);
    const connections = await connectProviders(config.connections, { logger, extraCaPem });
    shutdown.push(() => closeConnections(connections.values()));
    const sync = buildSyncService(config, { store, connections, logger });
    shutdown.push(() => sync.close());
    return { store, connections, sync, close: () => shutdown.run() };
  } catch (error) {
    await shutdown
      .run()
      .catch((closeError: unknown) =>
        logger.error({ err: closeError }, 'cleanup after a failed start failed'),
      );
    throw error;
  }
}
