import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { signInError } from './sign-in-errors';

/**
 * `DefaultAzureCredential`, loaded on the first token request. @azure/identity pulls in MSAL,
 * which is heavy to load; a connection that signs with shared keys (the sandbox, most tests)
 * never needs it, and a server starts without paying for it. The extra CA, when set, reaches
 * the credential's own requests; the compute part's `authorityHost` and tenant, when set, are
 * where it signs in (instance discovery off, as for compute: it only knows Microsoft's hosts). A failed sign-in is a `forbidden`
 * error naming what to configure.
 */
export function defaultAzureCredential(
  what: string,
  options: { tlsOptions?: { ca: string[] }; authorityHost?: string; tenantId?: string } = {},
): TokenCredential {
  let credential: Promise<TokenCredential> | null = null;
  return {
    async getToken(
      scopes: string | string[],
      getTokenOptions?: GetTokenOptions,
    ): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then(
        ({ DefaultAzureCredential }) =>
          new DefaultAzureCredential({
            ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
            ...(options.authorityHost
              ? { authorityHost: options.authorityHost, disableInstanceDiscovery: true }
              : {}),
            ...(options.tenantId ? { tenantId: options.tenantId } : {}),
          }),
      );
      try {
        return await (await credential).getToken(scopes, getTokenOptions);
      } catch (error) {
        throw signInError(error, { what, configKey: "the storage account's key" });
      }
    },
  };
}
