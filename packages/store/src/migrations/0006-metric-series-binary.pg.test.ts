import { Kysely } from 'kysely';
import { createPostgresDialect } from '../connection/postgres';
import type { Database } from '../db/schema';
import { usePgSchemas } from '../testing/pg-schemas';
import { describeMetricSeriesBinaryMigration } from './metric-series-binary.contract';

/** Each database opened here is a schema of its own, dropped when the file is done. */
const schemas = usePgSchemas('ccx_migration_test');

describeMetricSeriesBinaryMigration('postgres', async () => {
  const { url } = await schemas.fresh();
  const db = new Kysely<Database>({ dialect: createPostgresDialect(url) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
});
