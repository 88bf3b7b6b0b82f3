import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { describeStoreContract } from './repositories.contract';

const baseUrl = process.env.CCX_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Every store opened here lives in its own schema, named after this process and a counter, so
 * test runs (and other suites on the same database) never see each other's rows. The schemas
 * are dropped when the file is done.
 */
const admin = new pg.Client({ connectionString: baseUrl });
const schemas: string[] = [];
const runTag = `${process.pid}_${Date.now().toString(36)}`;

async function freshSchemaUrl(): Promise<string> {
  const schema = `ccx_store_test_${runTag}_${schemas.length}`;
  schemas.push(schema);
  await admin.query(`create schema "${schema}"`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

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

describeStoreContract('postgres', async () => openStore({ url: await freshSchemaUrl() }));

describe('postgres specifics', () => {
  it('lets concurrent openers migrate one schema once', async () => {
    const url = await freshSchemaUrl();
    const stores = await Promise.all([openStore({ url }), openStore({ url }), openStore({ url })]);
    try {
      expect(stores.map((store) => store.dialect)).toEqual(['postgres', 'postgres', 'postgres']);
      await stores[0].users.create({ username: 'ada', role: 'admin' });
      expect(await stores[2].users.count()).toBe(1);
      const schema = new URL(url).searchParams.get('options')!.split('=')[1]!;
      const applied = await admin.query(
        `select count(*)::int as n from "${schema}".kysely_migration`,
      );
      expect(applied.rows[0]).toEqual({ n: 6 });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses to change or remove audit events', async () => {
    const url = await freshSchemaUrl();
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
    const schema = schemas.at(-1)!;
    await expect(admin.query(`update "${schema}".audit_events set action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(admin.query(`delete from "${schema}".audit_events`)).rejects.toThrow(
      /append-only/,
    );
  });
});
