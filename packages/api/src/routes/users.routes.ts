import { createRoute } from '@hono/zod-openapi';
import { conflict, notFound } from '@ccx/core';
import type { User } from '@ccx/store';
import type { AuditedStep } from '../audit/audited';
import { audited } from '../audit/audited';
import { guarded } from '../auth/access';
import { hashPassword } from '../auth/password';
import { checkPasswordPolicy, createLocalUser, publicUser } from '../auth/users';
import { userSchema } from '../contract';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';
import type { UpdateUserRequest } from '../contract';
import { createUserRequestSchema, updateUserRequestSchema, userListSchema } from '../contract';
import { userIdParamsSchema } from './users.schema';

export const userRoutes = {
  list: guarded(
    'admin',
    createRoute({
      method: 'get',
      path: '/api/users',
      tags: ['users'],
      responses: { 200: jsonContent(userListSchema, 'Every user'), ...errorResponses(401, 403) },
    }),
  ),
  create: guarded(
    'admin',
    createRoute({
      method: 'post',
      path: '/api/users',
      tags: ['users'],
      request: { body: jsonBody(createUserRequestSchema) },
      responses: { 201: jsonContent(userSchema, 'Created'), ...errorResponses(400, 401, 403, 409) },
    }),
  ),
  update: guarded(
    'admin',
    createRoute({
      method: 'patch',
      path: '/api/users/{id}',
      tags: ['users'],
      request: { params: userIdParamsSchema, body: jsonBody(updateUserRequestSchema) },
      responses: {
        200: jsonContent(userSchema, 'Updated'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
  ),
};

export function registerUserRoutes(ctx: RouteContext) {
  const app = routeModule();
  const { store } = ctx.deps;

  /** The change behind `PATCH /api/users/{id}`, run inside its audit trail. */
  async function updateUser(
    principalId: string | undefined,
    id: string,
    body: UpdateUserRequest,
  ): Promise<AuditedStep<User>> {
    const existing = await store.users.findById(id);
    if (!existing) throw notFound('User');
    const self = principalId === id;
    // An admin cannot lock themselves out; another admin has to do it.
    if (self && (body.disabled === true || (body.role && body.role !== 'admin'))) {
      throw conflict('You cannot disable or demote your own account');
    }
    const patch: Partial<Pick<User, 'role' | 'passwordHash' | 'disabledAt'>> = {};
    if (body.role) patch.role = body.role;
    if (body.disabled !== undefined)
      patch.disabledAt = body.disabled ? ctx.now().toISOString() : null;
    if (body.password !== undefined) {
      checkPasswordPolicy(body.password);
      patch.passwordHash = await hashPassword(body.password);
    }
    const user = await store.users.update(id, patch);
    // A disabled user or a changed password ends every open session of that user.
    if (body.disabled === true || body.password !== undefined)
      await store.sessions.deleteForUser(id);
    return { value: user };
  }

  app.openapi(userRoutes.list, async (c) =>
    c.json({ items: (await store.users.list()).map(publicUser) }, 200),
  );

  app.openapi(userRoutes.create, async (c) => {
    const body = c.req.valid('json');
    const user = await audited(
      ctx.audit,
      c,
      { action: 'user.create', target: null, detail: { username: body.username, role: body.role } },
      async () => {
        const created = await createLocalUser(store, body);
        return { value: created, target: created.id, detail: { username: created.username } };
      },
    );
    return c.json(publicUser(user), 201);
  });

  app.openapi(userRoutes.update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const detail = {
      role: body.role,
      disabled: body.disabled,
      passwordChanged: body.password !== undefined,
    };
    const user = await audited(ctx.audit, c, { action: 'user.update', target: id, detail }, () =>
      updateUser(c.get('principal')?.user.id, id, body),
    );
    return c.json(publicUser(user), 200);
  });

  return app;
}
