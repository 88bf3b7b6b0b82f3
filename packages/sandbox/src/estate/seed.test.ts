import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES } from './catalog';
import { INSTANCE_TYPE_CATALOG } from './instance-types';
import { DEFAULT_ESTATE_REGIONS } from './regions';
import { seedEstate } from './seed';

const anchor = Date.UTC(2026, 10, 25);
const shape = { accounts: 3, regions: DEFAULT_ESTATE_REGIONS };
const allInstances = (estate: ReturnType<typeof seedEstate>) =>
  estate.accounts.flatMap((account) =>
    estate.regions.flatMap((region) => estate.instances(account.id, region)),
  );

describe('seedEstate', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = seedEstate(42, shape, anchor);
    const b = seedEstate(42, shape, anchor);
    const c = seedEstate(43, shape, anchor);
    expect(allInstances(a).map((i) => [i.id, i.instanceType, i.tags])).toEqual(
      allInstances(b).map((i) => [i.id, i.instanceType, i.tags]),
    );
    expect(a.accounts).toEqual(b.accounts);
    expect(c.accounts.map((x) => x.id)).not.toEqual(a.accounts.map((x) => x.id));
  });

  it('seeds three accounts with keys and roles and a few hundred varied instances', () => {
    const estate = seedEstate(42, shape, anchor);
    expect(estate.accounts.map((a) => a.alias)).toEqual(['prod', 'staging', 'dev']);
    for (const account of estate.accounts) {
      expect(account.id).toMatch(/^[1-9]\d{11}$/);
      expect(account.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(account.secretAccessKey).toHaveLength(40);
      expect(account.roleArn).toBe(`arn:aws:iam::${account.id}:role/ccx-read`);
    }
    const instances = allInstances(estate);
    expect(instances.length).toBeGreaterThanOrEqual(180);
    expect(instances.length).toBeLessThanOrEqual(420);
    expect(new Set(instances.map((i) => i.id)).size).toBe(instances.length);
    const stopped = instances.filter((i) => i.state === 'stopped').length / instances.length;
    expect(stopped).toBeGreaterThan(0.05);
    expect(stopped).toBeLessThan(0.35);
    expect(instances.some((i) => i.tags.length === 0)).toBe(true);
    expect(instances.some((i) => i.tags.some((t) => t.key === 'cost-center'))).toBe(true);
    expect(new Set(instances.map((i) => i.instanceType)).size).toBeGreaterThan(8);
    expect(new Set(instances.map((i) => i.architecture))).toEqual(new Set(['x86_64', 'arm64']));
    const ages = instances.map((i) => (anchor - i.launchTime) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeGreaterThan(500);
    expect(Math.max(...ages)).toBeLessThanOrEqual(731);
  });

  it('keeps a reservation’s instances adjacent, as paging relies on', () => {
    const estate = seedEstate(42, shape, anchor);
    for (const account of estate.accounts) {
      for (const region of estate.regions) {
        const seen = new Set<string>();
        let previous = '';
        for (const instance of estate.instances(account.id, region)) {
          if (instance.reservationId !== previous) {
            expect(seen.has(instance.reservationId)).toBe(false);
            seen.add(instance.reservationId);
            previous = instance.reservationId;
          }
        }
      }
    }
  });

  it('builds the benchmark estate of 10,000 instances on request', () => {
    const estate = seedEstate(
      42,
      {
        accounts: 1,
        regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'],
        instancesPerRegion: 2500,
      },
      anchor,
    );
    expect(estate.size).toBe(10_000);
    expect(estate.instances(estate.accounts[0]!.id, 'eu-west-1')).toHaveLength(2500);
  });

  it('gives instances volumes and addresses, with the waste an estate accumulates', () => {
    const estate = seedEstate(42, shape, anchor);
    const instances = allInstances(estate);
    const scopes = estate.accounts.flatMap((a) => estate.regions.map((r) => [a.id, r] as const));
    const volumes = scopes.flatMap(([a, r]) => estate.volumes(a, r));
    const addresses = scopes.flatMap(([a, r]) => estate.addresses(a, r));
    expect(estate.volumeCount).toBe(volumes.length);
    expect(estate.addressCount).toBe(addresses.length);
    for (const instance of instances) {
      expect(instance.blockDevices[0]!.volumeId).toBe(instance.volumeId);
      for (const device of instance.blockDevices) {
        const volume = estate.findVolume(instance.accountId, instance.region, device.volumeId)!;
        expect(volume.attachment).toMatchObject({
          instanceId: instance.id,
          device: device.deviceName,
        });
      }
    }
    const unattached = volumes.filter((v) => v.attachment === null);
    expect(unattached.length).toBeGreaterThan(scopes.length);
    const withData = (stopped: boolean) => {
      const group = instances.filter((i) => (i.state === 'stopped') === stopped);
      return group.filter((i) => i.blockDevices.length > 1).length / group.length;
    };
    expect(withData(true)).toBeGreaterThan(withData(false));
    const free = addresses.filter((a) => a.association === null);
    expect(free.length).toBeGreaterThanOrEqual(scopes.length);
    for (const address of addresses.filter((a) => a.association)) {
      const instance = estate.find(
        address.accountId,
        address.region,
        address.association!.instanceId,
      )!;
      expect(instance.elasticIp).toBe(address.publicIp);
    }
    expect(new Set(addresses.map((a) => a.publicIp)).size).toBe(addresses.length);
    expect(instances.some((i) => i.instanceLifecycle === 'spot')).toBe(true);
  });

  it('spreads env tags over prod, staging, dev and test, mostly following the account', () => {
    const estate = seedEstate(42, shape, anchor);
    const envs = new Map<string, Map<string, number>>();
    for (const account of estate.accounts) {
      const counts = new Map<string, number>();
      for (const region of estate.regions)
        for (const instance of estate.instances(account.id, region)) {
          const env = instance.tags.find((t) => t.key === 'env')?.value;
          if (env) counts.set(env, (counts.get(env) ?? 0) + 1);
        }
      envs.set(account.alias, counts);
    }
    const all = new Set([...envs.values()].flatMap((counts) => [...counts.keys()]));
    expect(all).toEqual(new Set(['prod', 'staging', 'dev', 'test']));
    const top = (alias: string) =>
      [...envs.get(alias)!.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    expect(top('prod')).toBe('prod');
    expect(top('staging')).toBe('staging');
    expect(top('dev')).toBe('dev');
  });

  it('keeps every seeded instance type in the catalog of valid types', () => {
    for (const spec of INSTANCE_TYPES) {
      expect(INSTANCE_TYPE_CATALOG.get(spec.type)).toMatchObject({
        architecture: spec.architecture,
        coreCount: spec.coreCount,
        threadsPerCore: spec.threadsPerCore,
      });
    }
  });
});
