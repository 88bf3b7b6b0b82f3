import type { ProviderConnection } from '@ccx/core';
import type { StorageCatalog } from '@ccx/storage';
import { commandLogger, loadCliConfig, type CliContext, type GlobalOptions } from '../context';

/** The clouds a storage command works on, and how to let go of them. */
export interface StorageSession {
  catalog: StorageCatalog;
  close(): Promise<void>;
}

/** Opens the session a storage command runs in; injected so tests can hand in memory storage. */
export type OpenStorage = (ctx: CliContext, globals: GlobalOptions) => Promise<StorageSession>;

/** A session over the connections of the config, connected as `ccx sync` does but without the store. */
export const openStorageFromConfig: OpenStorage = async (ctx, globals) => {
  const config = await loadCliConfig(ctx, globals);
  const { openConnections } = await import('@ccx/server');
  const opened = await openConnections(config, await commandLogger(config, globals));
  return sessionOver(opened.connections, () => opened.close());
};

export async function sessionOver(
  connections: ReadonlyMap<string, ProviderConnection>,
  close: () => Promise<void>,
): Promise<StorageSession> {
  const { storageConnections } = await import('@ccx/storage');
  return { catalog: storageConnections(connections), close };
}

/** Runs `work` in a session and always closes it, keeping `work`'s error when both fail. */
export async function withSession<T>(
  open: OpenStorage,
  ctx: CliContext,
  globals: GlobalOptions,
  work: (session: StorageSession) => Promise<T>,
): Promise<T> {
  const session = await open(ctx, globals);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
