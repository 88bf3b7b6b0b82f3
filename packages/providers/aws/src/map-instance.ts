import type { Instance } from '@aws-sdk/client-ec2';
import { COMPUTE_TYPES, makeResource, type Resource } from '@ccx/core';
import { tagsOf } from './ec2/tags';

export const EC2_INSTANCE = COMPUTE_TYPES.ec2Instance;

/**
 * An EC2 instance as a core Resource. The common fields are lifted out (name from the `Name`
 * tag, state from the state name, launch time as createdAt); `attributes` holds exactly the
 * fields docs/api.md lists, null when EC2 omits one, so every row has the same shape.
 * `lifecycle` is `spot` or `scheduled` as EC2 reports it, `on-demand` when it reports none.
 */
export function mapInstance(account: string, region: string, instance: Instance): Resource {
  const tags = tagsOf(instance.Tags);
  const launchTime = instance.LaunchTime ? instance.LaunchTime.toISOString() : null;
  return makeResource({
    provider: 'aws',
    account,
    region,
    type: EC2_INSTANCE,
    id: instance.InstanceId ?? '',
    name: tags.Name ?? null,
    state: instance.State?.Name ?? null,
    tags,
    createdAt: launchTime,
    attributes: {
      instanceType: instance.InstanceType ?? null,
      availabilityZone: instance.Placement?.AvailabilityZone ?? null,
      privateIpAddress: instance.PrivateIpAddress ?? null,
      publicIpAddress: instance.PublicIpAddress ?? null,
      vpcId: instance.VpcId ?? null,
      subnetId: instance.SubnetId ?? null,
      imageId: instance.ImageId ?? null,
      platform: instance.PlatformDetails ?? instance.Platform ?? null,
      architecture: instance.Architecture ?? null,
      launchTime,
      stateReason: instance.StateReason?.Message ?? null,
      volumeIds: (instance.BlockDeviceMappings ?? []).flatMap((device) =>
        device.Ebs?.VolumeId ? [device.Ebs.VolumeId] : [],
      ),
      tenancy: instance.Placement?.Tenancy ?? null,
      lifecycle: instance.InstanceLifecycle ?? 'on-demand',
    },
  });
}
