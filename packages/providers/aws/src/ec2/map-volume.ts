import type { Volume } from '@aws-sdk/client-ec2';
import { COMPUTE_TYPES, makeResource, type Resource } from '@ccx/core';
import { tagsOf } from './tags';

/**
 * An EBS volume as a core Resource: the state is EC2's (`available` = unattached, `in-use`),
 * `attributes` always has the same keys, null where EC2 omits one. A multi-attach volume
 * reports its first attachment.
 */
export function mapVolume(account: string, region: string, volume: Volume): Resource {
  const tags = tagsOf(volume.Tags);
  const attachment = volume.Attachments?.[0];
  const createTime = volume.CreateTime ? volume.CreateTime.toISOString() : null;
  return makeResource({
    provider: 'aws',
    account,
    region,
    type: COMPUTE_TYPES.ec2Volume,
    id: volume.VolumeId ?? '',
    name: tags.Name ?? null,
    state: volume.State ?? null,
    tags,
    createdAt: createTime,
    attributes: {
      sizeGiB: volume.Size ?? null,
      volumeType: volume.VolumeType ?? null,
      iops: volume.Iops ?? null,
      throughput: volume.Throughput ?? null,
      state: volume.State ?? null,
      attachedInstanceId: attachment?.InstanceId ?? null,
      device: attachment?.Device ?? null,
      deleteOnTermination: attachment?.DeleteOnTermination ?? null,
      encrypted: volume.Encrypted ?? null,
      availabilityZone: volume.AvailabilityZone ?? null,
      createTime,
    },
  });
}
