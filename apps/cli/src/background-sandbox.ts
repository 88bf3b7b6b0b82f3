import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { conflict } from '@ccx/core';

/** The fields of the sandbox daemon's pid file (`<state>/sandbox.pid`, JSON) read here. */
const pidFileSchema = z.object({ pid: z.number().int().positive(), configFile: z.string() });

/**
 * Refuses to start a sandbox in this process while one started with `--detach` runs from the
 * same `.ccx/`: both would share the state folder, and the new one would overwrite
 * `.ccx/sandbox.yaml` with its own endpoint, so the running sandbox could no longer be synced
 * and the file would point at a dead port once this one stopped. A pid file whose process is
 * gone is not a conflict (`ccx sandbox stop` clears it).
 */
export async function refuseIfDetachedSandboxRuns(stateDir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(stateDir, 'sandbox.pid'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const parsed = pidFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success || !isAlive(parsed.data.pid)) return;
  throw conflict(
    `A sandbox started with "ccx sandbox start --detach" is running (pid ${parsed.data.pid}); ` +
      `sync it with "ccx sync --config ${parsed.data.configFile}", or stop it first with "ccx sandbox stop"`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
