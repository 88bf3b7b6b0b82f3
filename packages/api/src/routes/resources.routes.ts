import { createRoute } from '@hono/zod-openapi';
import { notFound } from '@ccx/core';
import type { ResourceFilter } from '@ccx/store';
import { accountAliases } from '../accounts/aliases';
import { availableActions } from '../actions/availability';
import { guarded } from '../auth/access';
import { errorResponses, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import {
  resourceFacetsSchema,
  resourceHistorySchema,
  resourceDetailSchema,
  resourcePageSchema,
} from '../contract';
import {
  historyQuerySchema,
  resourceFilterQuerySchema,
  resourceListQuerySchema,
  uidParamsSchema,
} from './resources.schema';

export const resourceRoutes = {
  list: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/resources',
      tags: ['resources'],
      request: { query: resourceListQuerySchema },
      responses: {
        200: jsonContent(resourcePageSchema, 'A page of resources'),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
  facets: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/resources/facets',
      tags: ['resources'],
      request: { query: resourceFilterQuerySchema },
      responses: {
        200: jsonContent(resourceFacetsSchema, 'Value counts per field'),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
  get: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/resources/{uid}',
      tags: ['resources'],
      request: { params: uidParamsSchema },
      responses: {
        200: jsonContent(resourceDetailSchema, 'The resource and the actions the caller may run'),
        ...errorResponses(401, 403, 404),
      },
    }),
  ),
  history: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/resources/{uid}/history',
      tags: ['resources'],
      request: { params: uidParamsSchema, query: historyQuerySchema },
      responses: {
        200: jsonContent(resourceHistorySchema, 'Changes, newest first'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
  ),
};

/** Drops undefined members so the store sees only the filters the caller set. */
function toFilter(query: Record<string, unknown> & ResourceFilter): ResourceFilter {
  const filter: ResourceFilter = {};
  if (query.provider?.length) filter.provider = query.provider;
  if (query.account?.length) filter.account = query.account;
  if (query.region?.length) filter.region = query.region;
  if (query.type?.length) filter.type = query.type;
  if (query.state?.length) filter.state = query.state;
  if (query.tags?.length) filter.tags = query.tags;
  if (query.q) filter.q = query.q;
  if (query.includeDeleted) filter.includeDeleted = true;
  return filter;
}

export function registerResourceRoutes(ctx: RouteContext) {
  const app = routeModule();
  const { store } = ctx.deps;

  app.openapi(resourceRoutes.list, async (c) => {
    const { tag, sort, offset, limit, ...rest } = c.req.valid('query');
    const filter = toFilter({ ...rest, tags: tag });
    const page = await store.resources.query({
      ...filter,
      ...(sort ? { sort } : {}),
      offset,
      limit,
    });
    const aliases = accountAliases(await store.accounts.list());
    const items = page.items.map((item) => ({
      ...item,
      accountAlias: aliases.forResource(item),
    }));
    return c.json({ items, total: page.total, offset, limit }, 200);
  });

  app.openapi(resourceRoutes.facets, async (c) => {
    const { tag, ...rest } = c.req.valid('query');
    const [facets, accounts] = await Promise.all([
      store.resources.facets(toFilter({ ...rest, tags: tag })),
      store.accounts.list(),
    ]);
    const aliases = accountAliases(accounts);
    const account = facets.account.map((facet) => {
      const label = aliases.forAccount(facet.value);
      return label === null ? facet : { ...facet, label };
    });
    return c.json({ ...facets, account }, 200);
  });

  app.openapi(resourceRoutes.get, async (c) => {
    const { uid } = c.req.valid('param');
    const [resource, accounts] = await Promise.all([
      store.resources.get(uid),
      store.accounts.list(),
    ]);
    if (!resource) throw notFound('Resource');
    const role = c.get('principal')?.role ?? 'viewer';
    return c.json(
      {
        ...resource,
        accountAlias: accountAliases(accounts).forResource(resource),
        actions: availableActions(resource, role, ctx.deps.connections),
      },
      200,
    );
  });

  app.openapi(resourceRoutes.history, async (c) => {
    const { uid } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    if (!(await store.resources.get(uid))) throw notFound('Resource');
    return c.json({ items: await store.resources.history(uid, { limit }) }, 200);
  });

  return app;
}
