import { describe, expect, it } from 'vitest';
import { isCcxError } from '@ccx/core';
import { addressKey } from './address-key';
import { createLoginLimiter } from './login-limiter';

function limiter(maxKeys = 100, maxFailuresPerAddress = 10) {
  let at = Date.parse('2026-11-25T10:00:00Z');
  const l = createLoginLimiter({
    maxFailures: 3,
    maxFailuresPerAddress,
    windowMs: 60_000,
    maxKeys,
    now: () => new Date(at),
  });
  return { l, advance: (ms: number) => (at += ms) };
}

/** Seconds to wait when `begin` refuses, null when it lets the attempt through. */
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
    for (let i = 0; i < 3; i += 1) expect(retryAfter(() => l.begin('Alice', '1.1.1.1'))).toBeNull();
    expect(retryAfter(() => l.begin('alice', '1.1.1.1'))).toBe(60);
    advance(45_000);
    expect(retryAfter(() => l.begin('alice', '1.1.1.1'))).toBe(15);
    expect(retryAfter(() => l.begin('alice', '2.2.2.2'))).toBeNull();
    advance(15_000);
    expect(retryAfter(() => l.begin('alice', '1.1.1.1'))).toBeNull();
  });

  it('forgets failures after a success', () => {
    const { l } = limiter();
    l.begin('bob', 'ip');
    l.begin('bob', 'ip');
    l.recordSuccess('bob', 'ip');
    l.begin('bob', 'ip');
    l.begin('bob', 'ip');
    expect(retryAfter(() => l.begin('bob', 'ip'))).toBeNull();
  });

  it('charges attempts as they begin, so concurrent guesses cannot exceed the budget', () => {
    const { l } = limiter();
    // Three attempts in flight (none has failed yet): the fourth is already refused.
    for (let i = 0; i < 3; i += 1) l.begin('carol', '3.3.3.3');
    expect(retryAfter(() => l.begin('carol', '3.3.3.3'))).toBe(60);
  });

  it('limits one address spraying many usernames', () => {
    const { l } = limiter(100, 10);
    for (let i = 0; i < 10; i += 1) l.begin(`user${i}`, '4.4.4.4');
    expect(retryAfter(() => l.begin('someone-new', '4.4.4.4'))).toBe(60);
    expect(retryAfter(() => l.begin('someone-new', '5.5.5.5'))).toBeNull();
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    const { l } = limiter(100, 2);
    l.begin('a', '2001:db8:1:2::1');
    l.begin('b', '2001:db8:1:2:ffff:ffff:ffff:fffe');
    expect(retryAfter(() => l.begin('c', '2001:db8:1:2::99'))).toBe(60);
    expect(retryAfter(() => l.begin('c', '2001:db8:1:3::1'))).toBeNull();
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('2001:0db8:0001:0002:0:0:0:1')).toBe('2001:db8:1:2::/64');
  });

  it('stays bounded under a flood of keys, and the address budget still holds', () => {
    const { l } = limiter(10, 1_000_000);
    for (let i = 0; i < 1000; i += 1) l.begin(`user${i}`, 'ip');
    expect(l.size()).toBe(11);
    const strict = limiter(10, 20);
    for (let i = 0; i < 20; i += 1) strict.l.begin(`user${i}`, 'ip');
    // The pair keys of early usernames were evicted, yet the address is still refused.
    expect(retryAfter(() => strict.l.begin('user0', 'ip'))).toBe(60);
  });
});
