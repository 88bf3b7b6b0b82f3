import { Command } from 'commander';
import type { SyncService, SyncSummary } from '@ccx/sync';
import { openRuntime } from '@ccx/server';
import { commandLogger, globalsOf, loadCliConfig, printJson, say, type CliContext } from '../context';
import type { Outcome } from '../outcome';
import { showSyncProgress } from '../progress';
import { syncExitCode, syncReport, syncSummaryLine } from '../sync-report';

/** Runs one sync through the same SyncService the API's `POST /api/sync/runs` uses, with progress on stderr. */
export async function syncWithProgress(sync: SyncService, ctx: CliContext, trigger: string): Promise<SyncSummary> {
  const stop = showSyncProgress(sync, ctx.stderr);
  try {
    return await sync.run(trigger);
  } finally {
    stop();
  }
}

export function syncCommand(ctx: CliContext, outcome: Outcome): Command {
  return new Command('sync')
    .description('list every configured connection into the store, once')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const config = loadCliConfig(ctx, globals);
      const runtime = await openRuntime(config, commandLogger(config, globals));
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
