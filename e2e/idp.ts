import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers ccx as a client; the callback is only known once ccx has bound its port. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`, with its development login and consent pages) on
 * 127.0.0.1. The issuer URL exists before the provider, so ccx can be configured with it and
 * start on port 0; the provider is created once ccx's callback URL is known. Until then every
 * request is a 503.
 */
export async function startTestIdp(): Promise<TestIdp> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(503).end('identity provider not configured yet');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'ccx-e2e';
  const clientSecret = 'e2e-client-secret-value';
  return {
    issuer,
    clientId,
    clientSecret,
    register(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri] },
        ],
        claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
        findAccount: (_ctx, sub) => ({
          accountId: sub,
          claims: () => ({
            sub,
            name: `SSO ${sub}`,
            preferred_username: sub,
            email: `${sub}@example.test`,
          }),
        }),
        cookies: { keys: ['e2e-cookie-key'] },
      });
      server.removeAllListeners('request');
      server.on('request', provider.callback());
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
