import type { z } from '@hono/zod-openapi';
import { errorSchema } from '../contract';

/**
 * Helpers the route definitions share: error responses and JSON bodies. The wire schemas, and
 * the query coercion they use (`queryInt`), live in `../contract`, where the web app takes them
 * from too.
 */

/** The error responses every guarded route can give, so the document lists them once. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 429 | 502 | 503)[]) {
  const description: Record<number, string> = {
    400: 'invalid_input',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    429: 'rate_limited',
    502: 'provider_error',
    503: 'unavailable',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: description[status] ?? 'error',
        content: { 'application/json': { schema: errorSchema } },
      },
    ]),
  );
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
