import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { AuditWriter } from '../audit/audit-writer';
import type { LoginLimiter } from '../auth/login-limiter';
import type { OidcService } from '../auth/oidc';
import type { SessionService } from '../auth/sessions';
import type { ApiDeps } from '../deps';
import type { ApiEnv } from '../env';
import { validationHook } from '../http/validation-hook';
import type { ApiMetrics } from '../metrics/metrics';

/** What route modules share; built once per `createApi` call. */
export interface RouteContext {
  deps: ApiDeps;
  now: () => Date;
  logger: Logger;
  sessions: SessionService;
  limiter: LoginLimiter;
  audit: AuditWriter;
  oidc: OidcService | null;
  metrics: ApiMetrics;
  /**
   * Registers a teardown hook (an open SSE stream) that `close()` runs; the returned function
   * removes it again, so a stream that ends on its own leaves nothing behind.
   */
  onClose: (hook: () => void) => () => void;
}

/** A route module's app: every one validates with the same hook. */
export function routeModule(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}
