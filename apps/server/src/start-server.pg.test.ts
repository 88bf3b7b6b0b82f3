import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from './config/schema';
import { createLogger } from './logger';
import { startServer } from './start-server';

/** The same composition over PostgreSQL: `store.url` alone picks the dialect. */
const pgUrl = process.env.CCX_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('startServer on PostgreSQL', () => {
  it('migrates, serves readiness and records a sync run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ccx-pg-'));
    const config = configSchema.parse({
      dataDir,
      logging: { level: 'silent' },
      store: { url: pgUrl },
    });
    const server = await startServer(config, {
      port: 0,
      logger: createLogger('silent'),
      web: false,
    });
    try {
      expect(server.store.dialect).toBe('postgres');
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const summary = await server.sync.run('pg-test');
      expect(await server.store.syncRuns.get(summary.runId)).toMatchObject({
        trigger: 'pg-test',
        status: 'succeeded',
      });
    } finally {
      await server.close();
    }
  });
});
