import { CcxError, metricNameSchema, type MetricName } from '@ccx/core';
import type { Insertable, Selectable } from 'kysely';
import type { MetricSeriesTable } from '../db/schema';
import { MAX_POINTS_PER_SERIES, packedEnd, valuesToJson, type PackedPoints } from './points';

/** A stored row as the repository uses it. */
export interface StoredSeries {
  uid: string;
  metric: MetricName;
  packed: PackedPoints;
}

/** PostgreSQL returns `bigint` columns as strings. */
const seconds = (value: number | string): number => Number(value);

function corrupt(uid: string, detail: string, cause?: unknown): CcxError {
  return new CcxError('internal', `Column metric_series.points ${detail}`, {
    details: { uid },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Reads a row back. The points column is checked with a loop, not a schema: an incremental
 * sync reads every stored series of the resources it fetched, hundreds of values each.
 */
export function fromRow(row: Selectable<MetricSeriesTable>): StoredSeries {
  const metric = metricNameSchema.safeParse(row.metric);
  if (!metric.success) throw corrupt(row.resource_uid, 'belongs to an unknown metric');
  let values: unknown;
  try {
    values = JSON.parse(row.points);
  } catch (error) {
    throw corrupt(row.resource_uid, 'holds invalid JSON', error);
  }
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_POINTS_PER_SERIES) {
    throw corrupt(row.resource_uid, 'has an unexpected shape');
  }
  const packedValues = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value: unknown = values[i];
    if (value === null) packedValues[i] = Number.NaN;
    else if (typeof value === 'number' && Number.isFinite(value)) packedValues[i] = value;
    else throw corrupt(row.resource_uid, 'has an unexpected shape');
  }
  const periodSeconds = row.period_s;
  const start = seconds(row.start_s);
  if (!Number.isInteger(periodSeconds) || periodSeconds < 1 || start % periodSeconds !== 0) {
    throw corrupt(row.resource_uid, 'is off its period grid');
  }
  return {
    uid: row.resource_uid,
    metric: metric.data,
    packed: { periodSeconds, start, values: packedValues },
  };
}

export function toRow(series: StoredSeries, at: string): Insertable<MetricSeriesTable> {
  const { packed } = series;
  return {
    resource_uid: series.uid,
    metric: series.metric,
    period_s: packed.periodSeconds,
    start_s: packed.start,
    end_s: packedEnd(packed),
    points: valuesToJson(packed.values),
    updated_at: at,
  };
}

/** Columns of one row, for sizing multi-row inserts. */
export const SERIES_COLUMNS = 7;

/** The newest point of a row, from its own column. */
export const rowEnd = (row: Pick<Selectable<MetricSeriesTable>, 'end_s'>): number =>
  seconds(row.end_s);
