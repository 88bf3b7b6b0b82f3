import {
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  type ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ecsFor } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

/**
 * Deleting ECS services and clusters through the official SDK, on a clock the test moves by
 * hand so each drain step is observed exactly.
 */
const TRANSITION_MS = 1000;
let clock = Date.now();
let sandbox: SandboxHandle;
let ecs: ECSClient;
let account: string;

const clusterArn = (name: string) => `arn:aws:ecs:us-east-1:${account}:cluster/${name}`;

/** The name of the error the call fails with; undefined when it succeeds. */
async function errorName(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error as Error).name,
  );
}

async function listedServices(cluster: string): Promise<string[]> {
  const { serviceArns } = await ecs.send(new ListServicesCommand({ cluster, maxResults: 100 }));
  return serviceArns ?? [];
}

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('ecs-delete'),
    transitionMs: TRANSITION_MS,
    now: () => clock,
    gcsScale: 0,
    s3Scale: 0,
  });
  const owner = sandbox.accounts[0]!;
  account = owner.id;
  ecs = ecsFor(sandbox, owner);
});
afterAll(async () => {
  ecs.destroy();
  await sandbox.stop();
});

describe('deleting ECS services and clusters', () => {
  it('refuses a cluster with container instances, one with active services, and an unknown one', async () => {
    expect(await errorName(ecs.send(new DeleteClusterCommand({ cluster: 'batch' })))).toBe(
      'ClusterContainsContainerInstancesException',
    );
    expect(await errorName(ecs.send(new DeleteClusterCommand({ cluster: 'staging' })))).toBe(
      'ClusterContainsServicesException',
    );
    expect(await errorName(ecs.send(new DeleteClusterCommand({ cluster: 'nope' })))).toBe(
      'ClusterNotFoundException',
    );
  });

  it('deletes a service scaled to 0, or any with force: DRAINING until its tasks stop, then INACTIVE', async () => {
    const [first, ...rest] = await listedServices('staging');
    expect(rest.length).toBeGreaterThan(0);
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'staging', service: first, desiredCount: 2 }),
    );
    clock += 2 * TRANSITION_MS;
    expect(
      await errorName(ecs.send(new DeleteServiceCommand({ cluster: 'staging', service: first }))),
    ).toBe('InvalidParameterException');

    const { service } = await ecs.send(
      new DeleteServiceCommand({ cluster: 'staging', service: first, force: true }),
    );
    expect(service).toMatchObject({ status: 'DRAINING', desiredCount: 0, runningCount: 2 });
    expect(await listedServices('staging')).not.toContain(first);
    expect(await errorName(ecs.send(new DeleteClusterCommand({ cluster: 'staging' })))).toBe(
      'ClusterContainsServicesException',
    );
    clock += TRANSITION_MS;
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'staging', services: [first!] }),
    );
    expect(services![0]).toMatchObject({ status: 'INACTIVE', runningCount: 0 });
    expect(
      await errorName(ecs.send(new DeleteServiceCommand({ cluster: 'staging', service: first }))),
    ).toBe('ServiceNotActiveException');

    for (const arn of rest) {
      await ecs.send(new DeleteServiceCommand({ cluster: 'staging', service: arn, force: true }));
    }
    expect(await listedServices('staging')).toEqual([]);
  });

  it('turns an emptied cluster INACTIVE: still described, no longer listed, not found otherwise', async () => {
    clock += TRANSITION_MS;
    const { cluster } = await ecs.send(new DeleteClusterCommand({ cluster: 'staging' }));
    expect(cluster).toMatchObject({
      clusterArn: clusterArn('staging'),
      status: 'INACTIVE',
      activeServicesCount: 0,
      runningTasksCount: 0,
    });
    const { clusterArns } = await ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toEqual([clusterArn('prod-web'), clusterArn('batch')]);
    const described = await ecs.send(
      new DescribeClustersCommand({ clusters: [clusterArn('staging'), 'prod-web'] }),
    );
    expect(described.clusters!.map((c) => [c.clusterName, c.status])).toEqual([
      ['staging', 'INACTIVE'],
      ['prod-web', 'ACTIVE'],
    ]);
    expect(described.failures).toEqual([]);
    const deleted = clusterArn('staging');
    for (const call of [
      () => ecs.send(new ListServicesCommand({ cluster: deleted })),
      () => ecs.send(new ListTasksCommand({ cluster: deleted })),
      () => ecs.send(new ListTasksCommand({ cluster: deleted, desiredStatus: 'STOPPED' })),
      () => ecs.send(new DeleteClusterCommand({ cluster: deleted })),
    ]) {
      expect(await errorName(call())).toBe('ClusterNotFoundException');
    }
  });
});
