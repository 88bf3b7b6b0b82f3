import { describe, expect, it } from 'vitest';
import { authOptions } from './auth-options';
import { configSchema } from './config/schema';

const oidc = { issuer: 'https://id.example.com', clientId: 'ccx', clientSecret: 's' };

describe('authOptions', () => {
  it('derives the OIDC callback and Secure cookies from the public URL', () => {
    const config = configSchema.parse({
      server: { publicUrl: 'https://ccx.example.com/' },
      auth: { oidc },
    });
    expect(authOptions(config, 'http://127.0.0.1:8080')).toMatchObject({
      secureCookies: true,
      oidc: {
        redirectUri: 'https://ccx.example.com/api/auth/oidc/callback',
        name: 'Single sign-on',
      },
    });
  });

  it('falls back to the listen URL, and lets secureCookies override the scheme', () => {
    const config = configSchema.parse({ server: { secureCookies: true }, auth: { oidc } });
    expect(authOptions(config, 'http://127.0.0.1:8080')).toMatchObject({
      secureCookies: true,
      oidc: { redirectUri: 'http://127.0.0.1:8080/api/auth/oidc/callback' },
    });
    expect(authOptions(configSchema.parse({}), 'http://127.0.0.1:8080')).toEqual({
      sessionTtlHours: 12,
      sessionMaxHours: 168,
      secureCookies: false,
      oidc: undefined,
    });
    expect(
      authOptions(configSchema.parse({ auth: { sessionMaxHours: 24 } }), 'http://127.0.0.1:8080')
        .sessionMaxHours,
    ).toBe(24);
  });
});
