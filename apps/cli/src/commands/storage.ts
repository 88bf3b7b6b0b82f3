import { Command } from 'commander';
import { globalsOf, say, type CliContext } from '../context';
import type { Outcome } from '../outcome';
import { openStorageFromConfig, withSession, type OpenStorage } from '../storage/session';
import { storageObjectCommands } from './storage-object';
import { storageTransferCommands } from './storage-transfer';

/**
 * `ccx storage`: one browser over S3, GCS and Azure Blob from the terminal. URIs are
 * `s3://bucket/key`, `gs://bucket/key` and `az://account/container/key`; the connection that
 * holds a bucket is found from the config (`--connection` picks one when several see it).
 * Each subcommand is a thin adapter over @ccx/storage, loaded only when it runs.
 */
export function storageCommand(
  ctx: CliContext,
  outcome: Outcome,
  open: OpenStorage = openStorageFromConfig,
): Command {
  const storage = new Command('storage').description(
    'list, copy, move, delete, presign, re-class and scan objects in S3, GCS and Azure Blob',
  );
  storage.addCommand(lsCommand(ctx, open));
  for (const command of storageTransferCommands(ctx, outcome, open)) storage.addCommand(command);
  for (const command of storageObjectCommands(ctx, outcome, open)) storage.addCommand(command);
  return storage;
}

function lsCommand(ctx: CliContext, open: OpenStorage): Command {
  return new Command('ls')
    .description('list buckets (no URI, s3://, gs://, az://account) or one level of a bucket')
    .argument('[uri]', 's3://bucket/prefix/, gs://bucket/prefix/ or az://account/container/prefix/')
    .option('-r, --recursive', 'every object below the prefix, not one level')
    .option('--connection <name>', 'the configured connection to use')
    .action(
      async (
        uri: string | undefined,
        options: { recursive?: boolean; connection?: string },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const { listEntries } = await import('../storage/list');
        const { formatEntry } = await import('../storage/format');
        await withSession(open, ctx, globals, async (session) => {
          const entries = listEntries(session, uri, {
            recursive: options.recursive === true,
            connection: options.connection,
          });
          if (!globals.json) {
            for await (const entry of entries) say(ctx, globals, formatEntry(entry));
            return;
          }
          // A JSON array written as entries arrive: a million-object listing never sits in memory.
          let first = true;
          for await (const entry of entries) {
            ctx.stdout.write(`${first ? '[\n' : ',\n'}  ${JSON.stringify(entry)}`);
            first = false;
          }
          ctx.stdout.write(first ? '[]\n' : '\n]\n');
        });
      },
    );
}
