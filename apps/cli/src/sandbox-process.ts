import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { CcxError } from '@ccx/core';

/**
 * The pid file of a sandbox started with `ccx sandbox start`: written by the sandbox process
 * once it serves and its config file is written, removed when it stops. Its presence is what
 * `--detach` waits for and what `ccx sandbox stop` acts on.
 */
const pidFileSchema = z.object({ pid: z.number().int().positive(), config: z.string(), startedAt: z.string() });
export type SandboxPidFile = z.infer<typeof pidFileSchema>;

export async function writePidFile(file: string, content: SandboxPidFile): Promise<void> {
  await writeFile(file, `${JSON.stringify(content)}\n`, { mode: 0o644 });
}

export async function readPidFile(file: string): Promise<SandboxPidFile | null> {
  if (!existsSync(file)) return null;
  const text = await readFile(file, 'utf8');
  const parsed = pidFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new CcxError('internal', `Unreadable sandbox pid file ${file}; remove it if no sandbox is running`);
  }
  return parsed.data;
}

export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves once `check` returns a value, polling; rejects after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new CcxError('unavailable', `Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
