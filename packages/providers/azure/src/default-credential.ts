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
  tenantId?: string;
  /** The app the connection signs in as, and the config key that names it. */
  client?: { id: string; configKey: string };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The options of `DefaultAzureCredential` for `settings`. The configured app is the one
 * managed and workload identity sign in as. The environment credential reads its app from
 * `AZURE_CLIENT_ID` alone, whatever the options say: when that names another app, the
 * connection would silently act as it, so it is refused with both keys named. The variable is
 * read here, where the chain is built, because that is when the chain reads it.
 */
export function defaultCredentialOptions(
  settings: DefaultCredentialSettings,
  env: NodeJS.ProcessEnv = process.env,
): DefaultAzureCredentialClientIdOptions {
  const { client } = settings;
  if (client) {
    const fromEnv = env['AZURE_CLIENT_ID'];
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
    ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
    ...(client ? { managedIdentityClientId: client.id, workloadIdentityClientId: client.id } : {}),
  };
}

/**
 * `DefaultAzureCredential`, loaded on the first token request. @azure/identity pulls in MSAL,
 * which is heavy to load; a connection that signs with shared keys (the sandbox, most tests)
 * never needs it, and a server starts without paying for it. `settings` say where and as whom
 * it signs in ({@link defaultCredentialOptions}). A failed sign-in is a `forbidden` error
 * naming what to configure; a client id that contradicts the configured one, `invalid_input`.
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
