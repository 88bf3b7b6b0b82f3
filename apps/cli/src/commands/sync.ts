import { Command } from 'commander';
import { invalidInput } from '@ccx/core';
import type { SyncService, SyncSummary } from '@ccx/sync';
import {
  commandLogger,
  globalsOf,
  loadCliConfig,
  printJson,
  say,
  type CliContext,
} from '../context';
import type { Outcome } from '../outcome';
import { showSyncProgress } from '../progress';
import { onFirstSignal } from '../signals';
import { syncExitCode, syncReport, syncSummaryLine } from '../sync-report';

/** Runs one sync through the same SyncService the API's `POST /api/sync/runs` uses, with progress on stderr. */
export async function syncWithProgress(
  sync: SyncService,
  ctx: CliContext,
  trigger: string,
): Promise<SyncSummary> {
  const stop = showSyncProgress(sync, ctx.stderr);
  // Ctrl-C closes the service, which aborts the jobs and records the run, so no run is left
  // marked as running; the summary (or the abort error) then comes back here as usual.
  const dispose = onFirstSignal((signal) => {
    ctx.stderr.write(`Received ${signal}; stopping the sync...\n`);
    sync
      .close()
      .catch((error: unknown) =>
        ctx.stderr.write(`ccx: could not stop the sync cleanly: ${String(error)}\n`),
      );
  });
  try {
    return await sync.run(trigger);
  } finally {
    dispose();
    stop();
  }
}

export function syncCommand(ctx: CliContext, outcome: Outcome): Command {
  return new Command('sync')
    .description('list every configured connection into the store, once')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const config = await loadCliConfig(ctx, globals);
      if (config.connections.length === 0) {
        throw invalidInput(
          'No connections to sync: add one under "connections:" in ccx.yaml (or try "ccx demo")',
        );
      }
      const { openRuntime } = await import('@ccx/server');
      const runtime = await openRuntime(config, await commandLogger(config, globals));
      try {
        const summary = await syncWithProgress(runtime.sync, ctx, 'cli');
        if (globals.json) printJson(ctx, syncReport(summary));
        else say(ctx, globals, syncSummaryLine(summary));
        for (const error of globals.json ? [] : summary.errors) {
          ctx.stderr.write(`  ${error.scope} ${error.type}: ${error.message}\n`);
        }
        outcome.code = syncExitCode(summary);
      } finally {
        await runtime.close();
      }
    });
}
