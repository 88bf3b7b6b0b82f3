import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { resourceIn, scopeOf } from './testing/fixtures';
import { describeStoreContract } from './repositories.contract';

describeStoreContract('sqlite (:memory:)', () => openStore({ url: ':memory:' }));

const run = async (command: string, args: string[]): Promise<string> =>
  (await promisify(execFile)(command, args)).stdout;
const childScript = fileURLToPath(new URL('./testing/migrate-in-child.ts', import.meta.url));

describe('sqlite files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the parent folder, and concurrent processes migrate it once', async () => {
    const file = join(dir, 'nested', 'data', 'ccx.db');
    const counts = await Promise.all(
      ['ada', 'bob'].map((name) =>
        run(process.execPath, ['--import', 'tsx', childScript, `sqlite:${file}`, name]),
      ),
    );
    // Each child counts after its own insert, while the others may or may not have inserted yet.
    for (const count of counts.map(Number)) expect(count).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts.map(Number))).toBe(2);
    const again = await openStore({ url: `sqlite://${file}` });
    expect(again.dialect).toBe('sqlite');
    expect((await again.users.list()).map((user) => user.username)).toEqual(['ada', 'bob']);
    await again.migrate();
    await again.close();
  });

  it('refuses to change or remove audit events', async () => {
    const file = join(dir, 'audit.db');
    const store = await openStore({ url: file });
    await store.audit.append({
      actor: { kind: 'system', id: 'system', name: 'system', role: 'admin' },
      action: 'sync.start',
      target: null,
      outcome: 'success',
      correlationId: 'c1',
      detail: {},
      sourceIp: null,
    });
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file);
    try {
      expect(() => raw.prepare('update audit_events set action = ?').run('x')).toThrow(
        /append-only/,
      );
      expect(() => raw.prepare('delete from audit_events').run()).toThrow(/append-only/);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('keeps looking up a batch by primary key as the table grows, instead of scanning it', async () => {
    const file = join(dir, 'grow.db');
    const store = await openStore({ url: file });
    const scope = scopeOf();
    const all = Array.from({ length: 3_000 }, (_, i) => resourceIn(scope, `i-${i}`));
    try {
      for (let start = 0; start < all.length; start += 500) {
        const resources = all.slice(start, start + 500);
        await store.resources.applyBatch({ scope, type: 'ec2.instance', runId: 'r1', resources });
      }
    } finally {
      await store.close();
    }
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file, { readonly: true });
    try {
      const uids = all.slice(0, 500).map((r) => r.uid);
      const lookup = `select * from resources where uid in (${uids.map(() => '?').join(',')})`;
      const plan = raw.prepare(`explain query plan ${lookup}`).all(...uids) as { detail: string }[];
      expect(plan.map((step) => step.detail).join('; ')).toMatch(/^SEARCH resources USING INDEX/);
    } finally {
      raw.close();
    }
  });
});
