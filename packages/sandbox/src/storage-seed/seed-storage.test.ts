import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../prng';
import { creditCard, iban, luhnComplete, ssn } from './pii-values';
import { seedStorage } from './seed-storage';
import type { StorageSeedOptions } from './types';

const options: StorageSeedOptions = {
  seed: 42,
  now: Date.UTC(2026, 10, 1),
  awsAccounts: ['111111111111', '222222222222', '333333333333'],
  gcpProjects: ['ccx-sandbox-prod', 'ccx-sandbox-data'],
  azureAccounts: ['ccxsandboxprod', 'ccxsandboxdata'],
  awsRegions: ['us-east-1', 'eu-west-1'],
};

const digitsOf = (value: string) => value.replace(/\D/g, '');
const luhnValid = (digits: string) => luhnComplete(digits.slice(0, -1)) === digits;
function ibanValid(value: string): boolean {
  const compact = value.replace(/\s/g, '');
  const rearranged = `${compact.slice(4)}${compact.slice(0, 4)}`;
  const numeric = [...rearranged]
    .map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch))
    .join('');
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  return remainder === 1;
}

describe('seedStorage', () => {
  const estate = seedStorage(options);

  it('is deterministic for a seed and differs across seeds', () => {
    const again = seedStorage(options);
    expect(again.buckets.map((b) => [b.name, b.objects.length])).toEqual(
      estate.buckets.map((b) => [b.name, b.objects.length]),
    );
    const first = estate.buckets[0]?.objects[0];
    expect(again.buckets[0]?.objects[0]?.body().equals(first?.body() ?? Buffer.alloc(1))).toBe(
      true,
    );
    const other = seedStorage({ ...options, seed: 7 });
    expect(other.buckets.map((b) => b.name)).not.toEqual(estate.buckets.map((b) => b.name));
  });

  it('spreads thousands of objects over buckets of all three clouds', () => {
    const count = (provider: string) =>
      estate.buckets.filter((bucket) => bucket.provider === provider).length;
    expect([count('aws'), count('gcp'), count('azure')]).toEqual([10, 5, 4]);
    const total = estate.buckets.reduce((sum, bucket) => sum + bucket.objects.length, 0);
    expect(total).toBeGreaterThan(3000);
    for (const bucket of estate.buckets) {
      const keys = bucket.objects.map((object) => object.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const object of bucket.objects) {
        if (object.readRange) {
          expect(object.readRange(object.size - 3, object.size - 1).length).toBe(3);
          expect(() => object.body()).toThrow(RangeError);
        } else expect(object.body().length).toBe(object.size);
      }
    }
  });

  it('uses valid bucket names and the estate regions', () => {
    for (const bucket of estate.buckets) {
      if (bucket.provider === 'azure') expect(bucket.name).toMatch(/^[a-z0-9](-?[a-z0-9])+$/);
      else expect(bucket.name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
      if (bucket.provider === 'aws') expect(options.awsRegions).toContain(bucket.region);
    }
  });

  it('has a public bucket, an unencrypted one, one without versioning and one without logging', () => {
    const aws = estate.buckets.filter((bucket) => bucket.provider === 'aws');
    expect(aws.some((bucket) => bucket.public && !bucket.blockPublicAccess)).toBe(true);
    expect(aws.some((bucket) => !bucket.encrypted)).toBe(true);
    expect(aws.some((bucket) => !bucket.versioning)).toBe(true);
    expect(aws.some((bucket) => !bucket.logging)).toBe(true);
    expect(
      estate.buckets
        .filter((bucket) => bucket.public)
        .map((b) => b.provider)
        .sort(),
    ).toEqual(expect.arrayContaining(['aws', 'azure', 'gcp']));
  });

  it('plants valid PII and secrets exactly where it says', () => {
    const planted = estate.buckets.flatMap((bucket) =>
      bucket.objects.flatMap((object) => object.planted.map((value) => ({ object, value }))),
    );
    const types = new Set(planted.map(({ value }) => value.type));
    expect([...types].sort()).toEqual([
      'CREDIT_CARD',
      'EMAIL',
      'IBAN',
      'IP_ADDRESS',
      'PHONE_NUMBER',
      'SECRET',
      'US_SSN',
    ]);
    for (const { object, value } of planted) {
      const raw = object.body();
      const text = object.key.endsWith('.gz')
        ? gunzipSync(raw).toString('utf8')
        : raw.toString('utf8');
      expect(text).toContain(value.value);
      if (value.type === 'CREDIT_CARD') expect(luhnValid(digitsOf(value.value))).toBe(true);
      if (value.type === 'IBAN') expect(ibanValid(value.value)).toBe(true);
      if (value.type === 'SECRET') expect(value.ruleId).toBeTruthy();
    }
  });

  it('keeps hostile keys verbatim, without traversal segments on Azure', () => {
    const keys = estate.buckets.flatMap((bucket) =>
      bucket.objects.map((object) => [bucket.provider, object.key]),
    );
    expect(keys).toContainEqual(['aws', 'reports/<img src=x onerror=alert(1)>.txt']);
    expect(keys).toContainEqual(['gcp', 'weird/../../etc/passwd']);
    expect(keys.filter(([provider, key]) => provider === 'azure' && key?.includes('..'))).toEqual(
      [],
    );
  });

  it('leaves old data in the hot class for tiering to find', () => {
    const lake = estate.buckets.find(
      (bucket) => bucket.provider === 'aws' && bucket.name.includes('data-lake'),
    );
    const old =
      lake?.objects.filter(
        (object) => Date.parse(object.lastModified) < options.now - 365 * 86_400_000,
      ) ?? [];
    expect(old.filter((object) => object.storageClass === 'STANDARD').length).toBeGreaterThan(50);
  });

  it('scales the object count down for fast tests', () => {
    const small = seedStorage({ ...options, scale: 0.05 });
    const total = small.buckets.reduce((sum, bucket) => sum + bucket.objects.length, 0);
    expect(total).toBeLessThan(500);
  });
});

describe('PII value generators', () => {
  it('generate values that pass their validators', () => {
    const prng = createPrng(3);
    for (let i = 0; i < 200; i++) {
      expect(luhnValid(digitsOf(creditCard(prng)))).toBe(true);
      expect(ibanValid(iban(prng))).toBe(true);
      const [area, group, serial] = ssn(prng).split('-').map(Number);
      expect(area).not.toBe(0);
      expect(area).not.toBe(666);
      expect(area).toBeLessThan(900);
      expect(group).toBeGreaterThan(0);
      expect(serial).toBeGreaterThan(0);
    }
  });
});
