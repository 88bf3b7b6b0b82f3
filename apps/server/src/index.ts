export { loadConfig, DEFAULT_CONFIG_FILE, type LoadConfigOptions } from './config/load';
export {
  configSchema,
  LOG_LEVELS,
  type CcxConfig,
  type CcxConfigInput,
  type ConnectionConfig,
} from './config/schema';
export { ENV_OVERRIDES, type Env } from './config/env';
export { startServer, type RunningServer, type StartServerOptions } from './start-server';
export { startWorker, type RunningWorker } from './start-worker';
export { openMigratedStore } from './open-store';
export { connectProviders, closeConnections } from './providers';
export { buildSyncService } from './sync-service';
export { createLogger, type ServerLogger } from './logger';
export { VERSION } from './version';
export { openRuntime, type Runtime } from './runtime';
export { openConnections, type OpenConnections } from './connections';
