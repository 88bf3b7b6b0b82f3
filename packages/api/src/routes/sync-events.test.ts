import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';

/** Event streams re-check their caller at each heartbeat (20 ms here instead of 15 s). */
let h: Harness;
beforeEach(async () => {
  h = await createHarness({ sseHeartbeatMs: 20 });
  await h.addUser('olive', 'operator');
  await h.addUser('ada', 'admin');
});
afterEach(async () => {
  await h.close();
});

async function readToEnd(response: Response): Promise<string> {
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}

describe('sync event stream auth', () => {
  it('ends the stream once its session is signed out', async () => {
    const olive = await h.login('olive');
    const response = await h.request('/api/sync/events', { as: olive });
    expect(response.status).toBe(200);
    const ended = readToEnd(response);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.sync.listenerCount()).toBe(2);
    await h.request('/api/auth/logout', { method: 'POST', as: olive });
    const text = await ended;
    expect(text).toContain('event: auth.ended');
    expect(h.sync.listenerCount()).toBe(1);
  });

  it('ends a token stream once the token is revoked, and a session stream of a disabled user', async () => {
    const olive = await h.login('olive');
    const ada = await h.login('ada');
    const created = await h.request('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'feed' }),
      as: olive,
    });
    const { token, item } = (await created.json()) as { token: string; item: { id: string } };
    const byToken = readToEnd(await h.request('/api/sync/events', { as: { bearer: token } }));
    const bySession = readToEnd(await h.request('/api/sync/events', { as: olive }));
    await h.request(`/api/tokens/${item.id}`, { method: 'DELETE', as: olive });
    expect(await byToken).toContain('auth.ended');
    const me = (await (await h.request('/api/auth/me', { as: olive })).json()) as {
      user: { id: string };
    };
    await h.request(`/api/users/${me.user.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ disabled: true }),
      as: ada,
    });
    expect(await bySession).toContain('auth.ended');
    expect(h.sync.listenerCount()).toBe(1);
  });
});
