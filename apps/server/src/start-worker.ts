import { CcxError } from '@ccx/core';
import { startSyncWorker } from '@ccx/sync';
import type { CcxConfig } from './config/schema';
import { createLogger, type ServerLogger } from './logger';
import { openMigratedStore } from './open-store';
import { closeConnections, connectProviders } from './providers';
import { Shutdown } from './shutdown';
import { readExtraCa } from './tls';

export interface RunningWorker {
  close(): Promise<void>;
}

/**
 * A `ccx worker` process: takes sync jobs from the BullMQ queue and writes listings straight
 * into the shared store, with its own provider connections built from the same config. Only
 * meaningful with `sync.driver: bullmq` and a store every process can reach (PostgreSQL).
 */
export async function startWorker(
  config: CcxConfig,
  options: { logger?: ServerLogger } = {},
): Promise<RunningWorker> {
  if (config.sync.driver !== 'bullmq' || config.sync.redisUrl === undefined) {
    throw new CcxError(
      'invalid_input',
      'ccx worker needs sync.driver: bullmq and sync.redisUrl (or CCX_REDIS_URL)',
    );
  }
  const logger = options.logger ?? createLogger(config.logging.level);
  const shutdown = new Shutdown();
  try {
    const store = await openMigratedStore(config.store.url ?? ':memory:');
    shutdown.push(() => store.close());
    const connections = await connectProviders(config.connections, {
      logger,
      extraCaPem: await readExtraCa(config),
    });
    shutdown.push(() => closeConnections(connections.values()));
    const worker = await startSyncWorker({
      redisUrl: config.sync.redisUrl,
      queueName: config.sync.queueName,
      concurrency: config.sync.workerConcurrency,
      logger,
      runtime: { connections, sink: store.resources, metrics: store.metricSeries },
    });
    shutdown.push(() => worker.close());
    logger.info(
      { queue: config.sync.queueName, connections: connections.size },
      'sync worker started',
    );
    return { close: () => shutdown.run() };
  } catch (error) {
    await shutdown
      .run()
      .catch((closeError: unknown) =>
        logger.error({ err: closeError }, 'cleanup after a failed start failed'),
      );
    throw error;
  }
}
