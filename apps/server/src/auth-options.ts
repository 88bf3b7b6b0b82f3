import type { AuthOptions } from '@ccx/api';
import type { CcxConfig } from './config/schema';

/**
 * API auth settings from the config. The OIDC redirect defaults to this server's callback at
 * its public URL; cookies are Secure when that URL is https unless `secureCookies` says
 * otherwise (a TLS-terminating proxy in front of plain http).
 */
export function authOptions(config: CcxConfig, listenUrl: string): AuthOptions {
  const base = (config.server.publicUrl ?? listenUrl).replace(/\/+$/, '');
  const secureCookies = config.server.secureCookies ?? base.startsWith('https://');
  const oidc = config.auth.oidc;
  return {
    sessionTtlHours: config.auth.sessionTtlHours,
    secureCookies,
    oidc:
      oidc === undefined
        ? undefined
        : { ...oidc, redirectUri: oidc.redirectUri ?? `${base}/api/auth/oidc/callback` },
  };
}
