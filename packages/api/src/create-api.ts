import { createMiddleware } from 'hono/factory';
import { OpenAPIHono } from '@hono/zod-openapi';
import { createAuditWriter } from './audit/audit-writer';
import { authenticate } from './auth/authenticate';
import { DEFAULT_LOGIN_LIMITS, createLoginLimiter } from './auth/login-limiter';
import { createOidcService } from './auth/oidc';
import { createSessionService } from './auth/sessions';
import type { ApiDeps } from './deps';
import type { ApiEnv } from './env';
import { errorBody } from './http/error-body';
import { errorHandler } from './http/error-handler';
import { requestBodyLimit } from './http/body-limit';
import { apiLogger } from './http/logging';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { staticFiles } from './http/static-files';
import { validationHook } from './http/validation-hook';
import { createMetrics } from './metrics/metrics';
import { registerOpenApiDocument } from './openapi';
import { createComputeService } from './compute/service';
import { registerActionRoutes } from './routes/actions.routes';
import { registerAuditRoutes } from './routes/audit.routes';
import { registerAuthRoutes } from './routes/auth.routes';
import { registerComputeRoutes } from './routes/compute.routes';
import type { RouteContext } from './routes/context';
import { registerHealthRoutes } from './routes/health.routes';
import { registerOperationRoutes } from './routes/operations.routes';
import { registerResourceRoutes } from './routes/resources.routes';
import { registerStatusRoutes } from './routes/status.routes';
import { registerStorageBrowseRoutes } from './routes/storage-browse.routes';
import { registerStorageObjectRoutes, STORAGE_UPLOAD_PATH } from './routes/storage-objects.routes';
import { registerSyncRoutes } from './routes/sync.routes';
import { registerTokenRoutes } from './routes/tokens.routes';
import { registerUserRoutes } from './routes/users.routes';

export interface Api {
  app: OpenAPIHono<ApiEnv>;
  /** Ends open event streams and detaches from the sync service; the deps stay open. */
  close(): Promise<void>;
}

/**
 * Builds the HTTP API over already-open dependencies. Order matters: request context (id,
 * log, metrics) wraps everything, then security headers, then authentication for `/api/*`;
 * each route carries its own access guard ahead of its validators.
 */
export function createApi(deps: ApiDeps): Api {
  const now = deps.now ?? (() => new Date());
  const logger = apiLogger(deps.logger);
  const metrics = createMetrics({ store: deps.store, sync: deps.sync });
  const closeHooks = new Set<() => void>();
  const sessions = createSessionService({
    store: deps.store,
    ttlHours: deps.auth.sessionTtlHours,
    ...(deps.auth.sessionMaxHours === undefined ? {} : { maxHours: deps.auth.sessionMaxHours }),
    secureCookies: deps.auth.secureCookies,
    now,
  });
  const ctx: RouteContext = {
    deps,
    now,
    logger,
    sessions,
    metrics,
    limiter: createLoginLimiter({ ...DEFAULT_LOGIN_LIMITS, now }),
    audit: createAuditWriter(deps.store, {
      logger,
      ...(deps.outcomeAuditRetryDelaysMs === undefined
        ? {}
        : { outcomeRetryDelaysMs: deps.outcomeAuditRetryDelaysMs }),
    }),
    oidc: deps.auth.oidc ? createOidcService(deps.auth.oidc, now) : null,
    onClose: (hook) => {
      closeHooks.add(hook);
      return () => closeHooks.delete(hook);
    },
  };

  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.use('*', requestContext({ logger, metrics }));
  app.use('*', securityHeaders());
  // Uploads stream any size to the provider; every other body is small JSON, capped.
  const bodyLimit = requestBodyLimit();
  app.use(
    '/api/*',
    createMiddleware<ApiEnv>((c, next) =>
      c.req.method === 'PUT' && c.req.path === STORAGE_UPLOAD_PATH ? next() : bodyLimit(c, next),
    ),
  );
  app.use('/api/*', authenticate({ store: deps.store, sessions, now }));
  app.use(
    '/api/*',
    createMiddleware<ApiEnv>(async (c, next) => {
      c.set('auditDenied', async (required) => {
        await ctx.audit.record(c, {
          action: `${c.req.method} ${c.req.routePath}`,
          target: c.req.path,
          outcome: 'denied',
          detail: { requiredRole: required },
        });
      });
      await next();
    }),
  );
  app.onError(errorHandler(logger));

  for (const register of [
    registerHealthRoutes,
    registerAuthRoutes,
    registerResourceRoutes,
    registerSyncRoutes,
    registerAuditRoutes,
    registerTokenRoutes,
    registerUserRoutes,
    registerStatusRoutes,
    registerStorageBrowseRoutes,
    registerStorageObjectRoutes,
  ]) {
    app.route('/', register(ctx));
  }
  const compute = createComputeService(ctx);
  for (const register of [registerActionRoutes, registerComputeRoutes, registerOperationRoutes])
    app.route('/', register(ctx, compute));
  registerOpenApiDocument(app, deps.version);
  if (deps.webRoot) app.use('*', staticFiles(deps.webRoot));
  app.notFound((c) => c.json(errorBody('not_found', 'No such route'), 404));

  return {
    app,
    async close() {
      for (const hook of closeHooks) hook();
      closeHooks.clear();
      metrics.close();
      await compute.close();
      await Promise.resolve();
    },
  };
}
