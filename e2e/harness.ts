import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Role } from '@ccx/core';
import { createLocalUser } from '@ccx/api';
import { startSandbox, writeSandboxConfig, type SandboxHandle } from '@ccx/sandbox';
import { loadConfig, startServer, type CcxConfig, type RunningServer } from '@ccx/server';

export interface E2eEstate {
  sandbox: SandboxHandle;
  server: RunningServer;
  browser: Browser;
  users: Record<Role, { username: string; password: string }>;
  close(): Promise<void>;
}

/** Flags that keep Chromium off the network of a closed machine and quiet at start. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The real product end to end: the sandbox estate, the server from the same composition root
 * as `ccx serve` (SQLite in a temp folder, the built web app), one user per role, a first sync,
 * and Debian's Chromium driven by playwright-core. `oidc` turns on single sign-on; the server
 * binds port 0 with no public URL, as a developer's `ccx serve --port 0` would.
 */
export async function startE2eEstate(options: {
  transitionMs: number;
  oidc?: CcxConfig['auth']['oidc'];
}): Promise<E2eEstate> {
  const dir = await mkdtemp(join(tmpdir(), 'ccx-e2e-'));
  const sandbox = await startSandbox({
    stateDir: join(dir, 'sandbox'),
    transitionMs: options.transitionMs,
  });
  const configFile = await writeSandboxConfig(sandbox, join(dir, 'sandbox.yaml'));
  const config = loadConfig({ file: configFile, env: { CCX_LOG_LEVEL: 'warn' }, cwd: dir });
  const server = await startServer(
    {
      ...config,
      dataDir: dir,
      store: { url: join(dir, 'ccx.db') },
      sync: { ...config.sync, intervalMinutes: 0 },
      auth: { ...config.auth, oidc: options.oidc },
    },
    { port: 0 },
  );
  const users = {
    viewer: { username: 'vera', password: 'viewer-password-123' },
    operator: { username: 'otto', password: 'operator-password-123' },
    admin: { username: 'ada', password: 'admin-password-1234' },
  } satisfies E2eEstate['users'];
  for (const [role, user] of Object.entries(users) as [
    Role,
    { username: string; password: string },
  ][]) {
    await createLocalUser(server.store, { ...user, role });
  }
  const summary = await server.sync.run('e2e');
  if (summary.status !== 'succeeded')
    throw new Error(`initial sync ${summary.status}: ${JSON.stringify(summary.errors)}`);
  const browser = await chromium.launch({
    executablePath: process.env.CCX_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    sandbox,
    server,
    browser,
    users,
    async close() {
      await browser.close();
      await server.close();
      await sandbox.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
