import { describe, expect, it } from 'vitest';
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
});
