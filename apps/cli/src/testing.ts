import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CliContext } from './context';
import { main } from './main';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `ccx` in this process with captured output: the same `main` the binary runs, minus the
 * process start-up, for tests of argument handling and messages. End-to-end tests spawn the
 * real binary instead.
 */
export async function runCcx(cwd: string, args: string[], stdin = ''): Promise<InProcessResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ctx: CliContext = {
    env: { CCX_LOG_LEVEL: 'silent' },
    cwd,
    stdout,
    stderr,
    stdin: Readable.from([stdin]) as unknown as NodeJS.ReadStream,
  };
  const code = await main(['node', 'ccx', ...args], ctx);
  return { code, stdout: out, stderr: err };
}

export function tempCwd(): string {
  return mkdtempSync(join(tmpdir(), 'ccx-cli-'));
}
