import { Command } from 'commander';
import { CcxError } from '@ccx/core';
import { globalsOf, printJson, say, type CliContext } from '../context';
import type { Outcome } from '../outcome';
import { warnUnaudited } from '../storage/audit';
import { withSession, type OpenStorage } from '../storage/session';

/** `presign`, `class`, `versions` and `scan`: commands on one object or one prefix. */
export function storageObjectCommands(
  ctx: CliContext,
  _outcome: Outcome,
  open: OpenStorage,
): Command[] {
  const presign = new Command('presign')
    .description('a URL that grants GET (or PUT with --put) on one object until it expires')
    .argument('<uri>', 'storage URI of the object')
    .option('--put', 'a URL to upload with, instead of to download')
    .option('--expires <seconds>', 'lifetime in seconds (60 to 604800)', '3600')
    .option('--content-type <type>', 'for --put: the Content-Type the uploader must send')
    .option('--connection <name>', 'the configured connection to use')
    .action(
      async (
        uri: string,
        options: { put?: boolean; expires: string; contentType?: string; connection?: string },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const { expiresSchema, optionValue } = await import('../storage/options');
        const { resolveObject } = await import('../storage/resolve');
        const expiresInSeconds = optionValue(expiresSchema, '--expires', options.expires);
        const url = await withSession(open, ctx, globals, async (session) => {
          const { connection, ref } = await resolveObject(session, uri, options.connection);
          const method = options.put === true ? 'PUT' : 'GET';
          // The URL is a bearer credential: the audit says who asked for what, not the URL.
          return session.audit.record(
            'storage.presign',
            uri,
            { method, expiresInSeconds },
            () =>
              connection.storage.presign(ref, {
                method,
                expiresInSeconds,
                ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
              }),
            warnUnaudited(ctx.stderr, uri),
          );
        });
        if (globals.json) printJson(ctx, { url: url.url, expiresAt: url.expiresAt });
        else {
          // The URL alone on stdout, so `$(ccx storage presign …)` captures it; the expiry aside.
          ctx.stdout.write(`${url.url}\n`);
          ctx.stderr.write(`expires at ${url.expiresAt}\n`);
        }
      },
    );

  const storageClass = new Command('class')
    .description("change an object's storage class (S3, GCS) or access tier (Azure)")
    .argument('<uri>', 'storage URI of the object')
    .argument('<class>', 'e.g. STANDARD_IA, GLACIER, NEARLINE, Cool, Archive')
    .option('--connection <name>', 'the configured connection to use')
    .action(
      async (uri: string, wanted: string, options: { connection?: string }, command: Command) => {
        const globals = globalsOf(command);
        const { resolveObject } = await import('../storage/resolve');
        const { formatObject } = await import('../storage/format');
        const info = await withSession(open, ctx, globals, async (session) => {
          const { connection, ref } = await resolveObject(session, uri, options.connection);
          const known = connection.storage.storageClasses;
          if (!known.includes(wanted)) {
            throw new CcxError(
              'invalid_input',
              `Unknown storage class "${wanted}" for ${connection.provider}; one of: ${known.join(', ')}`,
            );
          }
          return session.audit.record(
            'storage.class',
            uri,
            { storageClass: wanted },
            () => connection.storage.setStorageClass(ref, wanted),
            warnUnaudited(ctx.stderr, uri),
          );
        });
        if (globals.json) printJson(ctx, { uri, ...info });
        else say(ctx, globals, `Now ${formatObject(uri, info)}`);
      },
    );

  const versions = new Command('versions')
    .description("list an object's versions, or make an older one current with --restore")
    .argument('<uri>', 'storage URI of the object')
    .option('--restore <versionId>', 'make this version the current one (a copy of it on top)')
    .option('--connection <name>', 'the configured connection to use')
    .action(
      async (uri: string, options: { restore?: string; connection?: string }, command: Command) => {
        const globals = globalsOf(command);
        const { listObjectVersions, restoreObjectVersion } = await import('../storage/versions');
        const { formatObject, formatVersion } = await import('../storage/format');
        await withSession(open, ctx, globals, async (session) => {
          if (options.restore !== undefined) {
            const versionId = options.restore;
            const info = await session.audit.record(
              'storage.restore',
              uri,
              { versionId },
              () => restoreObjectVersion(session, uri, versionId, options.connection),
              warnUnaudited(ctx.stderr, uri),
            );
            if (globals.json) printJson(ctx, { uri, ...info });
            else say(ctx, globals, `Restored: ${formatObject(uri, info)}`);
            return;
          }
          const items = await listObjectVersions(session, uri, options.connection);
          if (globals.json) printJson(ctx, items);
          else for (const version of items) say(ctx, globals, formatVersion(version));
        });
      },
    );

  const scan = new Command('scan')
    .description('look for PII and secrets in a sample of each object under a URI')
    .argument('<uri>', 'storage URI of a bucket or prefix')
    .option('--max-objects <n>', 'objects to look at, at most (default 1000)')
    .option('--connection <name>', 'the configured connection to use')
    .action(
      async (
        uri: string,
        options: { maxObjects?: string; connection?: string },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const { maxObjectsSchema, optionValue, withInterrupt } = await import('../storage/options');
        const { resolveObject } = await import('../storage/resolve');
        const { scanUri } = await import('../storage/scan-report');
        const { formatScan } = await import('../storage/format');
        const maxObjects =
          options.maxObjects === undefined
            ? undefined
            : optionValue(maxObjectsSchema, '--max-objects', options.maxObjects);
        const report = await withSession(open, ctx, globals, async (session) => {
          const target = await resolveObject(session, uri, options.connection, {
            allowPrefix: true,
          });
          return session.audit.record(
            'storage.scan',
            uri,
            { maxObjects: maxObjects ?? null },
            () => withInterrupt((signal) => scanUri(target, { maxObjects, signal })),
            warnUnaudited(ctx.stderr, uri),
            (done) => ({ scanned: done.scanned, skipped: done.skipped }),
          );
        });
        if (globals.json) {
          printJson(ctx, {
            findings: report.findings,
            scanned: report.scanned,
            skipped: report.skipped,
          });
        } else for (const line of formatScan(report)) say(ctx, globals, line);
      },
    );

  return [presign, storageClass, versions, scan];
}
