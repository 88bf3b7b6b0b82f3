/** A source of uniform numbers in [0, 1). Injected wherever a test or a replay needs a fixed sequence. */
export type RandomSource = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG. Jitter and simulated estates need spread and
 * reproducibility, not secrecy, so product logic uses this (seeded) and never Math.random.
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

/** A seed from the platform's CSPRNG, for when no seed is configured. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/**
 * Mixes a stream name into a seed (FNV-1a), so independent streams (one per job, one per
 * estate part) never share a sequence and adding a stream never shifts another.
 */
export function deriveSeed(seed: number, stream: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < stream.length; i += 1) {
    hash ^= stream.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): the delay before retry `attempt` (1-based) is uniform in
 * [0, min(max, base · 2^(attempt-1))]. Full jitter spreads retries of many callers that failed
 * together, which is what stops a throttled API from being hit in lockstep again.
 */
export function fullJitterDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: RandomSource,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
