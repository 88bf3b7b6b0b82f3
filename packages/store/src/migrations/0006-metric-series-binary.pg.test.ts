import { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresDialect } from '../connection/postgres';
import type { Database } from '../db/schema';
import { describeMetricSeriesBinaryMigration } from './metric-series-binary.contract';

const baseUrl = process.env.CCX_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Each database opened here is a schema of its own, dropped when the file is done. */
const admin = new pg.Client({ connectionString: baseUrl });
const schemas: string[] = [];
const runTag = `${process.pid}_${Date.now().toString(36)}`;

beforeAll(async () => {
  await admin.connect();
});

afterAll(async () => {
  try {
    for (const schema of schemas) await admin.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await admin.end();
  }
});

describeMetricSeriesBinaryMigration('postgres', async () => {
  const schema = `ccx_migration_test_${runTag}_${schemas.length}`;
  schemas.push(schema);
  await admin.query(`create schema "${schema}"`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = new Kysely<Database>({ dialect: createPostgresDialect(url.toString()) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
});
