import { createApi } from '@ccx/api';
import type { CcxConfig } from './config/schema';
import { listen } from './listen';
import { createLogger, type ServerLogger } from './logger';
import { openRuntime, type Runtime } from './runtime';
import { scheduleSync } from './schedule';
import { scheduleComputeAnalysis } from './compute-analysis';
import { scheduleStorageAnalysis } from './storage-analysis';
import { VERSION } from './version';
import { findWebRoot } from './web-root';
import { authOptions } from './auth-options';
import { Shutdown } from './shutdown';

export interface StartServerOptions {
  logger?: ServerLogger;
  /** Overrides `server.port` (0 picks a free port; the bound one is in `url`). */
  port?: number;
  /** Set false to serve without the web app even when it is built. */
  web?: boolean;
}

export interface RunningServer extends Runtime {
  url: string;
}

/**
 * The composition root: store → providers → sync → HTTP → API; `close()` stops them in
 * reverse order (schedule, HTTP, API, sync, providers, store). Each step registers how to undo
 * itself, so a failure halfway (bad credentials, port in use) releases what was already open
 * before the error propagates.
 */
export async function startServer(
  config: CcxConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logging.level);
  const shutdown = new Shutdown();
  try {
    const runtime = await openRuntime(config, logger);
    shutdown.push(() => runtime.close());
    const { store, connections, sync } = runtime;
    const host = config.server.host;
    const port = options.port ?? config.server.port;
    // Bind first: the OIDC callback URL needs the port actually bound (`--port 0`). Requests
    // arriving in the moment before the API exists get a 503, never a half-built app.
    const route: { fetch?: (request: Request) => Response | Promise<Response> } = {};
    const http = await listen(
      (request) => route.fetch?.(request) ?? new Response('starting', { status: 503 }),
      host,
      port,
    );
    let api: ReturnType<typeof createApi>;
    try {
      api = createApi({
        store,
        sync,
        connections,
        logger,
        auth: authOptions(config, http.url),
        webRoot: options.web === false ? undefined : findWebRoot(),
        version: VERSION,
        sandbox:
          config.sandbox || config.connections.some((connection) => connection.sandbox === true),
      });
    } catch (error) {
      await http.close();
      throw error;
    }
    // Registered in this order so HTTP stops accepting before the API closes.
    const created = api;
    shutdown.push(() => created.close());
    shutdown.push(() => http.close());
    route.fetch = api.app.fetch;
    shutdown.push(scheduleSync(sync, config.sync.intervalMinutes, logger));
    const analysis = scheduleStorageAnalysis({ store, sync, connections, logger });
    shutdown.push(() => analysis.close());
    const computeAnalysis = scheduleComputeAnalysis({
      store,
      sync,
      logger,
      preset: config.insights.compute.rightsizing,
      idlePreset: config.insights.compute.idle,
    });
    shutdown.push(() => computeAnalysis.close());
    logger.info(
      { url: http.url, connections: connections.size, store: store.dialect },
      'server listening',
    );
    return { url: http.url, store, sync, connections, close: () => shutdown.run() };
  } catch (error) {
    await shutdown
      .run()
      .catch((closeError: unknown) =>
        logger.error({ err: closeError }, 'cleanup after a failed start failed'),
      );
    throw error;
  }
}
