import { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteDialect } from '../connection/sqlite';
import type { Database } from '../db/schema';
import { migrateToLatest } from '../migrations/run';
import { createMetricSeriesRepository } from './repository';

const HOUR = 3600;
const T = 1_764_000_000 - (1_764_000_000 % HOUR);
const A = 'aws/111111111111/us-east-1/ec2.instance/i-a';

let db: Kysely<Database>;
beforeEach(async () => {
  db = new Kysely<Database>({ dialect: createSqliteDialect(':memory:') });
  await migrateToLatest(db, 'sqlite');
});
afterEach(async () => {
  await db.destroy();
});

const stamp = async () =>
  (await db.selectFrom('metric_series').select('updated_at').executeTakeFirstOrThrow()).updated_at;

describe('metric series writes', () => {
  it('rewrites no row when a merge brings nothing new, as a sync re-run within the hour does', async () => {
    const repository = createMetricSeriesRepository({ db, dialect: 'sqlite' });
    const series = {
      uid: A,
      metric: 'cpu' as const,
      periodSeconds: HOUR,
      timestamps: [T, T + HOUR],
      values: [12.344, 50],
    };
    await repository.merge({ series: [series], keepAfter: 0, at: '2026-11-26T06:00:00.000Z' });
    // Values equal once rounded are the same points.
    const again = { ...series, values: [12.3401, 50] };
    expect(
      await repository.merge({ series: [again], keepAfter: 0, at: '2026-11-26T06:30:00.000Z' }),
    ).toEqual({ series: 1, points: 2 });
    expect(await stamp()).toBe('2026-11-26T06:00:00.000Z');
    await repository.merge({
      series: [{ ...series, timestamps: [T + 2 * HOUR], values: [1] }],
      keepAfter: 0,
      at: '2026-11-26T07:00:00.000Z',
    });
    expect(await stamp()).toBe('2026-11-26T07:00:00.000Z');
  });
});
