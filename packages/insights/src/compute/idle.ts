/**
 * Idle machines: near-zero CPU and traffic over a lookback, by one of two presets.
 *
 * `azure-advisor` follows Azure Advisor's shutdown rule (advisor-cost-recommendations.md in
 * MicrosoftDocs/azure-docs): over the last 7 days, the P95 of the maximum CPU is below 3 %,
 * the P100 of the average CPU over the last 3 days is at most 2 %, and outbound network is
 * below 2 %. Advisor states that network share against the NIC's bandwidth, which the catalog
 * does not hold; the preset applies an absolute bound instead (at most 5 MB out per day), which
 * is stricter, so it flags no VM that Advisor would keep.
 *
 * `aws` follows the idle criteria of AWS Compute Optimizer for EC2 as we read them: over 14
 * days (its default lookback), peak CPU (the maximum statistic, which its API reports) below
 * 5 % and network I/O (in + out) below 5 MB on every day. Trusted Advisor's low-utilisation
 * check uses the same 5 MB-a-day network bound (with 10 % average CPU on 4 of 14 days).
 *
 * Both need 80 % of the lookback's CPU periods and a network series over it; without them the
 * machine is not judged.
 */
import type { ResourceSeries } from './facts';
import type { Series } from './series';
import { coverage, dailySums, percentile, roundTo, windowOf } from './series';

export interface IdleRule {
  lookbackDays: number;
  /** Percentile of the maximum CPU (the average CPU when no maximum is given) … */
  cpuMaxPercentile: number;
  /** … that must be strictly below this percent. */
  cpuMaxBelow: number;
  /** Optional: over the last `days`, the highest average CPU is at most `atMost` percent. */
  recentAverage?: { days: number; atMost: number };
  /** Network bytes per day that every day must stay at or below, and which directions count. */
  networkPerDay: { bytes: number; directions: readonly ('networkIn' | 'networkOut')[] };
}

export const IDLE_PRESETS = {
  'azure-advisor': {
    lookbackDays: 7,
    cpuMaxPercentile: 95,
    cpuMaxBelow: 3,
    recentAverage: { days: 3, atMost: 2 },
    networkPerDay: { bytes: 5_000_000, directions: ['networkOut'] },
  },
  aws: {
    lookbackDays: 14,
    cpuMaxPercentile: 100,
    cpuMaxBelow: 5,
    networkPerDay: { bytes: 5_000_000, directions: ['networkIn', 'networkOut'] },
  },
} as const satisfies Record<string, IdleRule>;
export type IdlePreset = keyof typeof IDLE_PRESETS;

export interface IdleEvidence {
  preset: string;
  lookbackDays: number;
  statistic: 'maximum' | 'average';
  cpuPercentile: number;
  cpuValue: number;
  cpuBelow: number;
  recentAverageMax: number | null;
  /** The busiest day's traffic in the counted directions, bytes. */
  busiestDayBytes: number;
  networkBytesPerDay: number;
  coverage: number;
}

export type IdleResult =
  | { status: 'insufficient-data'; reason: string }
  | { status: 'idle' | 'active'; evidence: IdleEvidence };

const DAY = 86_400;
const MIN_COVERAGE = 0.8;

export function detectIdle(
  series: ResourceSeries,
  now: Date,
  preset: IdlePreset | IdleRule = 'aws',
): IdleResult {
  const rule: IdleRule = typeof preset === 'string' ? IDLE_PRESETS[preset] : preset;
  const end = Math.floor(now.getTime() / 1000);
  const start = end - rule.lookbackDays * DAY;
  const cpuSource = series.cpuMax ?? series.cpu;
  if (!cpuSource) return { status: 'insufficient-data', reason: 'no CPU series' };
  const cpu = windowOf(cpuSource, start, end);
  const covered = coverage(cpu, rule.lookbackDays * DAY);
  if (covered < MIN_COVERAGE)
    return { status: 'insufficient-data', reason: `CPU covers ${Math.round(covered * 100)} %` };

  const days = new Map<number, number>();
  for (const direction of rule.networkPerDay.directions) {
    const source: Series | undefined = series[direction];
    if (!source) return { status: 'insufficient-data', reason: `no ${direction} series` };
    const window = windowOf(source, start, end);
    if (coverage(window, rule.lookbackDays * DAY) < MIN_COVERAGE)
      return { status: 'insufficient-data', reason: `${direction} is incomplete` };
    for (const [day, bytes] of dailySums(window)) days.set(day, (days.get(day) ?? 0) + bytes);
  }
  const busiestDayBytes = Math.max(0, ...days.values());

  const cpuValue = percentile(cpu.values, rule.cpuMaxPercentile)!;
  let recentAverageMax: number | null = null;
  if (rule.recentAverage) {
    const average = series.cpu ?? series.cpuMax!;
    const recent = windowOf(average, end - rule.recentAverage.days * DAY, end);
    recentAverageMax = recent.values.length > 0 ? Math.max(...recent.values) : null;
  }
  const idle =
    cpuValue < rule.cpuMaxBelow &&
    (rule.recentAverage === undefined ||
      (recentAverageMax !== null && recentAverageMax <= rule.recentAverage.atMost)) &&
    busiestDayBytes <= rule.networkPerDay.bytes;
  return {
    status: idle ? 'idle' : 'active',
    evidence: {
      preset: typeof preset === 'string' ? preset : 'custom',
      lookbackDays: rule.lookbackDays,
      statistic: series.cpuMax ? 'maximum' : 'average',
      cpuPercentile: rule.cpuMaxPercentile,
      cpuValue: roundTo(cpuValue, 3),
      cpuBelow: rule.cpuMaxBelow,
      recentAverageMax: recentAverageMax === null ? null : roundTo(recentAverageMax, 3),
      busiestDayBytes: Math.round(busiestDayBytes),
      networkBytesPerDay: rule.networkPerDay.bytes,
      coverage: roundTo(covered, 3),
    },
  };
}
