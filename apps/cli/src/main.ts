import { CommanderError } from 'commander';
import type { CliContext } from './context';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes';
import type { Outcome } from './outcome';
import { buildProgram } from './program';
import { formatError } from './report-error';

/**
 * Runs one command line and returns its exit code; never throws. Usage errors (unknown option,
 * missing argument) are 2, like configuration errors; a command's own failure is 1.
 */
export async function main(
  argv: readonly string[],
  ctx: CliContext = processContext(),
): Promise<ExitCode> {
  const outcome: Outcome = { code: EXIT.ok };
  const program = buildProgram(ctx, outcome);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv]);
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (and help); only the code is left to set.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    ctx.stderr.write(`${formatError(error, verbose)}\n`);
    return exitCodeFor(error);
  }
}

function processContext(): CliContext {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  };
}
