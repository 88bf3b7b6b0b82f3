/**
 * Rightsizing: percentile of demand plus headroom, priced against the bundled catalog.
 *
 * Method. Demand is the P-th percentile of the CPU series over the lookback (default 14 days,
 * the window AWS Compute Optimizer looks at by default). The series is the hourly **Maximum**
 * when given (`cpuMax`), else the hourly Average: Compute Optimizer's API reports utilisation
 * with the Maximum statistic only, and an hourly average hides the short peaks that a smaller
 * machine would saturate on; the average is a fallback, and the evidence says which one was
 * used. The target utilisation is 100 % − headroom; the vCPU the workload needs is
 * `current vCPU × P / target`, and the recommendation is the cheapest catalog size in the same
 * region with at least that many vCPU, at least the current memory (memory is not measured
 * without an agent, so it is never shrunk unless the policy says `shrinkMemory`), the same
 * architecture (Graviton only on `allowGraviton`), and not burstable unless the instance
 * already is (a burstable size's price buys a credit baseline, not sustained vCPU). When P is
 * above the target the instance is under-provisioned: the advice is an upsize, a risk rather
 * than a saving. vCPUs of different generations count alike (no performance normalisation).
 *
 * Presets (threshold, headroom): `compute-optimizer` P99.5 / 20 % — Compute Optimizer's
 * defaults when no preference is set (API reference, `PutRecommendationPreferences`
 * utilizationPreferences: "P99_5 for threshold, PERCENT_20 for headroom"); `balanced` P95 / 20 %;
 * `cost` P90 / 10 %; `performance` P99.9 / 30 %; or a custom `{ percentile, headroom }`.
 *
 * Data required: at least 30 hours of points and 80 % of the lookback's periods; otherwise the
 * result is `insufficient-data` and nothing is advised.
 *
 * Checked on real data (NAB realAWSCloudwatch EC2 CPU, 5-minute averages over 14 days, 4,032
 * points each; percentiles recomputed independently in `rightsize.nab.test.ts`), with the
 * `compute-optimizer` preset unless named:
 * - 5f5533, P99.5 54.03 % on an m5.2xlarge: needs 5.4 of 8 vCPU → stays (optimized).
 * - 53ea38, P99.5 2.19 % on an m5.2xlarge → r6i.xlarge (same 32 GiB), saving $96.36 a month;
 *   with `shrinkMemory` → c6i.large, $218.27; with `allowGraviton` → r6g.xlarge, $133.15.
 * - 825cc2, P99.5 97.58 % on an m5.large: needs 2.44 vCPU → upsize to c6i.xlarge (+$54.02).
 * - fe7f93 (spiky: P99.5 68.13, P95 28.76, P90 5.72, P99.9 79.08) on an m5.xlarge: stays with
 *   `compute-optimizer`; → r6i.large ($48.18) with `balanced` or `cost`; → c6i.2xlarge upsize
 *   with `performance`.
 * - 24ae8d, P99.5 0.27 % on a t3.large → t3a.large (burstable stays burstable), $5.84.
 */
import type { CatalogProvider, InstanceSpec } from './catalog';
import { catalogForRegion, findInstance, monthly } from './catalog';
import type { Series } from './series';
import { coverage, dailyPercentiles, percentile, roundTo, spanSeconds, windowOf } from './series';

export const RIGHTSIZING_PRESETS = {
  'compute-optimizer': { percentile: 99.5, headroom: 20 },
  balanced: { percentile: 95, headroom: 20 },
  cost: { percentile: 90, headroom: 10 },
  performance: { percentile: 99.9, headroom: 30 },
} as const satisfies Record<string, RightsizingPolicy>;
export type RightsizingPreset = keyof typeof RIGHTSIZING_PRESETS;
export const DEFAULT_RIGHTSIZING_PRESET: RightsizingPreset = 'compute-optimizer';

export interface RightsizingPolicy {
  /** Percentile of demand, 0–100 exclusive of 0. */
  percentile: number;
  /** Percent of capacity kept free, 0–90. */
  headroom: number;
  /** Allow sizes with less memory than now (memory is not measured). Default false. */
  shrinkMemory?: boolean;
  /** Consider Graviton (arm64) sizes for an x86 instance. Default false. */
  allowGraviton?: boolean;
}

export interface RightsizeInput {
  provider: CatalogProvider;
  region: string;
  /** Instance type or VM size. */
  size: string;
  /** Hourly maximum CPU (percent), preferred. */
  cpuMax?: Series;
  /** Hourly average CPU (percent), used when no maximum is given. */
  cpu?: Series;
  now: Date;
  /** Default 14. */
  lookbackDays?: number;
  policy?: RightsizingPreset | RightsizingPolicy;
}

export interface SizeFacts {
  type: string;
  vcpu: number;
  memoryGiB: number;
  architecture: string;
  monthlyPrice: number;
}

export interface RightsizeEvidence {
  statistic: 'maximum' | 'average';
  percentile: number;
  headroom: number;
  /** Target utilisation, percent: 100 − headroom. */
  target: number;
  /** The percentile of demand over the lookback, percent. */
  demand: number;
  requiredVcpu: number;
  points: number;
  coverage: number;
  lookbackDays: number;
  /** The percentile per UTC day: the series a chart draws. */
  daily: { day: string; value: number; points: number }[];
  priceDerived: boolean;
}

export type RightsizeResult =
  | { status: 'unknown-size' | 'unpriced-region'; size: string; region: string }
  | { status: 'insufficient-data'; points: number; coverage: number; hours: number }
  | {
      status: 'optimized' | 'downsize' | 'upsize' | 'no-fit';
      current: SizeFacts;
      recommended: SizeFacts | null;
      /** Positive for a downsize; 0 otherwise (an upsize costs `costIncrease`). */
      monthlySaving: number;
      costIncrease: number;
      confidence: 'high' | 'medium';
      evidence: RightsizeEvidence;
    };

export const MIN_HOURS = 30;
export const MIN_COVERAGE = 0.8;
const DAY = 86_400;

export function resolvePolicy(policy: RightsizeInput['policy']): RightsizingPolicy {
  if (policy === undefined) return RIGHTSIZING_PRESETS[DEFAULT_RIGHTSIZING_PRESET];
  if (typeof policy === 'string') {
    const preset = RIGHTSIZING_PRESETS[policy] as RightsizingPolicy | undefined;
    if (!preset) throw new RangeError(`Unknown rightsizing preset: ${String(policy)}`);
    return preset;
  }
  if (!(policy.percentile > 0 && policy.percentile <= 100))
    throw new RangeError('percentile must be in (0, 100]');
  if (!(policy.headroom >= 0 && policy.headroom <= 90))
    throw new RangeError('headroom must be in [0, 90]');
  return policy;
}

function facts(spec: InstanceSpec): SizeFacts {
  return {
    type: spec.type,
    vcpu: spec.vcpu,
    memoryGiB: spec.memoryGiB,
    architecture: spec.architecture,
    monthlyPrice: monthly(spec.pricePerHour),
  };
}

function candidatesFor(current: InstanceSpec, policy: RightsizingPolicy): InstanceSpec[] {
  return catalogForRegion(current.provider, current.region).filter((spec) => {
    if (!policy.shrinkMemory && spec.memoryGiB < current.memoryGiB) return false;
    if (spec.category === 'burstable' && current.category !== 'burstable') return false;
    if (spec.architecture === current.architecture) return true;
    return policy.allowGraviton === true && spec.architecture === 'arm64';
  });
}

/** The cheapest candidate with at least `vcpu`, ties broken by newer generation then name. */
function cheapestFit(candidates: InstanceSpec[], vcpu: number): InstanceSpec | null {
  const fits = candidates.filter((spec) => spec.vcpu >= vcpu - 1e-9);
  fits.sort(
    (a, b) =>
      a.pricePerHour - b.pricePerHour ||
      b.generation - a.generation ||
      a.type.localeCompare(b.type),
  );
  return fits[0] ?? null;
}

export function rightsize(input: RightsizeInput): RightsizeResult {
  const policy = resolvePolicy(input.policy);
  const current = findInstance(input.provider, input.region, input.size);
  if (!current) {
    const known = catalogForRegion(input.provider, input.region).length > 0;
    return {
      status: known ? 'unknown-size' : 'unpriced-region',
      size: input.size,
      region: input.region,
    };
  }
  const lookbackDays = input.lookbackDays ?? 14;
  const statistic = input.cpuMax ? 'maximum' : 'average';
  const source = input.cpuMax ?? input.cpu;
  const end = Math.floor(input.now.getTime() / 1000);
  const windowSeconds = lookbackDays * DAY;
  const series = source
    ? windowOf(source, end - windowSeconds, end)
    : { timestamps: [], values: [], periodSeconds: 3600 };
  const hours = spanSeconds(series) / 3600;
  const covered = coverage(series, windowSeconds);
  const demand = percentile(series.values, policy.percentile);
  if (demand === null || hours < MIN_HOURS || covered < MIN_COVERAGE)
    return {
      status: 'insufficient-data',
      points: series.values.length,
      coverage: roundTo(covered, 3),
      hours: roundTo(hours, 1),
    };

  const target = 100 - policy.headroom;
  const requiredVcpu = (current.vcpu * Math.min(demand, 100)) / target;
  const evidence: RightsizeEvidence = {
    statistic,
    percentile: policy.percentile,
    headroom: policy.headroom,
    target,
    demand: roundTo(demand, 3),
    requiredVcpu: roundTo(requiredVcpu, 3),
    points: series.values.length,
    coverage: roundTo(covered, 3),
    lookbackDays,
    daily: dailyPercentiles(series, policy.percentile),
    priceDerived: current.priceDerived,
  };
  const confidence = covered >= 0.95 && hours >= (lookbackDays - 1) * 24 ? 'high' : 'medium';
  const best = cheapestFit(candidatesFor(current, policy), requiredVcpu);
  const now = facts(current);
  const base = { current: now, confidence, evidence } as const;
  if (!best)
    return { ...base, status: 'no-fit', recommended: null, monthlySaving: 0, costIncrease: 0 };
  const next = facts(best);
  if (demand > target) {
    // Under-provisioned: the cheapest size that fits is the advice even if it costs more.
    if (best.type === current.type)
      return { ...base, status: 'optimized', recommended: null, monthlySaving: 0, costIncrease: 0 };
    return {
      ...base,
      status: 'upsize',
      recommended: next,
      monthlySaving: 0,
      costIncrease: roundTo(Math.max(0, next.monthlyPrice - now.monthlyPrice), 2),
    };
  }
  const saving = roundTo(now.monthlyPrice - next.monthlyPrice, 2);
  if (best.type === current.type || saving <= 0)
    return { ...base, status: 'optimized', recommended: null, monthlySaving: 0, costIncrease: 0 };
  return { ...base, status: 'downsize', recommended: next, monthlySaving: saving, costIncrease: 0 };
}
