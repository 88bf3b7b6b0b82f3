import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Actor } from '@ccx/core';
import { notFound, unauthenticated } from '@ccx/core';
import type { User } from '@ccx/store';
import { anonymousActor } from '../audit/audit-writer';
import { guarded } from '../auth/access';
import { findOrCreateOidcUser } from '../auth/oidc-users';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import type { OidcService } from '../auth/oidc';
import { publicUser } from '../auth/users';
import { authConfigSchema, loginRequestSchema, sessionInfoSchema } from '../contract';
import { oidcCallbackQuerySchema, oidcLoginQuerySchema } from './auth.schema';
import { errorResponses, jsonBody, jsonContent } from './common.schema';
import type { RouteContext } from './context';
import { routeModule } from './context';

const OIDC_COOKIE = 'ccx_oidc';
const OIDC_COOKIE_PATH = '/api/auth/oidc';

export const authRoutes = {
  config: guarded(
    'public',
    createRoute({
      method: 'get',
      path: '/api/auth/config',
      tags: ['auth'],
      responses: { 200: jsonContent(authConfigSchema, 'Sign-in methods') },
    }),
  ),
  login: guarded(
    'public',
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['auth'],
      request: { body: jsonBody(loginRequestSchema) },
      responses: {
        200: jsonContent(sessionInfoSchema, 'Signed in; sets the session cookie'),
        ...errorResponses(400, 401, 429),
      },
    }),
  ),
  logout: guarded(
    'signedIn',
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['auth'],
      responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
    }),
  ),
  me: guarded(
    'signedIn',
    createRoute({
      method: 'get',
      path: '/api/auth/me',
      tags: ['auth'],
      responses: { 200: jsonContent(sessionInfoSchema, 'The caller'), ...errorResponses(401) },
    }),
  ),
  oidcLogin: guarded(
    'public',
    createRoute({
      method: 'get',
      path: '/api/auth/oidc/login',
      tags: ['auth'],
      request: { query: oidcLoginQuerySchema },
      responses: {
        302: { description: 'Redirect to the identity provider' },
        ...errorResponses(400, 404, 503),
      },
    }),
  ),
  oidcCallback: guarded(
    'public',
    createRoute({
      method: 'get',
      path: '/api/auth/oidc/callback',
      tags: ['auth'],
      request: { query: oidcCallbackQuerySchema },
      responses: {
        302: { description: 'Signed in; redirect to returnTo' },
        ...errorResponses(401, 403, 404),
      },
    }),
  ),
};

export function registerAuthRoutes(ctx: RouteContext) {
  const app = routeModule();
  const { store } = ctx.deps;

  app.openapi(authRoutes.config, (c) =>
    c.json(
      { local: true, oidc: { enabled: ctx.oidc !== null, name: ctx.oidc?.name ?? null } },
      200,
    ),
  );

  app.openapi(authRoutes.login, async (c) => {
    const { username, password } = c.req.valid('json');
    const ip = c.get('clientIp');
    ctx.limiter.begin(username, ip);
    const user = await store.users.findByUsername(username);
    // An unknown or SSO-only user still pays for one scrypt, so timing does not reveal accounts.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !user.passwordHash || !ok || user.disabledAt) {
      await ctx.audit.record(c, {
        action: 'auth.login',
        target: null,
        outcome: 'failure',
        actor: user ? userActor(user) : anonymousActor(username),
        detail: { reason: user?.disabledAt && ok ? 'disabled' : 'bad_credentials' },
      });
      throw unauthenticated('Invalid username or password');
    }
    ctx.limiter.recordSuccess(username, ip);
    const session = await ctx.sessions.start(c, user);
    await ctx.audit.record(c, {
      action: 'auth.login',
      target: null,
      outcome: 'success',
      actor: userActor(user),
      detail: { method: 'password' },
    });
    return c.json({ user: publicUser(user), csrfToken: session.csrfToken }, 200);
  });

  app.openapi(authRoutes.logout, async (c) => {
    const principal = c.get('principal');
    if (principal?.via === 'session') await ctx.sessions.end(c, principal.session);
    await ctx.audit.record(c, { action: 'auth.logout', target: null, outcome: 'success' });
    return c.body(null, 204);
  });

  app.openapi(authRoutes.me, (c) => {
    const principal = c.get('principal');
    if (!principal) throw unauthenticated();
    const csrfToken = principal.via === 'session' ? principal.session.csrfToken : '';
    return c.json(
      { user: { ...publicUser(principal.user), role: principal.role }, csrfToken },
      200,
    );
  });

  app.openapi(authRoutes.oidcLogin, async (c) => {
    const oidc = requireOidc(ctx);
    const { returnTo } = c.req.valid('query');
    const { url, loginId } = await oidc.begin(returnTo ?? '/');
    setCookie(c, OIDC_COOKIE, loginId, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: ctx.deps.auth.secureCookies,
      path: OIDC_COOKIE_PATH,
      maxAge: 600,
    });
    return c.redirect(url.href, 302);
  });

  app.openapi(authRoutes.oidcCallback, async (c) => {
    const oidc = requireOidc(ctx);
    const options = ctx.deps.auth.oidc!;
    const loginId = getCookie(c, OIDC_COOKIE);
    deleteCookie(c, OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
    const { claims, returnTo } = await oidc.complete(loginId, new URL(c.req.url).search);
    const user = await findOrCreateOidcUser(store, claims, options);
    await ctx.sessions.start(c, user);
    await ctx.audit.record(c, {
      action: 'auth.login',
      target: null,
      outcome: 'success',
      actor: userActor(user),
      detail: { method: 'oidc', issuer: claims.iss },
    });
    return c.redirect(returnTo, 302);
  });

  return app;
}

/** SSO routes exist in every build; without `auth.oidc` configured they answer 404. */
function requireOidc(ctx: RouteContext): OidcService {
  if (!ctx.oidc) throw notFound('Single sign-on');
  return ctx.oidc;
}

function userActor(user: User): Actor {
  return { kind: 'user', id: user.id, name: user.username, role: user.role };
}
