import { Command } from 'commander';
import { CcxError, conflict } from '@ccx/core';
import type { SandboxDaemonInfo } from '@ccx/sandbox';
import { refuseIfDetachedSandboxRuns } from '../background-sandbox';
import { globalsOf, printJson, say, type CliContext, type GlobalOptions } from '../context';
import type { Outcome } from '../outcome';
import { localPaths } from '../paths';
import { checkFaultSpec, withSandboxFlags, type SandboxFlags } from '../sandbox-options';
import { untilSignal } from '../signals';

/** Runs the sandbox in this process until SIGINT/SIGTERM. */
async function runForeground(
  ctx: CliContext,
  globals: GlobalOptions,
  flags: SandboxFlags,
): Promise<void> {
  await checkFaultSpec(flags.faults);
  const paths = localPaths(ctx.cwd);
  await refuseIfDetachedSandboxRuns(paths.sandboxState);
  const { startSandbox, writeSandboxConfig } = await import('@ccx/sandbox');
  const sandbox = await startSandbox({
    stateDir: paths.sandboxState,
    seed: flags.seed,
    faults: flags.faults,
    azure: true,
  });
  try {
    await writeSandboxConfig(sandbox, paths.sandboxConfig);
    say(
      ctx,
      globals,
      `SANDBOX serving AWS at ${sandbox.url} and ${sandbox.httpsUrl}, GCS at ${sandbox.gcp.url}${sandbox.azure ? `, Azure Blob at ${sandbox.azure.blobUrl}` : ''} (Ctrl-C to stop)`,
    );
    say(ctx, globals, `Sync it with: ccx sync --config ${paths.sandboxConfig}`);
    await untilSignal();
  } finally {
    await sandbox.stop();
  }
}

/**
 * Starts the sandbox as a background process through the sandbox's own daemon launcher, which
 * resolves once the sandbox serves and its config is written (its log is in the state folder).
 */
async function runDetached(
  ctx: CliContext,
  globals: GlobalOptions,
  flags: SandboxFlags,
): Promise<void> {
  await checkFaultSpec(flags.faults);
  const { startSandboxDaemon } = await import('@ccx/sandbox');
  const paths = localPaths(ctx.cwd);
  let info: SandboxDaemonInfo;
  try {
    info = await startSandboxDaemon({
      stateDir: paths.sandboxState,
      configFile: paths.sandboxConfig,
      seed: flags.seed,
      faults: flags.faults,
      azure: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw /already running/.test(message)
      ? conflict(message)
      : new CcxError('unavailable', message, { cause: error });
  }
  if (globals.json) printJson(ctx, info);
  else {
    say(
      ctx,
      globals,
      `SANDBOX started in the background (pid ${info.pid}) at ${info.url}; config: ${info.configFile}`,
    );
    say(
      ctx,
      globals,
      `Sync it with "ccx sync --config ${info.configFile}"; stop it with "ccx sandbox stop".`,
    );
  }
}

async function stop(ctx: CliContext, globals: GlobalOptions): Promise<void> {
  const { stopSandboxDaemon } = await import('@ccx/sandbox');
  const result = await stopSandboxDaemon(localPaths(ctx.cwd).sandboxState);
  if (globals.json) printJson(ctx, result);
  else if (result.stopped) say(ctx, globals, `Sandbox (pid ${result.pid}) stopped.`);
  else if (result.reason === 'stale-pid-file')
    say(ctx, globals, 'No sandbox was running (removed a stale pid file).');
  else say(ctx, globals, 'No sandbox is running.');
}

export function sandboxCommand(ctx: CliContext, _outcome: Outcome): Command {
  const sandbox = new Command('sandbox').description(
    'the local sandbox estate (no cloud account needed)',
  );
  withSandboxFlags(
    sandbox
      .command('start')
      .description(
        'start the sandbox and write .ccx/sandbox.yaml; runs until Ctrl-C unless --detach',
      )
      .option('--detach', 'run in the background; stop with "ccx sandbox stop"'),
  ).action(async (options: SandboxFlags & { detach?: boolean }, command: Command) => {
    const globals = globalsOf(command);
    if (options.detach === true) await runDetached(ctx, globals, options);
    else await runForeground(ctx, globals, options);
  });
  sandbox
    .command('stop')
    .description('stop a sandbox started with "ccx sandbox start --detach"')
    .action((_options: unknown, command: Command) => stop(ctx, globalsOf(command)));
  return sandbox;
}
