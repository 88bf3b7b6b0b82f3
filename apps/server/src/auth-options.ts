import type { AuthOptions } from '@ccx/api';
import { invalidInput } from '@ccx/core';
import type { CcxConfig } from './config/schema';

/** Addresses that mean "every interface": a browser can never be sent back to one of them. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '[::]', '::']);

/**
 * API auth settings from the config and the URL the server actually bound (so `--port 0`
 * yields the real port). The OIDC redirect defaults to this server's callback at its public
 * URL; cookies are Secure when that URL is https unless `secureCookies` says otherwise (a
 * TLS-terminating proxy in front of plain http).
 *
 * A server bound to every interface has no address a browser can return to, so with OIDC on it
 * needs `server.publicUrl` (or `auth.oidc.redirectUri`): that is a configuration error rather
 * than a redirect the IdP would reject later, at the first sign-in.
 */
export function authOptions(config: CcxConfig, boundUrl: string): AuthOptions {
  const base = (config.server.publicUrl ?? boundUrl).replace(/\/+$/, '');
  const secureCookies = config.server.secureCookies ?? base.startsWith('https://');
  const oidc = config.auth.oidc;
  if (
    oidc !== undefined &&
    oidc.redirectUri === undefined &&
    config.server.publicUrl === undefined &&
    WILDCARD_HOSTS.has(new URL(boundUrl).hostname)
  ) {
    throw invalidInput(
      `server.publicUrl: required with auth.oidc when listening on ${new URL(boundUrl).hostname} (the URL users open, e.g. https://ccx.example.com)`,
    );
  }
  return {
    sessionTtlHours: config.auth.sessionTtlHours,
    sessionMaxHours: config.auth.sessionMaxHours,
    secureCookies,
    oidc:
      oidc === undefined
        ? undefined
        : { ...oidc, redirectUri: oidc.redirectUri ?? `${base}/api/auth/oidc/callback` },
  };
}
