import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sessionFor } from '../testing/fixtures';
import { getSession, login } from './auth';
import { createApiClient } from './client';
import { ApiError } from './errors';
import { listResources } from './resources';

/**
 * A real HTTP server on loopback stands in for the API: it speaks the documented wire format
 * (docs/api.md) for the few routes these tests need, and records what the client sent.
 */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let base: string;
const seen: Seen[] = [];
let loggedIn = false;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const { user } = sessionFor('operator');

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/api/auth/login') {
        const input = JSON.parse(body) as { password: string };
        if (input.password !== 'right')
          return json(res, 401, { error: { code: 'unauthenticated', message: 'Bad credentials' } });
        loggedIn = true;
        return json(res, 200, { user, csrfToken: 'csrf-from-login' });
      }
      if (path === '/api/auth/me') {
        if (!loggedIn)
          return json(res, 401, {
            error: { code: 'unauthenticated', message: 'Authentication required' },
          });
        return json(res, 200, { user, csrfToken: 'csrf-from-me' });
      }
      if (path === '/api/resources') {
        return json(res, 200, { items: [], total: 0, offset: 0, limit: 50 });
      }
      if (path === '/api/sync/runs' && req.method === 'POST') {
        if (
          req.headers['x-csrf-token'] !== 'csrf-from-me' &&
          req.headers['x-csrf-token'] !== 'csrf-from-login'
        ) {
          return json(res, 403, {
            error: { code: 'forbidden', message: 'CSRF token missing or wrong' },
          });
        }
        return json(res, 409, {
          error: {
            code: 'conflict',
            message: 'A sync is already running',
            details: { runId: 'r1' },
          },
        });
      }
      if (path === '/api/rotated' && req.method === 'POST') {
        // A session whose CSRF token changed since login: only the one `me` reports is valid.
        if (req.headers['x-csrf-token'] !== 'csrf-from-me')
          return json(res, 403, {
            error: {
              code: 'forbidden',
              message: 'Missing or invalid CSRF token',
              details: { reason: 'csrf' },
            },
          });
        res.writeHead(204);
        return res.end();
      }
      if (path === '/api/role-refused' && req.method === 'POST') {
        return json(res, 403, {
          error: { code: 'forbidden', message: 'Your role does not allow this', details: {} },
        });
      }
      if (path === '/api/broken') return json(res, 200, { items: 'not a list' });
      if (path === '/api/html') {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html>bad gateway</html>');
      }
      if (path === '/api/tokens/t1' && req.method === 'DELETE') {
        res.writeHead(204);
        return res.end();
      }
      json(res, 404, { error: { code: 'not_found', message: 'No such route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    ),
);

beforeEach(() => {
  seen.length = 0;
  loggedIn = false;
});

describe('createApiClient', () => {
  it('sends repeated query parameters and skips empty ones', async () => {
    const client = createApiClient({ baseUrl: base });
    await listResources(client, {
      provider: ['aws'],
      account: [],
      region: ['us-east-1', 'eu-west-1'],
      type: [],
      state: [],
      tag: ['env:prod', 'team'],
      q: '  web ',
      sort: '-createdAt',
      offset: 50,
      limit: 25,
    });
    const url = new URL(seen[0]!.url, base);
    expect(url.searchParams.getAll('region')).toEqual(['us-east-1', 'eu-west-1']);
    expect(url.searchParams.getAll('tag')).toEqual(['env:prod', 'team']);
    expect(url.searchParams.get('q')).toBe('web');
    expect(url.searchParams.get('sort')).toBe('-createdAt');
    expect(url.searchParams.get('offset')).toBe('50');
    expect(url.searchParams.has('account')).toBe(false);
  });

  it('turns the error body into a typed ApiError with code, status and details', async () => {
    const client = createApiClient({ baseUrl: base });
    await login(client, { username: 'ada', password: 'right' });
    const error = await client
      .request('/api/sync/runs', z.object({ runId: z.string() }), { method: 'POST', body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'conflict', status: 409, details: { runId: 'r1' } });
  });

  it('sends the CSRF token learned at login on mutations, and none on reads', async () => {
    const client = createApiClient({ baseUrl: base });
    await login(client, { username: 'ada', password: 'right' });
    await client.send('/api/tokens/t1', { method: 'DELETE' });
    await listResources(client, {
      provider: [],
      account: [],
      region: [],
      type: [],
      state: [],
      tag: [],
      q: '',
      sort: null,
      offset: 0,
      limit: 50,
    });
    const del = seen.find((s) => s.method === 'DELETE')!;
    const get = seen.find((s) => s.url.startsWith('/api/resources'))!;
    expect(del.headers['x-csrf-token']).toBe('csrf-from-login');
    expect(get.headers['x-csrf-token']).toBeUndefined();
    expect(seen.find((s) => s.url === '/api/auth/login')!.headers['x-csrf-token']).toBeUndefined();
  });

  it('fetches the CSRF token from /api/auth/me before the first mutation of a fresh page', async () => {
    loggedIn = true; // a session cookie from an earlier page load
    const client = createApiClient({ baseUrl: base });
    await client.send('/api/tokens/t1', { method: 'DELETE' });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /api/auth/me',
      'DELETE /api/tokens/t1',
    ]);
    expect(seen[1]!.headers['x-csrf-token']).toBe('csrf-from-me');
  });

  it('refreshes a stale CSRF token from me and retries the mutation once', async () => {
    const client = createApiClient({ baseUrl: base });
    await login(client, { username: 'ada', password: 'right' });
    seen.length = 0;
    await client.send('/api/rotated', { method: 'POST', body: {} });
    expect(seen.map((s) => `${s.method} ${s.url} ${String(s.headers['x-csrf-token'])}`)).toEqual([
      'POST /api/rotated csrf-from-login',
      'GET /api/auth/me undefined',
      'POST /api/rotated csrf-from-me',
    ]);
  });

  it('does not retry a refusal by role', async () => {
    const client = createApiClient({ baseUrl: base });
    await login(client, { username: 'ada', password: 'right' });
    seen.length = 0;
    await expect(
      client.send('/api/role-refused', { method: 'POST', body: {} }),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    expect(seen.map((s) => s.url)).toEqual(['/api/role-refused']);
  });

  it('calls onUnauthenticated on a 401, except where the caller expects one', async () => {
    let redirects = 0;
    const client = createApiClient({ baseUrl: base, onUnauthenticated: () => redirects++ });
    await expect(getSession(client)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(login(client, { username: 'ada', password: 'wrong' })).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
    });
    expect(redirects).toBe(0);
    await expect(client.request('/api/auth/me', z.unknown())).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(redirects).toBe(1);
  });

  it('rejects an answer that does not match its schema as bad_response', async () => {
    const client = createApiClient({ baseUrl: base });
    await expect(
      client.request('/api/broken', z.object({ items: z.array(z.string()) })),
    ).rejects.toMatchObject({
      code: 'bad_response',
      status: 200,
    });
  });

  it('maps a non-JSON error page by its status', async () => {
    const client = createApiClient({ baseUrl: base });
    await expect(client.request('/api/html', z.unknown())).rejects.toMatchObject({
      code: 'provider_error',
      status: 502,
    });
  });

  it('reports an unreachable server as a network error', async () => {
    const client = createApiClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(client.request('/api/status', z.unknown())).rejects.toMatchObject({
      code: 'network',
      status: 0,
    });
  });
});
