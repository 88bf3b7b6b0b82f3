import { describe, expect, it } from 'vitest';
import { isCcxError } from '@ccx/core';
import { createLoginLimiter } from './login-limiter';

function limiter(maxKeys = 100) {
  let at = Date.parse('2026-11-25T10:00:00Z');
  const l = createLoginLimiter({
    maxFailures: 3,
    windowMs: 60_000,
    maxKeys,
    now: () => new Date(at),
  });
  return { l, advance: (ms: number) => (at += ms) };
}

function retryAfter(fn: () => void): number | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (isCcxError(error) && error.code === 'rate_limited')
      return error.details['retryAfterSeconds'] as number;
    throw error;
  }
}

describe('login limiter', () => {
  it('blocks a username+address after the budget and reports when to retry', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i += 1) {
      expect(retryAfter(() => l.check('Alice', '1.1.1.1'))).toBeNull();
      l.recordFailure('alice', '1.1.1.1');
    }
    expect(retryAfter(() => l.check('alice', '1.1.1.1'))).toBe(60);
    advance(45_000);
    expect(retryAfter(() => l.check('alice', '1.1.1.1'))).toBe(15);
    expect(retryAfter(() => l.check('alice', '2.2.2.2'))).toBeNull();
    advance(15_000);
    expect(retryAfter(() => l.check('alice', '1.1.1.1'))).toBeNull();
  });

  it('forgets failures after a success', () => {
    const { l } = limiter();
    l.recordFailure('bob', 'ip');
    l.recordFailure('bob', 'ip');
    l.recordSuccess('bob', 'ip');
    l.recordFailure('bob', 'ip');
    l.recordFailure('bob', 'ip');
    expect(retryAfter(() => l.check('bob', 'ip'))).toBeNull();
  });

  it('stays bounded under a flood of keys', () => {
    const { l } = limiter(10);
    for (let i = 0; i < 1000; i += 1) l.recordFailure(`user${i}`, 'ip');
    expect(l.size()).toBe(10);
  });
});
