import { tieringAdvice, type TieringClassInput } from '@ccx/insights';
import { describe, expect, it } from 'vitest';
import { seedStorage } from './seed-storage';
import type { SeedBucket } from './types';

const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;
/** The age bands bucket statistics measure (days since modification), youngest edge first. */
const BAND_STARTS = [0, 30, 90, 180, 365] as const;

const now = Date.UTC(2025, 10, 1);
const estate = seedStorage({
  seed: 42,
  now,
  awsAccounts: ['111111111111', '222222222222', '333333333333'],
  gcpProjects: ['ccx-sandbox-prod', 'ccx-sandbox-data'],
  azureAccounts: ['ccxsandboxprod', 'ccxsandboxlake'],
});

/** A bucket's per-class age histogram, as bucket statistics would list it. */
function statsOf(bucket: SeedBucket): { classes: TieringClassInput[] } {
  const classes = new Map<string, { minAgeDays: number; objects: number; bytes: number }[]>();
  for (const object of bucket.objects) {
    const age = (now - Date.parse(object.lastModified)) / DAY_MS;
    const bands =
      classes.get(object.storageClass) ??
      BAND_STARTS.map((minAgeDays) => ({ minAgeDays, objects: 0, bytes: 0 }));
    classes.set(object.storageClass, bands);
    const band = bands.findLast((b) => age >= b.minAgeDays);
    if (band) {
      band.objects += 1;
      band.bytes += object.size;
    }
  }
  return { classes: [...classes].map(([storageClass, ages]) => ({ storageClass, ages })) };
}

const bytesOf = (bucket: SeedBucket) => bucket.objects.reduce((sum, o) => sum + o.size, 0);

describe('large objects in the seeded data lakes', () => {
  const lakes = estate.buckets.filter((b) => b.tags.purpose === 'data-lake');

  it('hold hundreds of GiB on S3 and GCS, and only small files on Azure', () => {
    for (const lake of lakes.filter((b) => b.provider !== 'azure'))
      expect(bytesOf(lake) / GIB).toBeGreaterThan(100);
    const azure = lakes.filter((b) => b.provider === 'azure');
    expect(azure.length).toBeGreaterThan(0);
    for (const lake of azure) {
      expect(lake.objects.some((o) => o.readRange)).toBe(false);
      expect(bytesOf(lake)).toBeLessThan(100 * 1024 ** 2);
    }
  });

  it('make tiering advice for each AWS data lake save more than $1 a month', () => {
    const aws = lakes.filter((b) => b.provider === 'aws');
    expect(aws.length).toBeGreaterThan(0);
    for (const lake of aws) {
      const advice = tieringAdvice('aws', statsOf(lake));
      expect(advice.estimatedMonthlySaving.amount).toBeGreaterThan(1);
      expect(advice.recommendations.some((r) => r.fromClass === 'STANDARD')).toBe(true);
      for (const rec of advice.recommendations)
        expect(rec.monthlySaving.amount).toBeGreaterThan(rec.oneTimeCost.amount / 12);
    }
  });
});
