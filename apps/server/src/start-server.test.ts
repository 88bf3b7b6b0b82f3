import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalUser } from '@ccx/api';
import { configSchema, type CcxConfig } from './config/schema';
import { createLogger } from './logger';
import { startServer, type RunningServer } from './start-server';

/** A real server on a free loopback port over a fresh SQLite file; no mocks. */
function testConfig(overrides: Record<string, unknown> = {}): CcxConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccx-server-'));
  const parsed = configSchema.parse({ dataDir, logging: { level: 'silent' }, ...overrides });
  return { ...parsed, store: { url: join(dataDir, 'ccx.db') } };
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(config: CcxConfig): Promise<RunningServer> {
  const server = await startServer(config, { port: 0, logger: createLogger('silent'), web: false });
  running.push(server);
  return server;
}

describe('startServer', () => {
  it('serves health, readiness and the API over a migrated store', async () => {
    const server = await start(testConfig());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const auth = (await (await fetch(`${server.url}/api/auth/config`)).json()) as {
      local: boolean;
    };
    expect(auth.local).toBe(true);
    expect((await fetch(`${server.url}/api/status`)).status).toBe(401);
  });

  it('lets a user created through the user service sign in and read the status', async () => {
    const config = testConfig({ sandbox: true });
    const server = await start(config);
    await createLocalUser(server.store, {
      username: 'ada',
      password: 'correct horse battery',
      role: 'admin',
    });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'correct horse battery' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const status = (await (
      await fetch(`${server.url}/api/status`, { headers: { cookie } })
    ).json()) as {
      sandbox: boolean;
      resources: { total: number };
    };
    expect(status).toMatchObject({ sandbox: true, resources: { total: 0 } });
  });

  it('runs a sync through the returned service and records the run', async () => {
    const server = await start(testConfig());
    const summary = await server.sync.run('test');
    expect(summary.status).toBe('succeeded');
    const [run] = await server.store.syncRuns.list(1);
    expect(run).toMatchObject({ id: summary.runId, trigger: 'test', status: 'succeeded' });
  });

  it('fails with a clear error when the port is taken, and leaves nothing open', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startServer(testConfig(), { port, logger: createLogger('silent'), web: false }),
      ).rejects.toThrow(`Cannot listen on 127.0.0.1:${port}: port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('closes in order and only once', async () => {
    const server = await startServer(testConfig(), {
      port: 0,
      logger: createLogger('silent'),
      web: false,
    });
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
