import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isCcxError,
  METRIC_NAMES,
  METRICS,
  resourceUid,
  type MetricName,
  type MetricRequest,
  type MetricSeries,
  type Metrics,
  type ResourceRef,
  type Scope,
} from '@ccx/core';

export interface MetricsFixture {
  metrics: Metrics;
  scope: Scope;
  /** At least three resources of `type` in `scope`, running for the last 14 days or more. */
  refs: readonly ResourceRef[];
  type: string;
  /** Requests the implementation has sent so far, when it can tell (checks "no call"). */
  callCount?: () => number;
  cleanup(): Promise<void>;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function collect(
  metrics: Metrics,
  scope: Scope,
  request: MetricRequest,
): Promise<MetricSeries[]> {
  const out: MetricSeries[] = [];
  for await (const series of metrics.fetch(scope, request)) out.push(series);
  return out;
}

async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return isCcxError(error) ? error.code : `not a CcxError: ${String(error)}`;
  }
  return 'no error';
}

/**
 * What every series must satisfy whatever the provider: shape, order, range, units. Returns
 * the first few violations (one `expect` per point would dominate the suite's run time).
 */
function violations(series: MetricSeries, request: MetricRequest): string[] {
  const problems: string[] = [];
  const { periodSeconds } = request;
  const start = request.start.getTime() / 1000;
  const end = request.end.getTime() / 1000;
  const percent = METRICS[series.metric].unit === 'percent';
  const report = (problem: string) => {
    if (problems.length < 5) problems.push(`${series.uid} ${series.metric}: ${problem}`);
  };
  if (series.periodSeconds !== periodSeconds) report(`period ${series.periodSeconds}`);
  if (series.values.length !== series.timestamps.length) report('values and timestamps differ');
  series.timestamps.forEach((t, i) => {
    if (!Number.isInteger(t) || t % periodSeconds !== 0) report(`${t} is off the period grid`);
    if (t < start || t >= end) report(`${t} is outside [${start}, ${end})`);
    if (i > 0 && t <= series.timestamps[i - 1]!) report(`${t} does not ascend`);
    const value = series.values[i]!;
    if (!Number.isFinite(value) || value < 0 || (percent && value > 100)) {
      report(`value ${value} at ${t} is out of range`);
    }
  });
  return problems;
}

const keyOf = (series: MetricSeries) => `${series.uid} ${series.metric}`;

/**
 * The one suite every `Metrics` implementation runs: batched requests come back as one whole,
 * well-formed series per resource × metric, large batches included, and bad requests are
 * refused before anything is sent.
 */
export function describeMetricsContract(name: string, setup: () => Promise<MetricsFixture>): void {
  describe(`Metrics contract: ${name}`, () => {
    let fixture: MetricsFixture;
    let offered: readonly MetricName[];
    beforeAll(async () => {
      fixture = await setup();
      offered = fixture.metrics.metricsFor(fixture.type);
    }, 60_000);
    afterAll(async () => {
      await fixture?.cleanup();
    });

    it('offers metrics for the type', () => {
      expect(fixture.refs.length).toBeGreaterThanOrEqual(3);
      expect(fixture.metrics.types).toContain(fixture.type);
      expect(offered.length).toBeGreaterThan(0);
      for (const metric of offered) expect(METRIC_NAMES).toContain(metric);
    });

    it('returns one aligned, ascending, in-range series per resource and metric', async () => {
      // An unaligned start: nothing before it may come back, and points stay on the period grid.
      const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const request: MetricRequest = {
        refs: fixture.refs,
        metrics: offered,
        start: new Date(end.getTime() - 6 * HOUR - 17_000),
        end,
        periodSeconds: 300,
      };
      const series = await collect(fixture.metrics, fixture.scope, request);
      expect(series.map(keyOf).sort()).toEqual(
        fixture.refs
          .flatMap((ref) => offered.map((metric) => `${resourceUid(ref)} ${metric}`))
          .sort(),
      );
      expect(series.flatMap((one) => violations(one, request))).toEqual([]);
      // Resources that ran all along have points nearly everywhere in the window.
      for (const one of series) expect(one.timestamps.length).toBeGreaterThanOrEqual(60);
      if (offered.includes('cpu') && offered.includes('cpuMax')) {
        for (const max of series.filter((s) => s.metric === 'cpuMax')) {
          const avg = series.find((s) => s.metric === 'cpu' && s.uid === max.uid)!;
          const avgAt = new Map(avg.timestamps.map((t, i) => [t, avg.values[i]!]));
          max.timestamps.forEach((t, i) => {
            const value = avgAt.get(t);
            if (value !== undefined) expect(max.values[i]!).toBeGreaterThanOrEqual(value - 1e-9);
          });
        }
      }
    });

    it('returns a batch bigger than one call completely, each series once', async () => {
      // Every offered metric at one-minute resolution for 14 days: beyond any one response.
      const end = new Date(Math.floor(Date.now() / HOUR) * HOUR);
      const request: MetricRequest = {
        refs: fixture.refs,
        metrics: offered,
        start: new Date(end.getTime() - 14 * DAY),
        end,
        periodSeconds: 60,
      };
      const before = fixture.callCount?.();
      const series = await collect(fixture.metrics, fixture.scope, request);
      if (before !== undefined) expect(fixture.callCount!() - before).toBeGreaterThan(1);
      const keys = series.map(keyOf);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(fixture.refs.length * offered.length);
      expect(series.flatMap((one) => violations(one, request))).toEqual([]);
      for (const one of series) expect(one.timestamps.length).toBeGreaterThan(13 * 24 * 60);
    }, 60_000);

    it('refuses metrics the type does not have, and resources of another scope', async () => {
      const request = (metrics: MetricName[], refs = fixture.refs): MetricRequest => ({
        refs,
        metrics,
        start: new Date(Date.now() - HOUR),
        end: new Date(),
        periodSeconds: 300,
      });
      const before = fixture.callCount?.();
      expect(
        await codeOf(() =>
          collect(fixture.metrics, fixture.scope, request(['bogus' as MetricName])),
        ),
      ).toBe('invalid_input');
      const missing = METRIC_NAMES.find((metric) => !offered.includes(metric));
      if (missing) {
        expect(
          await codeOf(() => collect(fixture.metrics, fixture.scope, request([missing]))),
        ).toBe('invalid_input');
      }
      const foreign = { ...fixture.refs[0]!, account: `${fixture.refs[0]!.account}0` };
      expect(
        await codeOf(() =>
          collect(fixture.metrics, fixture.scope, request([offered[0]!], [foreign])),
        ),
      ).toBe('invalid_input');
      if (before !== undefined) expect(fixture.callCount!()).toBe(before);
    });

    it('yields nothing, without a call, for an empty list of resources', async () => {
      const before = fixture.callCount?.();
      const series = await collect(fixture.metrics, fixture.scope, {
        refs: [],
        metrics: offered,
        start: new Date(Date.now() - DAY),
        end: new Date(),
        periodSeconds: 3600,
      });
      expect(series).toEqual([]);
      if (before !== undefined) expect(fixture.callCount!()).toBe(before);
    });
  });
}
