import { Command } from 'commander';
import type { CcxConfig } from '@ccx/server';
import type { Store } from '@ccx/store';
import { globalsOf, loadCliConfig, printJson, say, type CliContext } from '../context';
import type { Outcome } from '../outcome';

/**
 * The same facts as `GET /api/status`, read straight from the store: it needs no provider
 * connection, so it works while a cloud is unreachable.
 */
export async function statusReport(config: CcxConfig, store: Store) {
  const { VERSION } = await import('@ccx/server');
  const [resources, [lastSync]] = await Promise.all([
    store.resources.counts(),
    store.syncRuns.list(1),
  ]);
  return {
    resources,
    lastSync: lastSync ?? null,
    connections: config.connections.map((connection) => ({
      name: connection.name,
      provider: connection.provider,
      sandbox: config.sandbox || connection.sandbox === true,
    })),
    sandbox: config.sandbox || config.connections.some((connection) => connection.sandbox === true),
    version: VERSION,
  };
}

export function statusCommand(ctx: CliContext, _outcome: Outcome): Command {
  return new Command('status')
    .description('show connections, resource counts and the last sync')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const config = await loadCliConfig(ctx, globals);
      const { openMigratedStore } = await import('@ccx/server');
      const store = await openMigratedStore(config.store.url ?? ':memory:');
      try {
        const report = await statusReport(config, store);
        if (globals.json) {
          printJson(ctx, report);
          return;
        }
        const label = report.sandbox ? ' [SANDBOX]' : '';
        say(ctx, globals, `Creator's Codex ${report.version}${label}`);
        // Without a config file only the default store is read, which can hold what a sync
        // with `--config` wrote; say so rather than list "no connections" as if that were all.
        say(
          ctx,
          globals,
          `Config: ${config.configFile ?? 'none (no ./ccx.yaml; pass --config FILE to see its connections)'}`,
        );
        say(ctx, globals, `Store: ${store.dialect}`);
        say(
          ctx,
          globals,
          `Connections: ${report.connections.map((c) => `${c.name} (${c.provider})`).join(', ') || 'none'}`,
        );
        const providers = Object.entries(report.resources.byProvider)
          .map(([p, n]) => `${p} ${n}`)
          .join(', ');
        say(
          ctx,
          globals,
          `Resources: ${report.resources.total}${providers ? ` (${providers})` : ''}`,
        );
        const run = report.lastSync;
        say(
          ctx,
          globals,
          run ? `Last sync: ${run.status}, started ${run.startedAt}` : 'Last sync: never',
        );
      } finally {
        await store.close();
      }
    });
}
