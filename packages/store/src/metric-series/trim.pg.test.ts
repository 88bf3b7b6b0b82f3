import { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPostgresDialect } from '../connection/postgres';
import type { Database } from '../db/schema';
import { openStore } from '../open-store';
import { usePgSchemas } from '../testing/pg-schemas';
import { lockSeriesScopes } from './queries';

const { admin, fresh } = usePgSchemas('ccx_trim_test');

const HOUR = 3600;
const T = 1_764_000_000 - (1_764_000_000 % HOUR);
const A = 'aws/111111111111/us-east-1/ec2.instance/i-a';
const B = 'aws/111111111111/us-east-1/ec2.instance/i-b';

/** Resolves once some transaction waits for an advisory lock. */
async function someoneWaitsForScope(): Promise<void> {
  for (;;) {
    const waiting = await admin.query<{ n: number }>(
      "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
    );
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('metric series trim on postgres', () => {
  it('waits for a merge holding the scope before touching its rows, so neither deadlocks', async () => {
    const { url } = await fresh();
    const store = await openStore({ url });
    const db = new Kysely<Database>({ dialect: createPostgresDialect(url) });
    try {
      await store.metricSeries.merge({
        series: [
          { uid: A, metric: 'cpu', periodSeconds: HOUR, timestamps: [T], values: [1] },
          { uid: B, metric: 'cpu', periodSeconds: HOUR, timestamps: [T, T + HOUR], values: [1, 2] },
        ],
        keepAfter: 0,
      });
      // A merge's order: the scope lock first, then the rows it writes.
      const merged = db.transaction().execute(async (trx) => {
        await lockSeriesScopes(trx, 'postgres', [A]);
        const trim = store.metricSeries.trimBefore({ keepAfter: T + HOUR });
        await someoneWaitsForScope();
        await trx
          .updateTable('metric_series')
          .set({ updated_at: '2026-11-26T08:00:00.000Z' })
          .where('resource_uid', 'in', [A, B])
          .execute();
        // Wrapped, so the transaction commits before the trim is awaited.
        return { trim };
      });
      const { trim } = await merged;
      expect(await trim).toEqual({ trimmed: 1, deleted: 1 });
      expect((await store.metricSeries.list({ uids: [A, B] })).map((s) => s.uid)).toEqual([B]);
    } finally {
      await db.destroy();
      await store.close();
    }
  });
});
