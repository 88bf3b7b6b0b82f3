import { deriveSeed } from '@ccx/core';
import { createPrng, type Prng } from '../prng';
import { NO_FAULTS, parseFaultSpec, ratesFor, type FaultSpec } from './fault-spec';

export type FaultDecision = {
  latencyMs: number;
  outcome: 'pass' | 'throttle' | 'internal' | 'unavailable';
};

/**
 * Decides, per request, the latency to add and whether to throttle or fail it. Decisions come
 * from a seeded PRNG, so a fault test sees the same sequence on every run. Setting a new spec
 * keeps the stream, so a test that flips faults mid-way stays reproducible too, and restarts
 * each service's count of requests throttled by `throttleNext`.
 */
export class FaultInjector {
  private spec: FaultSpec;
  private readonly prng: Prng;
  /** Requests throttled by `throttleNext` since the spec was set, per service. */
  private readonly counted = new Map<string, number>();

  constructor(seed: number, spec: FaultSpec | string = NO_FAULTS) {
    this.prng = createPrng(deriveSeed(seed, 'faults'));
    this.spec = typeof spec === 'string' ? parseFaultSpec(spec) : spec;
  }

  set(spec: FaultSpec | string): void {
    this.spec = typeof spec === 'string' ? parseFaultSpec(spec) : spec;
    this.counted.clear();
  }

  current(): FaultSpec {
    return this.spec;
  }

  decide(service: string): FaultDecision {
    const rates = ratesFor(this.spec, service);
    // Always draw both numbers so one service's rates never shift another's decisions.
    const throttleRoll = this.prng.next();
    const errorRoll = this.prng.next();
    const counted = this.counted.get(service) ?? 0;
    if (counted < rates.throttleNext) {
      this.counted.set(service, counted + 1);
      return { latencyMs: rates.latencyMs, outcome: 'throttle' };
    }
    if (rates.throttle > 0 && throttleRoll < rates.throttle)
      return { latencyMs: rates.latencyMs, outcome: 'throttle' };
    if (rates.error > 0 && errorRoll < rates.error) {
      // Split server faults between 500 and 503 by the same roll, so both kinds occur.
      return {
        latencyMs: rates.latencyMs,
        outcome: errorRoll < rates.error / 2 ? 'internal' : 'unavailable',
      };
    }
    return { latencyMs: rates.latencyMs, outcome: 'pass' };
  }
}
