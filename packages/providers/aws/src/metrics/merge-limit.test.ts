import { describe, expect, it } from 'vitest';
import { mergeLimit } from './merge-limit';

/** A source that yields its items after being released, counting how many run at once. */
function gate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { opened, release };
}

describe('mergeLimit', () => {
  it('runs at most `limit` sources at once and yields every item', async () => {
    let running = 0;
    let peak = 0;
    const sources = Array.from(
      { length: 9 },
      (_, i) =>
        async function* () {
          running++;
          peak = Math.max(peak, running);
          await Promise.resolve();
          yield i * 10;
          await Promise.resolve();
          yield i * 10 + 1;
          running--;
        },
    );
    const items: number[] = [];
    for await (const item of mergeLimit(sources, 3)) items.push(item);
    expect(peak).toBe(3);
    expect(items.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 9 }, (_, i) => [i * 10, i * 10 + 1]).flat(),
    );
  });

  it('yields items as they arrive, not source by source', async () => {
    const slow = gate();
    const sources = [
      async function* () {
        await slow.opened;
        yield 'slow';
      },
      async function* () {
        await Promise.resolve();
        yield 'fast';
      },
    ];
    const items: string[] = [];
    for await (const item of mergeLimit(sources, 2)) {
      items.push(item);
      slow.release();
    }
    expect(items).toEqual(['fast', 'slow']);
  });

  it('rethrows the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const sources = Array.from(
      { length: 5 },
      (_, i) =>
        async function* () {
          started.push(i);
          await Promise.resolve();
          if (i === 0) throw new Error('first');
          yield i;
        },
    );
    await expect(async () => {
      for await (const _ of mergeLimit(sources, 2)) {
        // drain
      }
    }).rejects.toThrow('first');
    expect(started).toEqual([0, 1]);
  });

  it('ends at once with no sources', async () => {
    const items: unknown[] = [];
    for await (const item of mergeLimit([], 4)) items.push(item);
    expect(items).toEqual([]);
  });
});
