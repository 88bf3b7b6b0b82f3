import type { AuditEventInput, ProviderConnection } from '@ccx/core';
import type { Store } from '@ccx/store';
import type { StorageCatalog } from '@ccx/storage';
import { commandLogger, loadCliConfig, type CliContext, type GlobalOptions } from '../context';
import { cliAudit, type AuditSink, type CliAudit } from './audit';

/** The clouds a storage command works on, where its changes are audited, and how to let go. */
export interface StorageSession {
  catalog: StorageCatalog;
  audit: CliAudit;
  close(): Promise<void>;
}

/** Opens the session a storage command runs in; injected so tests can hand in memory storage. */
export type OpenStorage = (ctx: CliContext, globals: GlobalOptions) => Promise<StorageSession>;

/**
 * A session over the connections of the config, connected as `ccx sync` does. The configured
 * store is opened only when a change is audited, so listing works without it, and every
 * change a storage command makes lands in the same audit log as the server's.
 */
export const openStorageFromConfig: OpenStorage = async (ctx, globals) => {
  const config = await loadCliConfig(ctx, globals);
  const { openConnections, openMigratedStore } = await import('@ccx/server');
  const opened = await openConnections(config, await commandLogger(config, globals));
  let store: Promise<Store> | null = null;
  const sink: AuditSink = async (event) => {
    store ??= openMigratedStore(config.store.url ?? ':memory:');
    await (await store).audit.append(event);
  };
  return sessionOver(
    opened.connections,
    async () => {
      try {
        await opened.close();
      } finally {
        if (store) await (await store).close();
      }
    },
    sink,
  );
};

export async function sessionOver(
  connections: ReadonlyMap<string, ProviderConnection>,
  close: () => Promise<void>,
  sink: AuditSink,
): Promise<StorageSession> {
  const { storageConnections } = await import('@ccx/storage');
  return { catalog: storageConnections(connections), audit: cliAudit(sink), close };
}

/** An audit sink that keeps the entries in memory, for tests. */
export function memoryAuditSink(): AuditSink & { events: AuditEventInput[] } {
  const events: AuditEventInput[] = [];
  return Object.assign(
    (event: AuditEventInput) => {
      events.push(event);
      return Promise.resolve();
    },
    { events },
  );
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
