/** Request counters, as `handle.stats()` and `GET /_sandbox/stats` report them. */
export interface SandboxStats {
  /** Every AWS request received, whatever its outcome. */
  total: number;
  /** Per `service:Operation` (e.g. `ec2:DescribeInstances`); unsigned or unknown ones count too. */
  byOperation: Record<string, number>;
  /** Requests answered with an error status (including injected faults). */
  failed: number;
  /** Injected throttles. */
  throttled: number;
  /** Injected server errors. */
  faulted: number;
  /** ISO time the counters were last reset. */
  since: string;
}

export class StatsCounter {
  private stats: SandboxStats;

  constructor(now: number) {
    this.stats = StatsCounter.empty(now);
  }

  private static empty(now: number): SandboxStats {
    return {
      total: 0,
      byOperation: {},
      failed: 0,
      throttled: 0,
      faulted: 0,
      since: new Date(now).toISOString(),
    };
  }

  request(service: string, operation: string): void {
    this.stats.total++;
    const key = `${service}:${operation}`;
    this.stats.byOperation[key] = (this.stats.byOperation[key] ?? 0) + 1;
  }

  outcome(status: number, injected: 'throttle' | 'error' | null): void {
    if (status >= 400) this.stats.failed++;
    if (injected === 'throttle') this.stats.throttled++;
    if (injected === 'error') this.stats.faulted++;
  }

  /** A copy: callers may keep it while counting goes on. */
  snapshot(): SandboxStats {
    return { ...this.stats, byOperation: { ...this.stats.byOperation } };
  }

  reset(now: number): void {
    this.stats = StatsCounter.empty(now);
  }
}
