import type { Command } from 'commander';
import { z } from 'zod';
import type { CcxConfig, ServerLogger } from '@ccx/server';

export const globalOptionsSchema = z.object({
  config: z.string().optional(),
  json: z.boolean().default(false),
  verbose: z.boolean().default(false),
});
export type GlobalOptions = z.infer<typeof globalOptionsSchema>;

/**
 * What every command gets: the global flags, the environment and working directory (injected
 * so tests and `ccx demo` can run commands in another folder), and the two output channels.
 * Machine output (`--json`) goes to stdout only; everything for humans goes to stderr when
 * `--json` is set, so `ccx sync --json | jq` always sees clean JSON.
 */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadStream;
}

/** A writable stream that may be a terminal (progress bars only draw on one). */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean };

export function globalsOf(command: Command): GlobalOptions {
  return globalOptionsSchema.parse(command.optsWithGlobals());
}

/** Human-readable line: stdout normally, stderr under `--json`. */
export function say(ctx: CliContext, globals: GlobalOptions, line: string): void {
  (globals.json ? ctx.stderr : ctx.stdout).write(`${line}\n`);
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The server packages are imported when a command runs, not when `ccx` starts: `--help`,
 * `--version` and usage errors then answer at once instead of loading every SDK first.
 */
export async function loadCliConfig(
  ctx: CliContext,
  globals: GlobalOptions,
): Promise<CcxConfig & { configFile: string | null }> {
  const { loadConfig } = await import('@ccx/server');
  return loadConfig({ file: globals.config, env: ctx.env, cwd: ctx.cwd });
}

/**
 * One-shot commands log warnings and errors only (their output is the result); `--verbose`
 * shows the configured level. Long-running ones (`serve`, `worker`) always use the config's.
 */
export async function commandLogger(
  config: CcxConfig,
  globals: GlobalOptions,
  longRunning = false,
): Promise<ServerLogger> {
  const { createLogger } = await import('@ccx/server');
  if (longRunning || globals.verbose) return createLogger(config.logging.level);
  return createLogger(
    config.logging.level === 'error' || config.logging.level === 'silent'
      ? config.logging.level
      : 'warn',
  );
}
