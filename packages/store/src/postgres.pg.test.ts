import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { describeStoreContract } from './repositories.contract';
import { usePgSchemas } from './testing/pg-schemas';

/** Every store opened here lives in a schema of its own, dropped when the file is done. */
const { admin, fresh } = usePgSchemas('ccx_store_test');

describeStoreContract('postgres', async () => openStore({ url: (await fresh()).url }));

describe('postgres specifics', () => {
  it('lets concurrent openers migrate one schema once', async () => {
    const { schema, url } = await fresh();
    const stores = await Promise.all([openStore({ url }), openStore({ url }), openStore({ url })]);
    try {
      expect(stores.map((store) => store.dialect)).toEqual(['postgres', 'postgres', 'postgres']);
      await stores[0].users.create({ username: 'ada', role: 'admin' });
      expect(await stores[2].users.count()).toBe(1);
      const applied = await admin.query(
        `select count(*)::int as n from "${schema}".kysely_migration`,
      );
      expect(applied.rows[0]).toEqual({ n: 6 });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses to change or remove audit events', async () => {
    const { schema, url } = await fresh();
    const store = await openStore({ url });
    try {
      await store.audit.append({
        actor: { kind: 'system', id: 'system', name: 'system', role: 'admin' },
        action: 'sync.start',
        target: null,
        outcome: 'success',
        correlationId: 'c1',
        detail: {},
        sourceIp: null,
      });
    } finally {
      await store.close();
    }
    await expect(admin.query(`update "${schema}".audit_events set action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(admin.query(`delete from "${schema}".audit_events`)).rejects.toThrow(
      /append-only/,
    );
  });
});
