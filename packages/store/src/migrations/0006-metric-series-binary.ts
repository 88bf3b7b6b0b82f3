import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import { encodeValues } from '../metric-series/encoding';
import { MAX_POINTS_PER_SERIES } from '../metric-series/points';
import { roundValue } from '../metric-series/round';
import { sortableText } from './column-helpers';

/** Rows converted per statement pair. */
const PAGE = 500;

interface JsonRow {
  resource_uid: string;
  metric: string;
  period_s: number;
  start_s: number | string;
  end_s: number | string;
  points: string;
  updated_at: string;
}

interface BinaryRow extends Omit<JsonRow, 'points'> {
  points: Uint8Array;
}

interface Tables {
  metric_series_json: JsonRow;
  metric_series: BinaryRow;
}

/**
 * Metric series points as binary floats (`metric-series/encoding.ts`: a format byte, then
 * little-endian Float32 values, NaN for gaps) instead of a JSON array: a merge then copies the
 * stored bytes it keeps instead of parsing and printing every value, and a row of 14 days of
 * hourly points shrinks to 1.3 kB. Existing rows are converted, page by page; a row whose JSON
 * cannot be read is dropped, as the store could not read it either, and the next sync fetches
 * that series' whole window again. On PostgreSQL the column is `bytea` stored uncompressed,
 * since floats do not compress and trying costs every write.
 */
export function metricSeriesBinaryMigration(dialect: SqlDialect): Migration {
  const text = sortableText(dialect);
  const seconds = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      const db = untyped as Kysely<Tables>;
      await db.schema.alterTable('metric_series').renameTo('metric_series_json').execute();
      if (dialect === 'postgres') {
        // Constraint (and index) names are per schema there: free the name for the new table.
        await db.schema
          .alterTable('metric_series_json')
          .renameConstraint('metric_series_pk', 'metric_series_json_pk')
          .execute();
      }
      await db.schema
        .createTable('metric_series')
        .addColumn('resource_uid', 'text', (c) => text(c).notNull())
        .addColumn('metric', 'text', (c) => text(c).notNull())
        .addColumn('period_s', 'integer', (c) => c.notNull())
        .addColumn('start_s', seconds, (c) => c.notNull())
        .addColumn('end_s', seconds, (c) => c.notNull())
        .addColumn('points', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('metric_series_pk', ['resource_uid', 'metric'])
        .execute();
      if (dialect === 'postgres') {
        await sql`alter table metric_series alter column points set storage external`.execute(db);
        // The conversion reads a table renamed in this same transaction, page by page; a
        // parallel plan gains nothing on pages of 500 rows, and a parallel worker resolving the
        // renamed table was seen to fail once, so the migration's transaction plans serially.
        await sql`set local max_parallel_workers_per_gather = 0`.execute(db);
      }
      await convertRows(db);
      await db.schema.dropTable('metric_series_json').execute();
    },
  };
}

async function convertRows(db: Kysely<Tables>): Promise<void> {
  let after: { uid: string; metric: string } | undefined;
  for (;;) {
    let select = db
      .selectFrom('metric_series_json')
      .selectAll()
      .orderBy('resource_uid')
      .orderBy('metric')
      .limit(PAGE);
    if (after) {
      const { uid, metric } = after;
      select = select.where((eb) =>
        eb(eb.refTuple('resource_uid', 'metric'), '>', eb.tuple(uid, metric)),
      );
    }
    const page = await select.execute();
    const last = page.at(-1);
    if (!last) return;
    after = { uid: last.resource_uid, metric: last.metric };
    const rows = page.flatMap((row) => {
      const converted = toBinary(row);
      return converted ? [converted] : [];
    });
    if (rows.length > 0) await db.insertInto('metric_series').values(rows).execute();
  }
}

/** One JSON row as a binary one; null when its points are not what the store wrote. */
export function toBinary(row: JsonRow): BinaryRow | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.points);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_POINTS_PER_SERIES) {
    return null;
  }
  const values = new Float64Array(parsed.length);
  for (let i = 0; i < parsed.length; i += 1) {
    const value: unknown = parsed[i];
    if (value === null) values[i] = Number.NaN;
    else if (typeof value === 'number' && Number.isFinite(value)) values[i] = roundValue(value);
    else return null;
  }
  const period = row.period_s;
  const start = Number(row.start_s);
  if (
    !Number.isInteger(period) ||
    period < 1 ||
    !Number.isSafeInteger(start) ||
    start % period !== 0 ||
    Number.isNaN(values[0]) ||
    Number.isNaN(values[values.length - 1])
  ) {
    return null;
  }
  return {
    resource_uid: row.resource_uid,
    metric: row.metric,
    period_s: period,
    start_s: start,
    end_s: start + (values.length - 1) * period,
    points: encodeValues(values),
    updated_at: row.updated_at,
  };
}
