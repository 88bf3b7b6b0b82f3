import type { Prng } from '../prng';
import type { SandboxAccount } from './account';
import type { AddressRecord } from './address';
import type { InstanceRecord, InstanceTag } from './instance';
import { baselineIops, type VolumeRecord, type VolumeType } from './volume';

const HEX = '0123456789abcdef';
const DAY_MS = 86_400_000;
const DATA_DEVICES = ['/dev/sdf', '/dev/sdg', '/dev/sdh'];
const DATA_SIZES = [20, 50, 100, 200, 500, 1000, 2000] as const;
const DATA_TYPES: readonly (readonly [VolumeType, number])[] = [
  ['gp3', 50],
  ['gp2', 22],
  ['io2', 10],
  ['st1', 10],
  ['sc1', 8],
];
/** Where each account's `env` tags point: prod is mostly prod, the others spill into test. */
const ENV_BY_ALIAS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  prod: [
    ['prod', 88],
    ['staging', 12],
  ],
  staging: [
    ['staging', 70],
    ['test', 30],
  ],
  dev: [
    ['dev', 65],
    ['test', 35],
  ],
};
const OTHER_ENVS: readonly (readonly [string, number])[] = [
  ['dev', 50],
  ['test', 50],
];

export interface ScopeAttachments {
  volumes: VolumeRecord[];
  addresses: AddressRecord[];
}

function volumeRecord(
  prng: Prng,
  base: Omit<VolumeRecord, 'iops' | 'throughput' | 'encrypted' | 'snapshotId'>,
): VolumeRecord {
  const provisioned = base.volumeType === 'io2' || base.volumeType === 'io1';
  return {
    ...base,
    iops: provisioned
      ? prng.pick([3000, 6000, 10_000, 16_000])
      : baselineIops(base.volumeType, base.sizeGiB),
    throughput: base.volumeType === 'gp3' ? prng.pick([125, 125, 125, 250, 500]) : null,
    encrypted: prng.next() < 0.7,
    snapshotId: prng.next() < 0.3 ? `snap-${prng.chars(HEX, 17)}` : null,
  };
}

function elasticIp(prng: Prng, used: Set<string>): string {
  let ip = '';
  do
    ip = `${prng.pick([3, 13, 18, 34, 44, 52, 54])}.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
  while (used.has(ip));
  used.add(ip);
  return ip;
}

/**
 * What each seeded instance has besides itself, drawn from a stream of its own so the instances
 * stay exactly as they were seeded: its root volume and, for about a quarter (more among stopped
 * ones, the waste a real estate accumulates), data volumes; a Spot lifecycle for a few; an
 * `env` tag spread over prod/staging/dev/test by account; Elastic IPs on about one instance in
 * ten. Each non-empty scope also gets unattached volumes and unassociated addresses.
 */
export function seedAttachments(
  prng: Prng,
  account: SandboxAccount,
  region: string,
  instances: readonly InstanceRecord[],
  anchor: number,
  usedIps: Set<string>,
): ScopeAttachments {
  const volumes: VolumeRecord[] = [];
  const addresses: AddressRecord[] = [];
  const envs = ENV_BY_ALIAS[account.alias] ?? OTHER_ENVS;
  for (const instance of instances) {
    const env = instance.tags.find((tag) => tag.key === 'env');
    if (env) env.value = prng.weighted(envs);
    if (instance.platform === null && prng.next() < 0.06) instance.instanceLifecycle = 'spot';
    const windows = instance.platform === 'windows';
    const root = volumeRecord(prng, {
      id: instance.volumeId,
      accountId: account.id,
      region,
      availabilityZone: instance.availabilityZone,
      sizeGiB: windows ? prng.pick([30, 50, 100]) : prng.pick([8, 8, 16, 30, 50]),
      volumeType: prng.next() < 0.75 ? 'gp3' : 'gp2',
      createTime: instance.launchTime,
      attachment: {
        instanceId: instance.id,
        device: instance.rootDeviceName,
        attachTime: instance.launchTime,
        deleteOnTermination: true,
      },
      tags: [],
    });
    volumes.push(root);
    instance.blockDevices = [
      {
        deviceName: instance.rootDeviceName,
        volumeId: root.id,
        attachTime: instance.launchTime,
        deleteOnTermination: true,
      },
    ];
    const dataOdds = instance.state === 'stopped' ? 0.5 : 0.25;
    const dataCount = prng.next() < dataOdds ? prng.int(1, 2) : 0;
    const name = instance.tags.find((tag) => tag.key === 'Name')?.value;
    for (let d = 0; d < dataCount; d++) {
      const device = DATA_DEVICES[d]!;
      const attachTime = instance.launchTime + prng.int(0, 30) * DAY_MS;
      const volume = volumeRecord(prng, {
        id: `vol-${prng.chars(HEX, 17)}`,
        accountId: account.id,
        region,
        availabilityZone: instance.availabilityZone,
        sizeGiB: prng.pick(DATA_SIZES),
        volumeType: prng.weighted(DATA_TYPES),
        createTime: attachTime,
        attachment: { instanceId: instance.id, device, attachTime, deleteOnTermination: false },
        tags: name ? [{ key: 'Name', value: `${name}-data${d + 1}` }] : [],
      });
      volumes.push(volume);
      instance.blockDevices.push({
        deviceName: device,
        volumeId: volume.id,
        attachTime,
        deleteOnTermination: false,
      });
    }
    if (prng.next() < 0.1) {
      addresses.push({
        allocationId: `eipalloc-${prng.chars(HEX, 17)}`,
        publicIp: elasticIp(prng, usedIps),
        accountId: account.id,
        region,
        association: {
          associationId: `eipassoc-${prng.chars(HEX, 17)}`,
          instanceId: instance.id,
          networkInterfaceId: instance.networkInterfaceId,
          privateIpAddress: instance.privateIpAddress,
        },
        tags: name ? [{ key: 'Name', value: name }] : [],
      });
    }
  }
  if (instances.length === 0) return { volumes, addresses };
  const zones = [...new Set(instances.map((i) => i.availabilityZone))];
  const orphans = Math.round(instances.length * 0.08) + prng.int(0, 2);
  for (let n = 1; n <= orphans; n++) {
    const createTime = anchor - prng.int(20, 700) * DAY_MS;
    const tags: InstanceTag[] =
      prng.next() < 0.6
        ? [{ key: 'Name', value: `${account.alias}-detached-${String(n).padStart(2, '0')}` }]
        : [];
    volumes.push(
      volumeRecord(prng, {
        id: `vol-${prng.chars(HEX, 17)}`,
        accountId: account.id,
        region,
        availabilityZone: prng.pick(zones),
        sizeGiB: prng.pick(DATA_SIZES),
        volumeType: prng.weighted(DATA_TYPES),
        createTime,
        attachment: null,
        tags,
      }),
    );
  }
  const idle = prng.int(1, 3);
  for (let n = 1; n <= idle; n++) {
    addresses.push({
      allocationId: `eipalloc-${prng.chars(HEX, 17)}`,
      publicIp: elasticIp(prng, usedIps),
      accountId: account.id,
      region,
      association: null,
      tags: prng.next() < 0.5 ? [{ key: 'Name', value: `${account.alias}-spare-${n}` }] : [],
    });
  }
  return { volumes, addresses };
}
