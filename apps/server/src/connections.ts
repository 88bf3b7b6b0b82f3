import type { Logger, ProviderConnection } from '@ccx/core';
import type { CcxConfig } from './config/schema';
import { closeConnections, connectProviders } from './providers';
import { readExtraCa } from './tls';

/** The configured provider connections alone, for commands that act on clouds without the store. */
export interface OpenConnections {
  connections: ReadonlyMap<string, ProviderConnection>;
  close(): Promise<void>;
}

/**
 * Connects every configured provider (trusting `tls.extraCaFile`) without opening the store or
 * the sync service: what `ccx storage` needs, at a fraction of `openRuntime`'s start-up.
 */
export async function openConnections(config: CcxConfig, logger: Logger): Promise<OpenConnections> {
  const extraCaPem = await readExtraCa(config);
  const connections = await connectProviders(config.connections, { logger, extraCaPem });
  return { connections, close: () => closeConnections(connections.values()) };
}
