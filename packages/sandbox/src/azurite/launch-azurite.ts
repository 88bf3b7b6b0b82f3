import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { azuriteAccountsEnv, type AzuriteAccount } from './accounts';

export interface AzuriteOptions {
  host: string;
  accounts: readonly AzuriteAccount[];
  /** How long to wait for the blob service to listen before giving up. */
  startTimeoutMs?: number;
  /** In-memory extent store cap; Azurite's default is half the machine's memory. */
  memoryLimitMb?: number;
  /**
   * Serve HTTPS with this certificate and key (PEM files) and accept Entra bearer tokens
   * (`--oauth basic`: issuer, audience and lifetime are checked, not the signature). Azurite
   * takes bearer tokens over HTTPS only.
   */
  oauth?: { certFile: string; keyFile: string };
}

/** A running Azurite blob service. Accounts are path-style: `${blobUrl}/${account}`. */
export interface AzuriteHandle {
  blobUrl: string;
  accounts: readonly AzuriteAccount[];
  pid: number;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const LISTENING = /successfully listens on (https?:\/\/\S+)/;
/** Stderr kept for the error message of a failed start; Azurite says little there. */
const STDERR_TAIL_BYTES = 4096;
const STOP_WAIT_MS = 5000;

function blobMain(): string {
  return require.resolve('azurite/dist/src/blob/main.js');
}

/** Stops reading a child's pipe from keeping this process alive once it has been drained. */
function detach(stream: Readable | null): void {
  stream?.resume();
  (stream as Socket | null)?.unref();
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Azurite keeps everything in memory, so there is nothing to flush: SIGKILL ends it at once,
 * where SIGTERM waits for the SDK's keep-alive connections to close.
 */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await waitForExit(child, STOP_WAIT_MS);
}

/**
 * Starts Azurite's blob service as a child process on a free loopback port, in memory only
 * (nothing is written to disk; stopping it forgets every blob). `--skipApiVersionCheck` is
 * needed because the SDK sends a newer service version than Azurite 3.35 knows, and `--loose`
 * lets it ignore headers it does not model instead of refusing the request.
 *
 * The child has an IPC channel and a preload that exits when the channel closes, so it dies
 * with this process however that ends; the channel and pipes are unref'd so the child never
 * keeps this process alive either. Account keys travel in the child's environment only.
 */
export async function startAzurite(options: AzuriteOptions): Promise<AzuriteHandle> {
  const { NODE_OPTIONS: _inherited, ...env } = process.env;
  const guard = new URL('./exit-with-parent.mjs', import.meta.url).href;
  const args = [
    '--import',
    guard,
    blobMain(),
    '--inMemoryPersistence',
    '--extentMemoryLimit',
    String(options.memoryLimitMb ?? 1024),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--loose',
    '--silent',
    '--blobHost',
    options.host,
    '--blobPort',
    '0',
    ...(options.oauth
      ? ['--cert', options.oauth.certFile, '--key', options.oauth.keyFile, '--oauth', 'basic']
      : []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...env, AZURITE_ACCOUNTS: azuriteAccountsEnv(options.accounts) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
  });

  let blobUrl: string;
  try {
    blobUrl = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () =>
          reject(new Error(`Azurite did not start within ${options.startTimeoutMs ?? 20_000} ms`)),
        options.startTimeoutMs ?? 20_000,
      );
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => {
        stdout = (stdout + chunk).slice(-STDERR_TAIL_BYTES);
        const match = LISTENING.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`Azurite exited during start (${signal ?? `code ${code}`}): ${stderr.trim()}`),
        );
      });
    });
  } catch (error) {
    await terminate(child);
    throw error;
  }

  child.removeAllListeners('exit');
  child.stdout?.removeAllListeners('data');
  detach(child.stdout);
  detach(child.stderr);
  child.channel?.unref();
  child.unref();
  let stopping: Promise<void> | null = null;
  return {
    blobUrl,
    accounts: options.accounts,
    pid: child.pid ?? -1,
    stop: () => (stopping ??= terminate(child)),
  };
}
