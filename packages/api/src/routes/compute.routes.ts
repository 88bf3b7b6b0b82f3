import { createRoute } from '@hono/zod-openapi';
import { notFound } from '@ccx/core';
import { guarded } from '../auth/access';
import { computeDetail } from '../compute/detail';
import { listCompute } from '../compute/list-entries';
import { resourceMetrics } from '../compute/live-metrics';
import type { ComputeService } from '../compute/service';
import { startBulk } from '../compute/start-bulk';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import {
  bulkAcceptedSchema,
  bulkActionRequestSchema,
  computeDetailSchema,
  computeListQuerySchema,
  computeMetricsSchema,
  computePageSchema,
} from '../contract';
import { computeMetricsQuerySchema } from './compute.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import { uidParamsSchema } from './resources.schema';

export const computeRoutes = {
  list: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/compute',
      tags: ['compute'],
      request: { query: computeListQuerySchema },
      responses: {
        200: jsonContent(computePageSchema, 'A page of instances, VMs and services'),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
  detail: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/compute/{uid}',
      tags: ['compute'],
      request: { params: uidParamsSchema },
      responses: {
        200: jsonContent(computeDetailSchema, 'The resource, findings, sizes and neighbours'),
        ...errorResponses(401, 403, 404),
      },
    }),
  ),
  metrics: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/compute/{uid}/metrics',
      tags: ['compute'],
      request: { params: uidParamsSchema, query: computeMetricsQuerySchema },
      responses: {
        200: jsonContent(computeMetricsSchema, 'Series over the range, live or stored'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
  ),
  bulk: guarded(
    'operator',
    createRoute({
      method: 'post',
      path: '/api/compute/actions',
      tags: ['compute'],
      description: 'One action on up to 100 resources; each is validated and started on its own.',
      request: { body: jsonBody(bulkActionRequestSchema) },
      responses: {
        202: jsonContent(bulkAcceptedSchema, 'Started operations and refused uids'),
        ...errorResponses(400, 401, 403, 503),
      },
    }),
  ),
};

export function registerComputeRoutes(ctx: RouteContext, compute: ComputeService) {
  const app = routeModule();
  const role = (principal: { role: 'viewer' | 'operator' | 'admin' } | undefined) =>
    principal?.role ?? 'viewer';

  app.openapi(computeRoutes.list, async (c) => {
    const page = await listCompute(compute.reads, c.req.valid('query'), role(c.get('principal')));
    return c.json(page, 200);
  });

  app.openapi(computeRoutes.detail, async (c) => {
    const { uid } = c.req.valid('param');
    return c.json(await computeDetail(compute.reads, uid, role(c.get('principal'))), 200);
  });

  app.openapi(computeRoutes.metrics, async (c) => {
    const { uid } = c.req.valid('param');
    const resource = await ctx.deps.store.resources.get(uid);
    if (!resource || resource.deletedAt) throw notFound('Resource');
    const view = await resourceMetrics(
      { ...compute.reads, logger: ctx.logger },
      resource,
      c.req.valid('query'),
      c.req.raw.signal,
    );
    return c.json(view, 200);
  });

  app.openapi(computeRoutes.bulk, async (c) => {
    const { uids, ...input } = c.req.valid('json');
    return c.json(await startBulk(compute.actions, c, uids, input), 202);
  });

  return app;
}
