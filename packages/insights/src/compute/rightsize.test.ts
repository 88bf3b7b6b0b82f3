import { describe, expect, it } from 'vitest';
import { rightsize } from './rightsize';
import type { Series } from './series';
import { flat, hourly, NOW } from './testing/hourly';

const aws = (size: string, cpuMax: Series, policy?: Parameters<typeof rightsize>[0]['policy']) =>
  rightsize({ provider: 'aws', region: 'us-east-1', size, cpuMax, now: NOW, policy });

describe('rightsize on constructed series', () => {
  it('sizes a flat load: 10 % of 4 vCPU needs 0.5 vCPU, memory kept at 16 GiB', () => {
    expect(aws('m5.xlarge', flat(14, 10))).toMatchObject({
      status: 'downsize',
      recommended: { type: 'r6i.large', memoryGiB: 16 },
      evidence: { demand: 10, requiredVcpu: 0.5, target: 80, points: 336, coverage: 1 },
      confidence: 'high',
    });
    expect(
      aws('m5.xlarge', flat(14, 10), { percentile: 99.5, headroom: 20, shrinkMemory: true }),
    ).toMatchObject({
      recommended: { type: 'c6i.large', memoryGiB: 4 },
    });
  });

  it('treats a load above target as under-provisioned', () => {
    const result = aws('m5.large', flat(14, 90));
    expect(result).toMatchObject({ status: 'upsize', recommended: { vcpu: 4 }, monthlySaving: 0 });
    if (result.status !== 'upsize') throw new Error(result.status);
    expect(result.costIncrease).toBeGreaterThan(0);
  });

  it('follows the daily peak of a cycle with P99.5, and the base with P90', () => {
    // Two hours a day at 60 %, the rest at 20 %: 8.3 % of points are the peak.
    const cycle = hourly(14, (_day, hour) => (hour === 13 || hour === 14 ? 60 : 20));
    const peak = aws('m5.xlarge', cycle);
    expect(peak).toMatchObject({ status: 'optimized', evidence: { demand: 60, requiredVcpu: 3 } });
    if (!('evidence' in peak)) throw new Error('no evidence');
    expect(peak.evidence.daily).toHaveLength(14);
    expect(peak.evidence.daily.every((day) => day.value === 60 && day.points === 24)).toBe(true);
    expect(aws('m5.xlarge', cycle, 'cost')).toMatchObject({
      status: 'downsize',
      evidence: { demand: 20, percentile: 90, headroom: 10 },
      recommended: { type: 'r6i.large' },
    });
  });

  it('ignores one spike in 336 hours at P99.5 but not at P99.9', () => {
    const spiky = hourly(14, (_d, _h, index) => (index === 100 ? 100 : 5));
    expect(aws('m5.xlarge', spiky)).toMatchObject({ evidence: { demand: 5 } });
    const performance = aws('m5.xlarge', spiky, 'performance');
    if (!('evidence' in performance)) throw new Error('no evidence');
    expect(performance.evidence.demand).toBeGreaterThan(5);
  });

  it('refuses to judge on too little data', () => {
    // Every other hour missing: 50 % coverage.
    expect(
      aws(
        'm5.xlarge',
        hourly(
          14,
          () => 10,
          (i) => i % 2 === 0,
        ),
      ),
    ).toMatchObject({
      status: 'insufficient-data',
      coverage: 0.5,
    });
    // Full coverage of a short lookback is not enough either: 24 hours < 30.
    expect(
      rightsize({
        provider: 'aws',
        region: 'us-east-1',
        size: 'm5.xlarge',
        cpu: flat(1, 10),
        now: NOW,
        lookbackDays: 1,
      }),
    ).toMatchObject({ status: 'insufficient-data', hours: 24 });
    expect(
      rightsize({ provider: 'aws', region: 'us-east-1', size: 'm5.xlarge', now: NOW }),
    ).toMatchObject({
      status: 'insufficient-data',
      points: 0,
    });
    // 85 % coverage passes, with medium confidence.
    expect(
      aws(
        'm5.xlarge',
        hourly(
          14,
          () => 10,
          (i) => i % 7 === 0,
        ),
      ),
    ).toMatchObject({
      status: 'downsize',
      confidence: 'medium',
    });
  });

  it('says what it does not know: a size or region outside the catalog', () => {
    expect(aws('x2gd.metal', flat(14, 10))).toMatchObject({ status: 'unknown-size' });
    expect(
      rightsize({
        provider: 'aws',
        region: 'mars-north-1',
        size: 'm5.large',
        cpuMax: flat(14, 10),
        now: NOW,
      }),
    ).toMatchObject({ status: 'unpriced-region' });
  });

  it('prices Azure sizes case-insensitively, in the VM region', () => {
    const result = rightsize({
      provider: 'azure',
      region: 'westeurope',
      size: 'standard_d8s_v5',
      cpuMax: flat(14, 5),
      now: NOW,
    });
    expect(result).toMatchObject({
      status: 'downsize',
      current: { type: 'Standard_D8s_v5' },
      recommended: { type: 'Standard_E4s_v5', memoryGiB: 32 },
      evidence: { priceDerived: true },
    });
  });

  it('rejects an invalid custom policy or preset', () => {
    expect(() => aws('m5.large', flat(14, 1), { percentile: 0, headroom: 20 })).toThrow(RangeError);
    expect(() => aws('m5.large', flat(14, 1), { percentile: 95, headroom: 95 })).toThrow(
      RangeError,
    );
    // @ts-expect-error: not a preset
    expect(() => aws('m5.large', flat(14, 1), 'thrifty')).toThrow(RangeError);
  });
});
