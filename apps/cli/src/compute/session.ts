import type { ProviderConnection } from '@ccx/core';
import type { Store } from '@ccx/store';
import { commandLogger, loadCliConfig, type CliContext, type GlobalOptions } from '../context';
import { cliAudit, type AuditSink, type CliAudit } from '../storage/audit';

/** The connections a compute command acts through, the store, and the audit trail. */
export interface ComputeSession {
  connections: ReadonlyMap<string, ProviderConnection>;
  audit: CliAudit;
  /** The configured store, opened on first use (audit, `--from-store`). */
  store(): Promise<Store>;
  close(): Promise<void>;
}

/**
 * A session over the connections of the config, connected as `ccx sync` does. Every action is
 * audited in the configured store, as the server's are, under the operating-system user.
 */
export async function openComputeSession(
  ctx: CliContext,
  globals: GlobalOptions,
): Promise<ComputeSession> {
  const config = await loadCliConfig(ctx, globals);
  const { openConnections, openMigratedStore } = await import('@ccx/server');
  const opened = await openConnections(config, await commandLogger(config, globals));
  let store: Promise<Store> | null = null;
  const open = () => (store ??= openMigratedStore(config.store.url ?? ':memory:'));
  const sink: AuditSink = async (event) => {
    await (await open()).audit.append(event);
  };
  return {
    connections: opened.connections,
    audit: cliAudit(sink),
    store: open,
    async close() {
      try {
        await opened.close();
      } finally {
        if (store) await (await store).close();
      }
    },
  };
}

export async function withComputeSession<T>(
  ctx: CliContext,
  globals: GlobalOptions,
  work: (session: ComputeSession) => Promise<T>,
): Promise<T> {
  const session = await openComputeSession(ctx, globals);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
