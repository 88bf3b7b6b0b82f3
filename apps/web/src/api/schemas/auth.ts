import { roleSchema } from '@ccx/core';
import { z } from 'zod';

/** Wire shapes of `/api/auth/*` (docs/api.md). The client owns them: this is its edge. */
export { ROLES, roleSchema, roleAllows, type Role } from '@ccx/core';

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable().optional(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type Session = z.infer<typeof sessionSchema>;

export const authConfigSchema = z.object({
  local: z.boolean(),
  oidc: z.object({ enabled: z.boolean(), name: z.string().nullable().optional() }),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

export const loginInputSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username'),
  password: z.string().min(1, 'Enter your password'),
});
export type LoginInput = z.infer<typeof loginInputSchema>;
