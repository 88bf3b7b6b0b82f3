import { createRoute } from '@hono/zod-openapi';
import { guarded } from '../auth/access';
import type { ComputeService } from '../compute/service';
import { startAction } from '../compute/start-action';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import { actionAcceptedSchema, actionRequestSchema } from '../contract';
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
      description:
        'Validates the action (power, resize and scale of machines and services, a new ECS task-definition revision, an Elastic IP association), audits it as pending and starts it; follow it at /api/operations/{id}. 400 for a bad parameter (an unknown container, a hostile image, an instance that is not beside the address), 409 when the type or state does not allow it.',
      request: { params: uidParamsSchema, body: jsonBody(actionRequestSchema) },
      responses: {
        202: jsonContent(actionAcceptedSchema, 'The action started'),
        ...errorResponses(400, 401, 403, 404, 409, 503),
      },
    }),
  ),
};

export function registerActionRoutes(_ctx: RouteContext, compute: ComputeService) {
  const app = routeModule();
  app.openapi(actionRoutes.run, async (c) => {
    const { uid } = c.req.valid('param');
    const operation = await startAction(compute.actions, c, uid, c.req.valid('json'));
    return c.json({ operation }, 202);
  });
  return app;
}
