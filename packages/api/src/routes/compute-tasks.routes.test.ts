import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResource, type ProviderConnection, type Resource, type Scope } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

/**
 * An ECS service's detail lists its tasks from the inventory: the sandbox's clusters,
 * services and tasks listed by the real provider and stored as a sync stores them.
 */
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let sandbox: SandboxHandle;
let connection: ProviderConnection;
let scope: Scope;
let h: Harness;
let vera: Caller;
const listed: Record<string, Resource[]> = {};

interface TaskRow {
  uid: string;
  id: string;
  state: string | null;
  taskDefinition: string | null;
  revision: number | null;
  current: boolean;
  healthStatus: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
  stopCode: string | null;
  stoppedReason: string | null;
}

async function store(type: string, resources: Resource[]) {
  await h.store.resources.applyBatch({
    scope: { ...scope, connection: 'sandbox-aws' },
    type,
    runId: 'seed',
    resources,
  });
}

async function tasksOf(uid: string): Promise<TaskRow[]> {
  const response = await h.request(`/api/compute/${encodeURIComponent(uid)}`, { as: vera });
  expect(response.status).toBe(200);
  return ((await response.json()) as { tasks: TaskRow[] }).tasks;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-api-tasks-')),
    estate: { accounts: 1, regions: ['us-east-1'], instancesPerRegion: 2 },
    s3Scale: 0,
    gcsScale: 0,
  });
  const config = awsProvider.configSchema.parse(sandbox.cliConfig().connections[0]);
  connection = await awsProvider.connect('sandbox-aws', config, { logger: silent });
  [scope] = (await connection.scopes()) as [Scope];
  h = await createHarness({ connections: [connection] });
  for (const type of ['ec2.instance', 'ecs.cluster', 'ecs.service', 'ecs.task']) {
    const resources: Resource[] = [];
    for await (const r of connection.inventory!.list(scope, type)) resources.push(r);
    listed[type] = resources;
    await store(type, resources);
  }
  await h.addUser('vera', 'viewer');
  vera = await h.login('vera');
});
afterAll(async () => {
  await h.close();
  await connection.close();
  await sandbox.stop();
});

describe('GET /api/compute/{uid} of an ECS service', () => {
  it('lists its running tasks on the current revision, then its stopped ones with why', async () => {
    const stoppedTask = listed['ecs.task']!.find(
      (t) => t.state === 'stopped' && t.attributes['clusterName'] === 'prod-web',
    )!;
    const service = listed['ecs.service']!.find(
      (s) =>
        s.attributes['clusterName'] === 'prod-web' && s.name === stoppedTask.attributes['service'],
    )!;
    const tasks = await tasksOf(service.uid);
    const running = tasks.filter((t) => t.state === 'running');
    expect(running).toHaveLength(service.attributes['runningCount'] as number);
    const revision = (service.attributes['taskDefinition'] as string).split('/').pop()!;
    for (const task of running) {
      expect(task).toMatchObject({
        taskDefinition: revision,
        revision: Number(revision.split(':').pop()),
        current: true,
        healthStatus: 'HEALTHY',
        stoppedAt: null,
      });
      expect(task.id).toMatch(/^[0-9a-f]{32}$/);
      expect(task.startedAt).toMatch(/^\d{4}-/);
    }
    // Live tasks first, the latest started first; stopped ones after them.
    const started = running.map((t) => t.startedAt!);
    expect(started).toEqual([...started].sort().reverse());
    expect(tasks.at(-1)).toMatchObject({
      uid: stoppedTask.uid,
      state: 'stopped',
      stopCode: stoppedTask.attributes['stopCode'],
      stoppedReason: stoppedTask.attributes['stoppedReason'],
    });
    expect(tasks).toHaveLength(running.length + 1);
  });

  it('keeps apart services of the same name in different clusters', async () => {
    const services = listed['ecs.service']!;
    const twin = services.find(
      (s) =>
        s.attributes['clusterName'] === 'staging' &&
        services.some((o) => o.attributes['clusterName'] === 'prod-web' && o.name === s.name),
    );
    // The seed draws both clusters' services from one list of names, so some always repeat.
    expect(twin).toBeDefined();
    const prod = services.find(
      (s) => s.attributes['clusterName'] === 'prod-web' && s.name === twin!.name,
    )!;
    const ofStaging = new Set((await tasksOf(twin!.uid)).map((t) => t.uid));
    const ofProd = new Set((await tasksOf(prod.uid)).map((t) => t.uid));
    const expected = (cluster: string) =>
      listed['ecs.task']!.filter(
        (t) => t.attributes['clusterName'] === cluster && t.attributes['service'] === twin!.name,
      ).map((t) => t.uid);
    expect(ofStaging).toEqual(new Set(expected('staging')));
    expect(ofProd).toEqual(new Set(expected('prod-web')));
  });

  it('gives no tasks for an instance, and keeps hostile task text as data', async () => {
    const [instance] = listed['ec2.instance']!;
    expect(await tasksOf(instance!.uid)).toEqual([]);
    const service = listed['ecs.service']!.find((s) => s.attributes['clusterName'] === 'batch')!;
    const hostile = makeResource({
      provider: 'aws',
      account: scope.account,
      region: scope.region,
      type: 'ecs.task',
      id: 'batch/<img src=x onerror=alert(1)>',
      name: '<img src=x onerror=alert(1)>',
      state: 'stopped',
      tags: {},
      createdAt: null,
      attributes: {
        clusterName: 'batch',
        service: service.name,
        taskDefinition: '../../etc/passwd:7',
        stoppedReason: '<script>alert(1)</script>',
        stoppedAt: '2026-01-01T00:00:00.000Z',
      },
    });
    await store('ecs.task', [...listed['ecs.task']!, hostile]);
    const tasks = await tasksOf(service.uid);
    expect(tasks.find((t) => t.uid === hostile.uid)).toMatchObject({
      id: '<img src=x onerror=alert(1)>',
      taskDefinition: '../../etc/passwd:7',
      revision: 7,
      current: false,
      stoppedReason: '<script>alert(1)</script>',
    });
  });

  it('finds every task of a service in a cluster of thousands, the latest first', async () => {
    const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
    const resource = (
      type: string,
      id: string,
      name: string,
      attributes: Record<string, unknown>,
    ) =>
      makeResource({
        provider: 'aws',
        account: scope.account,
        region: scope.region,
        type,
        id,
        name,
        state: 'running',
        tags: {},
        createdAt: null,
        attributes,
      });
    const service = resource('ecs.service', 'huge/api', 'api', {
      clusterName: 'huge',
      taskDefinition: 'arn:aws:ecs:us-east-1:000000000000:task-definition/api:3',
      desiredCount: 1100,
      runningCount: 1100,
    });
    await store('ecs.service', [service]);
    // The other service's tasks sort first by id, more of them than one page of the store.
    const others = Array.from({ length: 2500 }, (_, i) =>
      resource('ecs.task', `huge/a${String(i).padStart(5, '0')}`, `a${i}`, {
        clusterName: 'huge',
        service: 'worker',
        startedAt: at(5000 + i),
      }),
    );
    const own = Array.from({ length: 1100 }, (_, i) =>
      resource('ecs.task', `huge/z${String(i).padStart(5, '0')}`, `z${i}`, {
        clusterName: 'huge',
        service: 'api',
        taskDefinition: 'api:3',
        startedAt: at(i),
      }),
    );
    await store('ecs.task', [...others, ...own]);
    const tasks = await tasksOf(service.uid);
    expect(tasks).toHaveLength(200);
    expect(tasks.every((t) => t.id.startsWith('z') && t.current)).toBe(true);
    expect(tasks.slice(0, 2).map((t) => t.id)).toEqual(['z1099', 'z1098']);
    expect(tasks.at(-1)!.id).toBe('z900');
  });
});
