import type { InstanceTag } from './instance';

export const VOLUME_TYPES = ['gp3', 'gp2', 'io2', 'io1', 'st1', 'sc1'] as const;
export type VolumeType = (typeof VOLUME_TYPES)[number];

export interface VolumeAttachmentRecord {
  instanceId: string;
  device: string;
  /** Epoch ms. */
  attachTime: number;
  deleteOnTermination: boolean;
}

/**
 * One EBS volume. A volume is `in-use` exactly while it has an attachment; the attachment stays
 * `attached` while its instance is stopped (a stopped instance keeps paying for its volumes,
 * which is what the waste insights look for).
 */
export interface VolumeRecord {
  id: string;
  accountId: string;
  region: string;
  availabilityZone: string;
  sizeGiB: number;
  volumeType: VolumeType;
  /** Provisioned or baseline IOPS; absent for the throughput-optimised HDD types. */
  iops: number | null;
  /** MiB/s, gp3 only. */
  throughput: number | null;
  encrypted: boolean;
  snapshotId: string | null;
  /** Epoch ms. */
  createTime: number;
  attachment: VolumeAttachmentRecord | null;
  tags: InstanceTag[];
}

export function volumeState(volume: VolumeRecord): 'in-use' | 'available' {
  return volume.attachment ? 'in-use' : 'available';
}

/** The IOPS EC2 reports for a type and size: gp3's 3000 baseline, gp2's 3 per GiB (100–16000). */
export function baselineIops(type: VolumeType, sizeGiB: number): number | null {
  switch (type) {
    case 'gp3':
      return 3000;
    case 'gp2':
      return Math.min(16_000, Math.max(100, 3 * sizeGiB));
    case 'io1':
    case 'io2':
      return Math.min(64_000, 50 * sizeGiB);
    case 'st1':
    case 'sc1':
      return null;
  }
}
