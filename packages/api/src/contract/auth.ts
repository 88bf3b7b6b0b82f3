import { z } from 'zod';
import { userSchema } from './common';

export const loginRequestSchema = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in user and the token every mutation sends back in `x-csrf-token`. */
export const sessionInfoSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string(),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const authConfigSchema = z
  .object({
    local: z.boolean(),
    oidc: z.object({ enabled: z.boolean(), name: z.string().nullable() }),
  })
  .meta({ id: 'AuthConfig' });
export type AuthConfig = z.infer<typeof authConfigSchema>;
