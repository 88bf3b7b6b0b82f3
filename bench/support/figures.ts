/**
 * What the compute benches measure the same way: a sync's wall and CPU time with the sandbox's
 * counters of exactly that sync, time spent in the store (around the sinks), and the peak
 * resident memory of this process.
 */
import type { Logger } from '@ccx/core';
import { createSyncService, type SyncServiceOptions, type SyncSummary } from '@ccx/sync';

export const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The sandbox's request counters (`/_sandbox/stats`). */
export interface SandboxStats {
  total: number;
  byOperation: Record<string, number>;
}

export interface MeasuredSync {
  summary: SyncSummary;
  stats: SandboxStats;
  wallSeconds: number;
  /** CPU time of this (the syncing) process over the sync, user + system. */
  cpuSeconds: number;
}

/** Time spent inside the work it wraps, summed over every call (a sink's store writes). */
export function stopwatch(): {
  timed: <T>(work: () => Promise<T>) => Promise<T>;
  seconds: () => number;
} {
  let ms = 0;
  return {
    timed: async (work) => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        ms += performance.now() - started;
      }
    },
    seconds: () => ms / 1000,
  };
}

/**
 * One sync (`run('bench')`) of a service made from `options`, timed, with the sandbox's
 * counters reset before it and read after it; the service is closed after.
 */
export async function measureSync(
  options: SyncServiceOptions,
  sandboxUrl: string,
): Promise<MeasuredSync> {
  const sync = createSyncService(options);
  try {
    await fetch(new URL('/_sandbox/stats/reset', sandboxUrl), { method: 'POST' });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await sync.run('bench');
    const cpu = process.cpuUsage(cpuBefore);
    const wallSeconds = (performance.now() - started) / 1000;
    const stats = (await (
      await fetch(new URL('/_sandbox/stats', sandboxUrl))
    ).json()) as SandboxStats;
    return { summary, stats, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await sync.close();
  }
}

export interface RssSampler {
  stop: () => void;
  /** The highest resident memory sampled so far, in bytes. */
  peak: () => number;
}

/** Samples this process's resident memory every 20 ms until stopped; keeps the peak. */
export function sampleRss(): RssSampler {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return { stop: () => clearInterval(timer), peak: () => peak };
}

export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
