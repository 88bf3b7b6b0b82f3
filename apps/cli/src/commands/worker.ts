import { Command } from 'commander';
import { commandLogger, globalsOf, loadCliConfig, say, type CliContext } from '../context';
import type { Outcome } from '../outcome';
import { untilSignal } from '../signals';

export function workerCommand(ctx: CliContext, _outcome: Outcome): Command {
  return new Command('worker')
    .description('run sync jobs from the Redis queue (sync.driver: bullmq) until interrupted')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const config = await loadCliConfig(ctx, globals);
      const { startWorker } = await import('@ccx/server');
      const worker = await startWorker(config, {
        logger: await commandLogger(config, globals, true),
      });
      say(
        ctx,
        globals,
        `Sync worker waiting for jobs on queue "${config.sync.queueName}" (Ctrl-C to stop)`,
      );
      await untilSignal();
      await worker.close();
    });
}
