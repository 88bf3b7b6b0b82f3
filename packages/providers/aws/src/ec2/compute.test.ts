import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeComputeActionsContract } from '@ccx/provider-testing/compute-actions-contract';
import {
  COMPUTE_TYPES,
  type ActionProgress,
  type ProviderConnection,
  type Resource,
  type Scope,
} from '@ccx/core';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsProvider } from '../provider';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A sandbox whose instances settle in 50 ms, and a connection polling it (sandbox: true). */
async function openEstate(label: string) {
  const sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), `ccx-ec2-${label}-`)),
    transitionMs: 50,
    estate: { accounts: 1, regions: ['us-east-1'], instancesPerRegion: 30 },
    s3Scale: 0,
    gcsScale: 0,
  });
  const config = awsProvider.configSchema.parse(sandbox.cliConfig().connections[0]);
  const connection = await awsProvider.connect('sandbox-aws', config, { logger: silent });
  const [scope] = await connection.scopes();
  return { sandbox, connection, scope: scope! };
}

async function list(connection: ProviderConnection, scope: Scope, type: string) {
  const resources: Resource[] = [];
  for await (const r of connection.inventory!.list(scope, type)) resources.push(r);
  return resources;
}

/** x86 machines outside the GPU family, so one general-purpose size fits both. */
const plainX86 = (r: Resource) =>
  r.attributes.architecture === 'x86_64' && !String(r.attributes.instanceType).startsWith('g');

describeComputeActionsContract('EC2 instances (sandbox)', async () => {
  const { sandbox, connection, scope } = await openEstate('contract');
  const instances = await list(connection, scope, COMPUTE_TYPES.ec2Instance);
  const running = instances.find((r) => r.state === 'running' && plainX86(r))!;
  const stopped = instances.find((r) => r.state === 'stopped' && plainX86(r))!;
  const sizes = [running.attributes.instanceType, stopped.attributes.instanceType];
  return {
    compute: connection.compute!,
    running,
    stopped,
    resizeTo: sizes.includes('m6i.large') ? 'c6i.xlarge' : 'm6i.large',
    invalidSize: 'x9.nonexistent',
    waitTimeoutMs: 20_000,
    cleanup: async () => {
      await connection.close();
      await sandbox.stop();
    },
  };
});

describe('EC2 compute actions against the sandbox', () => {
  let sandbox: SandboxHandle;
  let connection: ProviderConnection;
  let scope: Scope;
  let instances: Resource[];

  beforeAll(async () => {
    ({ sandbox, connection, scope } = await openEstate('actions'));
    instances = await list(connection, scope, COMPUTE_TYPES.ec2Instance);
  });
  afterAll(async () => {
    await connection.close();
    await sandbox.stop();
  });

  const compute = () => connection.compute!;
  const runningX86 = (skip = 0) =>
    instances.filter((r) => r.state === 'running' && plainX86(r))[skip]!;

  it('puts a running instance back up, at its old size, when EC2 refuses the new type after the stop', async () => {
    const instance = runningX86(0);
    const steps: ActionProgress[] = [];
    const failure: unknown = await compute().resizeInstance!(instance, 'g4dn.xlarge', {
      onProgress: (p) => steps.push(p),
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'invalid_input',
      details: { awsCode: 'InvalidInstanceAttributeValue' },
    });
    expect(steps.map((s) => s.step)).toEqual([
      'stopping',
      'stopped',
      'modifying',
      'starting',
      'running',
    ]);
    expect(await compute().describe(instance)).toEqual({
      state: 'running',
      size: instance.attributes.instanceType,
    });
  });

  it('refuses without stopping anything: another architecture, an unknown type, the same type', async () => {
    const instance = runningX86(1);
    sandbox.resetStats();
    for (const size of ['m7g.large', 'x9.nonexistent', String(instance.attributes.instanceType)])
      await expect(compute().resizeInstance!(instance, size)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    await expect(compute().resizeInstance!(instance, '../etc')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const calls = sandbox.stats().byOperation;
    expect(calls['ec2:StopInstances']).toBeUndefined();
    expect(calls['ec2:ModifyInstanceAttribute']).toBeUndefined();
  });

  it('associates an Elastic IP, refuses to take it from another instance, and disassociates it', async () => {
    const addresses = await list(connection, scope, COMPUTE_TYPES.ec2Address);
    const free = addresses.find((a) => a.state === 'available')!;
    const [first, second] = [runningX86(2), runningX86(3)];
    const associated = await compute().associateAddress!(free, first.id);
    expect(associated).toMatchObject({ state: 'in-use', detail: { instanceId: first.id } });
    const shown = async (id: string) =>
      (await list(connection, scope, COMPUTE_TYPES.ec2Instance)).find((r) => r.id === id)!
        .attributes.publicIpAddress;
    expect(await shown(first.id)).toBe(free.attributes.publicIp);
    await expect(compute().associateAddress!(free, second.id)).rejects.toMatchObject({
      code: 'conflict',
      details: { awsCode: 'Resource.AlreadyAssociated' },
    });
    await expect(compute().associateAddress!(free, '<script>')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(compute().associateAddress!(first, second.id)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const released = await compute().disassociateAddress!(free);
    expect(released).toMatchObject({
      state: 'available',
      detail: { associationId: associated.detail.associationId, instanceId: first.id },
    });
    expect(await compute().disassociateAddress!(free)).toMatchObject({
      state: 'available',
      detail: { associationId: null },
    });
    expect(await shown(first.id)).not.toBe(free.attributes.publicIp);
    const missing = { ...free, id: 'eipalloc-0123456789abcdef0' };
    await expect(compute().disassociateAddress!(missing)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('EC2 inventory of volumes and Elastic IPs', () => {
  it('lists every volume and address of the estate with the documented attributes', async () => {
    const { sandbox, connection, scope } = await openEstate('inventory');
    try {
      expect(connection.inventory!.types).toEqual(
        expect.arrayContaining(['ec2.instance', 'ec2.volume', 'ec2.address']),
      );
      const [instances, volumes, addresses] = await Promise.all([
        list(connection, scope, 'ec2.instance'),
        list(connection, scope, 'ec2.volume'),
        list(connection, scope, 'ec2.address'),
      ]);
      expect(volumes).toHaveLength(sandbox.volumeCount);
      expect(addresses).toHaveLength(sandbox.addressCount);
      const volumeIds = new Set(volumes.map((v) => v.id));
      for (const instance of instances) {
        const ids = instance.attributes.volumeIds as string[];
        expect(ids.length).toBeGreaterThan(0);
        for (const id of ids) expect(volumeIds.has(id)).toBe(true);
        expect(['on-demand', 'spot']).toContain(instance.attributes.lifecycle);
        expect(instance.attributes.tenancy).toBe('default');
      }
      for (const volume of volumes) {
        expect(Object.keys(volume.attributes).sort()).toEqual(
          [
            'attachedInstanceId',
            'availabilityZone',
            'createTime',
            'deleteOnTermination',
            'device',
            'encrypted',
            'iops',
            'sizeGiB',
            'state',
            'throughput',
            'volumeType',
          ].sort(),
        );
        expect(volume.state).toBe(volume.attributes.attachedInstanceId ? 'in-use' : 'available');
        expect(volume.createdAt).toBe(volume.attributes.createTime);
      }
      expect(volumes.some((v) => v.state === 'available')).toBe(true);
      for (const address of addresses) {
        expect(address.id).toBe(address.attributes.allocationId);
        expect(address.attributes.domain).toBe('vpc');
        expect(address.state).toBe(address.attributes.associationId ? 'in-use' : 'available');
        if (address.attributes.instanceId) {
          const instance = instances.find((i) => i.id === address.attributes.instanceId)!;
          expect(instance.attributes.publicIpAddress).toBe(address.attributes.publicIp);
        }
      }
    } finally {
      await connection.close();
      await sandbox.stop();
    }
  });
});
