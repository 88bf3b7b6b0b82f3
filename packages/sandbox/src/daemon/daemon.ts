import { spawn } from 'node:child_process';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_STATE_DIR } from '../options';
import { ensureSandboxCa } from '../tls/certificates';
import { answersAsSandbox, isAlive, LOG_FILE, pidFilePath, readPidFile } from './daemon-files';
import { daemonOptionsSchema, type SandboxDaemonOptions } from './daemon-options';

export type { SandboxDaemonOptions } from './daemon-options';

export interface SandboxDaemonInfo {
  pid: number;
  url: string;
  httpsUrl: string;
  configFile: string;
  caFile: string;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Removes a pid file whose process is gone or no longer answers as this sandbox. */
async function clearStale(stateDir: string): Promise<void> {
  const existing = await readPidFile(stateDir);
  if (!existing) return;
  if (isAlive(existing.pid) && (await answersAsSandbox(existing.url, existing.pid))) {
    throw new Error(
      `A sandbox is already running (pid ${existing.pid}, ${existing.url}); stop it first with \`ccx sandbox stop\`.`,
    );
  }
  await rm(pidFilePath(stateDir), { force: true });
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-15).join('\n');
}

/**
 * Starts the sandbox as a detached Node process (running from source through tsx) and resolves
 * once it is ready — its pid file is written — with where it listens. The CA is created here,
 * before the spawn, so the caller can already point NODE_EXTRA_CA_CERTS at `caFile`.
 */
export async function startSandboxDaemon(
  input: SandboxDaemonOptions = {},
): Promise<SandboxDaemonInfo> {
  const options = daemonOptionsSchema.parse(input);
  const stateDir = resolve(options.stateDir);
  const configFile = resolve(options.configFile);
  await mkdir(stateDir, { recursive: true });
  await clearStale(stateDir);
  const { caFile } = await ensureSandboxCa(stateDir);
  const logFile = join(stateDir, LOG_FILE);
  const log = await open(logFile, 'a');
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const entry = fileURLToPath(new URL('./daemon-entry.ts', import.meta.url));
  const childOptions = { ...options, stateDir, configFile };
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, entry, JSON.stringify(childOptions)],
    {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
    },
  );
  await log.close();
  const early = { exitCode: null as number | null };
  child.once('exit', (code) => (early.exitCode = code ?? -1));
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not spawn the sandbox process; see ${logFile}.`);
  const deadline = Date.now() + options.readyTimeoutMs;
  while (Date.now() < deadline) {
    if (early.exitCode !== null)
      throw new Error(
        `The sandbox process exited with code ${early.exitCode} before it was ready:\n${await logTail(logFile)}`,
      );
    const ready = await readPidFile(stateDir);
    if (ready && ready.pid === pid)
      return {
        pid,
        url: ready.url,
        httpsUrl: ready.httpsUrl,
        configFile: ready.configFile,
        caFile,
      };
    await sleep(50);
  }
  process.kill(pid, 'SIGTERM');
  throw new Error(
    `The sandbox process did not become ready within ${options.readyTimeoutMs} ms:\n${await logTail(logFile)}`,
  );
}

export type StopResult =
  { stopped: true; pid: number } | { stopped: false; reason: 'not-running' | 'stale-pid-file' };

/**
 * Stops the daemon recorded in `stateDir`. A pid file whose process is gone, or whose pid now
 * belongs to something that does not answer as this sandbox, is removed without signalling.
 */
export async function stopSandboxDaemon(stateDir: string = DEFAULT_STATE_DIR): Promise<StopResult> {
  const dir = resolve(stateDir);
  const existing = await readPidFile(dir);
  if (!existing) return { stopped: false, reason: 'not-running' };
  if (!isAlive(existing.pid) || !(await answersAsSandbox(existing.url, existing.pid))) {
    await rm(pidFilePath(dir), { force: true });
    return { stopped: false, reason: 'stale-pid-file' };
  }
  process.kill(existing.pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isAlive(existing.pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(existing.pid)) process.kill(existing.pid, 'SIGKILL');
  await rm(pidFilePath(dir), { force: true });
  return { stopped: true, pid: existing.pid };
}
