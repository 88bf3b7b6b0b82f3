import { randomInt } from 'node:crypto';

/**
 * mulberry32, seeded from the OS once per connection. Jitter needs spread, not secrecy; a
 * seeded generator keeps product logic free of Math.random and lets a test fix the sequence.
 */
export function seededRandom(seed: number = randomInt(0, 2 ** 32 - 1)): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
