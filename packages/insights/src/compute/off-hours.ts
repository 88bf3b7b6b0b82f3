/**
 * Off-hours schedules for non-production machines: the hours of the week in which a machine
 * is consistently idle become hours it could be stopped.
 *
 * Each of the 168 hours of the week (UTC) takes the highest CPU seen in it over the lookback
 * (the hourly maximum when given, else the average). An hour is busy when that reaches the
 * threshold (5 % by default) in any week. The schedule keeps the machine running on every day
 * that has a busy hour, from the earliest busy hour to the end of the latest one across those
 * days — one daily window, as schedulers take it — so no busy hour is ever outside it. A
 * window that would wrap past midnight is not sought: a night workload simply gets a long
 * window, which errs towards running. Hours off = 168 − running days × window length; the
 * monthly saving is hours off / 168 × the monthly price. A suggestion needs at least one full
 * week of data with every hour of the week observed, and at least 24 hours off a week.
 */
import type { Series } from './series';
import { roundTo, windowOf } from './series';

export interface OffHoursOptions {
  now: Date;
  /** Default 14. */
  lookbackDays?: number;
  /** CPU percent at or above which an hour counts as busy. Default 5. */
  busyAtPercent?: number;
  /** Fewest hours off a week worth suggesting. Default 24. */
  minHoursOff?: number;
}

export interface OffHoursSchedule {
  /** Days running, 0 = Monday … 6 = Sunday. */
  days: number[];
  /** Daily window, UTC hours: from `startHour` to `endHour` (exclusive, 24 = midnight). */
  startHour: number;
  endHour: number;
  hoursOffPerWeek: number;
  label: string;
}

export type OffHoursResult =
  | { status: 'insufficient-data'; reason: string }
  | { status: 'always-idle' | 'always-busy' | 'too-little-off' }
  | {
      status: 'schedule';
      schedule: OffHoursSchedule;
      /** The highest CPU of each hour of the week (index = day × 24 + hour), for a heatmap. */
      hourOfWeekPeak: number[];
      weeksObserved: number;
    };

const DAY = 86_400;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Hour of the week (Monday 00:00 UTC = 0) of an epoch second. */
function hourOfWeek(epochSeconds: number): number {
  const date = new Date(epochSeconds * 1000);
  const day = (date.getUTCDay() + 6) % 7;
  return day * 24 + date.getUTCHours();
}

function dayRanges(days: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j += 1;
    const first = DAY_NAMES[days[i]!]!;
    const last = DAY_NAMES[days[j]!]!;
    parts.push(i === j ? first : j === i + 1 ? `${first}, ${last}` : `${first}–${last}`);
    i = j + 1;
  }
  return parts.join(', ');
}

const hh = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

export function offHoursSchedule(series: Series, options: OffHoursOptions): OffHoursResult {
  const lookbackDays = options.lookbackDays ?? 14;
  const busyAt = options.busyAtPercent ?? 5;
  const minHoursOff = options.minHoursOff ?? 24;
  const end = Math.floor(options.now.getTime() / 1000);
  const window = windowOf(series, end - lookbackDays * DAY, end);
  const n = window.values.length;
  if (n === 0) return { status: 'insufficient-data', reason: 'no CPU series' };
  const spanDays = (window.timestamps[n - 1]! - window.timestamps[0]! + window.periodSeconds) / DAY;
  if (spanDays < 7) return { status: 'insufficient-data', reason: 'less than a week of data' };

  const peaks: (number | null)[] = new Array<number | null>(168).fill(null);
  window.timestamps.forEach((at, i) => {
    const slot = hourOfWeek(at);
    peaks[slot] = Math.max(peaks[slot] ?? -Infinity, window.values[i]!);
  });
  if (peaks.some((peak) => peak === null))
    return { status: 'insufficient-data', reason: 'some hours of the week were never observed' };
  const peak = peaks as number[];

  const busyDays: number[] = [];
  let startHour = 24;
  let endHour = 0;
  for (let day = 0; day < 7; day += 1) {
    let busy = false;
    for (let hour = 0; hour < 24; hour += 1)
      if (peak[day * 24 + hour]! >= busyAt) {
        busy = true;
        startHour = Math.min(startHour, hour);
        endHour = Math.max(endHour, hour + 1);
      }
    if (busy) busyDays.push(day);
  }
  if (busyDays.length === 0) return { status: 'always-idle' };
  const hoursOff = 168 - busyDays.length * (endHour - startHour);
  if (hoursOff === 0) return { status: 'always-busy' };
  if (hoursOff < minHoursOff) return { status: 'too-little-off' };
  return {
    status: 'schedule',
    schedule: {
      days: busyDays,
      startHour,
      endHour,
      hoursOffPerWeek: hoursOff,
      label: `running ${dayRanges(busyDays)} ${hh(startHour)}–${hh(endHour)} UTC`,
    },
    hourOfWeekPeak: peak.map((value) => roundTo(value, 2)),
    weeksObserved: roundTo(spanDays / 7, 2),
  };
}

/** Monthly saving of stopping a machine for `hoursOffPerWeek` of every week. */
export function offHoursSaving(monthlyPrice: number, hoursOffPerWeek: number): number {
  return roundTo((monthlyPrice * hoursOffPerWeek) / 168, 2);
}
