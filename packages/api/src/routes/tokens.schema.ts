import { z } from '@hono/zod-openapi';
import { roleSchema } from './common.schema';

export const createTokenBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: roleSchema.optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .openapi('CreateTokenRequest');

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    userId: z.string(),
    role: roleSchema,
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const tokenListSchema = z.object({ items: z.array(apiTokenSchema) }).openapi('ApiTokenList');
export const createdTokenSchema = z
  .object({ token: z.string().describe('Shown once; only its hash is kept'), item: apiTokenSchema })
  .openapi('CreatedToken');
export const tokenIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
