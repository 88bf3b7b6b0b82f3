import { z } from '@hono/zod-openapi';
import { userSchema } from './common.schema';

export const loginBodySchema = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
  })
  .openapi('LoginRequest');

export const sessionResponseSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string(),
  })
  .openapi('SessionInfo');

export const authConfigSchema = z
  .object({
    local: z.boolean(),
    oidc: z.object({ enabled: z.boolean(), name: z.string().nullable() }),
  })
  .openapi('AuthConfig');

/** Only a same-origin absolute path: anything else would make login an open redirect. */
export const returnToSchema = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this site')
  .optional();

export const oidcLoginQuerySchema = z.object({ returnTo: returnToSchema });

export const oidcCallbackQuerySchema = z
  .object({
    code: z.string().optional(),
    state: z.string().optional(),
    error: z.string().optional(),
    error_description: z.string().optional(),
  })
  .catchall(z.string());
