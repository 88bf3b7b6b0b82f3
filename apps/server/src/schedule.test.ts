import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conflict } from '@ccx/core';
import type { SyncService } from '@ccx/sync';
import { createLogger } from './logger';
import { scheduleSync } from './schedule';

/** A hand-written SyncService fake (only `start` matters here) driven by fake timers. */
function fakeSync(start: () => Promise<{ runId: string }>): SyncService {
  return {
    start,
    run: () => Promise.reject(new Error('unused')),
    current: () => null,
    subscribe: () => () => undefined,
    close: () => Promise.resolve(),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('scheduleSync', () => {
  it('starts a run every interval until stopped, and keeps going after a conflict', async () => {
    let calls = 0;
    const sync = fakeSync(() => {
      calls += 1;
      return calls === 2
        ? Promise.reject(conflict('A sync is already running'))
        : Promise.resolve({ runId: `r${calls}` });
    });
    const stop = scheduleSync(sync, 5, createLogger('silent'));
    await vi.advanceTimersByTimeAsync(5 * 60_000 * 3);
    expect(calls).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000 * 2);
    expect(calls).toBe(3);
  });

  it('does nothing when the interval is 0', async () => {
    let calls = 0;
    const stop = scheduleSync(
      fakeSync(() => Promise.resolve({ runId: String(++calls) })),
      0,
      createLogger('silent'),
    );
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(calls).toBe(0);
    stop();
  });
});
