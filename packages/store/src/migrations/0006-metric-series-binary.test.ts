import { Kysely } from 'kysely';
import { createSqliteDialect } from '../connection/sqlite';
import type { Database } from '../db/schema';
import { describeMetricSeriesBinaryMigration } from './metric-series-binary.contract';

describeMetricSeriesBinaryMigration('sqlite', () => {
  const db = new Kysely<Database>({ dialect: createSqliteDialect(':memory:') });
  return Promise.resolve({ db, dialect: 'sqlite', close: () => db.destroy() });
});
