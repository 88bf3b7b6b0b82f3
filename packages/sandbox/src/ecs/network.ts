import { createHash } from 'node:crypto';

/** The elastic network interface ECS attaches to a task in `awsvpc` mode. */
export interface TaskNetwork {
  attachmentId: string;
  networkInterfaceId: string;
  subnetId: string;
  macAddress: string;
  privateIp: string;
  privateDnsName: string;
}

const hex = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * A task's ENI, derived from its id and zone alone: the same task always shows the same
 * address, and no random stream is drawn from, so adding it shifted nothing else the sandbox
 * seeds. Each zone has its own /20 of 10.0.0.0/16.
 */
export function taskNetwork(task: { id: string; availabilityZone: string }): TaskNetwork {
  const digest = hex(task.id, 32);
  const byte = (index: number) => parseInt(digest.slice(index * 2, index * 2 + 2), 16);
  const zone = Math.max(0, 'abcdef'.indexOf(task.availabilityZone.slice(-1)));
  const privateIp = `10.0.${zone * 16 + (byte(0) % 16)}.${(byte(1) % 254) + 1}`;
  const region = task.availabilityZone.slice(0, -1);
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return {
    attachmentId: `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`,
    networkInterfaceId: `eni-0${digest.slice(2, 18)}`,
    subnetId: `subnet-0${hex(task.availabilityZone, 16)}`,
    macAddress: `0a:${[2, 3, 4, 5, 6].map((i) => digest.slice(i * 2, i * 2 + 2)).join(':')}`,
    privateIp,
    privateDnsName: `ip-${privateIp.replaceAll('.', '-')}.${domain}`,
  };
}
