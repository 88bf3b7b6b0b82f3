import { ERROR_CODES, PROVIDERS, ROLES } from '@ccx/core';
import { z } from '@hono/zod-openapi';

export const roleSchema = z.enum(ROLES).openapi('Role');

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .openapi('Error');

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

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string().nullable(),
    role: roleSchema,
    sso: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi('User');

export const resourceSchema = z
  .object({
    uid: z.string(),
    provider: z.enum(PROVIDERS),
    account: z.string(),
    region: z.string(),
    type: z.string(),
    id: z.string(),
    name: z.string().nullable(),
    state: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
    createdAt: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    connection: z.string(),
    accountAlias: z.string().nullable().openapi({
      description: 'Alias its connection configures for the account (e.g. prod); null if none',
    }),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .openapi('Resource');

export const syncRunSchema = z
  .object({
    id: z.string(),
    trigger: z.string(),
    status: z.enum(['running', 'succeeded', 'partial', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    errors: z.array(z.object({ scope: z.string(), type: z.string(), message: z.string() })),
  })
  .openapi('SyncRun');

/** Non-negative integer from a query string; rejects `1.5`, `-1` and `abc` with a path. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
