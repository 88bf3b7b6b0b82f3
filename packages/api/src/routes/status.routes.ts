import { createRoute } from '@hono/zod-openapi';
import { guarded } from '../auth/access';
import { errorResponses, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import { statusSchema } from '../contract';

export const statusRoutes = {
  get: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/status',
      tags: ['status'],
      responses: {
        200: jsonContent(statusSchema, 'Estate and server summary'),
        ...errorResponses(401, 403),
      },
    }),
  ),
};

export function registerStatusRoutes(ctx: RouteContext) {
  const app = routeModule();
  const { store, connections, sandbox, version } = ctx.deps;
  app.openapi(statusRoutes.get, async (c) => {
    const [resources, runs, accounts] = await Promise.all([
      store.resources.counts(),
      store.syncRuns.list(1),
      store.accounts.list(),
    ]);
    return c.json(
      {
        resources,
        lastSync: runs[0] ?? null,
        // Connections are labelled sandbox when the whole server runs on the sandbox estate.
        connections: [...connections.values()].map((connection) => ({
          name: connection.name,
          provider: connection.provider,
          sandbox,
        })),
        accounts: accounts.map(({ provider, account, alias, connection }) => ({
          provider,
          account,
          alias,
          connection,
        })),
        sandbox,
        version,
      },
      200,
    );
  });
  return app;
}
