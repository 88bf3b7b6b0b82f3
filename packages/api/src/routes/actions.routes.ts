import { createRoute } from '@hono/zod-openapi';
import { runAction } from '../actions/run-action';
import { guarded } from '../auth/access';
import { actionBodySchema, actionResultSchema } from './actions.schema';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import { uidParamsSchema } from './resources.schema';

export const actionRoutes = {
  run: guarded(
    'operator',
    createRoute({
      method: 'post',
      path: '/api/resources/{uid}/actions',
      tags: ['resources'],
      request: { params: uidParamsSchema, body: jsonBody(actionBodySchema) },
      responses: {
        200: jsonContent(actionResultSchema, 'The provider accepted the action'),
        ...errorResponses(400, 401, 403, 404, 409, 502, 503),
      },
    }),
  ),
};

export function registerActionRoutes(ctx: RouteContext) {
  const app = routeModule();
  app.openapi(actionRoutes.run, async (c) => {
    const { uid } = c.req.valid('param');
    const { action } = c.req.valid('json');
    const result = await runAction(c, { ...ctx.deps, audit: ctx.audit }, uid, action);
    return c.json(result, 200);
  });
  return app;
}
