import { createRoute } from '@hono/zod-openapi';
import { conflict, type ObjectEntry } from '@ccx/core';
import { bucketPosture } from '@ccx/insights';
import { storageConnections } from '@ccx/storage';
import { guarded } from '../auth/access';
import { syncedBuckets } from '../storage/bucket-resources';
import { STORAGE_FINDING_KINDS } from '../storage/kinds';
import { statisticsView } from '../storage/statistics-view';
import { errorResponses, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import {
  bucketListSchema,
  bucketRefSchema,
  connectionListSchema,
  objectDetailSchema,
  objectPageSchema,
  objectRefSchema,
  storedObjectFindingListSchema,
  versionedRefSchema,
  versionListSchema,
} from '../contract';
import { bucketListQuerySchema, objectListQuerySchema } from './storage.schema';

export const storageBrowseRoutes = {
  connections: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/storage/connections',
      tags: ['storage'],
      responses: {
        200: jsonContent(connectionListSchema, 'Storage connections'),
        ...errorResponses(401, 403),
      },
    }),
  ),
  buckets: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/storage/buckets',
      tags: ['storage'],
      request: { query: bucketListQuerySchema },
      responses: {
        200: jsonContent(bucketListSchema, 'Synced buckets'),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
  objects: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/storage/objects',
      tags: ['storage'],
      request: { query: objectListQuerySchema },
      responses: {
        200: jsonContent(objectPageSchema, 'One page of a listing, live from the provider'),
        ...errorResponses(400, 401, 403, 404, 502, 503),
      },
    }),
  ),
  object: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/storage/object',
      tags: ['storage'],
      request: { query: versionedRefSchema },
      responses: {
        200: jsonContent(objectDetailSchema, 'Object metadata and its stored scan result (masked)'),
        ...errorResponses(400, 401, 403, 404, 502, 503),
      },
    }),
  ),
  versions: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/storage/versions',
      tags: ['storage'],
      request: { query: objectRefSchema },
      responses: {
        200: jsonContent(versionListSchema, 'Versions of a key'),
        ...errorResponses(400, 401, 403, 404, 409, 502, 503),
      },
    }),
  ),
  findings: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/storage/findings',
      tags: ['storage'],
      request: { query: bucketRefSchema },
      responses: {
        200: jsonContent(
          storedObjectFindingListSchema,
          'Stored scan results of a bucket, per object',
        ),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
};

export function registerStorageBrowseRoutes(ctx: RouteContext) {
  const app = routeModule();
  const { store } = ctx.deps;
  const catalog = storageConnections(ctx.deps.connections);

  app.openapi(storageBrowseRoutes.connections, (c) =>
    c.json(
      {
        items: catalog.list().map(({ name, provider, storage }) => ({
          name,
          provider,
          sandbox: ctx.deps.sandbox,
          storageClasses: [...storage.storageClasses],
          capabilities: { versioning: storage.listVersions !== undefined },
        })),
      },
      200,
    ),
  );

  app.openapi(storageBrowseRoutes.buckets, async (c) => {
    const filter = c.req.valid('query');
    const [buckets, rollups, findings, measured] = await Promise.all([
      syncedBuckets(store, filter),
      store.objectScans.rollups(filter.connection ? { connection: filter.connection } : {}),
      store.findings.list({ kind: [STORAGE_FINDING_KINDS.tiering] }),
      store.bucketStatistics.list(),
    ]);
    const statisticsByUid = new Map(measured.map((s) => [s.resourceUid, s]));
    const items = buckets.map(({ uid, bucket }) => {
      const rollup = rollups.find(
        (r) =>
          r.connection === bucket.connection &&
          r.account === bucket.account &&
          r.bucket === bucket.bucket,
      );
      const tiering = findings.filter((f) => f.resourceUid === uid);
      const saving = tiering.reduce((sum, f) => sum + (f.estimatedMonthlyImpact?.amount ?? 0), 0);
      const statistics = statisticsByUid.get(uid);
      return {
        ...bucket,
        uid,
        posture: bucketPosture(bucket),
        statistics: statistics ? statisticsView(statistics) : null,
        classification: rollup
          ? { objectsWithFindings: rollup.objectsWithFindings, counts: rollup.counts }
          : null,
        tiering:
          tiering.length === 0
            ? null
            : {
                estimatedMonthlySaving: {
                  amount: Math.round(saving * 10_000) / 10_000,
                  currency: tiering[0]?.estimatedMonthlyImpact?.currency ?? 'USD',
                },
                recommendations: tiering.length,
              },
      };
    });
    return c.json({ items }, 200);
  });

  app.openapi(storageBrowseRoutes.objects, async (c) => {
    const { prefix, delimiter, cursor, limit, ...ref } = c.req.valid('query');
    const storage = catalog.get(ref.connection);
    let page: { entries: ObjectEntry[]; cursor: string | null } = { entries: [], cursor: null };
    for await (const first of storage.listObjects(ref, {
      ...(prefix ? { prefix } : {}),
      ...(delimiter ? { delimiter } : {}),
      ...(cursor ? { cursor } : {}),
      pageSize: limit,
    })) {
      page = first;
      break;
    }
    const keys = page.entries.flatMap((e) => (e.kind === 'object' ? [e.key] : []));
    const scans = keys.length === 0 ? [] : await store.objectScans.listForBucket(ref, { keys });
    const byKey = new Map(scans.map((scan) => [scan.key, scan]));
    const entries = page.entries.map((entry) => {
      if (entry.kind !== 'object') return entry;
      const scan = byKey.get(entry.key);
      return scan && scan.etag === entry.etag && Object.keys(scan.counts).length > 0
        ? { ...entry, findings: { counts: scan.counts, maxConfidence: scan.maxConfidence } }
        : entry;
    });
    return c.json({ entries, cursor: page.cursor }, 200);
  });

  app.openapi(storageBrowseRoutes.object, async (c) => {
    const ref = c.req.valid('query');
    const storage = catalog.get(ref.connection);
    const [info, scan] = await Promise.all([storage.headObject(ref), store.objectScans.get(ref)]);
    return c.json({ info, findings: scan?.samples ?? [], scannedAt: scan?.scannedAt ?? null }, 200);
  });

  app.openapi(storageBrowseRoutes.versions, async (c) => {
    const { key, ...ref } = c.req.valid('query');
    const storage = catalog.get(ref.connection);
    if (!storage.listVersions) throw conflict(`Connection "${ref.connection}" keeps no versions`);
    const items = [];
    for await (const version of storage.listVersions(ref, { prefix: key })) {
      if (version.key === key) items.push(version);
      if (items.length >= 1000) break;
    }
    return c.json({ items }, 200);
  });

  app.openapi(storageBrowseRoutes.findings, async (c) => {
    const ref = c.req.valid('query');
    const items = (await store.objectScans.listForBucket(ref)).map((scan) => ({
      key: scan.key,
      etag: scan.etag,
      scannedAt: scan.scannedAt,
      counts: scan.counts,
      maxConfidence: scan.maxConfidence,
      samples: scan.samples,
    }));
    return c.json({ items }, 200);
  });

  return app;
}
