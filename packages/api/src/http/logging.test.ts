import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../testing/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addUser('ada', 'admin');
});
afterEach(async () => {
  await h.close();
});

describe('request logging', () => {
  it('writes one structured line per request with route, status, duration and user', async () => {
    const ada = await h.login('ada');
    h.logLines.length = 0;
    await h.request('/api/resources/x', { as: ada, headers: { 'x-request-id': 'req-1' } });
    const lines = h.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      method: 'GET',
      route: '/api/resources/:uid',
      status: 404,
      requestId: 'req-1',
    });
    expect(typeof lines[0]!['ms']).toBe('number');
    expect(lines[0]!['userId']).toEqual(expect.any(String));
  });

  it('never writes passwords, cookies, CSRF or API tokens', async () => {
    const ada = await h.login('ada');
    const created = await h.request('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'ci' }),
      as: ada,
    });
    const { token } = (await created.json()) as { token: string };
    await h.request('/api/auth/me', { as: { bearer: token } });
    await h.request('/api/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'new', password: 'another long password', role: 'viewer' }),
      as: ada,
    });
    // The API's child logger redacts these fields even when code logs them by mistake.
    const { apiLogger } = await import('./logging');
    const pino = (await import('pino')).default;
    const { Writable } = await import('node:stream');
    const captured: string[] = [];
    const base = pino(
      new Writable({ write: (chunk: Buffer, _e, cb) => (captured.push(chunk.toString()), cb()) }),
    );
    apiLogger(base).info(
      { password: PASSWORD, headers: { authorization: `Bearer ${token}`, cookie: ada.cookie } },
      'oops',
    );
    const all = [...h.logLines, ...captured].join('\n');
    for (const secret of [
      PASSWORD,
      'another long password',
      token,
      ada.cookie!.split('=')[1]!,
      ada.csrf!,
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(captured.join('')).toContain('[redacted]');
  });

  it('logs an unexpected error with the request id and answers without detail', async () => {
    const ada = await h.login('ada');
    h.store.users.list = () => Promise.reject(new Error('SELECT secret_column FROM users failed'));
    const response = await h.request('/api/users', {
      as: ada,
      headers: { 'x-request-id': 'req-err' },
    });
    expect(response.status).toBe(500);
    const body = JSON.stringify(await response.json());
    expect(body).not.toContain('secret_column');
    expect(body).toContain('req-err');
    const logged = h.logLines.map(
      (l) => JSON.parse(l) as { msg: string; requestId?: string; err?: { message: string } },
    );
    expect(logged.find((l) => l.msg === 'unhandled error')).toMatchObject({
      requestId: 'req-err',
      err: { message: expect.stringContaining('secret_column') as unknown },
    });
  });
});
