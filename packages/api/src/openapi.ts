import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './env';
import { SESSION_COOKIE } from './auth/sessions';

export const OPENAPI_DOCUMENT_PATH = '/api/openapi.json';

/**
 * Serves the OpenAPI 3.1 document generated from the route definitions, so the document and
 * the validation can never disagree.
 */
export function registerOpenApiDocument(app: OpenAPIHono<ApiEnv>, version: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'Session cookie from /api/auth/login; mutations also need the x-csrf-token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'API token (ccx_…) from POST /api/tokens.',
  });
  app.doc31(OPENAPI_DOCUMENT_PATH, {
    openapi: '3.1.0',
    info: { title: "Creator's Codex API", version },
  });
}
