import { describe, expect, it } from 'vitest';
import { offHoursSaving, offHoursSchedule } from './off-hours';
import { flat, hourly, NOW } from './testing/hourly';

const office = (day: number, hour: number) => (day < 5 && hour >= 8 && hour < 19 ? 40 : 1);

describe('off-hours schedules', () => {
  it('finds weekday office hours and the hours off', () => {
    const result = offHoursSchedule(hourly(14, office), { now: NOW });
    expect(result).toMatchObject({
      status: 'schedule',
      schedule: {
        days: [0, 1, 2, 3, 4],
        startHour: 8,
        endHour: 19,
        hoursOffPerWeek: 168 - 5 * 11,
        label: 'running Mon–Fri 08:00–19:00 UTC',
      },
      weeksObserved: 2,
    });
    if (result.status !== 'schedule') throw new Error(result.status);
    expect(result.hourOfWeekPeak).toHaveLength(168);
    expect(result.hourOfWeekPeak[8]).toBe(40);
    expect(result.hourOfWeekPeak[7]).toBe(1);
    // An m5.large (70.08 a month) off 113 of 168 hours.
    expect(offHoursSaving(70.08, 113)).toBe(47.14);
  });

  it('keeps every busy hour inside the schedule, even one in a single week', () => {
    // A Saturday job 10:00–12:00 in the second week only.
    const series = hourly(14, (day, hour, index) =>
      day === 5 && hour >= 10 && hour < 12 && index >= 7 * 24 ? 30 : office(day, hour),
    );
    expect(offHoursSchedule(series, { now: NOW })).toMatchObject({
      schedule: {
        days: [0, 1, 2, 3, 4, 5],
        startHour: 8,
        endHour: 19,
        label: 'running Mon–Sat 08:00–19:00 UTC',
      },
    });
    const split = hourly(14, (day, hour) => ((day === 0 || day === 2) && hour === 9 ? 50 : 1));
    expect(offHoursSchedule(split, { now: NOW })).toMatchObject({
      schedule: { days: [0, 2], label: 'running Mon, Wed 09:00–10:00 UTC', hoursOffPerWeek: 166 },
    });
  });

  it('suggests nothing for a machine busy all the time, idle all the time, or with little off', () => {
    expect(offHoursSchedule(flat(14, 30), { now: NOW })).toEqual({ status: 'always-busy' });
    expect(offHoursSchedule(flat(14, 1), { now: NOW })).toEqual({ status: 'always-idle' });
    const nights = hourly(14, (_day, hour) => (hour === 0 ? 1 : 50));
    expect(offHoursSchedule(nights, { now: NOW, minHoursOff: 24 })).toEqual({
      status: 'too-little-off',
    });
  });

  it('needs a full week with every hour of the week observed', () => {
    expect(offHoursSchedule(hourly(6, office), { now: NOW })).toMatchObject({
      status: 'insufficient-data',
    });
    const missingHour = hourly(14, office, (i) => i % 168 === 30);
    expect(offHoursSchedule(missingHour, { now: NOW })).toMatchObject({
      status: 'insufficient-data',
      reason: 'some hours of the week were never observed',
    });
  });
});
