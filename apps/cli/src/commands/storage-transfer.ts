import { Command } from 'commander';
import { invalidInput, isStorageUri, type StorageActionName } from '@ccx/core';
import { globalsOf, printJson, say, type CliContext } from '../context';
import { EXIT } from '../exit-codes';
import type { Outcome } from '../outcome';
import { warnUnaudited } from '../storage/audit';
import { printable } from '../storage/printable';
import { withSession, type OpenStorage } from '../storage/session';

interface TransferOptions {
  fromConnection?: string;
  toConnection?: string;
}

/** What a cp or mv is in the audit log's words: a move, a copy, an upload or a download. */
function transferAction(mode: 'copy' | 'move', source: string, target: string): StorageActionName {
  if (mode === 'move') return 'storage.move';
  if (isStorageUri(source) && isStorageUri(target)) return 'storage.copy';
  return isStorageUri(target) ? 'storage.upload' : 'storage.download';
}

/** `cp`, `mv` and `rm`: the commands that write or delete. */
export function storageTransferCommands(
  ctx: CliContext,
  outcome: Outcome,
  open: OpenStorage,
): Command[] {
  const transfer = (mode: 'copy' | 'move') =>
    new Command(mode === 'copy' ? 'cp' : 'mv')
      .description(
        mode === 'copy'
          ? 'copy an object between clouds, or between a cloud and a local file (- is stdin/stdout)'
          : 'move an object: the source is deleted only once the target has all its bytes',
      )
      .argument('<source>', 'storage URI, local file, or - (stdin)')
      .argument(
        '<target>',
        'storage URI (ending in / for "under this prefix"), local path or dir, or - (stdout)',
      )
      .option('--from-connection <name>', 'the connection holding the source')
      .option('--to-connection <name>', 'the connection holding the target')
      .action(
        async (source: string, target: string, options: TransferOptions, command: Command) => {
          const globals = globalsOf(command);
          const { copyObject } = await import('../storage/copy');
          const { withInterrupt } = await import('../storage/options');
          const { formatObject } = await import('../storage/format');
          const audited = isStorageUri(target) ? target : source;
          const result = await withSession(open, ctx, globals, (session) =>
            session.audit.record(
              transferAction(mode, source, target),
              audited,
              { from: source, to: target },
              () =>
                withInterrupt((signal) =>
                  copyObject(session, ctx, { source, target, mode, ...options }, signal),
                ),
              warnUnaudited(ctx.stderr, audited),
              (done) => (done.kind === 'object' ? { size: done.info.size } : {}),
            ),
          );
          const verb = mode === 'copy' ? 'Copied' : 'Moved';
          switch (result.kind) {
            case 'object':
              if (globals.json) printJson(ctx, { uri: result.uri, ...result.info });
              else say(ctx, globals, `${verb} to ${formatObject(result.uri, result.info)}`);
              break;
            case 'file':
              if (globals.json) printJson(ctx, { path: result.path, size: result.size });
              else say(ctx, globals, `${verb} to ${result.path} (${result.size} bytes)`);
              break;
            case 'stdout':
              break;
          }
        },
      );

  const rm = new Command('rm')
    .description('delete objects; a prefix with --recursive deletes everything below it')
    .argument('<uris...>', 'storage URIs of objects (or prefixes, with --recursive)')
    .option('-r, --recursive', 'delete every object below a prefix')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--connection <name>', 'the configured connection to use')
    .action(
      async (
        uris: string[],
        options: { recursive?: boolean; yes?: boolean; connection?: string },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const { planRemoval, countRemoval, executeRemoval } = await import('../storage/remove');
        const { canAsk, confirm } = await import('../storage/confirm');
        await withSession(open, ctx, globals, async (session) => {
          const recursive = options.recursive === true;
          const plan = await planRemoval(session, uris, {
            recursive,
            connection: options.connection,
          });
          if (options.yes !== true) {
            if (canAsk(ctx)) {
              const count = await countRemoval(plan);
              if (!(await confirm(ctx, `Delete ${count} object${count === 1 ? '' : 's'}?`))) {
                say(ctx, globals, 'Nothing deleted.');
                return;
              }
            } else if (recursive) {
              // Nobody to ask: a recursive delete from a script must say so explicitly.
              throw invalidInput('rm --recursive without a terminal needs --yes');
            }
          }
          const result = await session.audit.record(
            'storage.delete',
            uris.join(' '),
            { uris, recursive },
            () => executeRemoval(plan),
            warnUnaudited(ctx.stderr, uris.join(' ')),
            (done) => ({ deleted: done.deleted.length, errors: done.errors.length }),
          );
          if (globals.json) printJson(ctx, result);
          else {
            say(
              ctx,
              globals,
              `Deleted ${result.deleted.length} object${result.deleted.length === 1 ? '' : 's'}`,
            );
            for (const error of result.errors)
              ctx.stderr.write(
                `  ${printable(error.key)}: ${error.code} ${printable(error.message)}\n`,
              );
          }
          if (result.errors.length > 0) outcome.code = EXIT.failure;
        });
      },
    );
  return [transfer('copy'), transfer('move'), rm];
}
