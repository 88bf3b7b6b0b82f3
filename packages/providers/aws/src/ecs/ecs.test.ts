import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import {
  CcxError,
  resourceSchema,
  type ProviderConnection,
  type ResourceRef,
  type Scope,
} from '@ccx/core';
import type { SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToSandbox, listScopes, startTestSandbox } from '../testing/sandbox-connection';

/**
 * ECS through the AWS provider against the sandbox: real SDK calls over loopback, counted by
 * the sandbox, so batching is asserted from what actually went over the wire.
 */
const TRANSITION_MS = 50;

let sandbox: SandboxHandle;
let slow: SandboxHandle;
const open: ProviderConnection[] = [];

async function connect(target: SandboxHandle): Promise<ProviderConnection> {
  const connection = await connectToSandbox(target);
  open.push(connection);
  return connection;
}

const list = (connection: ProviderConnection, scope: Scope, type: string) =>
  listScopes(connection, [scope], type);

async function firstScope(connection: ProviderConnection): Promise<Scope> {
  const scopes = await connection.scopes();
  const scope = scopes.find(
    (s) => s.account === sandbox.accounts[0]!.id && s.region === 'us-east-1',
  );
  return scope!;
}

const serviceRef = (scope: Scope, id: string): ResourceRef => ({
  provider: 'aws',
  account: scope.account,
  region: scope.region,
  type: 'ecs.service',
  id,
});

async function rejection(promise: Promise<unknown>): Promise<CcxError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CcxError);
  return error as CcxError;
}

beforeAll(async () => {
  [sandbox, slow] = await Promise.all([
    startTestSandbox('ecs-fast', {
      transitionMs: TRANSITION_MS,
      gcsScale: 0,
      s3Scale: 0,
    }),
    startTestSandbox('ecs-slow', { transitionMs: 600_000, gcsScale: 0, s3Scale: 0 }),
  ]);
});

afterAll(async () => {
  for (const connection of open) await connection.close();
  await Promise.all([sandbox.stop(), slow.stop()]);
});

describe('ECS inventory', () => {
  it('lists clusters with counts and services with their task size, tags and deployments', async () => {
    const connection = await connect(sandbox);
    const scope = await firstScope(connection);
    expect(connection.inventory!.types).toEqual(
      expect.arrayContaining(['ecs.cluster', 'ecs.service']),
    );
    const clusters = await list(connection, scope, 'ecs.cluster');
    expect(clusters.map((c) => c.id)).toEqual(['prod-web', 'staging', 'batch']);
    for (const cluster of clusters) expect(resourceSchema.parse(cluster)).toEqual(cluster);
    const services = await list(connection, scope, 'ecs.service');
    for (const cluster of clusters) {
      const inCluster = services.filter((s) => s.attributes.clusterName === cluster.id);
      expect(inCluster).toHaveLength(cluster.attributes.activeServicesCount as number);
      const running = inCluster.reduce((sum, s) => sum + (s.attributes.runningCount as number), 0);
      expect(running).toBeLessThanOrEqual(cluster.attributes.runningTasksCount as number);
    }
    const ids = services.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const service = services.find((s) => s.attributes.clusterName === 'prod-web')!;
    expect(resourceSchema.parse(service)).toEqual(service);
    expect(service.id).toBe(`prod-web/${service.name}`);
    expect(service.state).toBe('active');
    expect(service.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(service.attributes).toMatchObject({
      clusterArn: expect.stringMatching(/:cluster\/prod-web$/) as unknown,
      serviceArn: expect.stringMatching(
        new RegExp(`:service/prod-web/${service.name}$`),
      ) as unknown,
      launchType: 'FARGATE',
      stable: true,
      taskCpu: expect.stringMatching(/^\d+$/) as unknown,
      taskMemory: expect.stringMatching(/^\d+$/) as unknown,
    });
    // The containers of its task definition, so a new revision can start from their images.
    const containers = service.attributes.containers as { name: string; image: string }[];
    expect(containers.length).toBeGreaterThan(0);
    for (const container of containers) {
      expect(Object.keys(container)).toEqual(['name', 'image']);
      expect([typeof container.name, typeof container.image]).toEqual(['string', 'string']);
    }
    const [deployment] = service.attributes.deployments as Record<string, unknown>[];
    expect(deployment).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(services.some((s) => Object.keys(s.tags).includes('team'))).toBe(true);
    expect(services.some((s) => s.attributes.launchType === 'EC2')).toBe(true);
  });

  it('describes services ten at a time and each task definition once per connection', async () => {
    const connection = await connect(sandbox);
    const scope = await firstScope(connection);
    await connection.scopes();
    sandbox.resetStats();
    const services = await list(connection, scope, 'ecs.service');
    const calls = sandbox.stats().byOperation;
    const perCluster = new Map<string, number>();
    for (const s of services) {
      const cluster = s.attributes.clusterName as string;
      perCluster.set(cluster, (perCluster.get(cluster) ?? 0) + 1);
    }
    // The production cluster holds more than 20 services: three calls, not one per service.
    expect(perCluster.get('prod-web')).toBeGreaterThan(20);
    const expected = [...perCluster.values()].reduce((sum, n) => sum + Math.ceil(n / 10), 0);
    expect(calls['ecs:DescribeServices']).toBe(expected);
    expect(calls['ecs:DescribeServices']).toBeLessThan(services.length / 5);
    expect(calls['ecs:ListServices']).toBe(perCluster.size);
    const definitions = new Set(services.map((s) => s.attributes.taskDefinition));
    expect(calls['ecs:DescribeTaskDefinition']).toBe(definitions.size);
    // Revisions never change: the next listing of the connection reads none again.
    sandbox.resetStats();
    const again = await list(connection, scope, 'ecs.service');
    expect(again.map((s) => s.attributes.taskCpu)).toEqual(
      services.map((s) => s.attributes.taskCpu),
    );
    expect(sandbox.stats().byOperation['ecs:DescribeTaskDefinition']).toBeUndefined();
  });
});

describe('ECS compute actions', () => {
  it('exposes EC2 and ECS actions as one compute member', async () => {
    const connection = await connect(sandbox);
    expect(connection.compute!.types).toEqual(
      expect.arrayContaining(['ec2.instance', 'ecs.service']),
    );
  });

  it('scales a service and waits until the rollout is stable', async () => {
    const connection = await connect(sandbox);
    const scope = await firstScope(connection);
    const [service] = (await list(connection, scope, 'ecs.service')).filter(
      (s) => s.attributes.clusterName === 'staging',
    );
    const ref = serviceRef(scope, service!.id);
    const target = (service!.attributes.desiredCount as number) + 2;
    const steps: string[] = [];
    const result = await connection.compute!.scaleService!(ref, target, {
      onProgress: (p) => steps.push(p.step),
    });
    expect(result.state).toBe('active');
    expect(result.detail).toMatchObject({ desiredCount: target });
    sandbox.resetStats();
    const status = await connection.compute!.waitFor(ref, 'stable', {
      timeoutMs: 30_000,
      onProgress: (p) => steps.push(p.step),
    });
    expect(status).toMatchObject({
      state: 'active',
      size: null,
      desiredCount: target,
      runningCount: target,
      pendingCount: 0,
      stable: true,
    });
    expect(sandbox.stats().byOperation['ecs:DescribeServices']).toBeGreaterThanOrEqual(1);
    expect(steps).toEqual(['scaling', 'accepted', 'polling', 'stable']);
    expect(await connection.compute!.describe(ref)).toEqual(status);
  });

  it('registers a task definition revision with only the changed fields and deploys it', async () => {
    const connection = await connect(sandbox);
    const scope = await firstScope(connection);
    const [service] = (await list(connection, scope, 'ecs.service')).filter(
      (s) => s.attributes.clusterName === 'prod-web',
    );
    const ref = serviceRef(scope, service!.id);
    const ecs = new ECSClient({
      region: scope.region,
      endpoint: sandbox.url,
      credentials: sandbox.accounts[0]!,
    });
    const before = (
      await ecs.send(
        new DescribeTaskDefinitionCommand({
          taskDefinition: service!.attributes.taskDefinition as string,
        }),
      )
    ).taskDefinition!;
    const container = before.containerDefinitions![0]!.name!;
    const result = await connection.compute!.registerTaskDefinitionRevision!(ref, {
      images: { [container]: 'registry.example.com/app:2.0.0' },
    });
    const registered = result.detail.taskDefinition as string;
    expect(registered).toMatch(new RegExp(`/${before.family}:${before.revision! + 1}$`));
    expect(result.detail.previousTaskDefinition).toBe(before.taskDefinitionArn);
    const after = (
      await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: registered }))
    ).taskDefinition!;
    ecs.destroy();
    expect(after.containerDefinitions![0]!.image).toBe('registry.example.com/app:2.0.0');
    expect(after.containerDefinitions!.slice(1)).toEqual(before.containerDefinitions!.slice(1));
    expect([after.cpu, after.memory, after.networkMode]).toEqual([
      before.cpu,
      before.memory,
      before.networkMode,
    ]);
    expect(after.requiresCompatibilities).toEqual(before.requiresCompatibilities);

    const status = await connection.compute!.waitFor(ref, 'stable', { timeoutMs: 30_000 });
    expect(status.stable).toBe(true);
    const listed = (await list(connection, scope, 'ecs.service')).find((s) => s.id === ref.id)!;
    expect(listed.attributes.taskDefinition).toBe(registered);
    expect(listed.attributes.deployments).toHaveLength(1);
  });

  it('refuses what does not apply, before sending anything that changes the service', async () => {
    const connection = await connect(sandbox);
    const scope = await firstScope(connection);
    const [service] = await list(connection, scope, 'ecs.service');
    const ref = serviceRef(scope, service!.id);
    const compute = connection.compute!;
    expect((await rejection(compute.startInstance(ref))).code).toBe('invalid_input');
    expect((await rejection(compute.stopInstance(ref))).code).toBe('invalid_input');
    expect((await rejection(compute.rebootInstance(ref))).code).toBe('invalid_input');
    expect((await rejection(compute.waitFor(ref, 'running'))).code).toBe('invalid_input');
    expect((await rejection(compute.scaleService!(ref, -1))).code).toBe('invalid_input');
    expect((await rejection(compute.scaleService!(ref, 1.5))).code).toBe('invalid_input');
    expect(
      (await rejection(compute.scaleService!(serviceRef(scope, '../../etc/passwd'), 1))).code,
    ).toBe('invalid_input');
    sandbox.resetStats();
    const unknown = await rejection(
      compute.registerTaskDefinitionRevision!(ref, { images: { 'no-such-container': 'x:1' } }),
    );
    expect(unknown.code).toBe('invalid_input');
    expect((await rejection(compute.registerTaskDefinitionRevision!(ref, {}))).code).toBe(
      'invalid_input',
    );
    // The provider holds a change to the same rules as the API's deploy parameters.
    for (const change of [
      { cpu: '0' },
      { memory: '0256' },
      { images: { app: 'registry.example.com/' + 'a'.repeat(300) } },
    ]) {
      expect((await rejection(compute.registerTaskDefinitionRevision!(ref, change))).code).toBe(
        'invalid_input',
      );
    }
    // A change that would register the live revision again is refused, judged by ECS's
    // current revision rather than by what the last sync stored.
    const ecs = new ECSClient({
      region: scope.region,
      endpoint: sandbox.url,
      credentials: sandbox.accounts[0]!,
    });
    const [cluster, serviceName] = ref.id.split('/');
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster, services: [serviceName!] }),
    );
    const live = (
      await ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: services![0]!.taskDefinition! }),
      )
    ).taskDefinition!;
    ecs.destroy();
    const first = live.containerDefinitions![0]!;
    const same = await rejection(
      compute.registerTaskDefinitionRevision!(ref, {
        images: { [first.name!]: first.image! },
        ...(live.cpu ? { cpu: live.cpu } : {}),
      }),
    );
    expect(same.code).toBe('invalid_input');
    expect(same.message).toMatch(/^Nothing would change/);
    expect(sandbox.stats().byOperation['ecs:RegisterTaskDefinition']).toBeUndefined();
    expect(sandbox.stats().byOperation['ecs:UpdateService']).toBeUndefined();
  });

  it('maps ECS errors to domain errors', async () => {
    const connection = await connect(sandbox);
    const scope = await firstScope(connection);
    const compute = connection.compute!;
    const noCluster = await rejection(compute.scaleService!(serviceRef(scope, 'nope/web'), 1));
    expect(noCluster).toMatchObject({ code: 'not_found', retryable: false });
    expect(noCluster.details.awsCode).toBe('ClusterNotFoundException');
    const noService = await rejection(compute.describe(serviceRef(scope, 'prod-web/ghost')));
    expect(noService.code).toBe('not_found');
    const retired = await rejection(
      compute.scaleService!(serviceRef(scope, 'staging/legacy-reports'), 2),
    );
    expect(retired.code).toBe('conflict');
    expect((await compute.describe(serviceRef(scope, 'staging/legacy-reports'))).state).toBe(
      'inactive',
    );
  });

  it('gives up waiting after the timeout (retryable) and stops on abort', async () => {
    const connection = await connect(slow);
    const scopes = await connection.scopes();
    const scope = scopes.find((s) => s.region === 'us-east-1')!;
    const [service] = await list(connection, scope, 'ecs.service');
    const ref = serviceRef(scope, service!.id);
    await connection.compute!.scaleService!(ref, (service!.attributes.desiredCount as number) + 1);
    const timedOut = await rejection(
      connection.compute!.waitFor(ref, 'stable', { timeoutMs: 1000 }),
    );
    expect(timedOut).toMatchObject({ code: 'unavailable', retryable: true });
    const controller = new AbortController();
    const waiting = connection.compute!.waitFor(ref, 'stable', {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    controller.abort(new Error('cancelled by the user'));
    await expect(waiting).rejects.toThrow('cancelled by the user');
  });
});
