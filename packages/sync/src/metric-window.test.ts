import { resourceUid, type ResourceRef } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { metricWindow, planMetricFetches, type MetricTarget } from './metric-window';

const HOUR = 3600;
const DAYS_14 = 14 * 86_400;

function targets(count: number): MetricTarget[] {
  return Array.from({ length: count }, (_, i) => {
    const ref: ResourceRef = {
      provider: 'aws',
      account: '111111111111',
      region: 'us-east-1',
      type: 'ec2.instance',
      id: `i-${i}`,
    };
    return { ref, uid: resourceUid(ref) };
  });
}

describe('metric fetch windows', () => {
  const window = metricWindow(new Date('2026-11-26T03:41:15Z'));

  it('ends at the start of the current hour and keeps 14 days before it', () => {
    expect(new Date(window.end * 1000).toISOString()).toBe('2026-11-26T03:00:00.000Z');
    expect(window.end - window.keepAfter).toBe(DAYS_14);
  });

  it('fetches the whole window for resources with nothing stored, in one fetch', () => {
    const all = targets(3);
    expect(planMetricFetches(all, new Map(), window)).toEqual([
      { targets: all, start: window.keepAfter },
    ]);
  });

  it('starts at the oldest newest-stored point, refetching it, and skips what is up to date', () => {
    const all = targets(3);
    const latest = new Map([
      [all[0]!.uid, window.end - 2 * HOUR],
      [all[1]!.uid, window.end - 3 * HOUR],
      [all[2]!.uid, window.end],
    ]);
    expect(planMetricFetches(all, latest, window)).toEqual([
      { targets: [all[1], all[0]], start: window.end - 3 * HOUR },
    ]);
    // A point stored before the window counts from the window's start.
    expect(planMetricFetches(all.slice(0, 1), new Map([[all[0]!.uid, 0]]), window)).toEqual([
      { targets: all.slice(0, 1), start: window.keepAfter },
    ]);
  });

  it('splits off resources that need the whole window when that saves most of the points', () => {
    const all = targets(100);
    const latest = new Map(all.slice(0, 95).map((t) => [t.uid, window.end - HOUR]));
    const fetches = planMetricFetches(all, latest, window);
    expect(fetches).toEqual([
      { targets: all.slice(95), start: window.keepAfter },
      { targets: all.slice(0, 95), start: window.end - HOUR },
    ]);
  });

  it('keeps one fetch when a split would save little', () => {
    const all = targets(10);
    // Half need the whole window, half need 13 days of it: a split saves under half.
    const latest = new Map(all.slice(0, 5).map((t) => [t.uid, window.keepAfter + 86_400]));
    expect(planMetricFetches(all, latest, window)).toHaveLength(1);
  });
});
