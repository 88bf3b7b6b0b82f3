import { keyHash, unit } from './hash';

/**
 * How a resource behaves over time. The mix mirrors what rightsizing tools report of real
 * estates: many machines idle or lightly used, a band of office-hours workloads (mostly outside
 * production), some steady services, a few running hot and a few that burst.
 */
export type ProfileKind = 'idle' | 'low' | 'business' | 'steady' | 'hot' | 'bursty';

export const PROFILE_KINDS: readonly ProfileKind[] = [
  'idle',
  'low',
  'business',
  'steady',
  'hot',
  'bursty',
];

/** Weights of each kind; non-production environments get office-hours workloads more often. */
export const PROFILE_WEIGHTS = {
  production: { idle: 16, low: 30, business: 8, steady: 24, hot: 10, bursty: 12 },
  nonProduction: { idle: 25, low: 17, business: 40, steady: 6, hot: 2, bursty: 10 },
} as const satisfies Record<string, Record<ProfileKind, number>>;

const NON_PRODUCTION = /^(dev|development|test|testing|qa|staging|stage|sandbox|uat)$/i;

/** One resource's behaviour: everything its metrics are computed from. */
export interface MetricProfile {
  kind: ProfileKind;
  /** Seeds every noise draw of this resource. */
  hash: number;
  /** Offset of the workload's local time from UTC, whole hours (office hours, daily peaks). */
  utcOffsetHours: number;
  /** Local hour (0–23) of the daily peak. */
  peakHour: number;
  /** CPU percent at the quiet and busy ends of the daily (or office-hours) cycle. */
  cpuFloor: number;
  cpuPeak: number;
  /** Chance that an hour holds a CPU spike, and how much of the headroom a spike takes. */
  spikeChance: number;
  spikeShare: number;
  /** Memory percent at rest; it rises a little with load. */
  memoryBase: number;
  /** Bytes a minute at full load; idle machines move a tenth of this. */
  networkInPerMinute: number;
  networkOutPerMinute: number;
  diskReadPerMinute: number;
  diskWritePerMinute: number;
}

const OFFSETS = [-8, -7, -5, -5, 0, 0, 1, 1, 2, 5, 8, 9] as const;

/**
 * The profile of one resource, a pure function of its key (an instance id, a service id…), the
 * estate seed and its tags (`env`/`environment` picks the weights).
 */
export function profileOf(key: string, seed: number, tags?: Record<string, string>): MetricProfile {
  const hash = keyHash(key, seed);
  const draw = (stream: number): number => unit(hash, 0x5eed, stream);
  const env = tags && Object.entries(tags).find(([name]) => /^env(ironment)?$/i.test(name))?.[1];
  const weights =
    env !== undefined && NON_PRODUCTION.test(env.trim())
      ? PROFILE_WEIGHTS.nonProduction
      : PROFILE_WEIGHTS.production;
  const kind = pickKind(weights, draw(0));
  const between = (lo: number, hi: number, stream: number): number => lo + (hi - lo) * draw(stream);
  const logBetween = (lo: number, hi: number, stream: number): number =>
    lo * Math.pow(hi / lo, draw(stream));
  const cpu = CPU_RANGES[kind];
  const cpuFloor = between(cpu.floor[0], cpu.floor[1], 1);
  const cpuPeak = Math.max(cpuFloor, between(cpu.peak[0], cpu.peak[1], 2));
  const traffic = kind === 'idle' ? 0.01 : 1;
  const networkIn = logBetween(2e6, 3e8, 7) * traffic;
  return {
    kind,
    hash,
    utcOffsetHours: OFFSETS[Math.floor(draw(3) * OFFSETS.length)] ?? 0,
    peakHour: Math.floor(between(11, 22, 4)),
    cpuFloor,
    cpuPeak,
    spikeChance: kind === 'bursty' ? between(0.06, 0.2, 5) : 0.004,
    spikeShare: kind === 'bursty' ? between(0.5, 0.95, 6) : 0.5,
    memoryBase: kind === 'idle' ? between(8, 30, 8) : between(20, 70, 8),
    networkInPerMinute: networkIn,
    networkOutPerMinute: networkIn * logBetween(0.3, 4, 9),
    diskReadPerMinute: logBetween(2e5, 5e7, 10) * traffic,
    diskWritePerMinute: logBetween(2e5, 3e7, 11) * traffic,
  };
}

/** CPU percent ranges of each kind, drawn once per resource. */
const CPU_RANGES = {
  idle: { floor: [0.5, 1], peak: [1, 2] },
  low: { floor: [4, 7], peak: [9, 15] },
  business: { floor: [0.8, 3], peak: [35, 70] },
  steady: { floor: [28, 36], peak: [38, 50] },
  hot: { floor: [68, 76], peak: [80, 90] },
  bursty: { floor: [2, 5], peak: [5, 10] },
} as const satisfies Record<ProfileKind, { floor: [number, number]; peak: [number, number] }>;

function pickKind(weights: Record<ProfileKind, number>, roll: number): ProfileKind {
  const total = PROFILE_KINDS.reduce((sum, kind) => sum + weights[kind], 0);
  let left = roll * total;
  for (const kind of PROFILE_KINDS) {
    left -= weights[kind];
    if (left < 0) return kind;
  }
  return 'low';
}

/** Share of each kind among the given resources: what tests compare to PROFILE_WEIGHTS. */
export function profileMix(
  resources: Iterable<{ key: string; tags?: Record<string, string> }>,
  seed: number,
): Record<ProfileKind, number> {
  const counts: Record<ProfileKind, number> = {
    idle: 0,
    low: 0,
    business: 0,
    steady: 0,
    hot: 0,
    bursty: 0,
  };
  let total = 0;
  for (const { key, tags } of resources) {
    counts[profileOf(key, seed, tags).kind] += 1;
    total += 1;
  }
  if (total > 0) for (const kind of PROFILE_KINDS) counts[kind] /= total;
  return counts;
}
