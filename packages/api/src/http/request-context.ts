import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { ApiEnv } from '../env';
import type { ApiMetrics } from '../metrics/metrics';
import { clientIp } from './client-ip';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * First middleware of every request: assigns a request id (a caller's `x-request-id` is kept
 * when it is short and plain), then, once the response is known, writes one log line and the
 * request metrics. Routes are labelled by pattern (`/api/resources/:uid`), never by the raw
 * path, so metric cardinality stays bounded.
 */
export function requestContext(deps: { logger: Logger; metrics: ApiMetrics }) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('clientIp', clientIp(c));
    c.set('principal', undefined);
    await next();
    c.header('x-request-id', requestId);
    const seconds = (performance.now() - started) / 1000;
    const matched = routePath(c);
    const route = matched === '*' || matched === '/*' || matched === '' ? 'unmatched' : matched;
    const status = c.res.status;
    deps.metrics.observeRequest({ method: c.req.method, route, status }, seconds);
    deps.logger.info(
      {
        requestId,
        method: c.req.method,
        route,
        path: c.req.path,
        status,
        ms: Math.round(seconds * 1000 * 10) / 10,
        userId: c.get('principal')?.user.id ?? null,
      },
      'request',
    );
  });
}
