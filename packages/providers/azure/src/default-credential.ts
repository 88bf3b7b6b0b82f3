import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/**
 * `DefaultAzureCredential`, loaded on the first token request. @azure/identity pulls in MSAL,
 * which is heavy to load; a connection that signs with shared keys (the sandbox, most tests)
 * never needs it, and a server starts without paying for it.
 */
export function defaultAzureCredential(): TokenCredential {
  let credential: Promise<TokenCredential> | null = null;
  return {
    async getToken(
      scopes: string | string[],
      options?: GetTokenOptions,
    ): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then(
        ({ DefaultAzureCredential }) => new DefaultAzureCredential(),
      );
      return (await credential).getToken(scopes, options);
    },
  };
}
