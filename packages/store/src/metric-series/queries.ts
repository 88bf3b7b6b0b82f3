import { parseResourceUid } from '@ccx/core';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { chunkForParams, type SqlDialect } from '../db/dialect';
import type { Database, MetricSeriesTable } from '../db/schema';
import { SERIES_COLUMNS } from './rows';
import type { MetricSeriesQuery } from './types';

/** The columns a stored series is read from (all but `updated_at`). */
export const SERIES_READ_COLUMNS = [
  'resource_uid',
  'metric',
  'period_s',
  'start_s',
  'end_s',
  'points',
] as const;

export type SeriesRow = Pick<Selectable<MetricSeriesTable>, (typeof SERIES_READ_COLUMNS)[number]>;

/** The uids and metrics of a query without duplicates; null when it can match nothing. */
function distinct(query: MetricSeriesQuery): { uids: string[]; metrics?: string[] } | null {
  const uids = [...new Set(query.uids)];
  const metrics = query.metrics === undefined ? undefined : [...new Set(query.metrics)];
  if (uids.length === 0 || metrics?.length === 0) return null;
  return metrics === undefined ? { uids } : { uids, metrics };
}

/** Stored rows of these uids (and metrics), in chunks that fit the parameter budget. */
export async function selectRows(
  conn: Kysely<Database>,
  query: MetricSeriesQuery,
): Promise<SeriesRow[]> {
  const wanted = distinct(query);
  if (!wanted) return [];
  const rows: SeriesRow[] = [];
  for (const chunk of chunkForParams(wanted.uids, 1)) {
    let select = conn
      .selectFrom('metric_series')
      .select(SERIES_READ_COLUMNS)
      .where('resource_uid', 'in', chunk);
    if (wanted.metrics) select = select.where('metric', 'in', wanted.metrics);
    rows.push(...(await select.execute()));
  }
  return rows;
}

/** Only where each series ends: what an incremental fetch needs, without the points. */
export async function selectEnds(
  conn: Kysely<Database>,
  query: MetricSeriesQuery,
): Promise<Pick<Selectable<MetricSeriesTable>, 'resource_uid' | 'end_s'>[]> {
  const wanted = distinct(query);
  if (!wanted) return [];
  const rows: Pick<Selectable<MetricSeriesTable>, 'resource_uid' | 'end_s'>[] = [];
  for (const chunk of chunkForParams(wanted.uids, 1)) {
    let select = conn
      .selectFrom('metric_series')
      .select(['resource_uid', 'end_s'])
      .where('resource_uid', 'in', chunk);
    if (wanted.metrics) select = select.where('metric', 'in', wanted.metrics);
    rows.push(...(await select.execute()));
  }
  return rows;
}

/** Multi-row upserts: a merge rewrites each series it changed as one row. */
export async function upsertRows(
  trx: Kysely<Database>,
  rows: Insertable<MetricSeriesTable>[],
): Promise<void> {
  for (const chunk of chunkForParams(rows, SERIES_COLUMNS)) {
    await trx
      .insertInto('metric_series')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['resource_uid', 'metric']).doUpdateSet((eb) => ({
          period_s: eb.ref('excluded.period_s'),
          start_s: eb.ref('excluded.start_s'),
          end_s: eb.ref('excluded.end_s'),
          points: eb.ref('excluded.points'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Series a merge left without points (all older than the window): rare, one by one. */
export async function deletePairs(
  trx: Kysely<Database>,
  pairs: readonly { uid: string; metric: string }[],
): Promise<void> {
  for (const { uid, metric } of pairs) {
    await trx
      .deleteFrom('metric_series')
      .where('resource_uid', '=', uid)
      .where('metric', '=', metric)
      .execute();
  }
}

/**
 * Serialises merges into the series of one inventory scope × type for the rest of the
 * transaction on PostgreSQL, where two merges would otherwise both read the stored points
 * before either wrote, and the second would drop what the first added. The scope comes from
 * each uid (uids that are not inventory uids share one key), so the usual merge takes one
 * lock; keys are locked in the order of their hashes, so two merges cannot deadlock. SQLite
 * needs nothing: `BEGIN IMMEDIATE` admits one writer at a time.
 */
export async function lockSeriesScopes(
  trx: Kysely<Database>,
  dialect: SqlDialect,
  uids: readonly string[],
): Promise<void> {
  if (dialect !== 'postgres') return;
  const keys = new Set<string>();
  for (const uid of uids) {
    const ref = parseResourceUid(uid);
    keys.add(
      ref ? `ccx:metrics:${ref.provider}/${ref.account}/${ref.region}/${ref.type}` : 'ccx:metrics',
    );
  }
  await sql`select pg_advisory_xact_lock(h) from (
      select distinct hashtext(k) as h from unnest(${[...keys]}::text[]) as k order by h
    ) as ordered`.execute(trx);
}
