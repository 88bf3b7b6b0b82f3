import { describe, expect, it } from 'vitest';
import {
  PROFILE_KINDS,
  PROFILE_WEIGHTS,
  profileMix,
  profileOf,
  SANDBOX_METRICS,
  syntheticValue,
  type MetricProfile,
  type ProfileKind,
} from './model';

const SEED = 42;
const HOUR = 3600;
/** A Monday, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 10, 2) / 1000;

function keys(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `i-${(0x1000 + i).toString(16).padStart(17, '0')}`,
  );
}

function profilesOfKind(kind: ProfileKind, count: number): MetricProfile[] {
  const found: MetricProfile[] = [];
  for (const key of keys(20_000)) {
    const profile = profileOf(key, SEED, { env: 'staging' });
    if (profile.kind === kind) found.push(profile);
    if (found.length === count) break;
  }
  return found;
}

function hourlyCpu(profile: MetricProfile, hours: number, from = MONDAY): number[] {
  return Array.from({ length: hours }, (_, h) =>
    syntheticValue(profile, 'cpu', from + h * HOUR, HOUR),
  );
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

describe('metric profiles', () => {
  it('are a pure function of key, seed and tags', () => {
    expect(profileOf('i-0abc', SEED)).toEqual(profileOf('i-0abc', SEED));
    const others = keys(50).map((key) => profileOf(key, SEED + 1).hash);
    expect(new Set(others).size).toBe(50);
    expect(profileOf('i-0abc', SEED).hash).not.toBe(profileOf('i-0abc', SEED + 1).hash);
  });

  it('mix kinds close to their weights, with office hours more common outside production', () => {
    const sample = keys(6000);
    const production = profileMix(
      sample.map((key) => ({ key, tags: { env: 'prod' } })),
      SEED,
    );
    const staging = profileMix(
      sample.map((key) => ({ key, tags: { Environment: 'Staging' } })),
      SEED,
    );
    const total = (weights: Record<ProfileKind, number>): number =>
      PROFILE_KINDS.reduce((sum, kind) => sum + weights[kind], 0);
    for (const kind of PROFILE_KINDS) {
      const expected = PROFILE_WEIGHTS.production[kind] / total(PROFILE_WEIGHTS.production);
      expect(Math.abs(production[kind] - expected)).toBeLessThan(0.025);
    }
    expect(staging.business).toBeGreaterThan(production.business * 3);
    expect(profileMix([], SEED).idle).toBe(0);
  });
});

describe('synthetic values', () => {
  it('are deterministic in key, seed and time', () => {
    const a = profileOf('i-0123', SEED);
    const b = profileOf('i-0123', SEED);
    for (const metric of SANDBOX_METRICS) {
      expect(syntheticValue(a, metric, MONDAY + 1234 * 60, 300)).toBe(
        syntheticValue(b, metric, MONDAY + 1234 * 60, 300),
      );
    }
    expect(syntheticValue(a, 'cpu', MONDAY, HOUR)).not.toBe(
      syntheticValue(profileOf('i-0123', SEED + 1), 'cpu', MONDAY, HOUR),
    );
  });

  it('keep each kind in its CPU band', () => {
    const bands: Record<ProfileKind, [number, number]> = {
      idle: [0.3, 2.5],
      low: [3, 17],
      business: [0.5, 85],
      steady: [20, 60],
      hot: [60, 99],
      bursty: [1, 99],
    };
    for (const kind of PROFILE_KINDS) {
      for (const profile of profilesOfKind(kind, 5)) {
        const week = hourlyCpu(profile, 168);
        const sorted = [...week].sort((x, y) => x - y);
        const median = sorted[84] ?? Number.NaN;
        expect(median, kind).toBeGreaterThanOrEqual(bands[kind][0]);
        expect(median, kind).toBeLessThanOrEqual(bands[kind][1]);
        expect(Math.min(...week)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...week)).toBeLessThanOrEqual(100);
      }
    }
  });

  it('run office-hours workloads busy on weekday days and near idle at night and weekends', () => {
    for (const profile of profilesOfKind('business', 5)) {
      // 13:00 local on Wednesday, 03:00 local on Wednesday, 13:00 local on Saturday.
      const at = (day: number, localHour: number): number =>
        syntheticValue(
          profile,
          'cpu',
          MONDAY + day * 86_400 + (localHour - profile.utcOffsetHours) * HOUR,
          HOUR,
        );
      expect(at(2, 13)).toBeGreaterThan(25);
      expect(at(2, 3)).toBeLessThan(5);
      expect(at(5, 13)).toBeLessThan(5);
    }
  });

  it('give bursty workloads spikes far above their base', () => {
    for (const profile of profilesOfKind('bursty', 5)) {
      const slots = Array.from({ length: 14 * 288 }, (_, i) =>
        syntheticValue(profile, 'cpu', MONDAY + i * 300, 300),
      );
      const sorted = [...slots].sort((x, y) => x - y);
      expect(sorted[Math.floor(slots.length / 2)]).toBeLessThan(15);
      expect(Math.max(...slots)).toBeGreaterThan(40);
    }
  });

  it('aggregate consistently: an hour is the mean of its 5-minute and 1-minute values', () => {
    for (const kind of PROFILE_KINDS) {
      const [profile] = profilesOfKind(kind, 1);
      if (!profile) throw new Error(`no ${kind} profile`);
      for (const metric of ['cpu', 'memory', 'networkIn', 'diskWrite'] as const) {
        const start = MONDAY + 30 * HOUR;
        const hour = syntheticValue(profile, metric, start, HOUR);
        const fives = Array.from({ length: 12 }, (_, i) =>
          syntheticValue(profile, metric, start + i * 300, 300),
        );
        const minutes = Array.from({ length: 60 }, (_, i) =>
          syntheticValue(profile, metric, start + i * 60, 60),
        );
        const combine = metric === 'cpu' || metric === 'memory' ? mean : sum;
        expect(combine(fives) / hour).toBeCloseTo(1, 9);
        expect(combine(minutes) / hour).toBeCloseTo(1, 9);
        // A day is the mean (or total) of its hours, even from an unaligned start.
        const day = syntheticValue(profile, metric, start + 7 * 60, 86_400);
        const hours = Array.from({ length: 24 }, (_, i) =>
          syntheticValue(profile, metric, start + 7 * 60 + i * HOUR, HOUR),
        );
        expect(combine(hours) / day).toBeCloseTo(1, 9);
      }
    }
  });

  it('put cpuMax at or above cpu, and at the highest of its slots', () => {
    for (const profile of keys(40).map((key) => profileOf(key, SEED))) {
      for (let h = 0; h < 48; h += 7) {
        const start = MONDAY + h * HOUR;
        const max = syntheticValue(profile, 'cpuMax', start, HOUR);
        expect(max).toBeGreaterThanOrEqual(syntheticValue(profile, 'cpu', start, HOUR));
        expect(max).toBeLessThanOrEqual(100);
        const slotMaxes = Array.from({ length: 12 }, (_, i) =>
          syntheticValue(profile, 'cpuMax', start + i * 300, 300),
        );
        expect(Math.max(...slotMaxes)).toBe(max);
        for (let m = 0; m < 10; m++) {
          const minuteStart = start + m * 60;
          expect(syntheticValue(profile, 'cpuMax', minuteStart, 60)).toBeGreaterThanOrEqual(
            syntheticValue(profile, 'cpu', minuteStart, 60),
          );
        }
      }
    }
  });

  it('keep bytes non-negative and idle machines quiet on the network', () => {
    const [idle] = profilesOfKind('idle', 1);
    const [steady] = profilesOfKind('steady', 1);
    if (!idle || !steady) throw new Error('profiles missing');
    const idleIn = syntheticValue(idle, 'networkIn', MONDAY, 86_400);
    const steadyIn = syntheticValue(steady, 'networkIn', MONDAY, 86_400);
    expect(idleIn).toBeGreaterThanOrEqual(0);
    expect(idleIn).toBeLessThan(steadyIn);
    for (const metric of ['networkIn', 'networkOut', 'diskRead', 'diskWrite'] as const) {
      for (let m = 0; m < 300; m++) {
        expect(syntheticValue(steady, metric, MONDAY + m * 60, 60)).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
