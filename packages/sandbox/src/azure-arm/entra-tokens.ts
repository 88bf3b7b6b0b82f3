import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { armErrors } from './arm-error';

/** How long a token lives (Entra issues 60–90 minutes; MSAL refreshes ahead of expiry). */
const TOKEN_LIFETIME_S = 3600;
const SKEW_S = 300;
/** OIDC scopes MSAL may add to any request; they name no resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

export interface EntraApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface TokenReply {
  status: number;
  json: unknown;
}

export interface TokenClaims {
  aud: string;
  tid: string;
  appid: string;
  exp: number;
}

const trimSlash = (value: string) => value.replace(/\/+$/, '').toLowerCase();
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The Microsoft identity platform's v2 endpoints for one app registration, enough for MSAL's
 * client-credentials flow (`ClientSecretCredential`): tenant metadata, instance discovery and
 * the token endpoint. Tokens look like Entra's (a JWT with `aud`, `tid`, `appid`) and are signed
 * with a key that lives as long as this object, so only this sandbox's ARM accepts them.
 */
export class EntraTokens {
  private readonly key = randomBytes(32);

  constructor(
    private readonly app: EntraApp,
    /** The https origin the endpoints are served at (the credential's `authorityHost`). */
    private readonly origin: string,
    /** Resources ARM accepts a token for: ARM's public URI and the sandbox's own origin. */
    private readonly audiences: readonly string[],
    private readonly now: () => number,
    /**
     * Further resources a token may be issued for but ARM refuses, as Entra issues a storage
     * token (`https://storage.azure.com`) that Resource Manager does not take.
     */
    private readonly otherAudiences: readonly string[] = [],
  ) {}

  openIdConfiguration(tenant: string): TokenReply {
    if (!this.knownTenant(tenant))
      return this.error(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    const base = `${this.origin}/${this.app.tenantId}`;
    return {
      status: 200,
      json: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `${this.origin}/${this.app.tenantId}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${this.origin}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid'],
        tenant_region_scope: 'EU',
        cloud_instance_name: 'sandbox.ccx',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      },
    };
  }

  /** `GET /common/discovery/instance`: MSAL asks it unless instance discovery is disabled. */
  instanceDiscovery(): TokenReply {
    const host = new URL(this.origin).host;
    return {
      status: 200,
      json: {
        tenant_discovery_endpoint: `${this.origin}/${this.app.tenantId}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
    };
  }

  /** `POST /{tenant}/oauth2/v2.0/token` with a form body: the client-credentials grant only. */
  token(tenant: string, form: URLSearchParams): TokenReply {
    if (!this.knownTenant(tenant))
      return this.error(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials')
      return this.error(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grant ?? ''}'.`,
      );
    const clientId = form.get('client_id');
    if (!clientId)
      return this.error(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
      );
    if (clientId !== this.app.clientId)
      return this.error(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.app.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
      );
    const secret = form.get('client_secret');
    if (!secret)
      return this.error(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    if (!sameSecret(secret, this.app.clientSecret))
      return this.error(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${this.app.clientId}'.`,
      );
    const scopes = (form.get('scope') ?? '')
      .split(' ')
      .filter((s) => s !== '' && !OIDC_SCOPES.has(s));
    const [scope] = scopes;
    if (scopes.length !== 1 || !scope?.endsWith('/.default'))
      return this.error(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    const resource = scope.slice(0, -'/.default'.length);
    if (
      ![...this.audiences, ...this.otherAudiences].some(
        (aud) => trimSlash(aud) === trimSlash(resource),
      )
    )
      return this.error(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant named ${this.app.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
      );
    const iat = Math.floor(this.now() / 1000);
    const claims = {
      aud: resource,
      iss: `https://sts.windows.net/${this.app.tenantId}/`,
      iat,
      nbf: iat,
      exp: iat + TOKEN_LIFETIME_S,
      appid: this.app.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: this.app.clientId,
      sub: this.app.clientId,
      tid: this.app.tenantId,
      ver: '1.0',
    };
    const unsigned = `${b64({ typ: 'JWT', alg: 'HS256', kid: 'ccx-sandbox' })}.${b64(claims)}`;
    return {
      status: 200,
      json: {
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_S,
        ext_expires_in: TOKEN_LIFETIME_S,
        access_token: `${unsigned}.${this.sign(unsigned)}`,
      },
    };
  }

  /**
   * Verifies an `Authorization: Bearer …` header for ARM: signature, lifetime, tenant and an
   * audience ARM accepts. Every failure is a 401 with `WWW-Authenticate`, as ARM answers.
   */
  verify(authorization: string | undefined): TokenClaims {
    const authority = `${this.origin}/${this.app.tenantId}`;
    if (!authorization)
      throw armErrors.unauthenticated(
        authority,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
      );
    const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization.trim());
    const invalid = armErrors.unauthenticated(
      authority,
      'InvalidAuthenticationToken',
      'The access token is invalid.',
    );
    if (!match) throw invalid;
    const [, header = '', payload = '', signature = ''] = match;
    if (!sameSecret(signature, this.sign(`${header}.${payload}`))) throw invalid;
    let claims: Partial<TokenClaims>;
    try {
      claims = JSON.parse(
        Buffer.from(payload, 'base64url').toString('utf8'),
      ) as Partial<TokenClaims>;
    } catch {
      throw invalid;
    }
    const now = Math.floor(this.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp < now - SKEW_S)
      throw armErrors.unauthenticated(
        authority,
        'ExpiredAuthenticationToken',
        'The access token expiry UTC time is earlier than current UTC time.',
      );
    if (claims.tid !== this.app.tenantId || typeof claims.appid !== 'string') throw invalid;
    if (!this.audiences.some((aud) => trimSlash(aud) === trimSlash(claims.aud ?? '')))
      throw armErrors.unauthenticated(
        authority,
        'InvalidAuthenticationTokenAudience',
        'The access token has been obtained for wrong audience or resource.',
      );
    return claims as TokenClaims;
  }

  private knownTenant(tenant: string): boolean {
    return tenant.toLowerCase() === this.app.tenantId || tenant === 'organizations';
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  private error(status: number, error: string, code: number, message: string): TokenReply {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date(this.now())
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    return {
      status,
      json: {
        error,
        error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${this.origin}/error?code=${code}`,
      },
    };
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
