import { describe, expect, it } from 'vitest';
import {
  linearScale,
  nearestIndex,
  niceBinaryCeiling,
  niceCeiling,
  plotSeries,
  summarize,
  unbrokenRuns,
} from './geometry';

const area = { x: 0, y: 0, width: 100, height: 50 };

describe('chart geometry', () => {
  it('breaks a line where a point is missing, and at values that are not numbers', () => {
    const series = {
      timestamps: [0, 60, 120, 300, 360, 420, 480],
      values: [1, 2, 3, 4, NaN, 6, 7],
    };
    expect(unbrokenRuns(series, 60)).toEqual([[0, 1, 2], [3], [5, 6]]);
  });

  it('keeps a run whole when the points are a period apart, with jitter', () => {
    const series = { timestamps: [0, 3600, 7250, 10800], values: [1, 1, 1, 1] };
    expect(unbrokenRuns(series, 3600)).toEqual([[0, 1, 2, 3]]);
  });

  it('draws a lone point as a dot and runs as paths, y growing downwards', () => {
    const plotted = plotSeries(
      { timestamps: [0, 10, 50, 100], values: [0, 100, 50, 50] },
      { area, start: 0, end: 100, yMax: 100, periodSeconds: 10 },
    );
    expect(plotted.paths).toEqual(['M0 50 L10 0']);
    expect(plotted.dots).toEqual([
      { x: 50, y: 25 },
      { x: 100, y: 25 },
    ]);
  });

  it('clamps values above the axis to its top instead of drawing outside the chart', () => {
    const plotted = plotSeries(
      { timestamps: [0, 10], values: [150, -5] },
      { area, start: 0, end: 10, yMax: 100, periodSeconds: 10 },
    );
    expect(plotted.paths).toEqual(['M0 0 L100 50']);
  });

  it('plots nothing for an empty series', () => {
    expect(
      plotSeries(
        { timestamps: [], values: [] },
        { area, start: 0, end: 10, yMax: 1, periodSeconds: 1 },
      ),
    ).toEqual({ paths: [], dots: [] });
  });

  it('rounds an axis top up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(21)).toBe(25);
    expect(niceCeiling(2000)).toBe(2000);
    expect(niceCeiling(1_300_000)).toBe(2_000_000);
  });

  it('rounds a byte axis in binary units', () => {
    const MiB = 1024 ** 2;
    expect(niceBinaryCeiling(190.7 * MiB)).toBe(200 * MiB);
    expect(niceBinaryCeiling(900)).toBe(1000);
    expect(niceBinaryCeiling(1.9 * MiB)).toBe(2 * MiB);
  });

  it('maps a zero-width domain to the middle of the range', () => {
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
    expect(linearScale([0, 10], [100, 0])(2.5)).toBe(75);
  });

  it('finds the point nearest in time, ties going to the earlier one', () => {
    const times = [0, 10, 20, 30];
    expect(nearestIndex(times, -5)).toBe(0);
    expect(nearestIndex(times, 14)).toBe(1);
    expect(nearestIndex(times, 15)).toBe(1);
    expect(nearestIndex(times, 16)).toBe(2);
    expect(nearestIndex(times, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBeNull();
  });

  it('summarises the finite values only', () => {
    expect(summarize([2, NaN, 4, 9])).toEqual({ count: 3, min: 2, max: 9, average: 5, latest: 9 });
    expect(summarize([])).toBeNull();
  });
});
