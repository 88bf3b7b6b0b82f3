import {
  DescribeTasksCommand,
  type ECSClient,
  ListServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  paginateListTasks,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ecsFor } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

/**
 * ECS tasks through the official SDK: running ones with their network and containers, and
 * the stopped ones a cluster keeps with why they stopped. The clock is moved by hand.
 */
const TRANSITION_MS = 1000;
let clock = Date.now();
let sandbox: SandboxHandle;
let ecs: ECSClient;

async function taskArns(
  client: ECSClient,
  cluster: string,
  desiredStatus: 'RUNNING' | 'STOPPED',
  serviceName?: string,
): Promise<string[]> {
  const arns: string[] = [];
  const pages = paginateListTasks(
    { client, pageSize: 100 },
    { cluster, desiredStatus, ...(serviceName ? { serviceName } : {}) },
  );
  for await (const page of pages) arns.push(...(page.taskArns ?? []));
  return arns;
}

async function describe100(client: ECSClient, cluster: string, arns: string[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const out = await client.send(
      new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100), include: ['TAGS'] }),
    );
    expect(out.failures).toEqual([]);
    tasks.push(...(out.tasks ?? []));
  }
  return tasks;
}

const eniDetail = (task: Task, name: string) =>
  task.attachments?.[0]?.details?.find((detail) => detail.name === name)?.value;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('ecs-tasks'),
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

describe('ECS tasks through the official SDK', () => {
  it('describes running Fargate tasks with their ENI, zone, containers and service group', async () => {
    const tasks = await describe100(ecs, 'prod-web', await taskArns(ecs, 'prod-web', 'RUNNING'));
    expect(tasks.length).toBeGreaterThan(20);
    for (const task of tasks) {
      expect(task).toMatchObject({
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        launchType: 'FARGATE',
        healthStatus: 'HEALTHY',
        group: expect.stringMatching(/^service:[a-z0-9-]+$/) as unknown,
        availabilityZone: expect.stringMatching(/^us-east-1[abc]$/) as unknown,
        cpu: expect.stringMatching(/^\d+$/) as unknown,
        memory: expect.stringMatching(/^\d+$/) as unknown,
      });
      expect(task.startedAt).toBeInstanceOf(Date);
      expect(task.stoppedAt).toBeUndefined();
      expect(task.attachments).toHaveLength(1);
      expect(task.attachments![0]).toMatchObject({
        type: 'ElasticNetworkInterface',
        status: 'ATTACHED',
      });
      const ip = eniDetail(task, 'privateIPv4Address');
      expect(ip).toMatch(/^10\.0\.\d+\.\d+$/);
      expect(eniDetail(task, 'networkInterfaceId')).toMatch(/^eni-[0-9a-f]{17}$/);
      const [main] = task.containers!;
      expect(main!.image).toMatch(/\.dkr\.ecr\.us-east-1\.amazonaws\.com\/[a-z0-9-]+:v1\.\d+\.\d$/);
      expect(main!.networkInterfaces![0]!.privateIpv4Address).toBe(ip);
      expect(task.tags).toEqual([]);
    }
    // Each task keeps its own address.
    const ips = tasks.map((task) => eniDetail(task, 'privateIPv4Address'));
    expect(new Set(ips).size).toBeGreaterThan(tasks.length * 0.9);
    const again = await describe100(ecs, 'prod-web', await taskArns(ecs, 'prod-web', 'RUNNING'));
    expect(again.map((task) => eniDetail(task, 'privateIPv4Address'))).toEqual(ips);
  });

  it('lists stopped tasks with their stop code, reason, exit codes and health', async () => {
    const stopped = await describe100(ecs, 'prod-web', await taskArns(ecs, 'prod-web', 'STOPPED'));
    for (const task of stopped) {
      expect(task).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED' });
      expect(task.stoppedAt).toBeInstanceOf(Date);
      expect(task.stoppedReason).toBeTruthy();
      expect(task.group).toMatch(/^service:/);
    }
    const byCode = (code: string) => stopped.filter((task) => task.stopCode === code);
    const [oom] = byCode('EssentialContainerExited');
    expect(oom!.containers![0]).toMatchObject({
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
    });
    const [pull] = byCode('TaskFailedToStart');
    expect(pull!.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(pull!.stoppedReason).toContain(pull!.containers![0]!.image);
    expect(pull!.startedAt).toBeUndefined();
    expect(pull!.containers![0]!.exitCode).toBeUndefined();
    const scheduler = byCode('ServiceSchedulerInitiated');
    expect(scheduler.map((task) => task.stoppedReason).sort()).toEqual([
      expect.stringMatching(/^Scaling activity initiated by \(deployment ecs-svc\/\d{19}\)$/),
      'Task failed container health checks',
    ]);
    const unhealthy = scheduler.find((task) => task.healthStatus === 'UNHEALTHY');
    expect(unhealthy!.stoppedReason).toBe('Task failed container health checks');
    // Four services, one ending each.
    expect(new Set(stopped.map((task) => task.group)).size).toBe(4);
    // A stopped task is not among the running ones, and the other way round.
    const running = new Set(await taskArns(ecs, 'prod-web', 'RUNNING'));
    expect(stopped.filter((task) => running.has(task.taskArn!))).toEqual([]);
  });

  it('keeps the batch cluster tasks on EC2: no ENI, tags from the schedule, a failed run', async () => {
    const arns = [
      ...(await taskArns(ecs, 'batch', 'RUNNING')),
      ...(await taskArns(ecs, 'batch', 'STOPPED')),
    ];
    const tasks = await describe100(ecs, 'batch', arns);
    const nightly = tasks.filter((task) => task.group === 'family:batch-nightly-etl');
    expect(nightly.length).toBeGreaterThanOrEqual(3);
    for (const task of nightly) {
      expect(task.launchType).toBe('EC2');
      expect(task.attachments).toEqual([]);
      expect(task.tags).toEqual([
        { key: 'env', value: 'production' },
        { key: 'job', value: 'nightly-etl' },
      ]);
    }
    const exits = nightly
      .filter((task) => task.lastStatus === 'STOPPED')
      .map((task) => task.containers![0]!.exitCode)
      .sort();
    expect(exits).toEqual([0, 1]);
  });

  it('moves the tasks a scale-in stops to the stopped list, with the scheduler reason', async () => {
    const { serviceArns } = await ecs.send(new ListServicesCommand({ cluster: 'staging' }));
    const name = serviceArns![0]!.slice(serviceArns![0]!.lastIndexOf('/') + 1);
    const before = await taskArns(ecs, 'staging', 'STOPPED', name);
    const up = await ecs.send(
      new UpdateServiceCommand({ cluster: 'staging', service: name, desiredCount: 3 }),
    );
    const deployment = up.service!.deployments![0]!.id!;
    clock += TRANSITION_MS * 2;
    expect(await taskArns(ecs, 'staging', 'RUNNING', name)).toHaveLength(3);
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'staging', service: name, desiredCount: 1 }),
    );
    clock += TRANSITION_MS;
    const after = await taskArns(ecs, 'staging', 'STOPPED', name);
    const added = after.filter((arn) => !before.includes(arn));
    expect(added).toHaveLength(2);
    const tasks = await describe100(ecs, 'staging', added);
    for (const task of tasks) {
      expect(task).toMatchObject({
        lastStatus: 'STOPPED',
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: `Scaling activity initiated by (deployment ${deployment})`,
        group: `service:${name}`,
      });
      expect(task.attachments![0]!.status).toBe('DELETED');
      expect(task.stoppedAt!.getTime()).toBe(clock);
    }
    expect(await taskArns(ecs, 'staging', 'RUNNING', name)).toHaveLength(1);
  });

  it('refuses a RUNNING listing token for the STOPPED listing', async () => {
    const first = await ecs.send(
      new ListTasksCommand({ cluster: 'prod-web', desiredStatus: 'RUNNING', maxResults: 2 }),
    );
    expect(first.nextToken).toBeTruthy();
    const error = await ecs
      .send(
        new ListTasksCommand({
          cluster: 'prod-web',
          desiredStatus: 'STOPPED',
          nextToken: first.nextToken,
        }),
      )
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(error?.name).toBe('InvalidParameterException');
  });

  it('reports on the handle the running and stopped tasks ListTasks returns', async () => {
    // A fresh sandbox, since the test above changed this one's tasks.
    const fresh = await startSandbox({
      stateDir: tempStateDir('ecs-task-count'),
      gcsScale: 0,
      s3Scale: 0,
    });
    let total = 0;
    try {
      for (const account of fresh.accounts) {
        for (const region of fresh.regions) {
          const client = ecsFor(fresh, account, region);
          for (const cluster of ['prod-web', 'staging', 'batch']) {
            total += (await taskArns(client, cluster, 'RUNNING')).length;
            total += (await taskArns(client, cluster, 'STOPPED')).length;
          }
          client.destroy();
        }
      }
    } finally {
      await fresh.stop();
    }
    expect(fresh.ecsTaskCount).toBe(total);
  });
});
