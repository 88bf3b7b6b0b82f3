import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';

/**
 * The full authorization-code round trip against a real OpenID provider (oidc-provider) on
 * 127.0.0.1, driven like a browser: follow redirects, keep cookies, submit the provider's
 * development login and consent forms.
 */
const REDIRECT_URI = 'http://127.0.0.1:9/api/auth/oidc/callback';
let server: Server;
let issuer: string;
let h: Harness;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      { client_id: 'ccx', client_secret: 'client-secret-value', redirect_uris: [REDIRECT_URI] },
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email'],
    },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({
        sub,
        name: 'Ann SSO',
        preferred_username: sub === 'ann' ? 'ann' : `user-${sub}`,
        email: `${sub}@example.test`,
        groups: sub === 'ann' ? ['staff', 'ccx-operators'] : ['staff'],
      }),
    }),
    cookies: { keys: ['test-cookie-key'] },
  });
  server.on('request', provider.callback());
  h = await createHarness({
    oidc: {
      issuer,
      clientId: 'ccx',
      clientSecret: 'client-secret-value',
      redirectUri: REDIRECT_URI,
      name: 'Test IdP',
      defaultRole: 'viewer',
      roleClaim: 'groups',
      roleMap: { 'ccx-operators': 'operator' },
    },
  });
  await h.addUser('ann', 'admin');
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => server.close(resolve));
});

/** Browses the IdP from `start` until it redirects back to REDIRECT_URI; returns that URL. */
async function signInAtIdp(start: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(start);
  let init: RequestInit = {};
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    init = {};
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(REDIRECT_URI)) return url;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action)
      throw new Error(`no form at ${url.href}: ${response.status} ${html.slice(0, 300)}`);
    const form = html.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'any' })
      : new URLSearchParams({ prompt: 'consent' });
    url = new URL(action, url);
    init = {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('too many steps');
}

async function roundTrip(login: string, returnTo = '/inventory?x=1') {
  const start = await h.request(`/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const pending = /ccx_oidc=([^;]+)/.exec(start.headers.get('set-cookie') ?? '')![1]!;
  const back = await signInAtIdp(authorize.href, login);
  const callback = await h.request(`/api/auth/oidc/callback${back.search}`, {
    headers: { cookie: `ccx_oidc=${pending}` },
  });
  return { authorize, callback, back, pending };
}

describe('OIDC single sign-on', () => {
  it('advertises the provider', async () => {
    expect(await (await h.request('/api/auth/config')).json()).toEqual({
      local: true,
      oidc: { enabled: true, name: 'Test IdP' },
    });
  });

  it('signs in with PKCE, state and nonce, creates the user with a mapped role, and redirects to returnTo', async () => {
    const { authorize, callback } = await roundTrip('ann');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/inventory?x=1');
    const session = /ccx_session=([^;]+)/.exec(callback.headers.get('set-cookie') ?? '')![1]!;
    const me = (await (
      await h.request('/api/auth/me', { headers: { cookie: `ccx_session=${session}` } })
    ).json()) as {
      user: { username: string; role: string; sso: boolean };
    };
    // The local `ann` keeps her account: the SSO user gets a distinct username.
    expect(me.user).toMatchObject({ role: 'operator', sso: true, displayName: 'Ann SSO' });
    expect(me.user.username).not.toBe('ann');
    const user = await h.store.users.findByOidc(issuer, 'ann');
    expect(user?.role).toBe('operator');
  });

  it('finds the same user on the next sign-in and uses the default role without a mapped claim', async () => {
    await roundTrip('bo');
    await roundTrip('bo');
    const users = (await h.store.users.list()).filter((u) => u.oidcSubject === 'bo');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'user-bo', role: 'viewer' });
  });

  it('refuses a replayed callback and a callback without the login cookie', async () => {
    const { back, pending } = await roundTrip('cy');
    const replay = await h.request(`/api/auth/oidc/callback${back.search}`, {
      headers: { cookie: `ccx_oidc=${pending}` },
    });
    expect(replay.status).toBe(401);
    const start = await h.request('/api/auth/oidc/login');
    const fresh = await signInAtIdp(start.headers.get('location')!, 'cy');
    expect((await h.request(`/api/auth/oidc/callback${fresh.search}`)).status).toBe(401);
  });

  it('rejects an off-site returnTo', async () => {
    expect(
      (await h.request(`/api/auth/oidc/login?returnTo=${encodeURIComponent('//evil.test/')}`))
        .status,
    ).toBe(400);
    expect(
      (await h.request(`/api/auth/oidc/login?returnTo=${encodeURIComponent('https://evil.test/')}`))
        .status,
    ).toBe(400);
  });
});
