import { describe, expect, it } from 'vitest';
import { Shutdown } from './shutdown';

describe('Shutdown', () => {
  it('runs steps in reverse order, all of them, and rethrows the first failure', async () => {
    const order: string[] = [];
    const shutdown = new Shutdown();
    shutdown.push(() => order.push('store'));
    shutdown.push(() => {
      order.push('providers');
      throw new Error('provider stuck');
    });
    shutdown.push(async () => {
      order.push('http');
      await Promise.resolve();
      throw new Error('http failed');
    });
    await expect(shutdown.run()).rejects.toThrow('http failed');
    expect(order).toEqual(['http', 'providers', 'store']);
  });

  it('runs each step once however often it is asked to', async () => {
    let count = 0;
    const shutdown = new Shutdown();
    shutdown.push(() => (count += 1));
    await Promise.all([shutdown.run(), shutdown.run()]);
    await shutdown.run();
    expect(count).toBe(1);
  });
});
