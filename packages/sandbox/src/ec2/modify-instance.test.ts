import {
  DescribeInstanceTypesCommand,
  DescribeInstancesCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  paginateDescribeInstanceTypes,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  type EC2Client,
  type Instance,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ec2For } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

const TRANSITION_MS = 60;
/** The waiters' polling, in seconds; their defaults (15 s) suit AWS, not a 60 ms transition. */
const WAIT = { minDelay: 0.02, maxDelay: 0.05, maxWaitTime: 10 };
let sandbox: SandboxHandle;
let ec2: EC2Client;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('modify'),
    transitionMs: TRANSITION_MS,
    estate: { accounts: 1, regions: ['us-east-1'], instancesPerRegion: 30 },
  });
  ec2 = ec2For(sandbox, sandbox.accounts[0]!, 'us-east-1');
});
afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});

async function describeOne(id: string): Promise<Instance> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations![0]!.Instances![0]!;
}

async function runningOf(architecture: string): Promise<Instance> {
  const out = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'instance-state-name', Values: ['running'] },
        { Name: 'architecture', Values: [architecture] },
      ],
    }),
  );
  return out
    .Reservations!.flatMap((r) => r.Instances!)
    .find((i) => !i.InstanceType!.startsWith('g'))!;
}

const modify = (InstanceId: string, type: string) =>
  ec2.send(new ModifyInstanceAttributeCommand({ InstanceId, InstanceType: { Value: type } }));

describe('EC2 instance type changes', () => {
  it('stops with the SDK waiter, refuses a change until stopped, then changes the type and CPU layout', async () => {
    const instance = await runningOf('x86_64');
    const id = instance.InstanceId!;
    const target = instance.InstanceType === 'm6i.2xlarge' ? 'c6i.xlarge' : 'm6i.2xlarge';
    await expect(modify(id, target)).rejects.toMatchObject({
      name: 'IncorrectInstanceState',
      message: `The instance '${id}' is not in the 'stopped' state.`,
    });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await expect(modify(id, target)).rejects.toMatchObject({ name: 'IncorrectInstanceState' });
    const stopped = await waitUntilInstanceStopped({ client: ec2, ...WAIT }, { InstanceIds: [id] });
    expect(stopped.state).toBe('SUCCESS');

    await expect(modify(id, 'm5.huge')).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(modify(id, 'm7g.large')).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(modify(id, 'g4dn.xlarge')).rejects.toMatchObject({
      name: 'InvalidInstanceAttributeValue',
    });
    expect((await describeOne(id)).InstanceType).toBe(instance.InstanceType);

    await modify(id, target);
    const changed = await describeOne(id);
    expect(changed.InstanceType).toBe(target);
    expect(changed.CpuOptions).toEqual({ CoreCount: 4, ThreadsPerCore: 2 });
    expect(changed.State!.Name).toBe('stopped');

    await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    const running = await waitUntilInstanceRunning({ client: ec2, ...WAIT }, { InstanceIds: [id] });
    expect(running.state).toBe('SUCCESS');
    expect(await describeOne(id)).toMatchObject({
      InstanceType: target,
      State: { Name: 'running' },
    });
  });

  it('accepts the legacy Attribute + Value form', async () => {
    const instance = await runningOf('arm64');
    const id = instance.InstanceId!;
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await waitUntilInstanceStopped({ client: ec2, ...WAIT }, { InstanceIds: [id] });
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: id,
        Attribute: 'instanceType',
        Value: 'c7g.2xlarge',
      }),
    );
    expect(await describeOne(id)).toMatchObject({
      InstanceType: 'c7g.2xlarge',
      Architecture: 'arm64',
      CpuOptions: { CoreCount: 8, ThreadsPerCore: 1 },
    });
    await expect(
      ec2.send(
        new ModifyInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData', Value: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedOperation' });
  });
});

describe('EC2 DescribeInstanceTypes', () => {
  it('describes the common families, and names every unknown type', async () => {
    const out = await ec2.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.large', 't4g.micro', 'r6i.4xlarge'] }),
    );
    const byType = new Map(out.InstanceTypes!.map((t) => [t.InstanceType!, t]));
    expect(byType.get('m5.large')).toMatchObject({
      VCpuInfo: { DefaultVCpus: 2, DefaultCores: 1, DefaultThreadsPerCore: 2 },
      MemoryInfo: { SizeInMiB: 8192 },
      ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
    });
    expect(byType.get('t4g.micro')).toMatchObject({
      VCpuInfo: { DefaultVCpus: 2 },
      MemoryInfo: { SizeInMiB: 1024 },
      ProcessorInfo: { SupportedArchitectures: ['arm64'] },
      BurstablePerformanceSupported: true,
    });
    expect(byType.get('r6i.4xlarge')).toMatchObject({
      VCpuInfo: { DefaultVCpus: 16 },
      MemoryInfo: { SizeInMiB: 131072 },
    });
    await expect(
      ec2.send(
        new DescribeInstanceTypesCommand({
          InstanceTypes: ['m5.large', 'x9.big', 'q1.tiny'] as _InstanceType[],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceType',
      message: 'The following supplied instance types do not exist: [x9.big, q1.tiny]',
    });
  });

  it('pages the whole catalog with the SDK paginator', async () => {
    const types: string[] = [];
    for await (const page of paginateDescribeInstanceTypes({ client: ec2, pageSize: 40 }, {}))
      types.push(...page.InstanceTypes!.map((t) => t.InstanceType!));
    expect(new Set(types).size).toBe(types.length);
    for (const family of ['t3', 't3a', 't4g', 'm5', 'm6i', 'm7g', 'c5', 'c6i', 'c7g', 'r5', 'r6i'])
      expect(types).toContain(`${family}.xlarge`);
  });
});
