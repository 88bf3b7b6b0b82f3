import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type CcxConfig } from './config/schema';
import { createLogger } from './logger';
import { startServer } from './start-server';

/**
 * A real HTTP server on loopback that answers OIDC discovery only: building the authorization
 * redirect needs nothing more, and the full sign-in round trip is the browser test's job.
 */
let idp: Server;
let issuer: string;

beforeAll(async () => {
  idp = createServer((request, response) => {
    if (request.url !== '/.well-known/openid-configuration') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
      }),
    );
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => idp.close(resolve));
});

function oidcConfig(server: Record<string, unknown> = {}): CcxConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccx-server-oidc-'));
  const parsed = configSchema.parse({
    dataDir,
    server,
    logging: { level: 'silent' },
    auth: { oidc: { issuer, clientId: 'ccx', clientSecret: 'secret' } },
  });
  return { ...parsed, store: { url: join(dataDir, 'ccx.db') } };
}

const quiet = { logger: createLogger('silent'), web: false } as const;

describe('startServer with OIDC', () => {
  it('sends the IdP the callback at the port actually bound when started on port 0', async () => {
    const server = await startServer(oidcConfig(), { ...quiet, port: 0 });
    try {
      const response = await fetch(`${server.url}/api/auth/oidc/login?returnTo=/inventory`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.origin + location.pathname).toBe(`${issuer}/auth`);
      expect(location.searchParams.get('redirect_uri')).toBe(
        `${server.url}/api/auth/oidc/callback`,
      );
      expect(server.url).not.toMatch(/:0$/);
    } finally {
      await server.close();
    }
  });

  it('refuses to start on every interface without a public URL, and leaves nothing open', async () => {
    await expect(
      startServer(oidcConfig({ host: '0.0.0.0' }), { ...quiet, port: 0 }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: /server\.publicUrl: required/ });
    const server = await startServer(
      oidcConfig({ host: '0.0.0.0', publicUrl: 'https://ccx.example.com' }),
      { ...quiet, port: 0 },
    );
    await server.close();
  });
});
