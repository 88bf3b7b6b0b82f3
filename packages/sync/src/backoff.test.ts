import { describe, expect, it } from 'vitest';
import { fullJitterDelay, seededRandom } from '@ccx/core';

describe('fullJitterDelay', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

  it('stays within [0, min(max, base·2^(attempt-1))) and spreads over that range', () => {
    const random = seededRandom(1);
    for (const attempt of [1, 2, 3, 4, 5, 8]) {
      const ceiling = Math.min(1000, 100 * 2 ** (attempt - 1));
      const delays = Array.from({ length: 500 }, () => fullJitterDelay(attempt, policy, random));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThan(ceiling);
      expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.9);
      expect(Math.min(...delays)).toBeLessThan(ceiling * 0.1);
    }
  });

  it('is reproducible for a seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([1, 2, 3].map((n) => fullJitterDelay(n, policy, a))).toEqual(
      [1, 2, 3].map((n) => fullJitterDelay(n, policy, b)),
    );
  });
});
