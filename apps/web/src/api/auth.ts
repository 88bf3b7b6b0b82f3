import {
  authConfigSchema,
  loginRequestSchema,
  sessionInfoSchema,
  type AuthConfig,
  type SessionInfo,
} from '@ccx/api/contract';
import { z } from 'zod';
import type { ApiClient } from './client';

/**
 * The sign-in form's input: the server's `LoginRequest` with the form's own messages. Only the
 * form uses it; the answer is parsed with the contract's schema.
 */
export const loginInputSchema = loginRequestSchema.extend({
  username: z.string().trim().min(1, 'Enter your username').max(200),
  password: z.string().min(1, 'Enter your password').max(1024),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export function getAuthConfig(client: ApiClient): Promise<AuthConfig> {
  return client.request('/api/auth/config', authConfigSchema, { redirectOn401: false });
}

/** The current session, or an `unauthenticated` ApiError when there is none. */
export async function getSession(client: ApiClient): Promise<SessionInfo> {
  const session = await client.request('/api/auth/me', sessionInfoSchema, { redirectOn401: false });
  client.setCsrfToken(session.csrfToken);
  return session;
}

export async function login(client: ApiClient, input: LoginInput): Promise<SessionInfo> {
  const session = await client.request('/api/auth/login', sessionInfoSchema, {
    method: 'POST',
    body: input,
    redirectOn401: false,
  });
  client.setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(client: ApiClient): Promise<void> {
  await client.send('/api/auth/logout', { method: 'POST', redirectOn401: false });
  client.setCsrfToken(null);
}

/** Where the SSO button points; the server redirects to the IdP and back to `returnTo`. */
export function oidcLoginUrl(client: ApiClient, returnTo: string): string {
  return client.url('/api/auth/oidc/login', { returnTo });
}
