import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../open-store';
import { createSqliteDialect } from './sqlite';

const crashScript = fileURLToPath(new URL('../testing/crash-after-commit.ts', import.meta.url));

describe('sqlite connection settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a committed batch when the process dies before closing the database', async () => {
    const file = join(dir, 'crash.db');
    const outcome = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      crashScript,
      file,
      '500',
    ]).then(
      () => 'exited',
      (error: { signal?: string }) => error.signal,
    );
    expect(outcome).toBe('SIGKILL');
    // The commit is still in the WAL: no checkpoint ran, and nothing closed the file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const store = await openStore({ url: file });
    try {
      expect((await store.resources.counts()).total).toBe(500);
      const [first] = (await store.resources.query({ offset: 0, limit: 1 })).items;
      expect(first).toMatchObject({ id: 'i-00000', tags: { env: 'prod' } });
      expect(await store.resources.history(first!.uid)).toMatchObject([{ kind: 'created' }]);
    } finally {
      await store.close();
    }
  });

  it('opens files in WAL mode, never syncing less than at checkpoints, with in-memory temp tables', async () => {
    const db = new Kysely<unknown>({ dialect: createSqliteDialect(join(dir, 'settings.db')) });
    const pragma = async (name: string): Promise<unknown> => {
      const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db);
      return Object.values(rows[0] ?? {})[0];
    };
    try {
      expect(await pragma('journal_mode')).toBe('wal');
      // NORMAL: every commit survives a crash of the process (0, OFF, would not).
      expect(await pragma('synchronous')).toBe(1);
      expect(await pragma('temp_store')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      // Larger than the defaults (1000 pages, 2 MiB, no limit), and checkpoints still run on
      // their own, so the WAL cannot grow without bound.
      expect(await pragma('wal_autocheckpoint')).toBe(16_384);
      expect(await pragma('cache_size')).toBe(-32_768);
      expect(await pragma('journal_size_limit')).toBe(64 * 1024 * 1024);
    } finally {
      await db.destroy();
    }
  });
});
