import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { signInError } from './sign-in-errors';

/**
 * `DefaultAzureCredential`, loaded on the first token request. @azure/identity pulls in MSAL,
 * which is heavy to load; a connection that signs with shared keys (the sandbox, most tests)
 * never needs it, and a server starts without paying for it. A failed sign-in is a `forbidden`
 * error naming what to configure.
 */
export function defaultAzureCredential(what: string): TokenCredential {
  let credential: Promise<TokenCredential> | null = null;
  return {
    async getToken(
      scopes: string | string[],
      options?: GetTokenOptions,
    ): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then(
        ({ DefaultAzureCredential }) => new DefaultAzureCredential(),
      );
      try {
        return await (await credential).getToken(scopes, options);
      } catch (error) {
        throw signInError(error, { what, configKey: "the storage account's key" });
      }
    },
  };
}
