import { describe, expect, it } from 'vitest';
import { FaultInjector } from './fault-injector';
import { formatFaultSpec, parseFaultSpec, ratesFor } from './fault-spec';

describe('parseFaultSpec', () => {
  it('reads global knobs and per-service overrides', () => {
    const spec = parseFaultSpec(
      'latency=50, throttle=0.3,error=0.05,ec2.throttle=0.5,sts.error=0.1,azure.throttleNext=2',
    );
    expect(spec.all).toEqual({ latencyMs: 50, throttle: 0.3, error: 0.05, throttleNext: 0 });
    expect(ratesFor(spec, 'ec2')).toEqual({
      latencyMs: 50,
      throttle: 0.5,
      error: 0.05,
      throttleNext: 0,
    });
    expect(ratesFor(spec, 'sts')).toEqual({
      latencyMs: 50,
      throttle: 0.3,
      error: 0.1,
      throttleNext: 0,
    });
    expect(ratesFor(spec, 'azure')).toEqual({
      latencyMs: 50,
      throttle: 0.3,
      error: 0.05,
      throttleNext: 2,
    });
    expect(ratesFor(spec, 's3')).toEqual(spec.all);
    expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
  });

  it('treats an empty spec as no faults', () => {
    expect(parseFaultSpec('')).toEqual({
      all: { latencyMs: 0, throttle: 0, error: 0, throttleNext: 0 },
      services: {},
    });
  });

  it.each([
    ['latency', /'latency': expected KEY=VALUE/],
    ['jitter=5', /unknown key 'jitter'; expected latency, throttle, error or throttleNext/],
    ['throttle=1.5', /'throttle=1.5': throttle is a probability and must be between 0 and 1/],
    ['latency=-3', /latency must be a whole number of milliseconds/],
    ['ec2.throttleNext=1.5', /throttleNext is a whole number of requests from 0 to 10000/],
    ['throttleNext=-1', /throttleNext is a whole number of requests/],
    ['error=abc', /'abc' is not a number/],
    ['EC2.error=0.1', /'EC2' is not a service name/],
  ])('explains what is wrong with %s', (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(message);
  });
});

describe('FaultInjector', () => {
  it('is deterministic for a seed and close to the requested rates', () => {
    const decide = (seed: number) => {
      const injector = new FaultInjector(seed, 'throttle=0.3,error=0.1');
      return Array.from({ length: 2000 }, () => injector.decide('ec2').outcome);
    };
    const first = decide(7);
    expect(decide(7)).toEqual(first);
    expect(decide(8)).not.toEqual(first);
    const throttled = first.filter((o) => o === 'throttle').length / first.length;
    const failed =
      first.filter((o) => o === 'internal' || o === 'unavailable').length / first.length;
    expect(throttled).toBeGreaterThan(0.25);
    expect(throttled).toBeLessThan(0.35);
    // Errors are drawn among the requests that were not throttled: 0.7 × 0.1.
    expect(failed).toBeGreaterThan(0.04);
    expect(failed).toBeLessThan(0.1);
  });

  it('passes everything with no faults and honours per-service rates', () => {
    const injector = new FaultInjector(1, 'sts.throttle=1');
    expect(injector.decide('ec2')).toEqual({ latencyMs: 0, outcome: 'pass' });
    expect(injector.decide('sts').outcome).toBe('throttle');
  });

  it('throttles exactly the next N requests of a service, then applies its rates', () => {
    const injector = new FaultInjector(1, 'ec2.throttleNext=2,sts.throttleNext=1');
    const outcomes = (service: string, n: number) =>
      Array.from({ length: n }, () => injector.decide(service).outcome);
    expect(outcomes('ec2', 3)).toEqual(['throttle', 'throttle', 'pass']);
    expect(outcomes('sts', 2)).toEqual(['throttle', 'pass']);
    expect(outcomes('s3', 1)).toEqual(['pass']);
    // Setting a spec starts the count again, even the same spec.
    injector.set('ec2.throttleNext=2');
    expect(outcomes('ec2', 3)).toEqual(['throttle', 'throttle', 'pass']);
    // A count without a service gives each service its own.
    injector.set('throttleNext=1');
    expect([...outcomes('ec2', 2), ...outcomes('sts', 2)]).toEqual([
      'throttle',
      'pass',
      'throttle',
      'pass',
    ]);
  });

  it('keeps the random stream where it would be without a count', () => {
    const withCount = new FaultInjector(3, 'ec2.throttleNext=2,error=0.5');
    const without = new FaultInjector(3, 'error=0.5');
    const tail = (injector: FaultInjector) =>
      Array.from({ length: 40 }, () => injector.decide('ec2').outcome).slice(2);
    expect(tail(withCount)).toEqual(tail(without));
  });
});
