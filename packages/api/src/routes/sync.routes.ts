import { createRoute, z } from '@hono/zod-openapi';
import { conflict, unauthenticated } from '@ccx/core';
import { audited } from '../audit/audited';
import { guarded } from '../auth/access';
import { principalStillValid } from '../auth/still-valid';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import { syncEventStream } from './sync-events';
import { startSyncRequestSchema, startSyncResponseSchema, syncRunListSchema } from '../contract';
import { syncRunsQuerySchema } from './sync.schema';

export const syncRoutes = {
  listRuns: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/sync/runs',
      tags: ['sync'],
      request: { query: syncRunsQuerySchema },
      responses: {
        200: jsonContent(syncRunListSchema, 'Runs, newest first'),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
  startRun: guarded(
    'operator',
    createRoute({
      method: 'post',
      path: '/api/sync/runs',
      tags: ['sync'],
      request: { body: { ...jsonBody(startSyncRequestSchema), required: false } },
      responses: {
        202: jsonContent(startSyncResponseSchema, 'The run started'),
        ...errorResponses(400, 401, 403, 409),
      },
    }),
  ),
  events: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/sync/events',
      tags: ['sync'],
      responses: {
        200: {
          description: 'Server-sent sync events',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        ...errorResponses(401, 403),
      },
    }),
  ),
};

export function registerSyncRoutes(ctx: RouteContext) {
  const app = routeModule();
  const { store, sync } = ctx.deps;

  app.openapi(syncRoutes.listRuns, async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ items: await store.syncRuns.list(limit) }, 200);
  });

  app.openapi(syncRoutes.startRun, async (c) => {
    const trigger = `api:${c.get('principal')?.user.username ?? 'unknown'}`;
    const runId = await audited(ctx.audit, c, { action: 'sync.start', target: null }, async () => {
      const running = sync.current();
      if (running) throw conflict('A sync is already running', { runId: running });
      const started = await sync.start(trigger);
      return { value: started.runId, target: started.runId };
    });
    return c.json({ runId }, 202);
  });

  app.openapi(syncRoutes.events, (c) => {
    const principal = c.get('principal');
    if (!principal) throw unauthenticated();
    return syncEventStream(c, {
      sync,
      logger: ctx.logger,
      onClose: ctx.onClose,
      stillAllowed: () => principalStillValid(store, principal, ctx.now()),
      ...(ctx.deps.sseHeartbeatMs === undefined ? {} : { heartbeatMs: ctx.deps.sseHeartbeatMs }),
    });
  });

  return app;
}
