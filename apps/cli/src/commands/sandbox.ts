import { spawn } from 'node:child_process';
import { mkdir, open, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { CcxError, conflict } from '@ccx/core';
import { startSandbox, writeSandboxConfig } from '@ccx/sandbox';
import { globalsOf, printJson, say, type CliContext, type GlobalOptions } from '../context';
import type { Outcome } from '../outcome';
import { localPaths } from '../paths';
import { sandboxFlagArgs, withSandboxFlags, type SandboxFlags } from '../sandbox-options';
import { isAlive, readPidFile, removePidFile, waitFor, writePidFile } from '../sandbox-process';
import { untilSignal } from '../signals';

const BIN = fileURLToPath(new URL('../../bin/ccx.js', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

async function refuseIfRunning(pidFile: string): Promise<void> {
  const running = await readPidFile(pidFile);
  if (running !== null && isAlive(running.pid)) {
    throw conflict(`A sandbox is already running (pid ${running.pid}); stop it with "ccx sandbox stop"`);
  }
}

/** Runs the sandbox in this process until SIGINT/SIGTERM. */
async function runForeground(ctx: CliContext, globals: GlobalOptions, flags: SandboxFlags): Promise<void> {
  const paths = localPaths(ctx.cwd);
  await refuseIfRunning(paths.sandboxPidFile);
  await mkdir(paths.root, { recursive: true });
  const sandbox = await startSandbox({ stateDir: paths.sandboxState, seed: flags.seed, faults: flags.faults });
  try {
    await writeSandboxConfig(sandbox, paths.sandboxConfig);
    await writePidFile(paths.sandboxPidFile, {
      pid: process.pid,
      config: paths.sandboxConfig,
      startedAt: new Date().toISOString(),
    });
    say(ctx, globals, `SANDBOX running (pid ${process.pid}); config written to ${paths.sandboxConfig}`);
    say(ctx, globals, `Sync it with: ccx sync --config ${paths.sandboxConfig}`);
    await untilSignal();
  } finally {
    await removePidFile(paths.sandboxPidFile);
    await sandbox.stop();
  }
}

/**
 * Starts `ccx sandbox start` as a detached background process (its output goes to
 * `.ccx/sandbox.log`) and returns once that process has written its pid file, i.e. serves.
 */
async function runDetached(ctx: CliContext, globals: GlobalOptions, flags: SandboxFlags): Promise<void> {
  const paths = localPaths(ctx.cwd);
  await refuseIfRunning(paths.sandboxPidFile);
  await mkdir(paths.root, { recursive: true });
  const log = await open(paths.sandboxLog, 'w');
  const child = spawn(process.execPath, [...process.execArgv, BIN, 'sandbox', 'start', ...sandboxFlagArgs(flags)], {
    cwd: ctx.cwd,
    env: ctx.env,
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
  });
  await log.close();
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${String(code)}`}`;
  });
  child.unref();
  const childPid = child.pid;
  if (childPid === undefined) throw new CcxError('internal', 'Could not start the sandbox process');
  await waitFor(
    async () => {
      if (exited !== null) {
        const tail = (await readFile(paths.sandboxLog, 'utf8')).trim().split('\n').slice(-5).join('\n');
        throw new CcxError('unavailable', `The sandbox process ${exited}:\n${tail}`);
      }
      const pid = await readPidFile(paths.sandboxPidFile);
      return pid?.pid === childPid ? pid : null;
    },
    START_TIMEOUT_MS,
    'the sandbox to start',
  );
  if (globals.json) printJson(ctx, { pid: childPid, config: paths.sandboxConfig, log: paths.sandboxLog });
  else {
    say(ctx, globals, `SANDBOX started in the background (pid ${childPid}); config: ${paths.sandboxConfig}`);
    say(ctx, globals, `Sync it with "ccx sync --config ${paths.sandboxConfig}"; stop it with "ccx sandbox stop".`);
  }
}

async function stop(ctx: CliContext, globals: GlobalOptions): Promise<void> {
  const paths = localPaths(ctx.cwd);
  const running = await readPidFile(paths.sandboxPidFile);
  if (running === null || !isAlive(running.pid)) {
    await removePidFile(paths.sandboxPidFile);
    say(ctx, globals, 'No sandbox is running.');
    return;
  }
  process.kill(running.pid, 'SIGTERM');
  await waitFor(() => Promise.resolve(isAlive(running.pid) ? null : true), STOP_TIMEOUT_MS, `sandbox pid ${running.pid} to stop`);
  await removePidFile(paths.sandboxPidFile);
  say(ctx, globals, `Sandbox (pid ${running.pid}) stopped.`);
}

export function sandboxCommand(ctx: CliContext, _outcome: Outcome): Command {
  const sandbox = new Command('sandbox').description('the local sandbox estate (no cloud account needed)');
  withSandboxFlags(
    sandbox
      .command('start')
      .description('start the sandbox and write .ccx/sandbox.yaml; runs until Ctrl-C unless --detach')
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
