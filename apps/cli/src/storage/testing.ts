import { PassThrough, Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import type { ProviderConnection, ProviderId } from '@ccx/core';
import {
  memoryConnection as sharedMemoryConnection,
  type MemoryBucketSeed,
  type MemoryStorage,
} from '@ccx/provider-testing';
import { storageCommand } from '../commands/storage';
import type { CliContext } from '../context';
import { EXIT, exitCodeFor } from '../exit-codes';
import type { Outcome } from '../outcome';
import { formatError } from '../report-error';
import type { InProcessResult } from '../testing';
import type { AuditEventInput } from '@ccx/core';
import type { AuditSink } from './audit';
import { memoryAuditSink, sessionOver } from './session';

/** The shared in-memory connection, with the download chunk size the CLI tests expect. */
export function memoryConnection(
  name: string,
  provider: ProviderId,
  seed: readonly MemoryBucketSeed[] = [],
): ProviderConnection & { storage: MemoryStorage } {
  return sharedMemoryConnection(name, provider, { seed, chunkSize: 4096 });
}

export interface RunOptions {
  cwd: string;
  stdin?: string | Uint8Array;
  /** Pretend stdin and stderr are a terminal (confirmation prompts, progress bars). */
  tty?: boolean;
  /**
   * The audit log refuses every outcome (any entry but `pending`) with this message, as a
   * locked database would; `audit` then holds only what it took.
   */
  refuseOutcomes?: string;
}

/**
 * Runs `ccx storage …` in process over the given connections instead of the config's: the same
 * subcommands, option parsing, output and exit codes as the binary, with the clouds in memory.
 */
export async function runStorage(
  connections: readonly ProviderConnection[],
  args: string[],
  options: RunOptions,
): Promise<InProcessResult & { stdoutBytes: Buffer; closed: number; audit: AuditEventInput[] }> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  const out: Buffer[] = [];
  let err = '';
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const stdin = Object.assign(Readable.from([options.stdin ?? '']), {
    isTTY: options.tty === true,
  });
  const ctx: CliContext = {
    env: { CCX_LOG_LEVEL: 'silent' },
    cwd: options.cwd,
    stdout,
    stderr,
    stdin: stdin as unknown as NodeJS.ReadStream,
  };
  let closed = 0;
  const map = new Map(connections.map((c) => [c.name, c]));
  const audit = memoryAuditSink();
  const { refuseOutcomes } = options;
  const sink: AuditSink =
    refuseOutcomes === undefined
      ? audit
      : (event) =>
          event.outcome === 'pending' ? audit(event) : Promise.reject(new Error(refuseOutcomes));
  const open = () => sessionOver(map, () => Promise.resolve(void (closed += 1)), sink);
  const outcome: Outcome = { code: EXIT.ok };
  const program = new Command('ccx')
    .option('--config <file>')
    .option('--json')
    .option('--verbose')
    .addCommand(storageCommand(ctx, outcome, open));
  const configure = (command: Command): void => {
    command.exitOverride().configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
    });
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  let code: number;
  try {
    await program.parseAsync(['node', 'ccx', ...args]);
    code = outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    else {
      stderr.write(`${formatError(error, false)}\n`);
      code = exitCodeFor(error);
    }
  }
  const bytes = Buffer.concat(out);
  return {
    code,
    stdout: bytes.toString(),
    stdoutBytes: bytes,
    stderr: err,
    closed,
    audit: audit.events,
  };
}
