import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  commandLogger,
  globalsOf,
  printJson,
  say,
  type CliContext,
  type GlobalOptions,
} from '../context';
import type { CcxConfig } from '@ccx/server';
import { refuseIfDetachedSandboxRuns } from '../background-sandbox';
import { DEMO_USERS } from '../demo-users';
import { EXIT } from '../exit-codes';
import type { Outcome } from '../outcome';
import { localPaths } from '../paths';
import { checkFaultSpec, withSandboxFlags, type SandboxFlags } from '../sandbox-options';
import { untilSignal } from '../signals';
import { syncExitCode, syncReport, syncSummaryLine } from '../sync-report';
import { parsePort } from './serve';
import { syncWithProgress } from './sync';

interface DemoOptions extends SandboxFlags {
  port?: number;
  once?: boolean;
}

const DEMO_PORT = 8080;

/**
 * The demo's config: the sandbox's own ccx.yaml, with the store forced into `.ccx/demo/` and
 * the server onto loopback. Store and host overrides from the environment are ignored on
 * purpose, so a demo can never write sandbox data into a real store or listen beyond this
 * machine.
 */
async function demoConfig(ctx: CliContext, sandboxConfigFile: string): Promise<CcxConfig> {
  const { loadConfig } = await import('@ccx/server');
  const paths = localPaths(ctx.cwd);
  const env = { CCX_LOG_LEVEL: ctx.env.CCX_LOG_LEVEL };
  const config = loadConfig({ file: sandboxConfigFile, env, cwd: ctx.cwd });
  return {
    ...config,
    sandbox: true,
    dataDir: paths.demoData,
    store: { url: join(paths.demoData, 'ccx.db') },
    server: { ...config.server, host: '127.0.0.1', publicUrl: undefined },
    sync: { ...config.sync, driver: 'inprocess', intervalMinutes: 0 },
  };
}

function printLogin(ctx: CliContext, globals: GlobalOptions, url: string, created: string[]): void {
  say(ctx, globals, '');
  say(ctx, globals, `Creator's Codex demo (SANDBOX data, no cloud account) is serving at ${url}`);
  say(ctx, globals, 'Sign in with one of these sandbox-only accounts:');
  for (const user of DEMO_USERS) {
    say(ctx, globals, `  ${user.role.padEnd(8)} ${user.username} / ${user.password}`);
  }
  if (created.length === 0)
    say(ctx, globals, '(existing demo accounts were kept; if you changed a password, use yours)');
  say(ctx, globals, 'Press Ctrl-C to stop.');
}

async function runDemo(
  ctx: CliContext,
  globals: GlobalOptions,
  options: DemoOptions,
  outcome: Outcome,
): Promise<void> {
  await checkFaultSpec(options.faults);
  const paths = localPaths(ctx.cwd);
  await refuseIfDetachedSandboxRuns(paths.sandboxState);
  const { startSandbox, writeSandboxConfig } = await import('@ccx/sandbox');
  const { openRuntime, startServer } = await import('@ccx/server');
  const { ensureDemoUsers } = await import('../demo-users-setup');
  await mkdir(paths.demoData, { recursive: true });
  const sandbox = await startSandbox({
    stateDir: paths.sandboxState,
    seed: options.seed,
    faults: options.faults,
    azure: true,
  });
  try {
    await writeSandboxConfig(sandbox, paths.sandboxConfig);
    const config = await demoConfig(ctx, paths.sandboxConfig);
    const logger = await commandLogger(config, globals, options.once !== true);
    if (options.once === true) {
      const runtime = await openRuntime(config, logger);
      try {
        await ensureDemoUsers(runtime.store);
        const summary = await syncWithProgress(runtime.sync, ctx, 'demo');
        if (globals.json) printJson(ctx, syncReport(summary));
        else say(ctx, globals, `SANDBOX ${syncSummaryLine(summary)}`);
        outcome.code = syncExitCode(summary);
      } finally {
        await runtime.close();
      }
      return;
    }
    // Serving starts before the first sync so the dashboard can show its live progress.
    const server = await startServer(config, { port: options.port ?? DEMO_PORT, logger });
    try {
      const { created } = await ensureDemoUsers(server.store);
      const summary = await syncWithProgress(server.sync, ctx, 'demo');
      say(ctx, globals, `SANDBOX ${syncSummaryLine(summary)}`);
      if (summary.status !== 'succeeded') outcome.code = EXIT.partial;
      printLogin(ctx, globals, server.url, created);
      await untilSignal();
    } finally {
      await server.close();
    }
  } finally {
    await sandbox.stop();
  }
}

export function demoCommand(ctx: CliContext, outcome: Outcome): Command {
  return withSandboxFlags(
    new Command('demo')
      .description(
        'start the sandbox, sync it into .ccx/demo/ and serve the dashboard on http://127.0.0.1:8080',
      )
      .option('--port <n>', `port to serve on (default ${DEMO_PORT})`, parsePort)
      .option('--once', 'sync once, print the result and exit instead of serving'),
  ).action(async (options: DemoOptions, command: Command) =>
    runDemo(ctx, globalsOf(command), options, outcome),
  );
}
