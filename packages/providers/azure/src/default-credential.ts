import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { DefaultAzureCredentialClientIdOptions } from '@azure/identity';
import { CcxError } from '@ccx/core';
import { signInError } from './sign-in-errors';

/** Where and as whom a keyless connection signs in through `DefaultAzureCredential`. */
export interface DefaultCredentialSettings {
  /** The public roots plus the extra CA, when one is set. */
  tlsOptions?: { ca: string[] };
  /** A sovereign cloud or the sandbox; instance discovery only knows Microsoft's hosts. */
  authorityHost?: string;
  /** The tenant the connection signs in to, and the config key that names it. */
  tenant?: { id: string; configKey: string };
  /** The app the connection signs in as, and the config key that names it. */
  client?: { id: string; configKey: string };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A tenant id or one of its domain names, as the config takes them: safe to repeat. */
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/;

/**
 * The values of `AZURE_TOKEN_CREDENTIALS` (trimmed, case aside, as @azure/identity 4.13 reads
 * it) whose chain holds the environment credential; unset or empty is the whole chain. Any other
 * valid value (`dev`, one other credential's name) leaves it out, and an invalid one fails the
 * chain before anything is read.
 */
const WITH_ENVIRONMENT_CREDENTIAL = new Set(['', 'prod', 'environmentcredential']);

/** Whether the chain built under `env` has the environment credential in it. */
function chainReadsEnvironment(env: NodeJS.ProcessEnv): boolean {
  return WITH_ENVIRONMENT_CREDENTIAL.has(
    (env['AZURE_TOKEN_CREDENTIALS'] ?? '').trim().toLowerCase(),
  );
}

/**
 * The options of `DefaultAzureCredential` for `settings`. The configured tenant and app are
 * the ones managed and workload identity sign in to and as. The environment credential reads
 * them from `AZURE_TENANT_ID` and `AZURE_CLIENT_ID` alone, whatever the options say: when
 * either names another tenant or app, the connection would silently act there or as it, so it
 * is refused with both keys named, unless `AZURE_TOKEN_CREDENTIALS` leaves that credential out
 * of the chain. Values are compared trimmed, case aside; a domain and the GUID of the same
 * tenant still differ. The variables are read here, where the chain is built, because that is
 * when the chain reads them.
 */
export function defaultCredentialOptions(
  settings: DefaultCredentialSettings,
  env: NodeJS.ProcessEnv = process.env,
): DefaultAzureCredentialClientIdOptions {
  const { tenant, client } = settings;
  const checked = chainReadsEnvironment(env);
  if (tenant && checked) {
    const fromEnv = env['AZURE_TENANT_ID']?.trim();
    if (fromEnv && fromEnv.toLowerCase() !== tenant.id.toLowerCase())
      throw new CcxError(
        'invalid_input',
        `AZURE_TENANT_ID (${TENANT.test(fromEnv) ? fromEnv : 'not a tenant id or domain'}) names another tenant than ${tenant.configKey} (${tenant.id}): ` +
          `the connection would sign in there. Set AZURE_TENANT_ID to ${tenant.id}, or unset it.`,
      );
  }
  if (client && checked) {
    const fromEnv = env['AZURE_CLIENT_ID']?.trim();
    if (fromEnv && fromEnv.toLowerCase() !== client.id.toLowerCase())
      throw new CcxError(
        'invalid_input',
        `AZURE_CLIENT_ID (${GUID.test(fromEnv) ? fromEnv : 'not a client id'}) names another app than ${client.configKey} (${client.id}): ` +
          `the connection would sign in as that app. Set AZURE_CLIENT_ID to ${client.id}, or unset it.`,
      );
  }
  return {
    ...(settings.tlsOptions ? { tlsOptions: settings.tlsOptions } : {}),
    ...(settings.authorityHost
      ? { authorityHost: settings.authorityHost, disableInstanceDiscovery: true }
      : {}),
    ...(tenant ? { tenantId: tenant.id } : {}),
    ...(client ? { managedIdentityClientId: client.id, workloadIdentityClientId: client.id } : {}),
  };
}

/**
 * `DefaultAzureCredential`, loaded on the first token request. @azure/identity pulls in MSAL,
 * which is heavy to load; a connection that signs with shared keys (the sandbox, most tests)
 * never needs it, and a server starts without paying for it. `settings` say where and as whom
 * it signs in ({@link defaultCredentialOptions}). A failed sign-in is a `forbidden` error
 * naming what to configure; a tenant or client id that contradicts the configured one,
 * `invalid_input`.
 */
export function defaultAzureCredential(
  what: string,
  settings: DefaultCredentialSettings = {},
): TokenCredential {
  let credential: Promise<TokenCredential> | null = null;
  return {
    async getToken(
      scopes: string | string[],
      getTokenOptions?: GetTokenOptions,
    ): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then(
        ({ DefaultAzureCredential }) =>
          new DefaultAzureCredential(defaultCredentialOptions(settings)),
      );
      try {
        return await (await credential).getToken(scopes, getTokenOptions);
      } catch (error) {
        throw signInError(error, { what, configKey: "the storage account's key" });
      }
    },
  };
}
