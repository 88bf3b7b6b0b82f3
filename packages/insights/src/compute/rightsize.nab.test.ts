import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rightsize } from './rightsize';
import type { Series } from './series';

/**
 * Rightsizing on real CloudWatch CPU (NAB realAWSCloudwatch, 5-minute averages over 14 days;
 * see fixtures/README.md). Expected percentiles are computed here by a separate, deliberately
 * plain routine, and the key figures are also written down as checked by hand with NumPy's
 * default percentile, so a change in the module's percentile cannot move both sides at once.
 */
function load(name: string): Series {
  const text = readFileSync(
    new URL(`./fixtures/ec2_cpu_utilization_${name}.csv`, import.meta.url),
    'utf8',
  );
  const timestamps: number[] = [];
  const values: number[] = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const [stamp, value] = line.split(',');
    timestamps.push(Date.parse(`${stamp!.replace(' ', 'T')}Z`) / 1000);
    values.push(Number(value));
  }
  return { timestamps, values, periodSeconds: 300 };
}

/** Sorted copy; position p/100 × (n − 1); blend the two neighbours. */
function independentPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const below = sorted[Math.floor(position)]!;
  const above = sorted[Math.min(sorted.length - 1, Math.floor(position) + 1)]!;
  return below + (above - below) * (position - Math.floor(position));
}

/** Right after the last point, so the 14-day lookback holds the whole file. */
const endOf = (series: Series) =>
  new Date((series.timestamps[series.timestamps.length - 1]! + series.periodSeconds) * 1000);

const aws = (size: string, series: Series, extra: Partial<Parameters<typeof rightsize>[0]> = {}) =>
  rightsize({
    provider: 'aws',
    region: 'us-east-1',
    size,
    cpu: series,
    now: endOf(series),
    ...extra,
  });

describe('rightsizing on real EC2 CPU series', () => {
  it('keeps a busy m5.2xlarge: P99.5 of 54.0 % needs 5.4 of its 8 vCPU', () => {
    const series = load('5f5533');
    const p995 = independentPercentile(series.values, 99.5);
    expect(p995).toBeCloseTo(54.03, 2);
    const result = aws('m5.2xlarge', series);
    expect(result).toMatchObject({
      status: 'optimized',
      recommended: null,
      confidence: 'high',
      evidence: {
        statistic: 'average',
        percentile: 99.5,
        headroom: 20,
        target: 80,
        points: 4032,
        coverage: 1,
      },
    });
    if (!('evidence' in result)) throw new Error('no evidence');
    expect(result.evidence.demand).toBeCloseTo(p995, 3);
    expect(result.evidence.requiredVcpu).toBeCloseTo((8 * p995) / 80, 3);
    expect(result.evidence.daily).toHaveLength(15);
  });

  it('moves an m5.2xlarge at 2 % to the cheapest size that keeps its 32 GiB', () => {
    const series = load('53ea38');
    expect(independentPercentile(series.values, 99.5)).toBeCloseTo(2.194, 3);
    // Memory kept: r5.xlarge and r6i.xlarge (4 vCPU, 32 GiB) tie at 0.252; the newer wins.
    expect(aws('m5.2xlarge', series)).toMatchObject({
      status: 'downsize',
      current: { type: 'm5.2xlarge', monthlyPrice: 280.32 },
      recommended: { type: 'r6i.xlarge', vcpu: 4, memoryGiB: 32, monthlyPrice: 183.96 },
      monthlySaving: 96.36,
    });
    // Memory may shrink: the cheapest non-burstable x86 size with 2 vCPU.
    expect(
      aws('m5.2xlarge', series, { policy: { percentile: 99.5, headroom: 20, shrinkMemory: true } }),
    ).toMatchObject({
      status: 'downsize',
      recommended: { type: 'c6i.large', monthlyPrice: 62.05 },
      monthlySaving: 218.27,
    });
    // Graviton allowed, memory kept: r6g.xlarge at 0.2016.
    expect(
      aws('m5.2xlarge', series, {
        policy: { percentile: 99.5, headroom: 20, allowGraviton: true },
      }),
    ).toMatchObject({
      recommended: { type: 'r6g.xlarge', architecture: 'arm64' },
      monthlySaving: 133.15,
    });
  });

  it('reads the hourly maximum when given and reports which statistic it used', () => {
    const fiveMinute = load('53ea38');
    const now = endOf(fiveMinute);
    const start = now.getTime() / 1000 - 14 * 86_400;
    const byHour = new Map<number, number>();
    fiveMinute.timestamps.forEach((at, i) => {
      const hour = Math.floor(at / 3600) * 3600;
      byHour.set(hour, Math.max(byHour.get(hour) ?? -Infinity, fiveMinute.values[i]!));
    });
    const hours = [...byHour.keys()].sort((a, b) => a - b);
    const cpuMax: Series = {
      timestamps: hours,
      values: hours.map((h) => byHour.get(h)!),
      periodSeconds: 3600,
    };
    const inWindow = hours.filter((h) => h >= start).map((h) => byHour.get(h)!);
    expect(inWindow).toHaveLength(336);
    const result = rightsize({
      provider: 'aws',
      region: 'us-east-1',
      size: 'm5.2xlarge',
      cpuMax,
      cpu: fiveMinute,
      now,
    });
    if (!('evidence' in result)) throw new Error('no evidence');
    expect(result.evidence.statistic).toBe('maximum');
    expect(result.evidence.points).toBe(336);
    expect(result.evidence.demand).toBeCloseTo(independentPercentile(inWindow, 99.5), 3);
    expect(result.evidence.demand).toBeGreaterThan(2.194);
  });

  it('advises an upsize, not a saving, for an m5.large near 97 %', () => {
    const series = load('825cc2');
    const p995 = independentPercentile(series.values, 99.5);
    expect(p995).toBeCloseTo(97.584, 3);
    // 2 × 97.6 / 80 = 2.44 vCPU: the cheapest 4-vCPU size with at least 8 GiB is c6i.xlarge.
    expect(aws('m5.large', series)).toMatchObject({
      status: 'upsize',
      recommended: { type: 'c6i.xlarge', vcpu: 4 },
      monthlySaving: 0,
      costIncrease: 54.02,
    });
  });

  it('lets the preset decide for a spiky machine (P99.5 68 %, P95 29 %, P90 6 %)', () => {
    const series = load('fe7f93');
    expect(independentPercentile(series.values, 99.5)).toBeCloseTo(68.129, 3);
    expect(independentPercentile(series.values, 95)).toBeCloseTo(28.759, 3);
    expect(independentPercentile(series.values, 90)).toBeCloseTo(5.722, 3);
    expect(independentPercentile(series.values, 99.9)).toBeCloseTo(79.076, 3);
    expect(aws('m5.xlarge', series).status).toBe('optimized');
    for (const policy of ['balanced', 'cost'] as const)
      expect(aws('m5.xlarge', series, { policy })).toMatchObject({
        status: 'downsize',
        recommended: { type: 'r6i.large', vcpu: 2, memoryGiB: 16 },
        monthlySaving: 48.18,
      });
    // 4 × 79.1 / 70 = 4.5 vCPU: an upsize to 8 vCPU with at least 16 GiB.
    expect(aws('m5.xlarge', series, { policy: 'performance' })).toMatchObject({
      status: 'upsize',
      recommended: { type: 'c6i.2xlarge' },
      costIncrease: 108.04,
    });
  });

  it('keeps a burstable machine burstable, within its architecture', () => {
    const series = load('24ae8d');
    expect(independentPercentile(series.values, 99.5)).toBeCloseTo(0.266, 3);
    expect(aws('t3.large', series)).toMatchObject({
      status: 'downsize',
      recommended: { type: 't3a.large', memoryGiB: 8 },
      monthlySaving: 5.84,
    });
  });
});
