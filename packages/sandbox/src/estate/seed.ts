import { deriveSeed } from '@ccx/core';
import { createPrng, type Prng } from '../prng';
import {
  ACCOUNT_ALIASES,
  COST_CENTERS,
  INSTANCE_TYPES,
  PLATFORMS,
  TEAMS,
  WORKLOADS,
} from './catalog';
import { roleArnFor, type SandboxAccount } from './account';
import type { AddressRecord } from './address';
import { Estate } from './estate';
import { seedAttachments } from './seed-attachments';
import type { VolumeRecord } from './volume';
import { userInitiatedReason, type InstanceRecord, type InstanceTag } from './instance';

export interface EstateShape {
  accounts: number;
  regions: readonly string[];
  /** Instances per account and region; absent means a seeded 15–35 each. */
  instancesPerRegion?: number;
}

const HEX = '0123456789abcdef';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DAY_MS = 86_400_000;
const LAUNCH_SPREAD_DAYS = 730;

function seedAccounts(prng: Prng, count: number): SandboxAccount[] {
  const ids = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    let id = '';
    do id = `${prng.int(1, 9)}${prng.chars('0123456789', 11)}`;
    while (ids.has(id));
    ids.add(id);
    return {
      id,
      alias: ACCOUNT_ALIASES[index] ?? `sandbox-${index + 1}`,
      accessKeyId: `AKIA${prng.chars(KEY_ALPHABET, 16)}`,
      secretAccessKey: prng.chars(SECRET_ALPHABET, 40),
      roleArn: roleArnFor(id),
    };
  });
}

interface Network {
  vpcId: string;
  subnets: { id: string; zone: string; zoneId: string; cidrThird: number }[];
  vpcSecond: number;
  securityGroups: { id: string; name: string }[];
}

function seedNetwork(prng: Prng, region: string, index: number): Network {
  const zoneCode = region
    .split('-')
    .map((part) => part[0])
    .join('')
    .slice(0, 3);
  return {
    vpcId: `vpc-${prng.chars(HEX, 17)}`,
    vpcSecond: 16 + (index % 200),
    subnets: ['a', 'b', 'c'].map((letter, i) => ({
      id: `subnet-${prng.chars(HEX, 17)}`,
      zone: `${region}${letter}`,
      zoneId: `${zoneCode}${prng.int(1, 9)}-az${i + 1}`,
      cidrThird: i * 16,
    })),
    securityGroups: ['default', 'web', 'internal', 'ssh'].map((name) => ({
      id: `sg-${prng.chars(HEX, 17)}`,
      name,
    })),
  };
}

function tagsFor(prng: Prng, alias: string, workload: string, ordinal: number): InstanceTag[] {
  const roll = prng.next();
  if (roll < 0.07) return []; // untagged: the kind of instance governance reports exist for
  const name = `${alias}-${workload}-${String(ordinal).padStart(2, '0')}`;
  if (roll < 0.15) return [{ key: 'Name', value: name }];
  const tags: InstanceTag[] = [
    { key: 'Name', value: name },
    { key: 'env', value: alias },
    { key: 'team', value: prng.pick(TEAMS) },
  ];
  if (prng.next() < 0.8) tags.push({ key: 'cost-center', value: prng.pick(COST_CENTERS) });
  if (prng.next() < 0.3)
    tags.push({
      key: 'owner',
      value: `${prng.pick(['ana', 'ben', 'chen', 'dara', 'eli', 'femi'])}@example.com`,
    });
  return tags;
}

function seedScope(
  prng: Prng,
  account: SandboxAccount,
  region: string,
  network: Network,
  count: number,
  anchor: number,
): InstanceRecord[] {
  const instances: InstanceRecord[] = [];
  const ordinals = new Map<string, number>();
  while (instances.length < count) {
    const spec = prng.weighted(INSTANCE_TYPES.map((t) => [t, t.weight] as const));
    const platform = prng.weighted(PLATFORMS);
    const workload = prng.pick(WORKLOADS);
    const subnet = prng.pick(network.subnets);
    const launchTime = anchor - prng.int(1, LAUNCH_SPREAD_DAYS) * DAY_MS + prng.int(0, DAY_MS - 1);
    const reservationId = `r-${prng.chars(HEX, 17)}`;
    const imageId = `ami-${prng.chars(HEX, 17)}`;
    const size = Math.min(
      prng.weighted([
        [1, 75],
        [2, 17],
        [3, 8],
      ] as const),
      count - instances.length,
    );
    for (let launchIndex = 0; launchIndex < size; launchIndex++) {
      const ordinal = (ordinals.get(workload) ?? 0) + 1;
      ordinals.set(workload, ordinal);
      const stopped = prng.next() < 0.18;
      const stoppedAt = launchTime + Math.floor(prng.next() * Math.max(1, anchor - launchTime));
      const host = prng.int(4, 250);
      const publicIp =
        prng.next() < 0.35
          ? `${prng.pick([3, 18, 34, 52, 54])}.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`
          : null;
      instances.push({
        id: `i-${prng.chars(HEX, 17)}`,
        reservationId,
        accountId: account.id,
        region,
        availabilityZone: subnet.zone,
        availabilityZoneId: subnet.zoneId,
        instanceType: spec.type,
        imageId,
        architecture: spec.architecture,
        platform: spec.architecture === 'arm64' ? null : platform.platform,
        platformDetails: spec.architecture === 'arm64' ? 'Linux/UNIX' : platform.details,
        usageOperation: spec.architecture === 'arm64' ? 'RunInstances' : platform.usage,
        vpcId: network.vpcId,
        subnetId: subnet.id,
        privateIpAddress: `10.${network.vpcSecond}.${subnet.cidrThird + prng.int(0, 15)}.${host}`,
        publicIpAddress: publicIp,
        keyName:
          prng.next() < 0.6 ? `${account.alias}-${prng.pick(['ops', 'deploy', 'admin'])}` : null,
        amiLaunchIndex: launchIndex,
        securityGroup: prng.pick(network.securityGroups),
        coreCount: spec.coreCount,
        threadsPerCore: spec.threadsPerCore,
        ebsOptimized: !spec.type.startsWith('t'),
        rootDeviceName: platform.platform === 'windows' ? '/dev/sda1' : '/dev/xvda',
        volumeId: `vol-${prng.chars(HEX, 17)}`,
        blockDevices: [],
        instanceLifecycle: null,
        elasticIp: null,
        networkInterfaceId: `eni-${prng.chars(HEX, 17)}`,
        macAddress: `0${prng.chars('26ae', 1)}:${Array.from({ length: 5 }, () => prng.chars(HEX, 2)).join(':')}`,
        launchTime,
        state: stopped ? 'stopped' : 'running',
        stateChangedAt: stopped ? stoppedAt : launchTime,
        stateTransitionReason: stopped ? userInitiatedReason(stoppedAt) : '',
        stateReason: stopped
          ? {
              code: 'Client.UserInitiatedShutdown',
              message: 'Client.UserInitiatedShutdown: User initiated shutdown',
            }
          : null,
        tags: tagsFor(prng, account.alias, workload, ordinal),
      });
    }
  }
  return instances;
}

/**
 * Builds the estate from `seed`. Each account and each (account, region) draws from its own
 * derived stream, so changing the region list or the instance count of one scope leaves the
 * accounts and every other scope exactly as they were. `anchor` is "now" for launch times.
 */
export function seedEstate(seed: number, shape: EstateShape, anchor: number): Estate {
  const accounts = seedAccounts(createPrng(deriveSeed(seed, 'accounts')), shape.accounts);
  const instances: InstanceRecord[] = [];
  const volumes: VolumeRecord[] = [];
  const addresses: AddressRecord[] = [];
  const usedIps = new Set<string>();
  accounts.forEach((account, accountIndex) => {
    shape.regions.forEach((region, regionIndex) => {
      const prng = createPrng(deriveSeed(seed, `instances/${account.id}/${region}`));
      const network = seedNetwork(prng, region, accountIndex * 16 + regionIndex);
      const count = shape.instancesPerRegion ?? prng.int(15, 35);
      const scoped = seedScope(prng, account, region, network, count, anchor);
      const attached = seedAttachments(
        createPrng(deriveSeed(seed, `attachments/${account.id}/${region}`)),
        account,
        region,
        scoped,
        anchor,
        usedIps,
      );
      instances.push(...scoped);
      volumes.push(...attached.volumes);
      addresses.push(...attached.addresses);
    });
  });
  return new Estate(accounts, shape.regions, instances, volumes, addresses);
}
