import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  paginateListServices,
  waitUntilServicesStable,
  type Service,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ecsFor } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

/**
 * ECS through the official SDK. The sandbox runs on a clock the test moves by hand, so each
 * rollout step is observed exactly, without timing.
 */
const TRANSITION_MS = 1000;
let clock = Date.now();
let sandbox: SandboxHandle;
let ecs: ECSClient;

async function serviceNames(cluster: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListServices({ client: ecs, pageSize: 7 }, { cluster })) {
    expect(page.serviceArns!.length).toBeLessThanOrEqual(7);
    for (const arn of page.serviceArns ?? []) names.push(arn.slice(arn.lastIndexOf('/') + 1));
  }
  return names;
}

async function describeOne(cluster: string, service: string, include?: 'TAGS'): Promise<Service> {
  const out = await ecs.send(
    new DescribeServicesCommand({
      cluster,
      services: [service],
      ...(include ? { include: [include] } : {}),
    }),
  );
  expect(out.failures).toEqual([]);
  return out.services![0]!;
}

async function expectError(promise: Promise<unknown>, name: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
  );
  expect(error?.name).toBe(name);
  if (message) expect(error?.message).toMatch(message);
  return error;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('ecs'),
    transitionMs: TRANSITION_MS,
    now: () => clock,
    gcsScale: 0,
    s3Scale: 0,
  });
  ecs = ecsFor(sandbox, sandbox.accounts[0]!);
});
afterAll(async () => {
  ecs.destroy();
  await sandbox.stop();
});

describe('ECS clusters and services through the official SDK', () => {
  it('lists the seeded clusters and counts their services and tasks', async () => {
    const { clusterArns } = await ecs.send(new ListClustersCommand({}));
    const account = sandbox.accounts[0]!.id;
    expect(clusterArns).toEqual(
      ['prod-web', 'staging', 'batch'].map((n) => `arn:aws:ecs:us-east-1:${account}:cluster/${n}`),
    );
    const { clusters, failures } = await ecs.send(
      new DescribeClustersCommand({ clusters: [...clusterArns!, 'nope'] }),
    );
    expect(failures).toEqual([
      { arn: `arn:aws:ecs:us-east-1:${account}:cluster/nope`, reason: 'MISSING' },
    ]);
    const prod = clusters!.find((c) => c.clusterName === 'prod-web')!;
    const names = await serviceNames('prod-web');
    expect(prod.activeServicesCount).toBe(names.length);
    expect(names.length).toBeGreaterThan(20);
    expect(new Set(names).size).toBe(names.length);
    let running = 0;
    for (let i = 0; i < names.length; i += 10) {
      const out = await ecs.send(
        new DescribeServicesCommand({ cluster: 'prod-web', services: names.slice(i, i + 10) }),
      );
      running += out.services!.reduce((sum, s) => sum + s.runningCount!, 0);
    }
    expect(prod.runningTasksCount).toBe(running);
    expect(prod.pendingTasksCount).toBe(0);
  });

  it('reports the estate-wide counts on the handle', async () => {
    let clusters = 0;
    let services = 0;
    for (const account of sandbox.accounts) {
      for (const region of sandbox.regions) {
        const client = ecsFor(sandbox, account, region);
        const { clusterArns } = await client.send(new ListClustersCommand({}));
        const out = await client.send(new DescribeClustersCommand({ clusters: clusterArns }));
        clusters += out.clusters!.length;
        services += out.clusters!.reduce((sum, c) => sum + c.activeServicesCount!, 0);
        client.destroy();
      }
    }
    expect(sandbox.ecsClusterCount).toBe(clusters);
    expect(sandbox.ecsServiceCount).toBe(services);
    expect(services).toBeGreaterThan(sandbox.accounts.length * sandbox.regions.length * 25);
  });

  it('describes at most 10 services a call, with tags only when asked, and reports missing ones', async () => {
    const names = await serviceNames('prod-web');
    await expectError(
      ecs.send(new DescribeServicesCommand({ cluster: 'prod-web', services: names.slice(0, 11) })),
      'InvalidParameterException',
      /at most 10 items/,
    );
    const plain = await ecs.send(
      new DescribeServicesCommand({ cluster: 'prod-web', services: names.slice(0, 10) }),
    );
    expect(plain.services!.every((s) => s.tags === undefined)).toBe(true);
    const tagged = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'prod-web',
        services: [...names.slice(0, 9), 'ghost'],
        include: ['TAGS'],
      }),
    );
    expect(tagged.services).toHaveLength(9);
    expect(tagged.services!.every((s) => Array.isArray(s.tags))).toBe(true);
    expect(tagged.services!.some((s) => s.tags!.some((t) => t.key === 'env'))).toBe(true);
    expect(tagged.failures).toHaveLength(1);
    expect(tagged.failures![0]!.reason).toBe('MISSING');
    expect(tagged.failures![0]!.arn).toMatch(/:service\/prod-web\/ghost$/);
    const service = tagged.services![0]!;
    expect(service.status).toBe('ACTIVE');
    expect(service.launchType).toBe('FARGATE');
    expect(service.runningCount).toBe(service.desiredCount);
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(service.createdAt).toBeInstanceOf(Date);
    expect(service.taskDefinition).toMatch(/:task-definition\/prod-web-[a-z0-9-]+:\d+$/);
    const { tags } = await ecs.send(
      new ListTagsForResourceCommand({ resourceArn: service.serviceArn }),
    );
    expect(tags).toEqual(service.tags);
  });

  it('answers ECS errors for unknown clusters, bad pages and retired services', async () => {
    await expectError(
      ecs.send(new ListServicesCommand({ cluster: 'nope' })),
      'ClusterNotFoundException',
      /Cluster not found/,
    );
    await expectError(
      ecs.send(new ListServicesCommand({ cluster: 'prod-web', maxResults: 101 })),
      'InvalidParameterException',
    );
    await expectError(
      ecs.send(new ListServicesCommand({ cluster: 'prod-web', nextToken: '<script>' })),
      'InvalidParameterException',
    );
    // No `default` cluster in the seeded accounts, as in an account that never made one.
    await expectError(ecs.send(new ListServicesCommand({})), 'ClusterNotFoundException');
    const retired = await describeOne('staging', 'legacy-reports');
    expect(retired.status).toBe('INACTIVE');
    expect(await serviceNames('staging')).not.toContain('legacy-reports');
    await expectError(
      ecs.send(
        new UpdateServiceCommand({
          cluster: 'staging',
          service: 'legacy-reports',
          desiredCount: 1,
        }),
      ),
      'ServiceNotActiveException',
    );
    await expectError(
      ecs.send(new UpdateServiceCommand({ cluster: 'staging', service: 'ghost', desiredCount: 1 })),
      'ServiceNotFoundException',
    );
  });

  it('scales a service: running moves toward desired one transition at a time', async () => {
    const [name] = await serviceNames('prod-web');
    const before = await describeOne('prod-web', name!);
    const target = before.desiredCount! + 2;
    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod-web', service: name, desiredCount: target }),
    );
    expect(updated.service).toMatchObject({
      desiredCount: target,
      runningCount: before.runningCount,
      pendingCount: 0,
    });
    clock += TRANSITION_MS;
    const starting = await describeOne('prod-web', name!);
    expect(starting).toMatchObject({ runningCount: before.runningCount, pendingCount: 2 });
    const { taskArns } = await ecs.send(
      new ListTasksCommand({ cluster: 'prod-web', serviceName: name, desiredStatus: 'RUNNING' }),
    );
    expect(taskArns).toHaveLength(target);
    const { tasks } = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod-web', tasks: taskArns }),
    );
    expect(tasks!.filter((t) => t.lastStatus === 'PENDING')).toHaveLength(2);
    expect(tasks!.every((t) => t.group === `service:${name}`)).toBe(true);
    clock += TRANSITION_MS;
    const settled = await describeOne('prod-web', name!);
    expect(settled).toMatchObject({ runningCount: target, pendingCount: 0 });
    expect(settled.events![0]!.message).toMatch(/has reached a steady state/);
    // Scaling in stops the surplus tasks in one step.
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod-web', service: name, desiredCount: 1 }),
    );
    clock += TRANSITION_MS;
    expect(await describeOne('prod-web', name!)).toMatchObject({
      desiredCount: 1,
      runningCount: 1,
    });
  });

  it('registers a task definition revision and rolls the service onto it', async () => {
    const [, name] = await serviceNames('prod-web');
    const service = await describeOne('prod-web', name!);
    const { taskDefinition: current } = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition }),
    );
    const { taskDefinition: next } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: current!.family,
        networkMode: current!.networkMode,
        requiresCompatibilities: current!.requiresCompatibilities,
        cpu: '1024',
        memory: '2048',
        containerDefinitions: current!.containerDefinitions!.map((c) => ({
          ...c,
          cpu: undefined,
          memory: undefined,
        })),
      }),
    );
    expect(next!.revision).toBe(current!.revision! + 1);
    expect(next!.taskDefinitionArn).toMatch(new RegExp(`${current!.family}:${next!.revision}$`));
    const latest = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: current!.family }),
    );
    expect(latest.taskDefinition!.revision).toBe(next!.revision);

    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod-web',
        service: name,
        taskDefinition: next!.taskDefinitionArn,
      }),
    );
    const rolling = await describeOne('prod-web', name!);
    expect(rolling.deployments!.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    expect(rolling.taskDefinition).toBe(next!.taskDefinitionArn);
    clock += 2 * TRANSITION_MS;
    const overlapping = await describeOne('prod-web', name!);
    expect(overlapping.runningCount).toBe(2 * service.desiredCount!);
    clock += TRANSITION_MS;
    const done = await describeOne('prod-web', name!);
    expect(done.deployments).toHaveLength(1);
    expect(done.deployments![0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      taskDefinition: next!.taskDefinitionArn,
      runningCount: service.desiredCount,
    });
  });

  it('refuses task definitions Fargate cannot run, and unknown ones', async () => {
    await expectError(
      ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'web',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '4096',
          containerDefinitions: [{ name: 'web', image: 'nginx:1.27' }],
        }),
      ),
      'ClientException',
      /No Fargate configuration/,
    );
    await expectError(
      ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'no-such-family:3' })),
      'ClientException',
    );
    await expectError(
      ecs.send(
        new DescribeTasksCommand({
          cluster: 'batch',
          tasks: Array.from({ length: 101 }, (_, i) => `t${i}`),
        }),
      ),
      'InvalidParameterException',
      /at most 100 items/,
    );
  });

  it('keeps accounts apart and refuses unknown keys with the JSON-protocol codes', async () => {
    const other = ecsFor(sandbox, sandbox.accounts[1]!);
    const names = await serviceNames('prod-web');
    const foreignArn = (await describeOne('prod-web', names[0]!)).serviceArn!;
    const out = await other.send(
      new DescribeServicesCommand({ cluster: 'prod-web', services: [foreignArn] }),
    );
    expect(out.services).toEqual([]);
    expect(out.failures![0]!.reason).toBe('MISSING');
    other.destroy();
    const stranger = ecsFor(sandbox, {
      ...sandbox.accounts[0]!,
      accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
    });
    await expectError(stranger.send(new ListClustersCommand({})), 'UnrecognizedClientException');
    stranger.destroy();
  });

  it('answers injected throttling with ThrottlingException', async () => {
    sandbox.setFaults('ecs.throttle=1');
    try {
      const error = await expectError(ecs.send(new ListClustersCommand({})), 'ThrottlingException');
      expect(error?.$metadata?.httpStatusCode).toBe(400);
    } finally {
      sandbox.setFaults('');
    }
  });
});

describe('the SDK services-stable waiter against the sandbox', () => {
  it('returns once the rollout has settled', async () => {
    const live = await startSandbox({
      stateDir: tempStateDir('ecs-wait'),
      transitionMs: 30,
      gcsScale: 0,
      s3Scale: 0,
    });
    const client = ecsFor(live, live.accounts[0]!);
    try {
      const { serviceArns } = await client.send(new ListServicesCommand({ cluster: 'staging' }));
      const service = serviceArns![0]!;
      const update = await client.send(
        new UpdateServiceCommand({
          cluster: 'staging',
          service,
          desiredCount: 3,
          forceNewDeployment: true,
        }),
      );
      expect(update.service!.deployments).toHaveLength(2);
      const result = await waitUntilServicesStable(
        { client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 },
        { cluster: 'staging', services: [service] },
      );
      expect(result.state).toBe('SUCCESS');
      const { services } = await client.send(
        new DescribeServicesCommand({ cluster: 'staging', services: [service] }),
      );
      expect(services![0]).toMatchObject({ desiredCount: 3, runningCount: 3 });
      expect(services![0]!.deployments).toHaveLength(1);
      expect(live.stats().byOperation['ecs:DescribeServices']).toBeGreaterThan(1);
    } finally {
      client.destroy();
      await live.stop();
    }
  });
});
