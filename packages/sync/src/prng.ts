import { randomInt } from 'node:crypto';

/** A source of uniform numbers in [0, 1). Injected so tests and replays are deterministic. */
export type RandomSource = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG. Jitter only needs to decorrelate clients, not to be
 * unpredictable, so a seeded generator is enough and keeps runs reproducible when a seed is set.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator seeded from the OS: used when no seed is configured. */
export function defaultRandom(): RandomSource {
  return seededRandom(randomInt(0, 2 ** 32 - 1));
}

/** FNV-1a, 32 bit: mixes a job id into a configured seed so jobs do not share one sequence. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
