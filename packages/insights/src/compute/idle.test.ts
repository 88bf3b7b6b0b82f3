import { describe, expect, it } from 'vitest';
import { detectIdle } from './idle';
import { flat, hourly, NOW } from './testing/hourly';

/** Bytes per hour that add up to `mb` megabytes a day. */
const perDay = (mb: number) => (mb * 1_000_000) / 24;

describe('idle detection', () => {
  it('aws: peak CPU under 5 % and under 5 MB of traffic every day over 14 days', () => {
    const quiet = {
      cpuMax: flat(14, 2),
      networkIn: flat(14, perDay(2)),
      networkOut: flat(14, perDay(2.5)),
    };
    expect(detectIdle(quiet, NOW, 'aws')).toMatchObject({
      status: 'idle',
      evidence: { statistic: 'maximum', cpuValue: 2, busiestDayBytes: 4_500_000, coverage: 1 },
    });
    // One busy hour in two weeks is enough to be active: the rule takes the peak (P100).
    const oneHour = { ...quiet, cpuMax: hourly(14, (_d, _h, i) => (i === 200 ? 6 : 2)) };
    expect(detectIdle(oneHour, NOW, 'aws')).toMatchObject({
      status: 'active',
      evidence: { cpuValue: 6 },
    });
    // One day over 5 MB in and out together.
    const chatty = {
      ...quiet,
      networkOut: hourly(14, (day) => (day === 2 ? perDay(3.1) : perDay(2.5))),
    };
    expect(detectIdle(chatty, NOW, 'aws')).toMatchObject({
      status: 'active',
      evidence: { busiestDayBytes: 5_100_000 },
    });
  });

  it('azure-advisor: P95 of max CPU under 3 %, last 3 days average at most 2 %, 7 days', () => {
    // 5 % of hours at 10 % max CPU sit above P95's reach only if fewer than 5 % of points.
    const fewPeaks = hourly(7, (_d, _h, i) => (i % 25 === 0 ? 10 : 1));
    const series = { cpuMax: fewPeaks, cpu: flat(7, 0.8), networkOut: flat(7, perDay(1)) };
    expect(detectIdle(series, NOW, 'azure-advisor')).toMatchObject({
      status: 'idle',
      evidence: { cpuPercentile: 95, cpuValue: 1, recentAverageMax: 0.8, lookbackDays: 7 },
    });
    const recentWork = { ...series, cpu: hourly(7, (day) => (day === 6 ? 2.5 : 0.8)) };
    expect(detectIdle(recentWork, NOW, 'azure-advisor')).toMatchObject({
      status: 'active',
      evidence: { recentAverageMax: 2.5 },
    });
    // Inbound traffic does not count for Advisor, only outbound.
    expect(
      detectIdle({ ...series, networkIn: flat(7, perDay(500)) }, NOW, 'azure-advisor').status,
    ).toBe('idle');
  });

  it('does not judge a machine without enough CPU or traffic data', () => {
    expect(detectIdle({}, NOW, 'aws')).toMatchObject({ status: 'insufficient-data' });
    expect(detectIdle({ cpuMax: flat(14, 1) }, NOW, 'aws')).toMatchObject({
      status: 'insufficient-data',
      reason: 'no networkIn series',
    });
    const gappy = hourly(
      14,
      () => 1,
      (i) => i % 3 === 0,
    );
    expect(
      detectIdle({ cpuMax: gappy, networkIn: flat(14, 1), networkOut: flat(14, 1) }, NOW, 'aws'),
    ).toMatchObject({ status: 'insufficient-data' });
  });
});
