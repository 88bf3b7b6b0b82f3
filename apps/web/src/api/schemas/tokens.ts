import { z } from 'zod';
import { roleSchema } from './auth';

/** Wire shapes of `/api/tokens`. The secret appears once, in the create answer only. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
export const createdTokenSchema = z.object({ token: z.string(), item: apiTokenSchema });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const createTokenInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(100),
  role: roleSchema.optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenInputSchema>;
