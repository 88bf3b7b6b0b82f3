import { createRoute } from '@hono/zod-openapi';
import { notFound } from '@ccx/core';
import { guarded } from '../auth/access';
import type { ComputeService } from '../compute/service';
import { errorResponses, jsonContent } from './common.schema';
import { operationSchema } from '../contract';
import { operationParamsSchema } from './compute.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';

export const operationRoutes = {
  get: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/operations/{id}',
      tags: ['compute'],
      description: 'An action in flight or finished within the last hour (the last 1,000 kept).',
      request: { params: operationParamsSchema },
      responses: {
        200: jsonContent(operationSchema, 'The operation and its steps'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
  ),
};

export function registerOperationRoutes(ctx: RouteContext, compute: ComputeService) {
  const app = routeModule();
  app.openapi(operationRoutes.get, async (c) => {
    const operation = compute.operations.get(c.req.valid('param').id);
    // Only operations on resources the caller can see: today every role sees every resource
    // that exists, so a target gone from the store hides its operations too.
    const target = operation ? await ctx.deps.store.resources.get(operation.target) : null;
    if (!operation || !target) throw notFound('Operation');
    return c.json(operation, 200);
  });
  return app;
}
