import { CcxError } from '@ccx/core';
import { addressKey } from './address-key';

export interface LoginLimiterOptions {
  /** Failures allowed per username + client address in one window. */
  maxFailures: number;
  /** Failures allowed per client address in one window, whatever usernames it tries. */
  maxFailuresPerAddress: number;
  windowMs: number;
  /**
   * Keys kept at most in each table; the oldest is dropped first, so a flood of usernames
   * cannot grow memory. Dropping a pair key cannot reopen guessing, because the per-address
   * table still counts every attempt of that address.
   */
  maxKeys: number;
  now: () => Date;
}

export const DEFAULT_LOGIN_LIMITS = {
  maxFailures: 5,
  maxFailuresPerAddress: 50,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
} as const;

interface Entry {
  failures: number;
  windowStart: number;
}

/** A bounded table of fixed-window counters. */
function windowCounter(windowMs: number, maxKeys: number) {
  const entries = new Map<string, Entry>();
  function live(key: string, at: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry && at - entry.windowStart >= windowMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }
  return {
    /** Seconds until the key may try again, or null while it is within `max`. */
    blockedFor(key: string, max: number, at: number): number | null {
      const entry = live(key, at);
      if (!entry || entry.failures < max) return null;
      return Math.max(1, Math.ceil((entry.windowStart + windowMs - at) / 1000));
    },
    add(key: string, at: number, delta: number): void {
      const entry = live(key, at);
      if (entry) {
        entry.failures = Math.max(0, entry.failures + delta);
        return;
      }
      if (delta <= 0) return;
      if (entries.size >= maxKeys) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { failures: delta, windowStart: at });
    },
    delete(key: string): void {
      entries.delete(key);
    },
    size: () => entries.size,
  };
}

/**
 * Fixed-window count of failed logins, in memory, per username + client address and per
 * client address. The pair key stops one address guessing one account without letting it
 * lock that user out everywhere; the address key stops one address spraying many usernames.
 * IPv6 addresses count by their /64, since one host usually holds a whole /64.
 *
 * An attempt is charged when it begins and refunded when it succeeds, so concurrent guesses
 * (each waiting on scrypt) cannot all slip in under the budget before the first one fails.
 */
export function createLoginLimiter(options: LoginLimiterOptions) {
  const pairs = windowCounter(options.windowMs, options.maxKeys);
  const addresses = windowCounter(options.windowMs, options.maxKeys);
  const pairKey = (username: string, ip: string): string =>
    `${username.toLowerCase()}\u0000${addressKey(ip)}`;

  function rateLimited(retryAfterSeconds: number): CcxError {
    return new CcxError('rate_limited', 'Too many failed logins; try again later', {
      details: { retryAfterSeconds },
    });
  }

  return {
    /**
     * Throws `rate_limited` (with `retryAfterSeconds`) while either key is over its budget;
     * otherwise charges the attempt as a failure until `recordSuccess` refunds it.
     */
    begin(username: string, ip: string): void {
      const at = options.now().getTime();
      const pair = pairKey(username, ip);
      const address = addressKey(ip);
      const wait =
        pairs.blockedFor(pair, options.maxFailures, at) ??
        addresses.blockedFor(address, options.maxFailuresPerAddress, at);
      if (wait !== null) throw rateLimited(wait);
      pairs.add(pair, at, 1);
      addresses.add(address, at, 1);
    },
    /** A correct password clears the pair and refunds the attempt charged to the address. */
    recordSuccess(username: string, ip: string): void {
      const at = options.now().getTime();
      pairs.delete(pairKey(username, ip));
      addresses.add(addressKey(ip), at, -1);
    },
    size(): number {
      return pairs.size() + addresses.size();
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
