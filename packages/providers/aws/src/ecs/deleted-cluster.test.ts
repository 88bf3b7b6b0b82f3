import {
  DeleteClusterCommand,
  DeleteServiceCommand,
  ECSClient,
  paginateListServices,
} from '@aws-sdk/client-ecs';
import type { ProviderConnection, Resource, Scope } from '@ccx/core';
import type { SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToSandbox, startTestSandbox } from '../testing/sandbox-connection';

/**
 * A cluster deleted after a sync run listed its ARN: the run's service and task listings still
 * walk the shared ARNs, meet ClusterNotFoundException for it, and go on without it.
 */
const RUN = 'run-deleted-cluster';
const DELETED = 'staging';

let sandbox: SandboxHandle;
let connection: ProviderConnection;
let scope: Scope;
let ecs: ECSClient;

async function list(type: string, run?: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const resource of connection.inventory!.list(scope, type, { run })) out.push(resource);
  return out;
}

const listClustersCalls = () => sandbox.stats().byOperation['ecs:ListClusters'] ?? 0;
const clusterOf = (resource: Resource) => String(resource.attributes.clusterName);

/** Deletes the cluster the way its owner would: its services first, then the cluster. */
async function deleteCluster(cluster: string): Promise<void> {
  for await (const page of paginateListServices({ client: ecs }, { cluster })) {
    for (const service of page.serviceArns ?? []) {
      await ecs.send(new DeleteServiceCommand({ cluster, service, force: true }));
    }
  }
  await ecs.send(new DeleteClusterCommand({ cluster }));
}

beforeAll(async () => {
  // Services drain at once, so the cluster can be deleted right after its services.
  sandbox = await startTestSandbox('ecs-deleted', { gcsScale: 0, s3Scale: 0, transitionMs: 0 });
  connection = await connectToSandbox(sandbox);
  const account = sandbox.accounts[0]!;
  scope = (await connection.scopes()).find(
    (s) => s.account === account.id && s.region === 'us-east-1',
  )!;
  ecs = new ECSClient({
    region: 'us-east-1',
    endpoint: sandbox.url,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  ecs.destroy();
  await connection.close();
  await sandbox.stop();
});

describe('an ECS cluster deleted during a sync run', () => {
  it('is skipped by the run’s service and task listings, and no longer listed as a cluster', async () => {
    const clusters = await list('ecs.cluster', RUN);
    expect(clusters.map((c) => c.id)).toContain(DELETED);
    const services = await list('ecs.service');
    const tasks = await list('ecs.task');
    expect(services.some((s) => clusterOf(s) === DELETED)).toBe(true);
    expect(tasks.some((t) => clusterOf(t) === DELETED)).toBe(true);

    await deleteCluster(DELETED);

    sandbox.resetStats();
    // The run's shared ARNs still hold the deleted cluster: both walks meet it and go on.
    expect(await list('ecs.service', RUN)).toEqual(
      services.filter((s) => clusterOf(s) !== DELETED),
    );
    expect(await list('ecs.task', RUN)).toEqual(tasks.filter((t) => clusterOf(t) !== DELETED));
    expect(listClustersCalls()).toBe(0);
    expect(sandbox.stats().byOperation['ecs:ListServices']).toBeGreaterThan(0);

    // Described INACTIVE from the run's ARNs, or absent from a fresh listing: gone either way.
    const remaining = clusters.filter((c) => c.id !== DELETED);
    expect(await list('ecs.cluster', RUN)).toEqual(remaining);
    expect(await list('ecs.cluster')).toEqual(remaining);
  });

  it('still fails the walk on any other error of a cluster’s listing', async () => {
    const run = 'run-failing-cluster';
    await list('ecs.cluster', run);
    sandbox.setFaults('ecs.error=1');
    try {
      sandbox.resetStats();
      await expect(list('ecs.service', run)).rejects.toThrow(/Listing ECS services/);
      expect(listClustersCalls()).toBe(0);
      expect(sandbox.stats().byOperation['ecs:ListServices']).toBeGreaterThan(0);
    } finally {
      sandbox.setFaults('');
    }
  });
});
