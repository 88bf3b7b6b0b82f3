import { describe, expect, it } from 'vitest';
import type { StoragePriceTable } from './prices';
import { STORAGE_PRICES, storagePriceTableSchema } from './prices';
import { tieringAdvice } from './tiering';

const GIB = 1024 ** 3;
const cls = (
  p: number,
  extra: Partial<StoragePriceTable['providers']['aws']['classes'][string]> = {},
) => ({
  storagePerGbMonth: p,
  minStorageDays: 0,
  minAgeDays: 0,
  minBillableBytes: 0,
  retrievalPerGb: 0,
  transitionPer1000: 0,
  tieringTarget: true,
  confirmed: true,
  unconfirmed: [],
  ...extra,
});

/** Round numbers so every expectation below is computed by hand in its comment. */
const table: StoragePriceTable = {
  ...STORAGE_PRICES,
  providers: {
    ...STORAGE_PRICES.providers,
    aws: {
      region: 'test',
      source: 'https://example.com/prices',
      sources: [{ url: 'https://example.com/prices', date: 'undated', covers: 'round numbers' }],
      defaultClass: 'STANDARD',
      classes: {
        STANDARD: cls(0.02),
        IA: cls(0.01, {
          minStorageDays: 30,
          minAgeDays: 30,
          retrievalPerGb: 0.01,
          transitionPer1000: 0.01,
        }),
        ARCH: cls(0.001, {
          minStorageDays: 180,
          minAgeDays: 180,
          retrievalPerGb: 0.1,
          transitionPer1000: 0.05,
        }),
      },
    },
  },
};

describe('tieringAdvice', () => {
  it('moves each age band to the class that saves most once it is past the break-even', () => {
    const advice = tieringAdvice(
      'aws',
      {
        classes: [
          {
            storageClass: null,
            ages: [
              // Too young for any colder class.
              { minAgeDays: 0, objects: 1000, bytes: 100 * GIB },
              // IA: 100×0.02 − 100×0.01 − 100×1%×0.01 = 0.99; ARCH needs 180 days.
              { minAgeDays: 30, objects: 1000, bytes: 100 * GIB },
              // IA: 1.98; ARCH: 200×0.02 − 200×0.001 − 200×1%×0.1 = 3.6 (wins); 2000/1000×0.05 = 0.1 once.
              { minAgeDays: 180, objects: 2000, bytes: 200 * GIB },
            ],
          },
        ],
      },
      table,
    );
    expect(advice.recommendations).toEqual([
      {
        fromClass: 'STANDARD',
        toClass: 'ARCH',
        bytes: 200 * GIB,
        objects: 2000,
        minAgeDays: 180,
        reason: expect.stringContaining('unmodified for 180+ days') as string,
        monthlySaving: { amount: 3.6, currency: 'USD' },
        oneTimeCost: { amount: 0.1, currency: 'USD' },
      },
      {
        fromClass: 'STANDARD',
        toClass: 'IA',
        bytes: 100 * GIB,
        objects: 1000,
        minAgeDays: 30,
        reason: expect.stringContaining('IA stores a GB-month for 0.01 USD') as string,
        monthlySaving: { amount: 0.99, currency: 'USD' },
        oneTimeCost: { amount: 0.01, currency: 'USD' },
      },
    ]);
    expect(advice.estimatedMonthlySaving).toEqual({ amount: 4.59, currency: 'USD' });
  });

  it('adds bands with the same move together and leaves classes it has no price for', () => {
    const advice = tieringAdvice(
      'aws',
      {
        classes: [
          {
            storageClass: 'STANDARD',
            ages: [
              { minAgeDays: 30, objects: 10, bytes: 10 * GIB },
              { minAgeDays: 90, objects: 10, bytes: 10 * GIB },
            ],
          },
          {
            storageClass: 'REDUCED_REDUNDANCY',
            ages: [{ minAgeDays: 400, objects: 1, bytes: GIB }],
          },
        ],
      },
      table,
      { monthlyReadFraction: 0 },
    );
    // Per band 10×(0.02 − 0.01) = 0.1; two bands 0.2; 20 transitions × 0.01/1000 = 0.0002.
    expect(advice.recommendations).toHaveLength(1);
    expect(advice.recommendations[0]).toMatchObject({
      toClass: 'IA',
      objects: 20,
      minAgeDays: 30,
      monthlySaving: { amount: 0.2 },
      oneTimeCost: { amount: 0.0002 },
    });
  });

  it('keeps tiny objects where the minimum billable size eats the saving', () => {
    const tiny: StoragePriceTable = structuredClone(table);
    tiny.providers.aws.classes.IA = cls(0.01, { minAgeDays: 30, minBillableBytes: 128 * 1024 });
    // A million 1 KiB objects: stored 0.98 GiB, billed in IA as 122 GiB → costs more.
    const advice = tieringAdvice(
      'aws',
      {
        classes: [
          {
            storageClass: 'STANDARD',
            ages: [{ minAgeDays: 90, objects: 1_000_000, bytes: 1_000_000 * 1024 }],
          },
        ],
      },
      tiny,
    );
    expect(advice.recommendations).toEqual([]);
    expect(advice.estimatedMonthlySaving.amount).toBe(0);
  });

  it('waits until the saving repays the transition requests', () => {
    // 1 GiB in a million objects: IA saves 0.0099 a month, the transitions cost 10 once:
    // break-even after 10 / 0.0099 × 30 ≈ 30,303 days, far older than the band.
    const advice = tieringAdvice(
      'aws',
      {
        classes: [
          { storageClass: 'STANDARD', ages: [{ minAgeDays: 365, objects: 1_000_000, bytes: GIB }] },
        ],
      },
      table,
    );
    expect(advice.recommendations.map((r) => r.toClass)).toEqual([]);
  });

  it('prices a year-old TiB of S3 Standard with the bundled us-east-1 table', () => {
    // DEEP_ARCHIVE: 1024×0.023 − 1024×0.00099 − 1024×1%×0.02 = 22.33344 (GLACIER 19.7632).
    const advice = tieringAdvice('aws', {
      classes: [
        { storageClass: 'STANDARD', ages: [{ minAgeDays: 365, objects: 1000, bytes: 1024 * GIB }] },
      ],
    });
    expect(advice.recommendations.map((r) => [r.toClass, r.monthlySaving.amount])).toEqual([
      ['DEEP_ARCHIVE', 22.3334],
    ]);
    expect(STORAGE_PRICES.providers.gcp.defaultClass).toBe('STANDARD');
    expect(STORAGE_PRICES.providers.azure.classes.Cool?.minStorageDays).toBe(30);
  });

  it('never advises a class the table marks as no tiering target', () => {
    const oneZone: StoragePriceTable = structuredClone(table);
    // Cheaper than IA with the same rules, but one copy in one zone.
    oneZone.providers.aws.classes.ONE_ZONE = cls(0.008, { tieringTarget: false });
    const advice = tieringAdvice(
      'aws',
      {
        classes: [
          { storageClass: 'STANDARD', ages: [{ minAgeDays: 30, objects: 10, bytes: 10 * GIB }] },
        ],
      },
      oneZone,
    );
    expect(advice.recommendations.map((r) => r.toClass)).toEqual(['IA']);
    // Objects already there are still priced: 10×(0.008 − 0.001) − 10×1%×0.1 = 0.06 into ARCH.
    const from = tieringAdvice(
      'aws',
      {
        classes: [
          { storageClass: 'ONE_ZONE', ages: [{ minAgeDays: 180, objects: 10, bytes: 10 * GIB }] },
        ],
      },
      oneZone,
    );
    expect(from.recommendations.map((r) => [r.toClass, r.monthlySaving.amount])).toEqual([
      ['ARCH', 0.06],
    ]);
  });

  it('prices a year-old TiB of Azure Hot with the bundled East US table', () => {
    // Archive: 1024×0.0208 − 1024×0.00099 − 1024×1%×0.02 = 20.08064 (Cold: 17.3056).
    const advice = tieringAdvice('azure', {
      classes: [
        { storageClass: null, ages: [{ minAgeDays: 365, objects: 1000, bytes: 1024 * GIB }] },
      ],
    });
    expect(advice.recommendations.map((r) => [r.toClass, r.monthlySaving.amount])).toEqual([
      ['Archive', 20.0806],
    ]);
  });

  it('bundles a table whose every class is confirmed or names what is not', () => {
    for (const provider of Object.values(STORAGE_PRICES.providers)) {
      expect(provider.sources.length).toBeGreaterThan(0);
      for (const price of Object.values(provider.classes)) {
        expect(price.confirmed).toBe(price.unconfirmed.length === 0);
      }
    }
    expect(STORAGE_PRICES.providers.aws.classes.ONEZONE_IA?.tieringTarget).toBe(false);
    const bad = structuredClone(STORAGE_PRICES) as Record<string, unknown>;
    const aws = (bad.providers as StoragePriceTable['providers']).aws;
    aws.classes.STANDARD = { ...aws.classes.STANDARD!, confirmed: false, unconfirmed: [] };
    expect(storagePriceTableSchema.safeParse(bad).success).toBe(false);
  });
});
