import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  paginateDescribeInstances,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ec2For } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

const TRANSITION_MS = 300;
let sandbox: SandboxHandle;
let ec2: EC2Client;

beforeAll(async () => {
  sandbox = await startSandbox({ stateDir: tempStateDir('ec2'), transitionMs: TRANSITION_MS });
  ec2 = ec2For(sandbox, sandbox.accounts[0]!, 'us-east-1');
});
afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});

async function listAll(
  input: ConstructorParameters<typeof DescribeInstancesCommand>[0] = {},
  pageSize = 7,
): Promise<Instance[]> {
  const instances: Instance[] = [];
  for await (const page of paginateDescribeInstances({ client: ec2, pageSize }, input)) {
    expect(page.Reservations!.flatMap((r) => r.Instances!).length).toBeLessThanOrEqual(pageSize);
    instances.push(...page.Reservations!.flatMap((r) => r.Instances ?? []));
  }
  return instances;
}

async function describeOne(id: string): Promise<Instance> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations![0]!.Instances![0]!;
}

describe('EC2 DescribeInstances through the official SDK', () => {
  it('pages with the SDK paginator and returns every instance exactly once', async () => {
    const all = (await ec2.send(new DescribeInstancesCommand({}))).Reservations!.flatMap(
      (r) => r.Instances!,
    );
    const paged = await listAll({}, 5);
    expect(all.length).toBeGreaterThan(10);
    expect(paged.map((i) => i.InstanceId).sort()).toEqual(all.map((i) => i.InstanceId).sort());
    expect(new Set(paged.map((i) => i.InstanceId)).size).toBe(paged.length);
  });

  it('returns the fields the product reads, in the SDK shapes', async () => {
    const [instance] = await listAll({}, 5);
    const i = instance!;
    expect(i.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(i.ImageId).toMatch(/^ami-/);
    expect(i.InstanceType).toMatch(/^[a-z0-9]+\.[a-z0-9]+$/);
    expect(i.State?.Name).toMatch(/^(running|stopped)$/);
    expect(i.State?.Code).toBe(i.State?.Name === 'running' ? 16 : 80);
    expect(i.Placement?.AvailabilityZone).toMatch(/^us-east-1[abc]$/);
    expect(i.VpcId).toMatch(/^vpc-/);
    expect(i.SubnetId).toMatch(/^subnet-/);
    expect(i.PrivateIpAddress).toMatch(/^10\./);
    expect(i.Architecture).toMatch(/^(x86_64|arm64)$/);
    expect(i.PlatformDetails).toMatch(/^(Linux\/UNIX|Windows|Red Hat Enterprise Linux)$/);
    expect(i.CpuOptions?.CoreCount).toBeGreaterThan(0);
    expect(i.CpuOptions?.ThreadsPerCore).toBeGreaterThan(0);
    expect(i.LaunchTime).toBeInstanceOf(Date);
  });

  it('applies filters: state, type, zone, tags, wildcards; filters AND, values OR', async () => {
    const all = await listAll({}, 1000);
    const running = await listAll({
      Filters: [{ Name: 'instance-state-name', Values: ['running'] }],
    });
    expect(running.length).toBe(all.filter((i) => i.State?.Name === 'running').length);
    const type = all[0]!.InstanceType!;
    const zone = all[0]!.Placement!.AvailabilityZone!;
    const both = await listAll({
      Filters: [
        { Name: 'instance-type', Values: [type] },
        { Name: 'availability-zone', Values: [zone] },
      ],
    });
    expect(both.map((i) => i.InstanceId).sort()).toEqual(
      all
        .filter((i) => i.InstanceType === type && i.Placement?.AvailabilityZone === zone)
        .map((i) => i.InstanceId)
        .sort(),
    );
    const prod = await listAll({ Filters: [{ Name: 'tag:env', Values: ['prod'] }] });
    expect(prod.length).toBe(
      all.filter((i) => i.Tags?.some((t) => t.Key === 'env' && t.Value === 'prod')).length,
    );
    const named = await listAll({ Filters: [{ Name: 'tag:Name', Values: ['prod-*'] }] });
    expect(named.length).toBe(
      all.filter((i) => i.Tags?.some((t) => t.Key === 'Name' && t.Value?.startsWith('prod-')))
        .length,
    );
    const withTeam = await listAll({ Filters: [{ Name: 'tag-key', Values: ['team'] }] });
    expect(withTeam.length).toBe(all.filter((i) => i.Tags?.some((t) => t.Key === 'team')).length);
    const ids = await listAll({
      Filters: [{ Name: 'instance-id', Values: [all[0]!.InstanceId!, all[1]!.InstanceId!] }],
    });
    expect(ids).toHaveLength(2);
    const vpc = await listAll({ Filters: [{ Name: 'vpc-id', Values: ['vpc-00000000000000000'] }] });
    expect(vpc).toHaveLength(0);
  });

  it('refuses MaxResults with InstanceIds, an out-of-range MaxResults, a foreign token and an unknown filter', async () => {
    const [first] = await listAll({}, 5);
    await expect(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: [first!.InstanceId!], MaxResults: 5 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombination',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 4 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      ec2.send(new DescribeInstancesCommand({ MaxResults: 1001 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    await expect(
      ec2.send(
        new DescribeInstancesCommand({
          MaxResults: 5,
          NextToken: page.NextToken,
          Filters: [{ Name: 'instance-state-name', Values: ['running'] }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidPaginationToken' });
    await expect(
      ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('reports unknown and malformed instance ids as EC2 does', async () => {
    await expect(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-0123456789abcdef0' does not exist",
    });
    await expect(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ['web-1'] })),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.Malformed' });
  });

  it('keeps instances to their account and region', async () => {
    const [east] = await listAll({}, 5);
    const west = ec2For(sandbox, sandbox.accounts[0]!, 'eu-west-1');
    await expect(
      west.send(new DescribeInstancesCommand({ InstanceIds: [east!.InstanceId!] })),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    const westAll = (await west.send(new DescribeInstancesCommand({}))).Reservations!.flatMap(
      (r) => r.Instances!,
    );
    expect(westAll.every((i) => i.Placement?.AvailabilityZone?.startsWith('eu-west-1'))).toBe(true);
    const empty = ec2For(sandbox, sandbox.accounts[0]!, 'sa-east-1');
    expect((await empty.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
    west.destroy();
    empty.destroy();
  });

  it('lists regions', async () => {
    const out = await ec2.send(new DescribeRegionsCommand({}));
    expect(out.Regions!.map((r) => r.RegionName)).toEqual(
      expect.arrayContaining([...sandbox.regions, 'eu-central-1']),
    );
  });
});

describe('EC2 instance state changes', () => {
  it('stop → stopping → stopped after transitionMs, and start → pending → running; state persists', async () => {
    const running = await listAll(
      { Filters: [{ Name: 'instance-state-name', Values: ['running'] }] },
      5,
    );
    const id = running[0]!.InstanceId!;
    const stop = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances).toEqual([
      {
        InstanceId: id,
        PreviousState: { Code: 16, Name: 'running' },
        CurrentState: { Code: 64, Name: 'stopping' },
      },
    ]);
    expect((await describeOne(id)).State).toEqual({ Code: 64, Name: 'stopping' });
    await new Promise((resolve) => setTimeout(resolve, TRANSITION_MS + 50));
    const stopped = await describeOne(id);
    expect(stopped.State).toEqual({ Code: 80, Name: 'stopped' });
    expect(stopped.PublicIpAddress).toBeUndefined();
    expect(stopped.StateTransitionReason).toMatch(
      /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/,
    );
    await expect(ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject(
      { name: 'IncorrectInstanceState' },
    );
    const again = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(again.StoppingInstances![0]).toMatchObject({
      PreviousState: { Name: 'stopped' },
      CurrentState: { Name: 'stopped' },
    });

    const start = await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(start.StartingInstances![0]).toMatchObject({
      PreviousState: { Code: 80, Name: 'stopped' },
      CurrentState: { Code: 0, Name: 'pending' },
    });
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject({
      name: 'IncorrectInstanceState',
    });
    await new Promise((resolve) => setTimeout(resolve, TRANSITION_MS + 50));
    const restarted = await describeOne(id);
    expect(restarted.State?.Name).toBe('running');
    expect(restarted.LaunchTime!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
  });

  it('changes nothing when one id of a batch is unknown', async () => {
    const running = await listAll(
      { Filters: [{ Name: 'instance-state-name', Values: ['running'] }] },
      5,
    );
    const id = running[1]!.InstanceId!;
    await expect(
      ec2.send(new StopInstancesCommand({ InstanceIds: [id, 'i-0000000000000dead'] })),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    expect((await describeOne(id)).State?.Name).toBe('running');
  });

  it('honours DryRun', async () => {
    const running = await listAll(
      { Filters: [{ Name: 'instance-state-name', Values: ['running'] }] },
      5,
    );
    await expect(
      ec2.send(new StopInstancesCommand({ InstanceIds: [running[2]!.InstanceId!], DryRun: true })),
    ).rejects.toMatchObject({
      name: 'DryRunOperation',
      $metadata: { httpStatusCode: 412 },
    });
    expect((await describeOne(running[2]!.InstanceId!)).State?.Name).toBe('running');
  });
});

describe('EC2 tags', () => {
  it('creates, overwrites, filters on and deletes tags; values with XML characters round-trip', async () => {
    const [target] = await listAll({}, 5);
    const id = target!.InstanceId!;
    const tricky = `<b>"R&D" team's</b> ]]> \u00e9`;
    await ec2.send(
      new CreateTagsCommand({
        Resources: [id],
        Tags: [
          { Key: 'owner', Value: tricky },
          { Key: 'ticket', Value: 'OPS-1' },
        ],
      }),
    );
    const tagged = await describeOne(id);
    expect(tagged.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'owner', Value: tricky },
        { Key: 'ticket', Value: 'OPS-1' },
      ]),
    );
    const found = await listAll({ Filters: [{ Name: 'tag:owner', Values: [tricky] }] });
    expect(found.map((i) => i.InstanceId)).toEqual([id]);
    await ec2.send(
      new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'ticket', Value: 'not-this' }] }),
    );
    expect((await describeOne(id)).Tags?.some((t) => t.Key === 'ticket')).toBe(true);
    await ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'ticket' }] }));
    expect((await describeOne(id)).Tags?.some((t) => t.Key === 'ticket')).toBe(false);
    await expect(
      ec2.send(
        new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'aws:reserved', Value: 'x' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});
