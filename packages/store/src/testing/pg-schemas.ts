import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export const PG_TEST_URL = process.env.CCX_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PgSchemas {
  /** A connection outside every test schema, for looking at one from the side. */
  admin: pg.Client;
  /** A new, empty schema and a URL whose connections use it as their search path. */
  fresh(): Promise<{ schema: string; url: string }>;
}

/**
 * Fresh PostgreSQL schemas for one test file, named after `prefix`, this process and a
 * counter, so test runs (and other suites on the same database) never see each other's rows.
 * They are dropped when the file is done.
 */
export function usePgSchemas(prefix: string): PgSchemas {
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
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

  return {
    admin,
    async fresh() {
      const schema = `${prefix}_${runTag}_${schemas.length}`;
      schemas.push(schema);
      await admin.query(`create schema "${schema}"`);
      const url = new URL(PG_TEST_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { schema, url: url.toString() };
    },
  };
}
