import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

let h: Harness;
let ada: Caller;
beforeEach(async () => {
  h = await createHarness();
  await h.addUser('ada', 'admin');
  ada = await h.login('ada');
});
afterEach(async () => {
  await h.close();
});

describe('users and status', () => {
  it('creates, updates and disables users, audited, without exposing hashes', async () => {
    const created = await h.request('/api/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'neo', password: 'a long enough password', role: 'viewer' }),
      as: ada,
    });
    expect(created.status).toBe(201);
    const neo = (await created.json()) as { id: string };
    expect(JSON.stringify(neo)).not.toContain('scrypt');
    expect((await h.login('neo', 'a long enough password')).response.status).toBe(200);
    const duplicate = await h.request('/api/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'neo', role: 'viewer' }),
      as: ada,
    });
    expect(duplicate.status).toBe(409);
    const short = await h.request('/api/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'x', password: 'short', role: 'viewer' }),
      as: ada,
    });
    expect(short.status).toBe(400);

    const patched = await h.request(`/api/users/${neo.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'operator', disabled: true }),
      as: ada,
    });
    expect(await patched.json()).toMatchObject({
      role: 'operator',
      disabledAt: expect.any(String) as unknown,
    });
    expect((await h.login('neo', 'a long enough password')).response.status).toBe(401);
    const list = await (await h.request('/api/users', { as: ada })).text();
    expect(list).not.toContain('passwordHash');
    const audit = await h.store.audit.list({ target: neo.id, offset: 0, limit: 10 });
    // The create's pending entry has no target yet (the id does not exist before the insert).
    expect(audit.items.map((e) => `${e.action} ${e.outcome}`).sort()).toEqual([
      'user.create success',
      'user.update pending',
      'user.update success',
    ]);
  });

  it('does not let an admin lock themselves out', async () => {
    const me = (await (await h.request('/api/auth/me', { as: ada })).json()) as {
      user: { id: string };
    };
    const response = await h.request(`/api/users/${me.user.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ disabled: true }),
      as: ada,
    });
    expect(response.status).toBe(409);
  });

  it('summarises the estate in /api/status', async () => {
    await h.seedInstance('i-1', 'running');
    const status = await (await h.request('/api/status', { as: ada })).json();
    expect(status).toEqual({
      resources: { total: 1, byProvider: { aws: 1 } },
      lastSync: null,
      connections: [{ name: 'lab', provider: 'aws', sandbox: true }],
      accounts: [],
      sandbox: true,
      version: '0.0.0-test',
    });
  });

  it('filters the audit log', async () => {
    await h.request('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 't' }),
      as: ada,
    });
    const page = (await (
      await h.request('/api/audit?action=token.create&outcome=success&limit=5', { as: ada })
    ).json()) as { items: { action: string }[]; total: number };
    expect(page.total).toBe(1);
    expect((await h.request('/api/audit?outcome=maybe', { as: ada })).status).toBe(400);
  });
});
