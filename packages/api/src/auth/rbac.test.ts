import type { Role } from '@ccx/core';
import { roleAllows } from '@ccx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';
import type { Access } from './access';

/**
 * The RBAC matrix, read from the OpenAPI document (which carries each route's declared
 * access): every route is tried by every role, with an empty body, and must answer 403 exactly
 * when the role is below the route's requirement, whatever the input.
 */
let h: Harness;
const callers: Partial<Record<Role, Caller>> = {};
const operations: { method: string; path: string; access: Access }[] = [];

beforeAll(async () => {
  h = await createHarness();
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    await h.addUser(role, role);
    callers[role] = await h.login(role);
  }
  const doc = (await (await h.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-ccx-access': Access }>>;
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops))
      operations.push({ method: method.toUpperCase(), path, access: op['x-ccx-access'] });
  }
});
afterAll(async () => {
  await h.close();
});

const concrete = (path: string) =>
  path.replace('{uid}', encodeURIComponent('aws/1/r/ec2.instance/i-x')).replace('{id}', 'x');

describe('RBAC', () => {
  it('declares access on every route', () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations)
      expect(['public', 'signedIn', 'viewer', 'operator', 'admin']).toContain(op.access);
  });

  it('answers 403 to a viewer on every mutating route above viewer', async () => {
    const mutating = operations.filter(
      (op) => op.method !== 'GET' && !['public', 'signedIn', 'viewer'].includes(op.access),
    );
    expect(mutating.map((op) => `${op.method} ${op.path}`).sort()).toEqual(
      [
        'PATCH /api/users/{id}',
        'POST /api/compute/actions',
        'POST /api/resources/{uid}/actions',
        'POST /api/sync/runs',
        'POST /api/users',
        'POST /api/storage/class',
        'POST /api/storage/delete',
        'POST /api/storage/presign',
        'POST /api/storage/restore',
        'POST /api/storage/scan',
        'POST /api/storage/transfer',
        'POST /api/storage/versioning',
        'PUT /api/storage/upload',
      ].sort(),
    );
    for (const op of mutating) {
      for (const body of [undefined, '{}', '{"action":"compute.stop"}', 'not json']) {
        const response = await h.request(concrete(op.path), {
          method: op.method,
          body,
          as: callers.viewer,
        });
        expect(response.status, `${op.method} ${op.path} ${body}`).toBe(403);
      }
    }
    const denied = await h.store.audit.list({ outcome: 'denied', offset: 0, limit: 100 });
    expect(denied.items.map((event) => event.action).sort()).toEqual(
      mutating
        .flatMap((op) =>
          Array.from({ length: 4 }, () => `${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`),
        )
        .sort(),
    );
    expect(
      denied.items.every(
        (event) => event.actor.name === 'viewer' && event.detail.requiredRole !== undefined,
      ),
    ).toBe(true);
  });

  it('holds the whole matrix for reads and writes', async () => {
    for (const op of operations) {
      if (op.access === 'public' || op.access === 'signedIn' || op.path === '/api/sync/events')
        continue;
      for (const role of ['viewer', 'operator', 'admin'] as const) {
        const response = await h.request(concrete(op.path), {
          method: op.method,
          body: op.method === 'GET' ? undefined : '{}',
          as: callers[role],
        });
        const denied = response.status === 403;
        expect(denied, `${role} ${op.method} ${op.path} → ${response.status}`).toBe(
          !roleAllows(role, op.access),
        );
      }
    }
  });

  it('answers 401 without credentials on every non-public route', async () => {
    for (const op of operations.filter((o) => o.access !== 'public')) {
      expect(
        (await h.request(concrete(op.path), { method: op.method })).status,
        `${op.method} ${op.path}`,
      ).toBe(401);
    }
  });
});
