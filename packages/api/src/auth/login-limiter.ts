import { CcxError } from '@ccx/core';

export interface LoginLimiterOptions {
  maxFailures: number;
  windowMs: number;
  /** Keys kept at most; the oldest is dropped first, so a flood of usernames cannot grow memory. */
  maxKeys: number;
  now: () => Date;
}

export const DEFAULT_LOGIN_LIMITS = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
} as const;

interface Entry {
  failures: number;
  windowStart: number;
}

/**
 * Fixed-window count of failed logins per username + client address, in memory. Keying on
 * both stops one address guessing one account without letting it lock out that user
 * everywhere. A success clears the key.
 */
export function createLoginLimiter(options: LoginLimiterOptions) {
  const entries = new Map<string, Entry>();
  const keyOf = (username: string, ip: string): string => `${username.toLowerCase()}\u0000${ip}`;

  function live(key: string, at: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry && at - entry.windowStart >= options.windowMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  return {
    /** Throws `rate_limited` (with `retryAfterSeconds`) while the key is over its budget. */
    check(username: string, ip: string): void {
      const at = options.now().getTime();
      const entry = live(keyOf(username, ip), at);
      if (entry && entry.failures >= options.maxFailures) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((entry.windowStart + options.windowMs - at) / 1000),
        );
        throw new CcxError('rate_limited', 'Too many failed logins; try again later', {
          details: { retryAfterSeconds },
        });
      }
    },
    recordFailure(username: string, ip: string): void {
      const at = options.now().getTime();
      const key = keyOf(username, ip);
      const entry = live(key, at);
      if (entry) {
        entry.failures += 1;
        return;
      }
      if (entries.size >= options.maxKeys) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { failures: 1, windowStart: at });
    },
    recordSuccess(username: string, ip: string): void {
      entries.delete(keyOf(username, ip));
    },
    size(): number {
      return entries.size;
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
