import { z } from 'zod';
import { roleSchema } from './common';

export const createTokenRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: roleSchema.optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .meta({ id: 'CreateTokenRequest' });
export type CreateTokenRequest = z.input<typeof createTokenRequestSchema>;

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
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z
  .object({ items: z.array(apiTokenSchema) })
  .meta({ id: 'ApiTokenList' });

/** The secret appears once, in this answer only. */
export const createdTokenSchema = z
  .object({ token: z.string().describe('Shown once; only its hash is kept'), item: apiTokenSchema })
  .meta({ id: 'CreatedToken' });
export type CreatedToken = z.infer<typeof createdTokenSchema>;
