import type { Instance } from '@aws-sdk/client-ec2';
import { makeResource, type Resource } from '@ccx/core';

export const EC2_INSTANCE = 'ec2.instance';

function tagsOf(instance: Instance): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of instance.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return tags;
}

/**
 * An EC2 instance as a core Resource. The common fields are lifted out (name from the `Name`
 * tag, state from the state name, launch time as createdAt); `attributes` holds exactly the
 * fields docs/api.md lists, null when EC2 omits one, so every row has the same shape.
 */
export function mapInstance(account: string, region: string, instance: Instance): Resource {
  const tags = tagsOf(instance);
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
    },
  });
}
