import type { ApiClient } from './client';
import { authConfigSchema, sessionSchema } from './schemas/auth';
import type { AuthConfig, LoginInput, Session } from './schemas/auth';

export function getAuthConfig(client: ApiClient): Promise<AuthConfig> {
  return client.request('/api/auth/config', authConfigSchema, { redirectOn401: false });
}

/** The current session, or an `unauthenticated` ApiError when there is none. */
export async function getSession(client: ApiClient): Promise<Session> {
  const session = await client.request('/api/auth/me', sessionSchema, { redirectOn401: false });
  client.setCsrfToken(session.csrfToken);
  return session;
}

export async function login(client: ApiClient, input: LoginInput): Promise<Session> {
  const session = await client.request('/api/auth/login', sessionSchema, {
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
