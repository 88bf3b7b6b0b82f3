import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../testing/harness';

let h: Harness;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-11-25T10:00:00Z');
  h = await createHarness({ now: () => clock });
  await h.addUser('alice', 'operator');
});
afterEach(async () => {
  await h.close();
});

describe('local login', () => {
  it('signs in, answers me, and signs out', async () => {
    const alice = await h.login('alice');
    expect(alice.response.status).toBe(200);
    const cookie = alice.response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/ccx_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);

    const me = await h.request('/api/auth/me', { as: alice });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({ username: 'alice', role: 'operator' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toBe(alice.csrf);

    const out = await h.request('/api/auth/logout', { method: 'POST', as: alice });
    expect(out.status).toBe(204);
    expect((await h.request('/api/auth/me', { as: alice })).status).toBe(401);

    const audit = await h.store.audit.list({ action: 'auth.logout', offset: 0, limit: 10 });
    expect(audit.items.map((e) => e.outcome)).toEqual(['success']);
  });

  it('stores only the hash of the session id', async () => {
    const alice = await h.login('alice');
    const raw = alice.cookie!.split('=')[1]!;
    expect(await h.store.sessions.get(raw)).toBeNull();
  });

  it('answers 401 for a wrong password and for an unknown user, alike', async () => {
    const wrong = await h.login('alice', 'not the password');
    const unknown = await h.login('mallory', 'whatever');
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(await wrong.response.json()).toEqual(await unknown.response.json());
    expect(wrong.response.headers.get('set-cookie')).toBeNull();
    const failures = await h.store.audit.list({
      action: 'auth.login',
      outcome: 'failure',
      offset: 0,
      limit: 10,
    });
    expect(failures.total).toBe(2);
  });

  it('refuses a disabled user', async () => {
    const bob = await h.addUser('bob', 'viewer');
    await h.store.users.update(bob.id, { disabledAt: clock.toISOString() });
    expect((await h.login('bob')).response.status).toBe(401);
  });

  it('rate limits repeated failures per username and address with Retry-After', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await h.login('alice', 'wrong')).response.status).toBe(401);
    const limited = await h.login('alice', PASSWORD);
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get('retry-after'))).toBe(900);
    expect(((await limited.response.json()) as { error: { code: string } }).error.code).toBe(
      'rate_limited',
    );
    clock = new Date(clock.getTime() + 15 * 60_000);
    expect((await h.login('alice')).response.status).toBe(200);
  });

  it('rejects a malformed body with the failing paths', async () => {
    const response = await h.request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: '' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; details: { fields: { path: string }[] } };
    };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.details.fields.map((f) => f.path).sort()).toEqual([
      'json.password',
      'json.username',
    ]);
  });

  it('expires a session after its idle lifetime and slides it on use', async () => {
    const alice = await h.login('alice');
    clock = new Date(clock.getTime() + 11 * 3_600_000);
    expect((await h.request('/api/auth/me', { as: alice })).status).toBe(200);
    clock = new Date(clock.getTime() + 11 * 3_600_000);
    expect((await h.request('/api/auth/me', { as: alice })).status).toBe(200);
    clock = new Date(clock.getTime() + 13 * 3_600_000);
    expect((await h.request('/api/auth/me', { as: alice })).status).toBe(401);
  });

  it('reports the sign-in methods', async () => {
    const response = await h.request('/api/auth/config');
    expect(await response.json()).toEqual({ local: true, oidc: { enabled: false, name: null } });
    expect((await h.request('/api/auth/oidc/login')).status).toBe(404);
  });
});

describe('CSRF', () => {
  it('requires the session token on cookie mutations and checks its value', async () => {
    const alice = await h.login('alice');
    const body = JSON.stringify({ name: 'ci' });
    const missing = await h.request('/api/tokens', {
      method: 'POST',
      body,
      as: { cookie: alice.cookie! },
    });
    expect(missing.status).toBe(403);
    const wrong = await h.request('/api/tokens', {
      method: 'POST',
      body,
      as: { cookie: alice.cookie!, csrf: 'x'.repeat(43) },
    });
    expect(wrong.status).toBe(403);
    const refusal = (await wrong.json()) as {
      error: { message: string; details: Record<string, unknown> };
    };
    expect(refusal.error.message).toMatch(/CSRF/);
    expect(refusal.error.details).toEqual({ reason: 'csrf' });
    const ok = await h.request('/api/tokens', { method: 'POST', body, as: alice });
    expect(ok.status).toBe(201);
  });

  it('does not apply to reads', async () => {
    const alice = await h.login('alice');
    expect((await h.request('/api/tokens', { as: { cookie: alice.cookie! } })).status).toBe(200);
  });
});
