import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './testing/harness';

let h: Harness;
beforeAll(async () => {
  const web = await mkdtemp(join(tmpdir(), 'ccx-web-'));
  await mkdir(join(web, 'assets'));
  await writeFile(join(web, 'index.html'), '<!doctype html><title>ccx</title>');
  await writeFile(join(web, 'assets', 'app-AbCd1234.js'), 'console.log(1)');
  h = await createHarness({ webRoot: web });
});
afterAll(async () => {
  await h.close();
});

describe('OpenAPI document', () => {
  it('documents every route of docs/api.md with both security schemes', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: {
        securitySchemes: Record<string, { type: string }>;
        schemas: Record<string, unknown>;
      };
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /api/auth/config',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'GET /api/auth/me',
        'GET /api/auth/oidc/login',
        'GET /api/auth/oidc/callback',
        'GET /api/resources',
        'GET /api/resources/facets',
        'GET /api/resources/{uid}',
        'GET /api/resources/{uid}/history',
        'POST /api/resources/{uid}/actions',
        'GET /api/compute',
        'GET /api/compute/{uid}',
        'GET /api/compute/{uid}/metrics',
        'POST /api/compute/actions',
        'GET /api/operations/{id}',
        'GET /api/sync/runs',
        'POST /api/sync/runs',
        'GET /api/sync/events',
        'GET /api/audit',
        'GET /api/tokens',
        'POST /api/tokens',
        'DELETE /api/tokens/{id}',
        'GET /api/users',
        'POST /api/users',
        'PATCH /api/users/{id}',
        'GET /api/status',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
        'GET /api/storage/connections',
        'GET /api/storage/buckets',
        'GET /api/storage/objects',
        'GET /api/storage/object',
        'GET /api/storage/versions',
        'GET /api/storage/findings',
        'GET /api/storage/download',
        'PUT /api/storage/upload',
        'POST /api/storage/transfer',
        'POST /api/storage/delete',
        'POST /api/storage/presign',
        'POST /api/storage/class',
        'POST /api/storage/versioning',
        'POST /api/storage/restore',
        'POST /api/storage/scan',
      ].sort(),
    );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'bearerAuth',
      'cookieAuth',
    ]);
    // The wire schemas live in the contract, plain zod named with `meta({ id })`: each name
    // must still become a component.
    expect(Object.keys(doc.components.schemas).sort()).toEqual([
      'ActionAccepted',
      'ApiToken',
      'ApiTokenList',
      'AuditEvent',
      'AuditPage',
      'AuthConfig',
      'BucketStatistics',
      'BucketView',
      'BulkActionAccepted',
      'BulkActionInput',
      'ComputeDetail',
      'ComputeEntry',
      'ComputeFinding',
      'ComputeMetrics',
      'ComputePage',
      'ComputeSparkline',
      'CreateTokenRequest',
      'CreateUserRequest',
      'CreatedToken',
      'Error',
      'Health',
      'InstanceSize',
      'LoginRequest',
      'MetricSeriesView',
      'ObjectEntry',
      'ObjectInfo',
      'ObjectItem',
      'ObjectPrefix',
      'ObjectVersion',
      'Operation',
      'PostureCheck',
      'RelatedResource',
      'Resource',
      'ResourceDetail',
      'ResourceFacets',
      'ResourceHistory',
      'ResourcePage',
      'Role',
      'ServiceTask',
      'SessionInfo',
      'StartSyncRequest',
      'StartSyncResponse',
      'Status',
      'StoredObjectFinding',
      'SyncRun',
      'SyncRunList',
      'UpdateUserRequest',
      'User',
      'UserList',
    ]);
    expect(doc.paths['/api/users']!['get']!.security).toEqual([
      { cookieAuth: [] },
      { bearerAuth: [] },
    ]);
  });

  it('tells listing entries apart by their kind', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as {
      components: { schemas: Record<string, { oneOf?: unknown[]; discriminator?: unknown }> };
    };
    expect(doc.components.schemas['ObjectEntry']).toMatchObject({
      oneOf: [
        { $ref: '#/components/schemas/ObjectItem' },
        { $ref: '#/components/schemas/ObjectPrefix' },
      ],
      discriminator: {
        propertyName: 'kind',
        mapping: {
          object: '#/components/schemas/ObjectItem',
          prefix: '#/components/schemas/ObjectPrefix',
        },
      },
    });
  });
});

describe('web app', () => {
  it('serves files, caches hashed assets forever, falls back to index.html but not under /api', async () => {
    const asset = await h.request('/assets/app-AbCd1234.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const deep = await h.request('/inventory/aws');
    expect(await deep.text()).toContain('<title>ccx</title>');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect((await h.request('/api/unknown')).status).toBe(404);
    const escape = await h.request('/..%2f..%2fetc%2fpasswd');
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('root:');
  });
});
