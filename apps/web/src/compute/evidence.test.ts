import { describe, expect, it } from 'vitest';
import { findEvidenceSeries, plainEvidence, readRightsizing } from './evidence';

/** Evidence as the rightsizing insight writes it. */
const rightsizing = {
  status: 'downsize',
  current: {
    type: 'm5.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    architecture: 'x86_64',
    monthlyPrice: 280.32,
  },
  recommended: {
    type: 'm5.large',
    vcpu: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    monthlyPrice: 70.08,
  },
  percentile: 99.5,
  headroom: 20,
  target: 80,
  demand: 12.4,
  daily: [
    { day: '2026-11-02', value: 11, points: 24 },
    { day: '2026-11-01', value: 12.4, points: 24 },
  ],
};

describe('finding evidence', () => {
  it('reads a rightsizing: current → recommended with their facts, percentile and headroom', () => {
    expect(readRightsizing(rightsizing)).toEqual({
      current: 'm5.2xlarge',
      recommended: 'm5.large',
      currentFacts: { vcpu: 8, memoryGiB: 32, monthlyPrice: 280.32 },
      recommendedFacts: { vcpu: 2, memoryGiB: 8, monthlyPrice: 70.08 },
      percentile: 99.5,
      headroom: 20,
      demand: 12.4,
    });
  });

  it('reads sizes given as names and fractions given as fractions', () => {
    const view = readRightsizing({
      currentType: 't3.large',
      recommendedType: 't3.small',
      headroom: 0.2,
    });
    expect(view).toMatchObject({ current: 't3.large', recommended: 't3.small', headroom: 20 });
    expect(readRightsizing({ current: 42, recommended: null })).toMatchObject({
      current: null,
      recommended: null,
      currentFacts: null,
    });
  });

  it('finds the daily series and puts it in time order', () => {
    const series = findEvidenceSeries(rightsizing);
    expect(series).toEqual({
      field: 'daily',
      timestamps: [Date.parse('2026-11-01') / 1000, Date.parse('2026-11-02') / 1000],
      values: [12.4, 11],
    });
  });

  it('finds column series and ignores arrays that are not series', () => {
    expect(
      findEvidenceSeries({ tags: ['a', 'b'], p: { timestamps: [20, 10], values: [2, 1] } }),
    ).toEqual({ field: 'p', timestamps: [10, 20], values: [1, 2] });
    expect(findEvidenceSeries({ rows: [{ name: 'x' }, { name: 'y' }] })).toBeNull();
    expect(findEvidenceSeries({ p: { timestamps: [1, 2], values: [1] } })).toBeNull();
  });

  it('lists scalar evidence and leaves series to the chart', () => {
    const keys = plainEvidence(rightsizing).map(([key]) => key);
    expect(keys).toContain('percentile');
    expect(keys).toContain('current');
    expect(keys).not.toContain('daily');
  });
});
