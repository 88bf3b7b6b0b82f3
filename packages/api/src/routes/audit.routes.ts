import { createRoute } from '@hono/zod-openapi';
import type { AuditQuery } from '@ccx/store';
import { guarded } from '../auth/access';
import { auditPageSchema } from '../contract';
import { auditQuerySchema } from './audit.schema';
import { errorResponses, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';

export const auditRoutes = {
  list: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/audit',
      tags: ['audit'],
      request: { query: auditQuerySchema },
      responses: {
        200: jsonContent(auditPageSchema, 'Audit events, newest first'),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
};

export function registerAuditRoutes(ctx: RouteContext) {
  const app = routeModule();
  app.openapi(auditRoutes.list, async (c) => {
    const raw = c.req.valid('query');
    const query: AuditQuery = { offset: raw.offset, limit: raw.limit };
    if (raw.action) query.action = raw.action;
    if (raw.actorId) query.actorId = raw.actorId;
    if (raw.target) query.target = raw.target;
    if (raw.outcome) query.outcome = raw.outcome;
    if (raw.correlationId) query.correlationId = raw.correlationId;
    return c.json(await ctx.deps.store.audit.list(query), 200);
  });
  return app;
}
