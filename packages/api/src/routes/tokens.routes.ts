import { createRoute } from '@hono/zod-openapi';
import { notFound, roleAllows, unauthenticated } from '@ccx/core';
import type { ApiToken } from '@ccx/store';
import { audited } from '../audit/audited';
import { guarded } from '../auth/access';
import { issueApiToken } from '../auth/api-tokens';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import { createTokenRequestSchema, createdTokenSchema, apiTokenListSchema } from '../contract';
import { tokenIdParamsSchema } from './tokens.schema';

export const tokenRoutes = {
  list: guarded(
    'viewer',
    createRoute({
      method: 'get',
      path: '/api/tokens',
      tags: ['tokens'],
      responses: {
        200: jsonContent(apiTokenListSchema, "The caller's tokens (every token for an admin)"),
        ...errorResponses(401, 403),
      },
    }),
  ),
  create: guarded(
    'viewer',
    createRoute({
      method: 'post',
      path: '/api/tokens',
      tags: ['tokens'],
      request: { body: jsonBody(createTokenRequestSchema) },
      responses: {
        201: jsonContent(createdTokenSchema, 'The token, shown once'),
        ...errorResponses(400, 401, 403),
      },
    }),
  ),
  revoke: guarded(
    'viewer',
    createRoute({
      method: 'delete',
      path: '/api/tokens/{id}',
      tags: ['tokens'],
      request: { params: tokenIdParamsSchema },
      responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
    }),
  ),
};

/** The hash never leaves the server. */
function withoutHash(token: ApiToken): Omit<ApiToken, 'tokenHash'> {
  const { tokenHash: _hash, ...rest } = token;
  return rest;
}

export function registerTokenRoutes(ctx: RouteContext) {
  const app = routeModule();
  const { store } = ctx.deps;

  app.openapi(tokenRoutes.list, async (c) => {
    const principal = c.get('principal');
    if (!principal) throw unauthenticated();
    const tokens = await store.tokens.list(
      roleAllows(principal.role, 'admin') ? undefined : principal.user.id,
    );
    return c.json({ items: tokens.map(withoutHash) }, 200);
  });

  app.openapi(tokenRoutes.create, async (c) => {
    const principal = c.get('principal');
    if (!principal) throw unauthenticated();
    const body = c.req.valid('json');
    const { token, item } = await audited(
      ctx.audit,
      c,
      { action: 'token.create', target: null, detail: { name: body.name, role: body.role } },
      async () => {
        const issued = await issueApiToken(store, {
          owner: principal.user,
          callerRole: principal.role,
          name: body.name,
          role: body.role,
          expiresInDays: body.expiresInDays,
          now: ctx.now(),
        });
        const { item: created } = issued;
        return {
          value: issued,
          target: created.id,
          detail: {
            name: created.name,
            role: created.role,
            prefix: created.prefix,
            expiresAt: created.expiresAt,
          },
        };
      },
    );
    return c.json({ token, item: withoutHash(item) }, 201);
  });

  app.openapi(tokenRoutes.revoke, async (c) => {
    const principal = c.get('principal');
    if (!principal) throw unauthenticated();
    const { id } = c.req.valid('param');
    const isAdmin = roleAllows(principal.role, 'admin');
    await audited(ctx.audit, c, { action: 'token.revoke', target: id }, async () => {
      const token = (await store.tokens.list(isAdmin ? undefined : principal.user.id)).find(
        (t) => t.id === id,
      );
      // A non-admin only sees their own tokens: someone else's is indistinguishable from none.
      if (!token) throw notFound('Token');
      await store.tokens.revoke(id, ctx.now().toISOString());
      return { value: undefined, detail: { name: token.name, owner: token.userId } };
    });
    return c.body(null, 204);
  });

  return app;
}
