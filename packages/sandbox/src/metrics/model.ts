import { unit } from './hash';
import type { MetricProfile } from './profiles';

export { PROFILE_KINDS, PROFILE_WEIGHTS, profileMix, profileOf } from './profiles';
export type { MetricProfile, ProfileKind } from './profiles';

/**
 * Metrics the model computes: percent for `cpu`, `cpuMax` and `memory`; bytes moved in the
 * period for the others.
 */
export type SandboxMetric =
  'cpu' | 'cpuMax' | 'memory' | 'networkIn' | 'networkOut' | 'diskRead' | 'diskWrite';

export const SANDBOX_METRICS: readonly SandboxMetric[] = [
  'cpu',
  'cpuMax',
  'memory',
  'networkIn',
  'networkOut',
  'diskRead',
  'diskWrite',
];

type LevelMetric = Exclude<SandboxMetric, 'cpuMax'>;

/**
 * Relative noise of each level metric at three scales: hour to hour (`hour`), 5-minute slots
 * within an hour (`slot`) and minutes within a slot (`minute`). The slot and minute terms sum to
 * zero over their hour and slot, so an hour's mean is exactly the mean of its twelve 5-minute
 * values and a slot's the mean of its five minutes: aggregation is consistent at any period,
 * yet an hourly point costs one evaluation, not sixty.
 */
const NOISE = {
  cpu: { stream: 1, hour: 0.15, slot: 0.12, minute: 0.08, percent: true },
  memory: { stream: 2, hour: 0.03, slot: 0.015, minute: 0.01, percent: true },
  networkIn: { stream: 3, hour: 0.3, slot: 0.25, minute: 0.2, percent: false },
  networkOut: { stream: 4, hour: 0.3, slot: 0.25, minute: 0.2, percent: false },
  diskRead: { stream: 5, hour: 0.35, slot: 0.3, minute: 0.2, percent: false },
  diskWrite: { stream: 6, hour: 0.35, slot: 0.3, minute: 0.2, percent: false },
} as const satisfies Record<
  LevelMetric,
  { stream: number; hour: number; slot: number; minute: number; percent: boolean }
>;

/** Noise streams within one metric (kept apart so draws never repeat across uses). */
const HOUR = 0;
const SLOT = 1;
const MINUTE = 2;
const SPIKE = 3;
const SPIKE_START = 4;
const SPIKE_LENGTH = 5;
const SPIKE_HEIGHT = 6;
const SLOT_MAX = 7;
const PEAK_MINUTE = 8;
const MINUTE_MAX = 9;
const HOUR_MAX = 10;
const PEAK_SLOT = 11;

/** Percent metrics stay at or below this, leaving room for a maximum above them. */
const PERCENT_CEILING = 99;

/**
 * The value of `metric` over [startSec, startSec + periodSec): the mean (`cpu`, `memory`), the
 * maximum (`cpuMax`, never below `cpu` of the same period) or the total bytes (network, disk).
 * Deterministic in (profile, metric, time); times are taken to whole minutes.
 */
export function syntheticValue(
  profile: MetricProfile,
  metric: SandboxMetric,
  startSec: number,
  periodSec: number,
): number {
  if (periodSec === 3600 && startSec % 3600 === 0) {
    // The common case (hourly series) without the walk over minutes and slots.
    const hour = startSec / 3600;
    if (metric === 'cpuMax') return hourMax(profile, hour);
    const value = hourValue(profile, metric, hour);
    return NOISE[metric].percent ? value : value * 60;
  }
  const first = Math.floor(startSec / 60);
  const end = first + Math.max(1, Math.round(periodSec / 60));
  if (metric === 'cpuMax') return maxOver(profile, first, end);
  const mean = meanOver(profile, metric, first, end);
  return NOISE[metric].percent ? mean : mean * (end - first);
}

function meanOver(profile: MetricProfile, metric: LevelMetric, first: number, end: number): number {
  let sum = 0;
  let m = first;
  for (; m < end && mod(m, 5) !== 0; m++) sum += minuteValue(profile, metric, m);
  for (; m + 5 <= end && mod(m, 60) !== 0; m += 5) sum += 5 * slotValue(profile, metric, m / 5);
  for (; m + 60 <= end; m += 60) sum += 60 * hourValue(profile, metric, m / 60);
  for (; m + 5 <= end; m += 5) sum += 5 * slotValue(profile, metric, m / 5);
  for (; m < end; m++) sum += minuteValue(profile, metric, m);
  return sum / (end - first);
}

function maxOver(profile: MetricProfile, first: number, end: number): number {
  let max = 0;
  let m = first;
  for (; m < end && mod(m, 5) !== 0; m++) max = Math.max(max, minuteMax(profile, m));
  for (; m + 5 <= end && mod(m, 60) !== 0; m += 5) max = Math.max(max, slotMax(profile, m / 5));
  for (; m + 60 <= end; m += 60) max = Math.max(max, hourMax(profile, m / 60));
  for (; m + 5 <= end; m += 5) max = Math.max(max, slotMax(profile, m / 5));
  for (; m < end; m++) max = Math.max(max, minuteMax(profile, m));
  return max;
}

/**
 * What an hour's values are built from, cached for the last hour asked (slots and minutes come
 * in runs). A class with number fields initialised as doubles: V8 then updates them in place
 * rather than boxing a new number on every write.
 */
class HourState {
  profile: MetricProfile | null = null;
  metric: LevelMetric | null = null;
  hour = Number.NaN;
  /** The hour's level, and the factor its noise is scaled by to stay inside 0–99 %. */
  level = 0.5;
  scale = 0.5;
  /** Relative hour noise. */
  drift = 0.5;
  /** CPU spike: slots [spikeFrom, spikeTo) of the hour carry `spikeHeight` percent more. */
  spikeFrom = 0;
  spikeTo = 0;
  spikeHeight = 0.5;
}

const state = new HourState();

function hourState(profile: MetricProfile, metric: LevelMetric, hour: number): HourState {
  if (state.profile === profile && state.metric === metric && state.hour === hour) return state;
  const noise = NOISE[metric];
  const base = noise.stream * 16;
  const level = levelOf(profile, metric, hour);
  const spread = level * (noise.hour + noise.slot + noise.minute);
  const scale = noise.percent && spread > 0 ? Math.min(1, (PERCENT_CEILING - level) / spread) : 1;
  state.profile = profile;
  state.metric = metric;
  state.hour = hour;
  state.level = level;
  state.scale = scale;
  state.drift = noise.hour * signed(profile.hash, base + HOUR, hour);
  state.spikeFrom = 0;
  state.spikeTo = 0;
  state.spikeHeight = 0;
  if (metric === 'cpu' && unit(profile.hash, base + SPIKE, hour) < profile.spikeChance) {
    const headroom = PERCENT_CEILING - level - spread * scale;
    state.spikeFrom = Math.floor(unit(profile.hash, base + SPIKE_START, hour) * 12);
    const length = 1 + Math.floor(unit(profile.hash, base + SPIKE_LENGTH, hour) * 4);
    state.spikeTo = Math.min(12, state.spikeFrom + length);
    const share = 0.6 + 0.4 * unit(profile.hash, base + SPIKE_HEIGHT, hour);
    state.spikeHeight = Math.max(0, headroom * profile.spikeShare * share);
  }
  return state;
}

function hourValue(profile: MetricProfile, metric: LevelMetric, hour: number): number {
  const s = hourState(profile, metric, hour);
  const spikeMean = (s.spikeHeight * (s.spikeTo - s.spikeFrom)) / 12;
  return s.level * (1 + s.scale * s.drift) + spikeMean;
}

function slotValue(profile: MetricProfile, metric: LevelMetric, slot: number): number {
  const hour = Math.floor(slot / 12);
  const s = hourState(profile, metric, hour);
  const within = slot - hour * 12;
  const stream = NOISE[metric].stream * 16 + SLOT;
  const next = hour * 12 + ((within + 1) % 12);
  const wobble =
    (NOISE[metric].slot / 2) *
    (signed(profile.hash, stream, slot) - signed(profile.hash, stream, next));
  const spike = within >= s.spikeFrom && within < s.spikeTo ? s.spikeHeight : 0;
  return s.level * (1 + s.scale * (s.drift + wobble)) + spike;
}

function minuteValue(profile: MetricProfile, metric: LevelMetric, minute: number): number {
  const slot = Math.floor(minute / 5);
  const slotMean = slotValue(profile, metric, slot);
  const s = state; // slotValue left the minute's hour in the cache
  const stream = NOISE[metric].stream * 16 + MINUTE;
  const next = slot * 5 + ((minute - slot * 5 + 1) % 5);
  const wobble =
    (NOISE[metric].minute / 2) *
    (signed(profile.hash, stream, minute) - signed(profile.hash, stream, next));
  return slotMean + s.level * s.scale * wobble;
}

/**
 * The highest CPU of an hour: above anything a minute of the hour can reach (`top`), plus a
 * burst share of that (bursty and idle machines peak further above their mean). One slot of the
 * hour — inside the spike, if there is one — holds it; so an hourly maximum costs one evaluation
 * and is exactly the highest of its slots' maxima.
 */
function hourMax(profile: MetricProfile, hour: number): number {
  const s = hourState(profile, 'cpu', hour);
  const c = NOISE.cpu;
  const top = s.level * (1 + s.scale * (s.drift + c.slot + c.minute)) + s.spikeHeight;
  const reach = profile.kind === 'bursty' ? 1 : profile.kind === 'idle' ? 1.5 : 0.5;
  return Math.min(100, top * (1 + reach * unit(profile.hash, 16 + HOUR_MAX, hour)));
}

function peakSlot(profile: MetricProfile, hour: number): number {
  const s = hourState(profile, 'cpu', hour);
  const roll = unit(profile.hash, 16 + PEAK_SLOT, hour);
  return s.spikeTo > s.spikeFrom
    ? s.spikeFrom + Math.floor(roll * (s.spikeTo - s.spikeFrom))
    : Math.floor(roll * 12);
}

/** A slot's maximum: at or above any of its minutes, at or below its hour's maximum. */
function slotMax(profile: MetricProfile, slot: number): number {
  const hour = Math.floor(slot / 12);
  const max = hourMax(profile, hour);
  if (slot - hour * 12 === peakSlot(profile, hour)) return max;
  const top = slotValue(profile, 'cpu', slot) + state.level * state.scale * NOISE.cpu.minute;
  return top + (max - top) * 0.5 * unit(profile.hash, 16 + SLOT_MAX, slot);
}

/** One minute's maximum: one minute of each slot holds the slot's maximum, the rest less. */
function minuteMax(profile: MetricProfile, minute: number): number {
  const slot = Math.floor(minute / 5);
  const max = slotMax(profile, slot);
  if (minute - slot * 5 === Math.floor(unit(profile.hash, 16 + PEAK_MINUTE, slot) * 5)) return max;
  const value = minuteValue(profile, 'cpu', minute);
  return value + (max - value) * 0.5 * unit(profile.hash, 16 + MINUTE_MAX, minute);
}

/** The hour's level before noise: the daily or office-hours cycle, in local time. */
function levelOf(profile: MetricProfile, metric: LevelMetric, hour: number): number {
  const cpu = cpuLevel(profile, hour);
  switch (metric) {
    case 'cpu':
      return cpu;
    case 'memory':
      return Math.min(93, profile.memoryBase + 0.2 * cpu);
    case 'networkIn':
      return profile.networkInPerMinute * activity(cpu);
    case 'networkOut':
      return profile.networkOutPerMinute * activity(cpu);
    case 'diskRead':
      return profile.diskReadPerMinute * activity(cpu);
    case 'diskWrite':
      return profile.diskWritePerMinute * activity(cpu);
  }
}

function cpuLevel(profile: MetricProfile, hour: number): number {
  // Hours since 1970 fit in 32 bits; integer arithmetic keeps `%` off the slow floating path.
  const local = (hour + profile.utcOffsetHours) | 0;
  const hourOfDay = mod(local, 24);
  const weekday = mod(((local - hourOfDay) / 24 + 4) | 0, 7); // 1970-01-01 was a Thursday; 0 is Sunday
  const { cpuFloor: floor, cpuPeak: peak } = profile;
  if (profile.kind === 'business') {
    if (weekday === 0 || weekday === 6) return floor;
    if (hourOfDay >= 9 && hourOfDay < 18) return peak;
    if (hourOfDay === 8 || hourOfDay === 18) return (floor + peak) / 2;
    return floor;
  }
  const cycle = DAILY_CYCLE[mod((hourOfDay - profile.peakHour) | 0, 24)] ?? 0;
  const weekend = weekday === 0 || weekday === 6 ? 0.7 : 1;
  return floor + (peak - floor) * cycle * weekend;
}

/** A cosine over the day, 1 at the peak hour and 0 twelve hours away, by hours from the peak. */
const DAILY_CYCLE = Array.from(
  { length: 24 },
  (_, h) => 0.5 + 0.5 * Math.cos((2 * Math.PI * h) / 24),
);

/** Share of full traffic at a CPU level: a machine that does nothing still talks a little. */
function activity(cpu: number): number {
  return 0.1 + 0.9 * Math.min(1, cpu / 60);
}

function signed(hash: number, stream: number, index: number): number {
  return 2 * unit(hash, stream, index) - 1;
}

function mod(value: number, by: number): number {
  return ((value % by) + by) % by;
}
