import {
  CcxError,
  resourceSchema,
  type ProviderConnection,
  type Resource,
  type Scope,
} from '@ccx/core';
import type { SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToSandbox, listScopes, startTestSandbox } from '../testing/sandbox-connection';

/**
 * ECS tasks through the AWS provider against the sandbox: real SDK calls over loopback,
 * counted by the sandbox, so batching is asserted from what went over the wire.
 */
let sandbox: SandboxHandle;
let connection: ProviderConnection;
let scope: Scope;

const list = (target: Scope, type: string): Promise<Resource[]> =>
  listScopes(connection, [target], type);

const attr = <T>(resource: Resource, key: string) => resource.attributes[key] as T;

beforeAll(async () => {
  sandbox = await startTestSandbox('ecs-tasks', { gcsScale: 0, s3Scale: 0 });
  connection = await connectToSandbox(sandbox);
  const scopes = await connection.scopes();
  scope = scopes.find((s) => s.account === sandbox.accounts[0]!.id && s.region === 'us-east-1')!;
});

afterAll(async () => {
  await connection.close();
  await sandbox.stop();
});

describe('ECS task inventory', () => {
  it('lists running and stopped tasks with their revision, health, placement and containers', async () => {
    expect(connection.inventory!.types).toContain('ecs.task');
    const tasks = await list(scope, 'ecs.task');
    for (const task of tasks) expect(resourceSchema.parse(task)).toEqual(task);
    const ids = tasks.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const task of tasks) {
      expect(task.id).toBe(`${attr<string>(task, 'clusterName')}/${task.name}`);
      expect(task.name).toMatch(/^[0-9a-f]{32}$/);
      expect(attr<string>(task, 'taskArn')).toMatch(new RegExp(`:task/[a-z-]+/${task.name}$`));
      expect(attr<string>(task, 'taskDefinition')).toMatch(/^[a-z0-9-]+:\d+$/);
      expect(task.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }

    // Every running task of a service is there, on the revision the service runs.
    const services = await list(scope, 'ecs.service');
    for (const service of services) {
      const cluster = attr<string>(service, 'clusterName');
      const running = tasks.filter(
        (t) =>
          t.state === 'running' &&
          attr(t, 'clusterName') === cluster &&
          attr(t, 'service') === service.name,
      );
      expect(running).toHaveLength(attr<number>(service, 'runningCount'));
      const revision = attr<string>(service, 'taskDefinition').split('/').pop();
      for (const task of running) expect(attr(task, 'taskDefinition')).toBe(revision);
    }

    const web = tasks.find((t) => t.state === 'running' && attr(t, 'clusterName') === 'prod-web')!;
    expect(web.attributes).toMatchObject({
      launchType: 'FARGATE',
      desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
      availabilityZone: expect.stringMatching(/^us-east-1[abc]$/) as unknown,
      privateIp: expect.stringMatching(/^10\.0\.\d+\.\d+$/) as unknown,
      cpu: expect.stringMatching(/^\d+$/) as unknown,
      memory: expect.stringMatching(/^\d+$/) as unknown,
      startedAt: expect.stringMatching(/^\d{4}-/) as unknown,
      stoppedAt: null,
      stopCode: null,
      stoppedReason: null,
    });
    const [main] = attr<Record<string, unknown>[]>(web, 'containers');
    expect(main).toMatchObject({
      name: attr(web, 'service'),
      image: expect.stringMatching(/\.dkr\.ecr\.us-east-1\.amazonaws\.com\//) as unknown,
      lastStatus: 'RUNNING',
      exitCode: null,
      healthStatus: 'HEALTHY',
    });

    // Stopped tasks keep why they stopped; OOM shows in the container's exit code.
    const stopped = tasks.filter((t) => t.state === 'stopped');
    expect(stopped.length).toBeGreaterThan(0);
    for (const task of stopped) {
      expect(task.attributes).toMatchObject({
        desiredStatus: 'STOPPED',
        stopCode: expect.any(String) as unknown,
        stoppedReason: expect.any(String) as unknown,
        stoppedAt: expect.stringMatching(/^\d{4}-/) as unknown,
      });
    }
    const oom = stopped.find((t) =>
      attr<{ exitCode: number | null }[]>(t, 'containers').some((c) => c.exitCode === 137),
    );
    expect(oom!.attributes.stopCode).toBe('EssentialContainerExited');
    const neverStarted = stopped.find((t) => t.attributes.stopCode === 'TaskFailedToStart')!;
    expect(neverStarted.attributes.startedAt).toBeNull();
    expect(neverStarted.attributes.stoppedReason).toMatch(/^CannotPullContainerError/);

    // Scheduled tasks belong to no service, run on EC2 in bridge mode (no ENI), carry tags.
    const nightly = tasks.filter((t) => attr(t, 'clusterName') === 'batch' && !attr(t, 'service'));
    expect(nightly.length).toBeGreaterThan(0);
    for (const task of nightly) {
      expect(task.attributes).toMatchObject({ launchType: 'EC2', privateIp: null, service: null });
      expect(task.tags).toEqual({ env: 'production', job: 'nightly-etl' });
    }
  });

  it('lists each cluster twice (running, stopped) and describes 100 tasks a call', async () => {
    await list(scope, 'ecs.cluster');
    sandbox.resetStats();
    const tasks = await list(scope, 'ecs.task');
    const calls = sandbox.stats().byOperation;
    const clusters = new Set(tasks.map((t) => attr<string>(t, 'clusterName')));
    expect(clusters).toEqual(new Set(['prod-web', 'staging', 'batch']));
    let listCalls = 0;
    let describeCalls = 0;
    for (const cluster of clusters) {
      const of = tasks.filter((t) => attr(t, 'clusterName') === cluster);
      const stopped = of.filter((t) => attr(t, 'desiredStatus') === 'STOPPED').length;
      listCalls += Math.max(1, Math.ceil((of.length - stopped) / 100));
      listCalls += Math.max(1, Math.ceil(stopped / 100));
      describeCalls += Math.ceil(of.length / 100);
    }
    expect(calls['ecs:ListTasks']).toBe(listCalls);
    expect(calls['ecs:DescribeTasks']).toBe(describeCalls);
    expect(calls['ecs:DescribeTasks']).toBeLessThan(tasks.length / 20);
    expect(calls['ecs:ListClusters']).toBe(1);
  });

  it('lists tasks in a scope that names ecs.task among its types', async () => {
    const narrowed: Scope = { ...scope, types: ['ecs.task'] };
    const tasks = await list(narrowed, 'ecs.task');
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.type === 'ecs.task' && t.account === scope.account)).toBe(true);
  });

  it('maps ECS errors to domain errors, keeping throttling retryable', async () => {
    sandbox.setFaults('ecs.throttle=1');
    try {
      const error = await list(scope, 'ecs.task').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CcxError);
      expect(error).toMatchObject({ retryable: true });
      expect((error as CcxError).message).toMatch(/Listing ECS tasks/);
    } finally {
      sandbox.setFaults('');
    }
  });
});
