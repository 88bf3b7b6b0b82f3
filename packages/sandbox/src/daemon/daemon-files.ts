import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const PID_FILE = 'sandbox.pid';
export const LOG_FILE = 'sandbox.log';

/**
 * The pid file holds JSON, not a bare pid: the url lets `stop` confirm, via the health
 * endpoint, that the pid still belongs to this sandbox before signalling it — a stale file
 * whose pid the OS has reused must never get an unrelated process killed.
 */
export const pidFileSchema = z.object({
  pid: z.number().int().positive(),
  url: z.string().url(),
  httpsUrl: z.string().url(),
  configFile: z.string().min(1),
});
export type PidFile = z.infer<typeof pidFileSchema>;

export function pidFilePath(stateDir: string): string {
  return join(stateDir, PID_FILE);
}

/** The pid file's content, or null when there is none; a damaged file is an error. */
export async function readPidFile(stateDir: string): Promise<PidFile | null> {
  let text: string;
  try {
    text = await readFile(pidFilePath(stateDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = pidFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `The sandbox pid file ${pidFilePath(stateDir)} is damaged; delete it. ${parsed.error.message}`,
    );
  return parsed.data;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to someone else — alive, and certainly not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `url` answers as a sandbox run by `pid`. */
export async function answersAsSandbox(url: string, pid: number): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return false;
    const body = z
      .object({ sandbox: z.literal(true), pid: z.number() })
      .safeParse(await response.json());
    return body.success && body.data.pid === pid;
  } catch {
    // Connection refused or timed out: nothing of ours listens there any more.
    return false;
  }
}

/**
 * The detached sandbox of this state folder when one is really running (its pid is alive and
 * answers as that sandbox), else null: a stale pid file is no sandbox.
 */
export async function runningSandboxDaemon(stateDir: string): Promise<PidFile | null> {
  const info = await readPidFile(stateDir);
  if (!info || !isAlive(info.pid)) return null;
  return (await answersAsSandbox(info.url, info.pid)) ? info : null;
}
