import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import {
  conflict,
  formatStorageUri,
  isCcxError,
  STORAGE_ACTIONS,
  toCcxError,
  type ByteStream,
  type ObjectRef,
  type StorageActionName,
} from '@ccx/core';
import { storageConnections, transferObject } from '@ccx/storage';
import type { Context } from 'hono';
import { audited } from '../audit/audited';
import { guarded } from '../auth/access';
import type { ApiEnv } from '../env';
import { attachmentDisposition } from '../storage/content-disposition';
import { scanAndStore } from '../storage/scan-bucket';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import {
  storageClassRequestSchema,
  deleteRequestSchema,
  deleteResultSchema,
  objectInfoAnswerSchema,
  presignedUrlSchema,
  versioningResultSchema,
  objectRefSchema,
  presignRequestSchema,
  restoreRequestSchema,
  scanRequestSchema,
  scanResultSchema,
  transferRequestSchema,
  versionedRefSchema,
  versioningRequestSchema,
} from '../contract';

/** The one route whose body is not JSON; createApi exempts it from the JSON body limit. */
export const STORAGE_UPLOAD_PATH = '/api/storage/upload';

const role = (action: StorageActionName) => STORAGE_ACTIONS[action].role;
const infoResponse = jsonContent(objectInfoAnswerSchema, 'The object as stored');
const writeErrors = errorResponses(400, 401, 403, 404, 409, 502, 503);

const post = <T extends z.ZodType>(path: string, body: T) => ({
  method: 'post' as const,
  path,
  tags: ['storage'],
  request: { body: jsonBody(body) },
});

export const storageObjectRoutes = {
  download: guarded(
    role('storage.download'),
    createRoute({
      method: 'get',
      path: '/api/storage/download',
      tags: ['storage'],
      request: { query: versionedRefSchema },
      responses: {
        200: {
          description: 'The bytes, streamed as an attachment',
          content: {
            'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...writeErrors,
      },
    }),
  ),
  upload: guarded(
    role('storage.upload'),
    createRoute({
      method: 'put',
      path: STORAGE_UPLOAD_PATH,
      tags: ['storage'],
      request: { query: objectRefSchema },
      responses: { 200: infoResponse, ...writeErrors },
    }),
  ),
  transfer: guarded(
    'operator',
    createRoute({
      ...post('/api/storage/transfer', transferRequestSchema),
      responses: { 200: infoResponse, ...writeErrors },
    }),
  ),
  delete: guarded(
    role('storage.delete'),
    createRoute({
      ...post('/api/storage/delete', deleteRequestSchema),
      responses: {
        200: jsonContent(deleteResultSchema, 'Per-key outcome'),
        ...writeErrors,
      },
    }),
  ),
  presign: guarded(
    role('storage.presign'),
    createRoute({
      ...post('/api/storage/presign', presignRequestSchema),
      responses: {
        200: jsonContent(presignedUrlSchema, 'A presigned URL'),
        ...writeErrors,
      },
    }),
  ),
  storageClass: guarded(
    role('storage.class'),
    createRoute({
      ...post('/api/storage/class', storageClassRequestSchema),
      responses: { 200: infoResponse, ...writeErrors },
    }),
  ),
  versioning: guarded(
    role('storage.versioning'),
    createRoute({
      ...post('/api/storage/versioning', versioningRequestSchema),
      responses: {
        200: jsonContent(versioningResultSchema, 'Versioning set'),
        ...writeErrors,
      },
    }),
  ),
  restore: guarded(
    role('storage.restore'),
    createRoute({
      ...post('/api/storage/restore', restoreRequestSchema),
      responses: { 200: infoResponse, ...writeErrors },
    }),
  ),
  scan: guarded(
    role('storage.scan'),
    createRoute({
      ...post('/api/storage/scan', scanRequestSchema),
      responses: {
        200: jsonContent(scanResultSchema, 'What the scan found (masked)'),
        ...writeErrors,
      },
    }),
  ),
};

/** How a streamed body ended: every byte sent, the provider's stream failed, or the client left. */
type StreamEnd =
  | { outcome: 'complete'; bytes: number }
  | { outcome: 'failed'; bytes: number; error: unknown }
  | { outcome: 'cancelled'; bytes: number };

/**
 * Streams an async iterable into a web response body; cancelling ends the iterator (and the
 * download). `onEnd` is told once how the stream ended and how many bytes went out.
 */
function webStream(body: ByteStream, onEnd: (end: StreamEnd) => void): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  let bytes = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        onEnd({ outcome: 'failed', bytes, error });
        throw error;
      }
      if (next.done) {
        controller.close();
        onEnd({ outcome: 'complete', bytes });
      } else {
        bytes += next.value.byteLength;
        controller.enqueue(next.value);
      }
    },
    async cancel() {
      onEnd({ outcome: 'cancelled', bytes });
      await iterator.return?.();
    },
  });
}

export function registerStorageObjectRoutes(ctx: RouteContext) {
  const app = routeModule();
  const catalog = storageConnections(ctx.deps.connections);
  const providerOf = (connection: string) =>
    catalog.list().find((entry) => entry.name === connection)?.provider ?? 'aws';
  /** Audit target: connection and URI, never a presigned URL or credential. */
  const target = (ref: Pick<ObjectRef, 'connection' | 'account' | 'bucket'> & { key?: string }) =>
    `${ref.connection}:${formatStorageUri(providerOf(ref.connection), ref)}`;
  const audit = <T>(
    c: Context<ApiEnv>,
    action: StorageActionName,
    ref: Parameters<typeof target>[0],
    change: () => Promise<T>,
    detail?: Record<string, unknown>,
  ) =>
    audited(
      ctx.audit,
      c,
      { action, target: target(ref), ...(detail ? { detail } : {}) },
      async () => ({
        value: await change(),
      }),
    );

  app.openapi(storageObjectRoutes.download, async (c) => {
    const ref = c.req.valid('query');
    const storage = catalog.get(ref.connection);
    const entry = {
      action: 'storage.download',
      target: target(ref),
      ...(ref.versionId ? { detail: { versionId: ref.versionId } } : {}),
    };
    // The outcome is recorded when the transfer ends, not when it starts: a download the
    // provider breaks off, or the client abandons, is not a success.
    const { correlationId } = await ctx.audit.record(c, { ...entry, outcome: 'pending' });
    let body: ByteStream;
    try {
      ({ body } = await storage.getObject(ref));
    } catch (error) {
      await ctx.audit.record(c, {
        ...entry,
        outcome: 'failure',
        correlationId,
        detail: isCcxError(error)
          ? { code: error.code, message: error.message }
          : { code: 'internal' },
      });
      throw error;
    }
    const onEnd = (end: StreamEnd) => {
      const failed = end.outcome === 'failed' ? toCcxError(end.error) : null;
      ctx.audit
        .record(c, {
          ...entry,
          outcome: end.outcome === 'complete' ? 'success' : 'failure',
          correlationId,
          detail: {
            bytes: end.bytes,
            ...(end.outcome === 'cancelled' ? { code: 'cancelled' } : {}),
            ...(failed ? { code: failed.code } : {}),
          },
        })
        .catch((error: unknown) => ctx.logger.error({ err: error }, 'audit of a download failed'));
    };
    return new Response(webStream(body, onEnd), {
      status: 200,
      headers: {
        'content-type': 'application/octet-stream',
        'content-disposition': attachmentDisposition(ref.key),
        'x-content-type-options': 'nosniff',
        'content-security-policy': 'sandbox',
        'cache-control': 'no-store',
      },
    });
  });

  app.openapi(storageObjectRoutes.upload, async (c) => {
    const ref = c.req.valid('query');
    const storage = catalog.get(ref.connection);
    const length = Number(c.req.header('content-length'));
    const contentType = c.req.header('content-type');
    const raw = c.req.raw.body;
    const body: ByteStream = raw
      ? (Readable.fromWeb(raw as WebReadableStream<Uint8Array>) as ByteStream)
      : (async function* () {})();
    const info = await audit(
      c,
      'storage.upload',
      ref,
      () =>
        storage.putObject(ref, body, {
          ...(Number.isFinite(length) && length >= 0 ? { size: length } : {}),
          ...(contentType ? { contentType } : {}),
          signal: c.req.raw.signal,
        }),
      Number.isFinite(length) ? { size: length } : {},
    );
    return c.json({ info }, 200);
  });

  app.openapi(storageObjectRoutes.transfer, async (c) => {
    const { mode, source, target: to } = c.req.valid('json');
    const info = await audited(
      ctx.audit,
      c,
      { action: `storage.${mode}`, target: target(source), detail: { to: target(to) } },
      async () => ({ value: await transferObject(catalog, source, to, { mode }) }),
    );
    // A moved object's findings went with it; its old key must stop counting in the source.
    if (mode === 'move' && source.versionId === undefined)
      await ctx.deps.store.objectScans.deleteKeys(source, [source.key]);
    return c.json({ info }, 200);
  });

  app.openapi(storageObjectRoutes.delete, async (c) => {
    const { keys, ...ref } = c.req.valid('json');
    const storage = catalog.get(ref.connection);
    const result = await audited(
      ctx.audit,
      c,
      { action: 'storage.delete', target: target(ref), detail: { keys: keys.length } },
      async () => {
        const value = await storage.deleteObjects(ref, keys);
        return { value, detail: { deleted: value.deleted.length, errors: value.errors.length } };
      },
    );
    // Deleting a current object (not one version of it) takes it out of the listing, so its
    // stored findings must stop counting in the bucket's rollup.
    const current = new Set(keys.filter((k) => k.versionId === undefined).map((k) => k.key));
    await ctx.deps.store.objectScans.deleteKeys(
      ref,
      result.deleted.filter((key) => current.has(key)),
    );
    return c.json(result, 200);
  });

  app.openapi(storageObjectRoutes.presign, async (c) => {
    const { method, expiresInSeconds, ...ref } = c.req.valid('json');
    const storage = catalog.get(ref.connection);
    // The URL is a bearer credential: the audit entry says who asked for what, not the URL.
    const signed = await audit(
      c,
      'storage.presign',
      ref,
      () => storage.presign(ref, { method, expiresInSeconds }),
      { method, expiresInSeconds },
    );
    const { url, expiresAt, headers } = signed;
    return c.json({ url, expiresAt, ...(headers ? { headers } : {}) }, 200);
  });

  app.openapi(storageObjectRoutes.storageClass, async (c) => {
    const { storageClass, ...ref } = c.req.valid('json');
    const storage = catalog.get(ref.connection);
    const info = await audit(
      c,
      'storage.class',
      ref,
      () => storage.setStorageClass(ref, storageClass),
      {
        storageClass,
      },
    );
    return c.json({ info }, 200);
  });

  app.openapi(storageObjectRoutes.versioning, async (c) => {
    const { enabled, ...ref } = c.req.valid('json');
    const storage = catalog.get(ref.connection);
    await audit(
      c,
      'storage.versioning',
      ref,
      async () => {
        if (!storage.setVersioning)
          throw conflict(`Connection "${ref.connection}" cannot switch versioning`);
        await storage.setVersioning(ref, enabled);
      },
      { enabled },
    );
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(storageObjectRoutes.restore, async (c) => {
    const ref = c.req.valid('json');
    const storage = catalog.get(ref.connection);
    const info = await audit(
      c,
      'storage.restore',
      ref,
      async () => {
        if (!storage.restoreVersion)
          throw conflict(`Connection "${ref.connection}" keeps no versions`);
        return storage.restoreVersion(ref);
      },
      { versionId: ref.versionId },
    );
    return c.json({ info }, 200);
  });

  app.openapi(storageObjectRoutes.scan, async (c) => {
    const { prefix, maxObjects, ...ref } = c.req.valid('json');
    const storage = catalog.get(ref.connection);
    const summary = await audited(
      ctx.audit,
      c,
      { action: 'storage.scan', target: target(ref) },
      async () => {
        const value = await scanAndStore(ctx.deps.store, storage, ref, {
          ...(prefix === undefined ? {} : { prefix }),
          ...(maxObjects === undefined ? {} : { maxObjects }),
          signal: c.req.raw.signal,
          now: ctx.now,
        });
        return {
          value,
          detail: { scanned: value.scanned, objectsWithFindings: value.objectsWithFindings },
        };
      },
    );
    return c.json(summary, 200);
  });

  return app;
}
