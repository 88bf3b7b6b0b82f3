import { Command } from 'commander';
import { CLI_VERSION } from './version';
import { adminCommand } from './commands/admin';
import { computeCommand } from './commands/compute';
import { demoCommand } from './commands/demo';
import { sandboxCommand } from './commands/sandbox';
import { serveCommand } from './commands/serve';
import { statusCommand } from './commands/status';
import { storageCommand } from './commands/storage';
import { syncCommand } from './commands/sync';
import { workerCommand } from './commands/worker';
import type { CliContext } from './context';
import type { Outcome } from './outcome';

/**
 * The `ccx` command tree. Each command is a thin adapter: it loads the config, calls the same
 * service functions the HTTP API calls, and prints the result for a human or, with `--json`,
 * for a program.
 */
export function buildProgram(ctx: CliContext, outcome: Outcome): Command {
  const program = new Command('ccx')
    .description("Creator's Codex: a self-hosted multi-cloud command center")
    .version(CLI_VERSION)
    .option('--config <file>', 'config file (default: CCX_CONFIG, then ./ccx.yaml if present)')
    .option('--json', 'machine-readable output on stdout; everything else on stderr')
    .option('--verbose', 'show stacks and causes of errors, and info logs');
  for (const make of [
    demoCommand,
    sandboxCommand,
    syncCommand,
    serveCommand,
    workerCommand,
    adminCommand,
    statusCommand,
    storageCommand,
    computeCommand,
  ]) {
    program.addCommand(make(ctx, outcome));
  }
  applyToAll(program, (command) =>
    command
      .exitOverride()
      .showHelpAfterError('(add --help for usage)')
      .configureOutput({
        writeOut: (text) => ctx.stdout.write(text),
        writeErr: (text) => ctx.stderr.write(text),
      }),
  );
  return program;
}

/**
 * `addCommand` does not pass settings down (only `.command()` does), so error handling and
 * output streams are applied to every command of the tree here: a usage error anywhere then
 * surfaces as a CommanderError that `main` turns into exit code 2.
 */
function applyToAll(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyToAll(sub, apply);
}
