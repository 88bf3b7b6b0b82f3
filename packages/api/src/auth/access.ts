import type { Role } from '@ccx/core';
import { CcxError, forbidden, roleAllows, unauthenticated } from '@ccx/core';
import type { RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../env';
import { safeEqual } from './secrets';

/**
 * Who may call a route: `public` (anyone), `signedIn` (any role), or the least role needed.
 * Declared next to each route as data, so the OpenAPI document and the RBAC tests read the
 * same table the guard enforces.
 */
export type Access = 'public' | 'signedIn' | Role;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The guard in front of a route's validators, so a role that may not use a route gets 403
 * whatever its input. Cookie-authenticated mutations must echo the session's CSRF token:
 * SameSite=Lax already stops most cross-site posts, the token covers same-site attackers and
 * older browsers. Bearer tokens need none, as a browser never attaches them on its own.
 */
export function requireAccess(access: Access) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (access === 'public') return next();
    const principal = c.get('principal');
    if (!principal) throw unauthenticated();
    if (access !== 'signedIn' && !roleAllows(principal.role, access)) {
      // A refused change is a security event: it goes to the audit log, a refused read does not.
      if (!SAFE_METHODS.has(c.req.method)) await c.get('auditDenied')?.(access);
      throw forbidden();
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(c.req.method)) {
      const presented = c.req.header(CSRF_HEADER);
      if (!presented || !safeEqual(presented, principal.session.csrfToken)) {
        // `reason` lets a client tell a stale token (fetch a fresh one, retry) from a role refusal.
        throw new CcxError('forbidden', 'Missing or invalid CSRF token', {
          details: { reason: 'csrf' },
        });
      }
    }
    return next();
  });
}

const SIGNED_IN_SECURITY = [{ cookieAuth: [] }, { bearerAuth: [] }];

/**
 * Adds the access guard and the matching OpenAPI `security` and `x-ccx-access` to a route
 * config. Use it for every route; a route without it would be unguarded.
 */
export function guarded<R extends RouteConfig>(
  access: Access,
  route: R,
): R & { 'x-ccx-access': Access } {
  const existing =
    route.middleware === undefined
      ? []
      : Array.isArray(route.middleware)
        ? route.middleware
        : [route.middleware];
  return {
    ...route,
    security: access === 'public' ? [] : SIGNED_IN_SECURITY,
    middleware: [requireAccess(access), ...existing],
    'x-ccx-access': access,
  };
}
