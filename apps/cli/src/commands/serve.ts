import { Command, InvalidArgumentError } from 'commander';
import {
  commandLogger,
  globalsOf,
  loadCliConfig,
  printJson,
  say,
  type CliContext,
} from '../context';
import type { Outcome } from '../outcome';
import { untilSignal } from '../signals';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a number between 0 and 65535');
  }
  return port;
}

export function serveCommand(ctx: CliContext, _outcome: Outcome): Command {
  return new Command('serve')
    .description('serve the API and the web app until interrupted (Ctrl-C)')
    .option(
      '--port <n>',
      'port to listen on (overrides server.port; 0 picks a free one)',
      parsePort,
    )
    .action(async (options: { port?: number }, command: Command) => {
      const globals = globalsOf(command);
      const config = await loadCliConfig(ctx, globals);
      const { startServer } = await import('@ccx/server');
      const server = await startServer(config, {
        port: options.port,
        logger: await commandLogger(config, globals, true),
      });
      if (globals.json) printJson(ctx, { url: server.url });
      else say(ctx, globals, `Creator's Codex is serving at ${server.url} (Ctrl-C to stop)`);
      await untilSignal();
      await server.close();
    });
}
