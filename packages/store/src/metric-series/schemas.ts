import { metricNameSchema } from '@ccx/core';
import { z } from 'zod';
import { MAX_POINTS_PER_SERIES } from './points';

/** A week: the longest period any provider aggregates to that the product would keep. */
const MAX_PERIOD_SECONDS = 7 * 86_400;
/** Epoch seconds up to the year 9999, so `new Date(seconds * 1000)` stays valid. */
const MAX_EPOCH_SECONDS = 253_402_300_799;
/** Points one incoming series may carry (the stored row keeps at most MAX_POINTS_PER_SERIES). */
const MAX_INCOMING_POINTS = 5 * MAX_POINTS_PER_SERIES;

/** An array checked by length only here; its elements are checked by the loop below. */
const pointArray = z.custom<readonly unknown[]>(
  (value) => Array.isArray(value) && value.length <= MAX_INCOMING_POINTS,
  `expected an array of at most ${MAX_INCOMING_POINTS} points`,
);

const epochSeconds = z.number().int().min(0).max(MAX_EPOCH_SECONDS);

export const uidSchema = z.string().min(1).max(1024);

/**
 * One incoming series. The point arrays are checked with a loop rather than an element schema:
 * a sync hands over tens of thousands of series of hundreds of points each, and a per-element
 * schema would spend more time than the database.
 */
export const incomingSeriesSchema = z
  .object({
    uid: uidSchema,
    metric: metricNameSchema,
    periodSeconds: z.number().int().min(1).max(MAX_PERIOD_SECONDS),
    timestamps: pointArray,
    values: pointArray,
  })
  .superRefine(({ timestamps, values }, ctx) => {
    if (timestamps.length !== values.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: 'timestamps and values must have the same length',
      });
      return;
    }
    for (let i = 0; i < timestamps.length; i += 1) {
      const timestamp = timestamps[i];
      if (
        typeof timestamp !== 'number' ||
        !Number.isInteger(timestamp) ||
        timestamp < 0 ||
        timestamp > MAX_EPOCH_SECONDS
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['timestamps', i],
          message: 'expected epoch seconds',
        });
        return;
      }
      const value = values[i];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', i],
          message: 'expected a finite number',
        });
        return;
      }
    }
  })
  .transform((series) => ({
    ...series,
    timestamps: series.timestamps as number[],
    values: series.values as number[],
  }));

const atSchema = z.iso
  .datetime({ offset: true })
  .transform((at) => new Date(at).toISOString())
  .optional();

export const mergeInputSchema = z.object({
  series: z.array(incomingSeriesSchema),
  keepAfter: epochSeconds,
  at: atSchema,
});

export const trimInputSchema = z.object({ keepAfter: epochSeconds, at: atSchema });

export const queryInputSchema = z.object({
  uids: z.array(uidSchema),
  metrics: z.array(metricNameSchema).optional(),
});
