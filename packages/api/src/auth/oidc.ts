import * as client from 'openid-client';
import { CcxError, unauthenticated } from '@ccx/core';
import type { OidcOptions } from '../deps';
import { createPendingLogins } from './oidc-pending';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Claims the API reads from the ID token merged with the UserInfo response. */
export type OidcClaims = Record<string, unknown> & { iss: string; sub: string };

/**
 * Authorization code flow with PKCE, state and nonce. Discovery runs on first use (and again
 * after a failure), so a server starts even while its IdP is briefly unreachable. The per-login
 * secrets stay in memory on this server; the browser only holds an opaque id in a cookie.
 */
export function createOidcService(options: OidcOptions, now: () => Date) {
  const issuerUrl = new URL(options.issuer);
  // Plain http is only tolerated for an IdP on this machine (tests, the sandbox).
  const insecure = issuerUrl.protocol === 'http:' && LOOPBACK.has(issuerUrl.hostname);
  const pending = createPendingLogins({ ttlMs: 10 * 60_000, maxEntries: 10_000, now });
  let configuration: Promise<client.Configuration> | undefined;

  function config(): Promise<client.Configuration> {
    configuration ??= client
      .discovery(issuerUrl, options.clientId, options.clientSecret, undefined, {
        execute: insecure ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw new CcxError('unavailable', 'The identity provider is unreachable', { cause: error });
      });
    return configuration;
  }

  return {
    name: options.name,
    issuer: options.issuer,

    /** Returns the IdP URL to redirect to and the id the browser keeps in its cookie. */
    async begin(returnTo: string): Promise<{ url: URL; loginId: string }> {
      const cfg = await config();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const loginId = pending.put({ codeVerifier, state, nonce, returnTo });
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: options.redirectUri,
        scope: options.scopes ?? 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, loginId };
    },

    /** Exchanges the code; every check (state, nonce, PKCE, ID token) failing is a 401. */
    async complete(
      loginId: string | undefined,
      search: string,
    ): Promise<{ claims: OidcClaims; returnTo: string }> {
      const login = loginId ? pending.take(loginId) : undefined;
      if (!login) throw unauthenticated('The sign-in expired or was already used; start again');
      const cfg = await config();
      const currentUrl = new URL(options.redirectUri);
      currentUrl.search = search;
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
          pkceCodeVerifier: login.codeVerifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new CcxError('unauthenticated', 'Single sign-on failed', { cause: error });
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw unauthenticated('The identity provider returned no ID token');
      const userInfo = await client.fetchUserInfo(cfg, tokens.access_token, idClaims.sub);
      return { claims: { ...userInfo, ...idClaims }, returnTo: login.returnTo };
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
