import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  DisassociateAddressCommand,
  ReleaseAddressCommand,
  paginateDescribeVolumes,
  type EC2Client,
  type Instance,
  type Volume,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ec2For } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

let sandbox: SandboxHandle;
let ec2: EC2Client;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('ebs-eip'),
    transitionMs: 20,
    estate: { accounts: 2, regions: ['us-east-1', 'eu-west-1'], instancesPerRegion: 40 },
  });
  ec2 = ec2For(sandbox, sandbox.accounts[0]!, 'us-east-1');
});
afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});

async function allVolumes(
  input: ConstructorParameters<typeof DescribeVolumesCommand>[0] = {},
  pageSize = 7,
): Promise<Volume[]> {
  const volumes: Volume[] = [];
  for await (const page of paginateDescribeVolumes({ client: ec2, pageSize }, input)) {
    expect(page.Volumes!.length).toBeLessThanOrEqual(pageSize);
    volumes.push(...page.Volumes!);
  }
  return volumes;
}

async function allInstances(): Promise<Instance[]> {
  const out = await ec2.send(new DescribeInstancesCommand({}));
  return out.Reservations!.flatMap((r) => r.Instances!);
}

describe('EC2 DescribeVolumes through the official SDK', () => {
  it('pages every volume once: each instance’s root and data volumes, plus unattached ones', async () => {
    const volumes = await allVolumes({}, 5);
    expect(new Set(volumes.map((v) => v.VolumeId)).size).toBe(volumes.length);
    const instances = await allInstances();
    const byId = new Map(volumes.map((v) => [v.VolumeId!, v]));
    for (const instance of instances) {
      const mapped = instance.BlockDeviceMappings!;
      expect(mapped[0]!.DeviceName).toBe(instance.RootDeviceName);
      for (const device of mapped) {
        const volume = byId.get(device.Ebs!.VolumeId!)!;
        expect(volume.State).toBe('in-use');
        expect(volume.Attachments).toEqual([
          expect.objectContaining({
            InstanceId: instance.InstanceId,
            Device: device.DeviceName,
            State: 'attached',
            DeleteOnTermination: device.Ebs!.DeleteOnTermination,
          }),
        ]);
        expect(volume.AvailabilityZone).toBe(instance.Placement!.AvailabilityZone);
      }
    }
    const attachedCount = instances.reduce((n, i) => n + i.BlockDeviceMappings!.length, 0);
    expect(attachedCount).toBeGreaterThan(instances.length);
    const available = volumes.filter((v) => v.State === 'available');
    expect(available.length).toBeGreaterThan(0);
    expect(available.every((v) => v.Attachments!.length === 0)).toBe(true);
    expect(volumes.length).toBe(attachedCount + available.length);
  });

  it('returns the fields the product reads, in the SDK shapes', async () => {
    const volumes = await allVolumes({}, 500);
    const types = new Set(volumes.map((v) => v.VolumeType));
    expect(types.has('gp3')).toBe(true);
    expect(types.size).toBeGreaterThan(2);
    for (const v of volumes) {
      expect(v.VolumeId).toMatch(/^vol-[0-9a-f]{17}$/);
      expect(v.Size).toBeGreaterThan(0);
      expect(v.CreateTime).toBeInstanceOf(Date);
      expect(typeof v.Encrypted).toBe('boolean');
      if (v.VolumeType === 'gp3') {
        expect(v.Iops).toBe(3000);
        expect(v.Throughput).toBeGreaterThanOrEqual(125);
      }
      if (v.VolumeType === 'gp2') expect(v.Iops).toBe(Math.min(16000, Math.max(100, 3 * v.Size!)));
      if (v.VolumeType === 'st1') expect(v.Iops).toBeUndefined();
    }
  });

  it('filters by status, attachment and tags, and by id', async () => {
    const all = await allVolumes({}, 500);
    const available = await allVolumes({ Filters: [{ Name: 'status', Values: ['available'] }] });
    expect(available.map((v) => v.VolumeId).sort()).toEqual(
      all
        .filter((v) => v.State === 'available')
        .map((v) => v.VolumeId)
        .sort(),
    );
    const [instance] = await allInstances();
    const ofInstance = await allVolumes({
      Filters: [{ Name: 'attachment.instance-id', Values: [instance!.InstanceId!] }],
    });
    expect(ofInstance.map((v) => v.VolumeId).sort()).toEqual(
      instance!.BlockDeviceMappings!.map((d) => d.Ebs!.VolumeId).sort(),
    );
    const named = await allVolumes({ Filters: [{ Name: 'tag:Name', Values: ['*-data1'] }] });
    expect(named.length).toBe(
      all.filter((v) => v.Tags?.some((t) => t.Key === 'Name' && t.Value!.endsWith('-data1')))
        .length,
    );
    const two = all.slice(0, 2).map((v) => v.VolumeId!);
    const byIds = await ec2.send(new DescribeVolumesCommand({ VolumeIds: two }));
    expect(byIds.Volumes!.map((v) => v.VolumeId)).toEqual(two);
    await expect(
      ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })),
    ).rejects.toMatchObject({ name: 'InvalidVolume.NotFound' });
    await expect(
      ec2.send(new DescribeVolumesCommand({ VolumeIds: ['../etc'] })),
    ).rejects.toMatchObject({ name: 'InvalidVolumeID.Malformed' });
    await expect(
      ec2.send(new DescribeVolumesCommand({ VolumeIds: two, MaxResults: 5 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
    await expect(ec2.send(new DescribeVolumesCommand({ MaxResults: 501 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });
});

describe('EC2 Elastic IPs through the official SDK', () => {
  it('lists seeded addresses, associated ones shown as their instance’s public IP', async () => {
    const { Addresses } = await ec2.send(new DescribeAddressesCommand({}));
    const associated = Addresses!.filter((a) => a.AssociationId);
    expect(associated.length).toBeGreaterThan(0);
    expect(Addresses!.some((a) => !a.AssociationId)).toBe(true);
    const instances = new Map((await allInstances()).map((i) => [i.InstanceId!, i]));
    for (const address of associated) {
      expect(address.Domain).toBe('vpc');
      expect(address.AllocationId).toMatch(/^eipalloc-[0-9a-f]{17}$/);
      const instance = instances.get(address.InstanceId!)!;
      expect(instance.PublicIpAddress).toBe(address.PublicIp);
      expect(address.NetworkInterfaceId).toBe(instance.NetworkInterfaces![0]!.NetworkInterfaceId);
      expect(address.PrivateIpAddress).toBe(instance.PrivateIpAddress);
    }
    const withInstance = await ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: ['*'] }] }),
    );
    expect(withInstance.Addresses).toHaveLength(associated.length);
  });

  it('allocates, associates (by instance and by interface), moves, disassociates and releases', async () => {
    const instances = (await allInstances()).filter((i) => i.State!.Name === 'running');
    const [first, second] = [instances[0]!, instances[1]!];
    const allocated = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    expect(allocated.Domain).toBe('vpc');
    expect(allocated.AllocationId).toMatch(/^eipalloc-[0-9a-f]{17}$/);
    expect(allocated.PublicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const allocationId = allocated.AllocationId!;
    const { AssociationId } = await ec2.send(
      new AssociateAddressCommand({ AllocationId: allocationId, InstanceId: first.InstanceId }),
    );
    expect(AssociationId).toMatch(/^eipassoc-/);
    const shown = async (id: string) =>
      (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!
        .Instances![0]!.PublicIpAddress;
    expect(await shown(first.InstanceId!)).toBe(allocated.PublicIp);

    await expect(
      ec2.send(
        new AssociateAddressCommand({ AllocationId: allocationId, InstanceId: second.InstanceId }),
      ),
    ).rejects.toMatchObject({ name: 'Resource.AlreadyAssociated' });
    await expect(
      ec2.send(new ReleaseAddressCommand({ AllocationId: allocationId })),
    ).rejects.toMatchObject({ name: 'InvalidIPAddress.InUse' });

    const moved = await ec2.send(
      new AssociateAddressCommand({
        AllocationId: allocationId,
        NetworkInterfaceId: second.NetworkInterfaces![0]!.NetworkInterfaceId,
        AllowReassociation: true,
      }),
    );
    expect(await shown(second.InstanceId!)).toBe(allocated.PublicIp);
    expect(await shown(first.InstanceId!)).not.toBe(allocated.PublicIp);

    await expect(
      ec2.send(new DisassociateAddressCommand({ AssociationId: AssociationId! })),
    ).rejects.toMatchObject({ name: 'InvalidAssociationID.NotFound' });
    await ec2.send(new DisassociateAddressCommand({ AssociationId: moved.AssociationId! }));
    expect(await shown(second.InstanceId!)).not.toBe(allocated.PublicIp);
    await ec2.send(new ReleaseAddressCommand({ AllocationId: allocationId }));
    await expect(
      ec2.send(new DescribeAddressesCommand({ AllocationIds: [allocationId] })),
    ).rejects.toMatchObject({ name: 'InvalidAllocationID.NotFound' });
  });

  it('shows an Elastic IP on a stopped instance, and refuses unknown targets', async () => {
    const stopped = (await allInstances()).find((i) => i.State!.Name === 'stopped')!;
    const { AllocationId, PublicIp } = await ec2.send(new AllocateAddressCommand({}));
    await expect(
      ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId: 'i-0123456789abcdef0' })),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    await expect(
      ec2.send(
        new AssociateAddressCommand({ AllocationId, NetworkInterfaceId: 'eni-0123456789abcdef0' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidNetworkInterfaceID.NotFound' });
    await expect(
      ec2.send(
        new AssociateAddressCommand({
          AllocationId: 'eipalloc-0123456789abcdef0',
          InstanceId: stopped.InstanceId,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAllocationID.NotFound' });
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId: stopped.InstanceId }));
    const after = (
      await ec2.send(new DescribeInstancesCommand({ InstanceIds: [stopped.InstanceId!] }))
    ).Reservations![0]!.Instances![0]!;
    expect(after.State!.Name).toBe('stopped');
    expect(after.PublicIpAddress).toBe(PublicIp);
  });

  it('keeps addresses to their account and region', async () => {
    const { Addresses } = await ec2.send(new DescribeAddressesCommand({}));
    const west = ec2For(sandbox, sandbox.accounts[0]!, 'eu-west-1');
    try {
      await expect(
        west.send(new DescribeAddressesCommand({ AllocationIds: [Addresses![0]!.AllocationId!] })),
      ).rejects.toMatchObject({ name: 'InvalidAllocationID.NotFound' });
    } finally {
      west.destroy();
    }
  });

  it('tags volumes and addresses like instances, and filters on the tags', async () => {
    const [volume] = await allVolumes({ Filters: [{ Name: 'status', Values: ['available'] }] });
    const { AllocationId } = await ec2.send(new AllocateAddressCommand({}));
    const Resources = [volume!.VolumeId!, AllocationId!];
    await ec2.send(new CreateTagsCommand({ Resources, Tags: [{ Key: 'ticket', Value: 'FIN-7' }] }));
    const tagged = await allVolumes({ Filters: [{ Name: 'tag:ticket', Values: ['FIN-7'] }] });
    expect(tagged.map((v) => v.VolumeId)).toEqual([volume!.VolumeId]);
    const addresses = await ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: 'tag:ticket', Values: ['FIN-7'] }] }),
    );
    expect(addresses.Addresses!.map((a) => a.AllocationId)).toEqual([AllocationId]);
    await ec2.send(new DeleteTagsCommand({ Resources, Tags: [{ Key: 'ticket' }] }));
    expect(await allVolumes({ Filters: [{ Name: 'tag-key', Values: ['ticket'] }] })).toEqual([]);
    const after = await ec2.send(new DescribeAddressesCommand({ AllocationIds: [AllocationId!] }));
    expect(after.Addresses![0]!.Tags ?? []).toEqual([]);
    await expect(
      ec2.send(
        new CreateTagsCommand({
          Resources: ['vol-0123456789abcdef0'],
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidVolume.NotFound' });
  });
});
