import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';

let h: Harness;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-11-25T10:00:00Z');
  h = await createHarness({ now: () => clock });
  await h.addUser('olive', 'operator');
  await h.addUser('vera', 'viewer');
  await h.addUser('ada', 'admin');
});
afterEach(async () => {
  await h.close();
});

async function createToken(as: { cookie?: string; csrf?: string }, body: Record<string, unknown>) {
  const response = await h.request('/api/tokens', {
    method: 'POST',
    body: JSON.stringify(body),
    as,
  });
  return {
    status: response.status,
    body: (await response.json()) as { token: string; item: Record<string, unknown> },
  };
}

describe('API tokens', () => {
  it('creates a token shown once, usable as bearer without CSRF, listed without its hash', async () => {
    const olive = await h.login('olive');
    const created = await createToken(olive, { name: 'ci', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^ccx_[A-Za-z0-9_-]{43}$/);
    expect(created.body.item).toMatchObject({
      name: 'ci',
      role: 'viewer',
      prefix: created.body.token.slice(0, 10),
    });
    expect(created.body.item).not.toHaveProperty('tokenHash');

    const bearer = { bearer: created.body.token };
    const me = await h.request('/api/auth/me', { as: bearer });
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('viewer');
    // A viewer-scoped token cannot run an operator action even though its owner can.
    expect(
      (await h.request('/api/sync/runs', { method: 'POST', body: '{}', as: bearer })).status,
    ).toBe(403);

    const full = await createToken(olive, { name: 'ops' });
    const started = await h.request('/api/sync/runs', {
      method: 'POST',
      body: '{}',
      as: { bearer: full.body.token },
    });
    expect(started.status).toBe(202);

    const list = (await (await h.request('/api/tokens', { as: olive })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(list.items).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain('tokenHash');
    expect(JSON.stringify(list)).not.toContain(created.body.token);
  });

  it('caps the role at the creator role', async () => {
    const vera = await h.login('vera');
    expect((await createToken(vera, { name: 'x', role: 'admin' })).status).toBe(403);
    expect((await createToken(vera, { name: 'x', role: 'viewer' })).status).toBe(201);
  });

  it('follows the owner: demoting the owner lowers the token', async () => {
    const olive = await h.login('olive');
    const { body } = await createToken(olive, { name: 'ops' });
    const user = await h.store.users.findByUsername('olive');
    await h.store.users.update(user!.id, { role: 'viewer' });
    expect(
      (
        await h.request('/api/sync/runs', {
          method: 'POST',
          body: '{}',
          as: { bearer: body.token },
        })
      ).status,
    ).toBe(403);
  });

  it('revokes: owner yes, another non-admin no, admin any', async () => {
    const olive = await h.login('olive');
    const vera = await h.login('vera');
    const ada = await h.login('ada');
    const first = await createToken(olive, { name: 'one' });
    const second = await createToken(olive, { name: 'two' });
    const id1 = String(first.body.item['id']);
    const id2 = String(second.body.item['id']);

    expect((await h.request(`/api/tokens/${id1}`, { method: 'DELETE', as: vera })).status).toBe(
      404,
    );
    expect((await h.request(`/api/tokens/${id1}`, { method: 'DELETE', as: olive })).status).toBe(
      204,
    );
    expect((await h.request('/api/auth/me', { as: { bearer: first.body.token } })).status).toBe(
      401,
    );
    expect((await h.request(`/api/tokens/${id2}`, { method: 'DELETE', as: ada })).status).toBe(204);
    expect((await h.request('/api/auth/me', { as: { bearer: second.body.token } })).status).toBe(
      401,
    );

    // Each attempt is pending first; vera's, which found no token of hers, is a failure.
    const audit = await h.store.audit.list({ action: 'token.revoke', offset: 0, limit: 10 });
    expect(audit.items.map((e) => e.outcome).sort()).toEqual([
      'failure',
      'pending',
      'pending',
      'pending',
      'success',
      'success',
    ]);
  });

  it('rejects expired, unknown and malformed tokens', async () => {
    const olive = await h.login('olive');
    const { body } = await createToken(olive, { name: 'short', expiresInDays: 1 });
    expect((await h.request('/api/auth/me', { as: { bearer: body.token } })).status).toBe(200);
    clock = new Date(clock.getTime() + 86_400_000 + 1);
    expect((await h.request('/api/auth/me', { as: { bearer: body.token } })).status).toBe(401);
    expect((await h.request('/api/auth/me', { as: { bearer: 'ccx_nope' } })).status).toBe(401);
    expect(
      (await h.request('/api/auth/me', { headers: { authorization: 'Basic abc' } })).status,
    ).toBe(401);
  });

  it('lists every token for an admin and only their own for others', async () => {
    const olive = await h.login('olive');
    const vera = await h.login('vera');
    const ada = await h.login('ada');
    await createToken(olive, { name: 'a' });
    await createToken(vera, { name: 'b' });
    const count = async (as: object) =>
      ((await (await h.request('/api/tokens', { as })).json()) as { items: unknown[] }).items
        .length;
    expect(await count(vera)).toBe(1);
    expect(await count(ada)).toBe(2);
  });
});
