import type { ProviderConnection, Role } from '@ccx/core';
import type { Store } from '@ccx/store';
import type { SyncService } from '@ccx/sync';
import type { Logger } from 'pino';

/** Single sign-on through one OpenID Connect issuer (Auth0, Entra ID, Okta, Keycloak…). */
export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Must be this server's `/api/auth/oidc/callback` as registered at the IdP. */
  redirectUri: string;
  /** Shown on the login button. */
  name: string;
  /** Role of a user whose claims map to no role. */
  defaultRole: Role;
  /** Claim holding a role name or a list of group names, e.g. `groups` or `ccx_role`. */
  roleClaim?: string;
  /** Claim value → role; the highest role any value maps to wins. */
  roleMap?: Record<string, Role>;
  /** Space-separated scopes; default `openid profile email`. */
  scopes?: string;
}

export interface AuthOptions {
  /** A session lives this long after its last use (sliding expiry). */
  sessionTtlHours: number;
  /** Absolute session lifetime from sign-in, however active; default 168 (a week). */
  sessionMaxHours?: number;
  /** Sets `Secure` on cookies; true whenever the server is reached over https. */
  secureCookies: boolean;
  oidc?: OidcOptions;
}

/** Everything the API needs; the composition root builds these and owns their lifecycle. */
export interface ApiDeps {
  store: Store;
  sync: SyncService;
  connections: ReadonlyMap<string, ProviderConnection>;
  logger: Logger;
  auth: AuthOptions;
  /** Folder of the built web app; when absent only the API is served. */
  webRoot?: string;
  version: string;
  /** True when the server runs against the local sandbox estate. */
  sandbox: boolean;
  /**
   * Event-stream heartbeat, also how often a stream re-checks its caller's credential;
   * default 15 s. Shorter behind proxies with tight idle timeouts.
   */
  sseHeartbeatMs?: number;
  /**
   * The pauses before each retry of an action's outcome audit entry that the store refused;
   * their count is the number of retries. Default 50, 200 and 800 ms.
   */
  outcomeAuditRetryDelaysMs?: readonly number[];
  /** Clock, injectable so tests can move time (session expiry, rate limits). */
  now?: () => Date;
}
