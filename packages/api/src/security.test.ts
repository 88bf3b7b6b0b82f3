import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from './testing/harness';

/** Review findings, one test each: the API over a real in-memory SQLite store. */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(options: Parameters<typeof createHarness>[0] = {}) {
  h = await createHarness(options);
  return h;
}

describe('sessions', () => {
  it('deletes the session a browser already held when it signs in again (fixation)', async () => {
    const api = await harness();
    await api.addUser('alice', 'operator');
    const first = await api.login('alice');
    const again = await api.request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'alice', password: PASSWORD }),
      as: { cookie: first.cookie! },
    });
    expect(again.status).toBe(200);
    const fresh = /ccx_session=([^;]+)/.exec(again.headers.get('set-cookie') ?? '')![1]!;
    expect(`ccx_session=${fresh}`).not.toBe(first.cookie);
    expect((await api.request('/api/auth/me', { as: first })).status).toBe(401);
    expect(
      (await api.request('/api/auth/me', { as: { cookie: `ccx_session=${fresh}` } })).status,
    ).toBe(200);
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    // The absolute bound is measured from the store's createdAt, taken from the real clock.
    let clock = new Date();
    const api = await harness({ now: () => clock, sessionMaxHours: 24 });
    await api.addUser('alice', 'operator');
    const alice = await api.login('alice');
    // Idle lifetime is 12 hours: used every 10, it would slide forever without the bound.
    clock = new Date(clock.getTime() + 10 * 3_600_000);
    expect((await api.request('/api/auth/me', { as: alice })).status).toBe(200);
    clock = new Date(clock.getTime() + 10 * 3_600_000);
    const late = await api.request('/api/auth/me', { as: alice });
    expect(late.status).toBe(200);
    // Slid, but only up to the deadline four hours away, and the cookie says so.
    const maxAge = Number(/Max-Age=(\d+)/.exec(late.headers.get('set-cookie') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(3 * 3600);
    expect(maxAge).toBeLessThanOrEqual(4 * 3600 + 60);
    clock = new Date(clock.getTime() + 4 * 3_600_000 + 1000);
    expect((await api.request('/api/auth/me', { as: alice })).status).toBe(401);
  });

  it('marks cookies Secure when served over https', async () => {
    const api = await harness({ secureCookies: true });
    await api.addUser('alice', 'operator');
    const alice = await api.login('alice');
    expect(alice.response.headers.get('set-cookie')).toMatch(/; Secure/);
    const out = await api.request('/api/auth/logout', { method: 'POST', as: alice });
    expect(out.headers.get('set-cookie')).toMatch(/ccx_session=;.*Max-Age=0.*Secure/);
  });

  it('requires the CSRF token to sign out, so a cross-site post cannot end a session', async () => {
    const api = await harness();
    await api.addUser('alice', 'operator');
    const alice = await api.login('alice');
    const forged = await api.request('/api/auth/logout', {
      method: 'POST',
      as: { cookie: alice.cookie! },
    });
    expect(forged.status).toBe(403);
    expect((await api.request('/api/auth/me', { as: alice })).status).toBe(200);
  });
});

describe('request limits and hostile input', () => {
  it('refuses a body over the limit before parsing it', async () => {
    const api = await harness();
    const response = await api.request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'a', password: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/larger than/);
  });

  it('answers 400, not 500, for huge filter lists and ids', async () => {
    const api = await harness();
    await api.addUser('vera', 'viewer');
    const vera = await api.login('vera');
    const many = Array.from({ length: 2000 }, (_, i) => `r${i}`).join(',');
    expect((await api.request(`/api/resources?region=${many}`, { as: vera })).status).toBe(400);
    const long = encodeURIComponent('x'.repeat(5000));
    expect((await api.request(`/api/resources/${long}`, { as: vera })).status).toBe(400);
    const traversal = encodeURIComponent('../../etc/passwd');
    expect((await api.request(`/api/resources/${traversal}`, { as: vera })).status).toBe(404);
  });

  it('returns hostile resource names as inert JSON', async () => {
    const api = await harness();
    await api.addUser('vera', 'viewer');
    const vera = await api.login('vera');
    await api.seedInstance('<img src=x onerror=alert(1)>', 'running', {
      tags: { '<script>': '"></td><script>alert(1)</script>' },
    });
    const response = await api.request('/api/resources?q=img', { as: vera });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await response.json()) as { items: { id: string }[] };
    expect(body.items.map((r) => r.id)).toEqual(['<img src=x onerror=alert(1)>']);
  });
});

describe('static files', () => {
  async function webHarness() {
    const web = await mkdtemp(join(tmpdir(), 'ccx-web-'));
    await mkdir(join(web, '.git'));
    await writeFile(join(web, 'index.html'), '<!doctype html><title>ccx</title>');
    await writeFile(join(web, '.env'), 'SECRET=1');
    await writeFile(join(web, '.git', 'config'), '[core]');
    await writeFile(join(web, 'notes.unknownext'), '<script>alert(1)</script>');
    return harness({ webRoot: web });
  }

  it('never serves dotfiles or dot folders, however encoded', async () => {
    const api = await webHarness();
    for (const path of ['/.env', '/%2eenv', '/.git/config', '/assets/..%2f.env']) {
      const response = await api.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('SECRET');
    }
  });

  it('answers 404 rather than 500 for a NUL byte', async () => {
    const api = await webHarness();
    expect((await api.request('/index.html%00.png')).status).toBe(404);
  });

  it('sends unknown types as octet-stream with nosniff, and a CSP on the app', async () => {
    const api = await webHarness();
    const odd = await api.request('/notes.unknownext');
    expect(odd.headers.get('content-type')).toBe('application/octet-stream');
    expect(odd.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await api.request('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('audit of refused changes', () => {
  it('records a token above the caller’s role as pending, then denied, without the token', async () => {
    const api = await harness();
    await api.addUser('vera', 'viewer');
    const vera = await api.login('vera');
    const response = await api.request('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'escalate', role: 'admin' }),
      as: vera,
    });
    expect(response.status).toBe(403);
    const audit = await api.store.audit.list({ action: 'token.create', offset: 0, limit: 10 });
    expect(audit.items.map((e) => e.outcome)).toEqual(['denied', 'pending']);
    expect(audit.items[0]!.correlationId).toBe(audit.items[1]!.correlationId);
    expect(JSON.stringify(audit.items)).not.toMatch(/ccx_[A-Za-z0-9_-]{20,}/);
  });
});
