import { createRoute, z } from '@hono/zod-openapi';
import { guarded } from '../auth/access';
import { errorSchema } from '../contract';
import { jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';

const healthSchema = z.object({ status: z.literal('ok') }).openapi('Health');

export const healthRoutes = {
  healthz: guarded(
    'public',
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['operations'],
      responses: { 200: jsonContent(healthSchema, 'The process is alive') },
    }),
  ),
  readyz: guarded(
    'public',
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['operations'],
      responses: {
        200: jsonContent(healthSchema, 'The store answers'),
        503: jsonContent(errorSchema, 'The store is unreachable'),
      },
    }),
  ),
  metrics: guarded(
    'public',
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['operations'],
      responses: {
        200: {
          description: 'Prometheus text format',
          content: { 'text/plain': { schema: z.string() } },
        },
      },
    }),
  ),
};

export function registerHealthRoutes(ctx: RouteContext) {
  const app = routeModule();
  app.openapi(healthRoutes.healthz, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(healthRoutes.readyz, async (c) => {
    try {
      // A query that needs the migrated schema: reachable but unmigrated is not ready.
      await ctx.deps.store.users.count();
    } catch (error) {
      ctx.logger.warn({ err: error }, 'readiness check failed');
      return c.json(
        { error: { code: 'unavailable' as const, message: 'Store unavailable', details: {} } },
        503,
      );
    }
    return c.json({ status: 'ok' as const }, 200);
  });
  app.openapi(healthRoutes.metrics, async (c) => {
    const body = await ctx.metrics.registry.metrics();
    return c.text(body, 200, { 'content-type': ctx.metrics.registry.contentType });
  });
  return app;
}
