import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DbContext } from '../db/dialect';
import type { Database } from '../db/schema';
import { createMetricSeriesRepository } from '../metric-series/repository';
import { migrationProvider } from './provider';
import { migrateToLatest } from './run';

const HOUR = 3600;
const T = 1_764_000_000 - (1_764_000_000 % HOUR);
const A = 'aws/111111111111/us-east-1/ec2.instance/i-a';
const HOSTILE = "aws/1/r/ec2.instance/'); drop table metric_series; --<img>";

/** A database at migration 0005, as a store released before 0006 left it. */
async function atMetricSeriesJson(ctx: DbContext): Promise<void> {
  const schema =
    ctx.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(ctx.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: ctx.db,
    provider: migrationProvider(ctx.dialect),
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateTo('0005-metric-series');
  if (error !== undefined) throw new Error('Migrating to 0005 failed', { cause: error });
}

/** A row as migration 0005 stored it: values as a JSON array, null for gaps. */
async function insertJsonRow(
  db: Kysely<Database>,
  row: { uid: string; metric: string; period: number; start: number; points: string },
  count = (JSON.parse(row.points) as unknown[]).length,
): Promise<void> {
  await sql`insert into metric_series
      (resource_uid, metric, period_s, start_s, end_s, points, updated_at)
      values (${row.uid}, ${row.metric}, ${row.period}, ${row.start},
        ${row.start + (count - 1) * row.period}, ${row.points}, '2026-11-20T00:00:00.000Z')`.execute(
    db,
  );
}

/**
 * Migration 0006 on a real database: JSON rows written by 0005 become binary rows that read
 * back the same, merge as new ones do, and rows 0005's reader would have refused are dropped.
 */
export function describeMetricSeriesBinaryMigration(
  name: string,
  open: () => Promise<DbContext & { close(): Promise<void> }>,
): void {
  describe(`migration 0006 (binary metric points): ${name}`, () => {
    it('converts stored JSON series to binary ones that read and merge the same', async () => {
      const ctx = await open();
      try {
        await atMetricSeriesJson(ctx);
        await insertJsonRow(ctx.db, {
          uid: A,
          metric: 'cpu',
          period: HOUR,
          start: T,
          points: '[12.35,null,null,33.33,0.0001235]',
        });
        await insertJsonRow(ctx.db, {
          uid: A,
          metric: 'networkIn',
          period: 60,
          start: T,
          points: JSON.stringify(
            Array.from({ length: 2_000 }, (_, i) => (i % 7 === 3 ? null : i * 1000)),
          ),
        });
        await insertJsonRow(ctx.db, {
          uid: HOSTILE,
          metric: 'diskRead',
          period: HOUR,
          start: T,
          points: '[1e+40,2]',
        });
        // What 0005's reader refused: not JSON, a gap at an end, a non-number, empty.
        for (const [metric, points] of [
          ['cpuMax', '[1,'],
          ['networkOut', '[1,null]'],
          ['diskWrite', '[1,"2"]'],
          ['memory', '[]'],
        ] as const) {
          await insertJsonRow(ctx.db, { uid: HOSTILE, metric, period: HOUR, start: T, points }, 2);
        }

        await migrateToLatest(ctx.db, ctx.dialect);

        const repository = createMetricSeriesRepository(ctx);
        const series = await repository.list({ uids: [A, HOSTILE] });
        expect(series.map((s) => `${s.uid} ${s.metric}`)).toEqual([
          `${HOSTILE} diskRead`,
          `${A} cpu`,
          `${A} networkIn`,
        ]);
        expect(series[0]).toEqual({
          uid: HOSTILE,
          metric: 'diskRead',
          periodSeconds: HOUR,
          timestamps: [T, T + HOUR],
          values: [1e40, 2],
        });
        expect(series[1]).toEqual({
          uid: A,
          metric: 'cpu',
          periodSeconds: HOUR,
          timestamps: [T, T + 3 * HOUR, T + 4 * HOUR],
          values: [12.35, 33.33, 0.0001235],
        });
        const minutely = series[2]!;
        expect(minutely.timestamps).toHaveLength(2_000 - Math.ceil((2_000 - 3) / 7));
        expect(minutely.timestamps.at(-1)).toBe(T + 1_999 * 60);
        expect(minutely.values.at(-1)).toBe(1_999_000);
        expect(await repository.latest({ uids: [A], metrics: ['cpu', 'networkIn'] })).toEqual(
          new Map([[A, T + 4 * HOUR]]),
        );

        await repository.merge({
          series: [
            {
              uid: A,
              metric: 'cpu',
              periodSeconds: HOUR,
              timestamps: [T + 4 * HOUR, T + 5 * HOUR],
              values: [40, 50],
            },
          ],
          keepAfter: T + HOUR,
        });
        expect((await repository.list({ uids: [A], metrics: ['cpu'] }))[0]).toMatchObject({
          timestamps: [T + 3 * HOUR, T + 4 * HOUR, T + 5 * HOUR],
          values: [33.33, 40, 50],
        });

        const types = await sql<{ kind: string }>`select ${sql.raw(
          ctx.dialect === 'postgres' ? 'pg_typeof(points)::text' : 'typeof(points)',
        )} as kind from metric_series`.execute(ctx.db);
        expect(new Set(types.rows.map((row) => row.kind))).toEqual(
          new Set([ctx.dialect === 'postgres' ? 'bytea' : 'blob']),
        );
      } finally {
        await ctx.close();
      }
    });

    it('migrates a database that holds no series', async () => {
      const ctx = await open();
      try {
        await atMetricSeriesJson(ctx);
        await migrateToLatest(ctx.db, ctx.dialect);
        const repository = createMetricSeriesRepository(ctx);
        expect(await repository.list({ uids: [A] })).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  });
}
