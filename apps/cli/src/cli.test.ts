import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCcx, tempCwd } from './testing';

/**
 * The real binary, spawned in a temporary working directory against the real sandbox: what a
 * user types is what is tested. No part of the stack is mocked.
 */
const BIN = fileURLToPath(new URL('../bin/ccx.js', import.meta.url));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ccx(cwd: string, args: string[], input?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** The parent's environment without CCX_* settings or an inherited CA, so each test starts clean. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('CCX_') && key !== 'NODE_EXTRA_CA_CERTS',
    ),
  );
}

const longRunning: ChildProcess[] = [];
afterAll(() => {
  for (const child of longRunning) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('ccx', () => {
  it('demo --once --json syncs hundreds of sandbox resources of all three clouds without errors', async () => {
    const cwd = tempCwd();
    const result = await ccx(cwd, ['demo', '--once', '--json']);
    expect(result.stderr).not.toMatch(/^ccx: /m);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      resources: number;
      byProvider: Record<string, number>;
      errors: unknown[];
    };
    expect(report.resources).toBeGreaterThanOrEqual(100);
    // AWS: instances, volumes, addresses, ECS and S3 buckets; GCS: the storage seed's buckets;
    // Azure: the storage seed's 4 containers plus the compute estate's VMs and disks.
    expect(report.byProvider).toEqual({
      aws: expect.any(Number) as number,
      gcp: 5,
      azure: expect.any(Number) as number,
    });
    expect(report.byProvider.azure).toBeGreaterThan(4 + 30);
    expect((report.byProvider.aws ?? 0) + (report.byProvider.azure ?? 0) + 5).toBe(
      report.resources,
    );
    expect(report.errors).toEqual([]);
  }, 120_000);

  it('starts a detached sandbox, syncs it with its config, reports status and stops it', async () => {
    const cwd = tempCwd();
    const started = await ccx(cwd, ['sandbox', 'start', '--detach', '--json']);
    expect(started.stderr).not.toMatch(/^ccx: /m);
    expect(started.code).toBe(0);
    const { pid } = JSON.parse(started.stdout) as { pid: number };
    try {
      const synced = await ccx(cwd, ['sync', '--config', '.ccx/sandbox.yaml', '--json']);
      expect(synced.code).toBe(0);
      const report = JSON.parse(synced.stdout) as { status: string; resources: number };
      expect(report.status).toBe('succeeded');
      expect(report.resources).toBeGreaterThanOrEqual(100);

      const status = await runCcx(cwd, ['status', '--config', '.ccx/sandbox.yaml', '--json']);
      expect(status.code).toBe(0);
      const parsed = JSON.parse(status.stdout) as {
        resources: { total: number };
        sandbox: boolean;
        lastSync: { status: string };
      };
      expect(parsed).toMatchObject({
        resources: { total: report.resources },
        sandbox: true,
        lastSync: { status: 'succeeded' },
      });

      // A second sandbox from the same folder would overwrite the running one's config.
      const config = readFileSync(join(cwd, '.ccx/sandbox.yaml'), 'utf8');
      const demo = await runCcx(cwd, ['demo', '--once']);
      expect(demo.code).toBe(1);
      expect(demo.stderr).toContain(`is running (pid ${pid})`);
      expect(readFileSync(join(cwd, '.ccx/sandbox.yaml'), 'utf8')).toBe(config);
    } finally {
      const stopped = await ccx(cwd, ['sandbox', 'stop']);
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toContain(`pid ${pid}`);
    }
    expect(() => process.kill(pid, 0)).toThrow();
  }, 120_000);

  it('creates an admin from stdin who can then sign in to `ccx serve`, which stops cleanly on SIGTERM', async () => {
    const cwd = tempCwd();
    const password = 'correct horse battery staple';
    const created = await ccx(
      cwd,
      ['admin', 'create', '--username', 'ada', '--password-stdin', '--json'],
      `${password}\n`,
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ username: 'ada', role: 'admin' });

    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json'], {
      cwd,
      env: cleanEnv(),
      stdio: 'pipe',
    });
    longRunning.push(server);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /"url": "([^"]+)"/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`serve exited with ${String(code)}`)));
    });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
