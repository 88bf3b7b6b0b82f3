import type { Series } from '../series';

/** Monday 23 November 2026, 00:00 UTC: the end of every constructed window. */
export const NOW = new Date(Date.UTC(2026, 10, 23));
const END = NOW.getTime() / 1000;

/**
 * An hourly series over the `days` before NOW, each value from `value(day, hour)` where day 0
 * is Monday and hours are UTC; `skip` drops points to make gaps.
 */
export function hourly(
  days: number,
  value: (day: number, hour: number, index: number) => number,
  skip: (index: number) => boolean = () => false,
): Series {
  const timestamps: number[] = [];
  const values: number[] = [];
  const start = END - days * 86_400;
  for (let i = 0; i < days * 24; i += 1) {
    if (skip(i)) continue;
    const at = start + i * 3600;
    const date = new Date(at * 1000);
    timestamps.push(at);
    values.push(value((date.getUTCDay() + 6) % 7, date.getUTCHours(), i));
  }
  return { timestamps, values, periodSeconds: 3600 };
}

export const flat = (days: number, level: number): Series => hourly(days, () => level);
