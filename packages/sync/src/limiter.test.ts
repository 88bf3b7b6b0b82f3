import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from './limiter';

describe('KeyedLimiter', () => {
  it('grants all slots of a request together and serves waiters that fit in arrival order', async () => {
    const limiter = new KeyedLimiter();
    const order: string[] = [];
    const releaseA = await limiter.acquire([
      { key: 'p', limit: 2 },
      { key: 'api1', limit: 1 },
    ]);
    const b = limiter
      .acquire([
        { key: 'p', limit: 2 },
        { key: 'api1', limit: 1 },
      ])
      .then((release) => {
        order.push('b');
        return release;
      });
    const c = limiter
      .acquire([
        { key: 'p', limit: 2 },
        { key: 'api2', limit: 1 },
      ])
      .then((release) => {
        order.push('c');
        return release;
      });
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(limiter.held('p')).toBe(2);
    releaseA();
    releaseA();
    const releaseB = await b;
    expect(order).toEqual(['c', 'b']);
    expect(limiter.held('api1')).toBe(1);
    releaseB();
    releaseC();
    expect(limiter.held('p')).toBe(0);
  });
});
