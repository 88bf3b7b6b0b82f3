import { CcxError, metricNameSchema, type MetricName, type MetricSeries } from '@ccx/core';
import type { Insertable, Selectable } from 'kysely';
import type { MetricSeriesTable } from '../db/schema';
import type { SeriesRow } from './queries';
import { readValue, valueCount, viewOf, widthOf } from './encoding';
import { MAX_POINTS_PER_SERIES, packedEnd, unpack, type PackedPoints } from './points';

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
 * Reads a row back. Only what is cheap is checked here (format, length, grid, the end columns
 * and the two end values); every value is checked where it is decoded (`toMetricSeries`), so
 * a merge that only copies stored bytes never walks them.
 */
export function fromRow(row: SeriesRow): StoredSeries {
  const metric = metricNameSchema.safeParse(row.metric);
  if (!metric.success) throw corrupt(row.resource_uid, 'belongs to an unknown metric');
  const bytes: unknown = row.points;
  if (!(bytes instanceof Uint8Array)) throw corrupt(row.resource_uid, 'is not binary');
  const width = widthOf(bytes);
  const count = width === null ? 0 : valueCount(bytes, width);
  if (width === null || count === 0 || count > MAX_POINTS_PER_SERIES) {
    throw corrupt(row.resource_uid, 'has an unexpected shape');
  }
  const view = viewOf(bytes);
  if (Number.isNaN(readValue(view, width, 0)) || Number.isNaN(readValue(view, width, count - 1))) {
    throw corrupt(row.resource_uid, 'starts or ends with a gap');
  }
  const periodSeconds = row.period_s;
  const start = seconds(row.start_s);
  if (!Number.isInteger(periodSeconds) || periodSeconds < 1 || start % periodSeconds !== 0) {
    throw corrupt(row.resource_uid, 'is off its period grid');
  }
  const packed = { periodSeconds, start, bytes };
  if (packedEnd(packed) !== seconds(row.end_s)) {
    throw corrupt(row.resource_uid, 'does not end where its row says');
  }
  return { uid: row.resource_uid, metric: metric.data, packed };
}

/** The provider-shaped series of a stored one, every value checked. */
export function toMetricSeries({ uid, metric, packed }: StoredSeries): MetricSeries {
  try {
    return { uid, metric, periodSeconds: packed.periodSeconds, ...unpack(packed) };
  } catch (error) {
    throw corrupt(uid, 'holds a value that is not finite', error);
  }
}

export function toRow(series: StoredSeries, at: string): Insertable<MetricSeriesTable> {
  const { packed } = series;
  return {
    resource_uid: series.uid,
    metric: series.metric,
    period_s: packed.periodSeconds,
    start_s: packed.start,
    end_s: packedEnd(packed),
    points: packed.bytes,
    updated_at: at,
  };
}

/** Columns of one row, for sizing multi-row inserts. */
export const SERIES_COLUMNS = 7;

/** The newest point of a row, from its own column. */
export const rowEnd = (row: Pick<Selectable<MetricSeriesTable>, 'end_s'>): number =>
  seconds(row.end_s);
