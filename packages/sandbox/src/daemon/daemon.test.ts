import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempStateDir } from '../testing/temp-dir';
import { isAlive, pidFilePath } from './daemon-files';
import { startSandboxDaemon, stopSandboxDaemon } from './daemon';

describe('sandbox daemon', () => {
  it('starts detached, writes its pid file and config, refuses a second start, and stops', async () => {
    const stateDir = tempStateDir('daemon');
    const configFile = join(stateDir, 'sandbox.yaml');
    const info = await startSandboxDaemon({ stateDir, configFile, seed: 7, faults: 'latency=1' });
    try {
      expect(isAlive(info.pid)).toBe(true);
      expect(existsSync(info.caFile)).toBe(true);
      const health = await (await fetch(`${info.url}/_sandbox/health`)).json();
      expect(health).toMatchObject({ status: 'ok', sandbox: true, pid: info.pid });
      const faults = await (await fetch(`${info.url}/_sandbox/faults`)).json();
      expect(faults).toEqual({ faults: 'latency=1' });
      const config = parse(await readFile(configFile, 'utf8')) as {
        connections: { endpoint: string }[];
        tls: { extraCaFile: string };
      };
      expect(config.connections[0]!.endpoint).toBe(info.url);
      expect(config.tls.extraCaFile).toBe(info.caFile);
      await expect(startSandboxDaemon({ stateDir, configFile })).rejects.toThrow(/already running/);
    } finally {
      const stopped = await stopSandboxDaemon(stateDir);
      expect(stopped).toEqual({ stopped: true, pid: info.pid });
    }
    expect(isAlive(info.pid)).toBe(false);
    expect(existsSync(pidFilePath(stateDir))).toBe(false);
    expect(await stopSandboxDaemon(stateDir)).toEqual({ stopped: false, reason: 'not-running' });
  });

  it('clears a stale pid file without signalling anything', async () => {
    const stateDir = tempStateDir('stale');
    const finished = spawnSync(process.execPath, ['-e', '']);
    expect(finished.status).toBe(0);
    const deadPid = finished.pid;
    await writeFile(
      pidFilePath(stateDir),
      JSON.stringify({
        pid: deadPid,
        url: 'http://127.0.0.1:9',
        httpsUrl: 'https://127.0.0.1:9',
        configFile: 'x.yaml',
      }),
    );
    expect(await stopSandboxDaemon(stateDir)).toEqual({ stopped: false, reason: 'stale-pid-file' });
    expect(existsSync(pidFilePath(stateDir))).toBe(false);
    // A live pid that is not a sandbox (this test process) is treated as stale too, never killed.
    await writeFile(
      pidFilePath(stateDir),
      JSON.stringify({
        pid: process.pid,
        url: 'http://127.0.0.1:9',
        httpsUrl: 'https://127.0.0.1:9',
        configFile: 'x.yaml',
      }),
    );
    expect(await stopSandboxDaemon(stateDir)).toEqual({ stopped: false, reason: 'stale-pid-file' });
  });
});
