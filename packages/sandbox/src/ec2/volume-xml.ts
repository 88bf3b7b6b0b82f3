import { volumeState, type VolumeRecord } from '../estate/volume';
import { el } from '../xml';
import { isoSeconds } from './instance-xml';
import { tagSetXml } from './tag-xml';

/** One `<item>` of a DescribeVolumes `volumeSet`, in the element order EC2 uses. */
export function volumeXml(v: VolumeRecord): string {
  const attachment = v.attachment
    ? `<item>${el('volumeId', v.id)}${el('instanceId', v.attachment.instanceId)}${el('device', v.attachment.device)}` +
      `<status>attached</status>${el('attachTime', isoSeconds(v.attachment.attachTime))}` +
      `${el('deleteOnTermination', v.attachment.deleteOnTermination)}</item>`
    : '';
  return (
    '<item>' +
    el('volumeId', v.id) +
    el('size', v.sizeGiB) +
    (v.snapshotId ? el('snapshotId', v.snapshotId) : '<snapshotId/>') +
    el('availabilityZone', v.availabilityZone) +
    el('status', volumeState(v)) +
    el('createTime', isoSeconds(v.createTime)) +
    `<attachmentSet>${attachment}</attachmentSet>` +
    el('volumeType', v.volumeType) +
    el('iops', v.iops) +
    el('encrypted', v.encrypted) +
    (v.encrypted ? el('kmsKeyId', `arn:aws:kms:${v.region}:${v.accountId}:alias/aws/ebs`) : '') +
    tagSetXml(v.tags) +
    '<multiAttachEnabled>false</multiAttachEnabled>' +
    el('throughput', v.throughput) +
    '</item>'
  );
}
