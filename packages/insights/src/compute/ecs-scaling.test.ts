import { describe, expect, it } from 'vitest';
import { ecsScaling } from './ecs-scaling';
import { flat, hourly, NOW } from './testing/hourly';

describe('ECS target-tracking arithmetic', () => {
  it('scales out to ⌈current × P95 / target⌉', () => {
    expect(ecsScaling(4, { cpu: flat(2, 90) }, { now: NOW })).toMatchObject({
      status: 'scale-out',
      desired: 6,
      metrics: [{ metric: 'cpu', p95: 90, target: 70, scaleOutTo: 6, points: 24 }],
    });
  });

  it('scales in only as far as the window peak allows', () => {
    // P95 35 % would give 2 tasks, but the peak hour at 40 % needs ⌈4 × 40 / 70⌉ = 3.
    const load = hourly(2, (_d, _h, i) => (i === 40 ? 40 : 35));
    expect(ecsScaling(4, { cpu: load }, { now: NOW })).toMatchObject({
      status: 'scale-in',
      desired: 3,
      metrics: [{ scaleOutTo: 2, scaleInTo: 3, peak: 40 }],
    });
    // Exact ratios do not round up: 4 × 35 / 70 = 2.
    expect(ecsScaling(4, { cpu: flat(1, 35) }, { now: NOW })).toMatchObject({ desired: 2 });
  });

  it('scales out if any metric asks, in only if all agree', () => {
    expect(ecsScaling(4, { cpu: flat(1, 20), memory: flat(1, 95) }, { now: NOW })).toMatchObject({
      status: 'scale-out',
      desired: 6,
    });
    expect(ecsScaling(4, { cpu: flat(1, 20), memory: flat(1, 65) }, { now: NOW })).toMatchObject({
      status: 'hold',
      desired: 4,
    });
  });

  it('stays within min and max capacity, with targets of its own', () => {
    expect(ecsScaling(4, { cpu: flat(1, 90) }, { now: NOW, maxCapacity: 5 })).toMatchObject({
      desired: 5,
    });
    expect(ecsScaling(4, { cpu: flat(1, 5) }, { now: NOW, minCapacity: 2 })).toMatchObject({
      desired: 2,
    });
    expect(ecsScaling(4, { cpu: flat(1, 50) }, { now: NOW, targets: { cpu: 40 } })).toMatchObject({
      desired: 5,
    });
  });

  it('judges nothing without tasks or recent points', () => {
    expect(ecsScaling(0, { cpu: flat(1, 90) }, { now: NOW }).status).toBe('insufficient-data');
    // 8 points in the last day: under the 12 a judgement needs.
    const sparse = hourly(
      1,
      () => 90,
      (i) => i % 3 !== 0,
    );
    expect(ecsScaling(3, { cpu: sparse }, { now: NOW }).status).toBe('insufficient-data');
  });
});
