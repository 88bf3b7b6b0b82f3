import { unauthenticated } from '@ccx/core';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../env';
import { authenticateToken } from './api-tokens';
import type { SessionService } from './sessions';
import type { Store } from '@ccx/store';

/**
 * Establishes who is calling, for every `/api` request. A bearer token wins over a cookie; a
 * bearer that is present but invalid is a 401 even on public routes, because the caller meant
 * to authenticate and should learn that it failed. Whether the route needs a principal is
 * decided later, by the route's declared access.
 */
export function authenticate(deps: { store: Store; sessions: SessionService; now: () => Date }) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw unauthenticated('Malformed Authorization header');
      const { user, token, role } = await authenticateToken(deps.store, match[1], deps.now());
      c.set('principal', { via: 'token', user, token, role });
      return next();
    }
    const resolved = await deps.sessions.resolve(c);
    c.set(
      'principal',
      resolved ? { via: 'session', ...resolved, role: resolved.user.role } : undefined,
    );
    return next();
  });
}
