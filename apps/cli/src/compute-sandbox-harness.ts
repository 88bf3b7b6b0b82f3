import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AuditEvent } from '@ccx/core';
import { startSandbox, writeSandboxConfig, type SandboxHandle } from '@ccx/sandbox';
import { openStore, type Store, type StoredResource } from '@ccx/store';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { runCcx, tempCwd, type InProcessResult } from './testing';

export interface ComputeSandbox {
  /** The running sandbox, for its request counters. */
  sandbox: () => SandboxHandle;
  /** `ccx compute <args>` against the config `ccx sandbox` writes, in the test's own folder. */
  ccx: (...args: string[]) => Promise<InProcessResult>;
  /** `ccx sync` of the sandbox into the store the CLI's actions audit to and read from. */
  sync: () => Promise<InProcessResult>;
  /** The audit events the CLI wrote about `uid`, oldest first. */
  auditOf: (uid: string) => Promise<AuditEvent[]>;
  /** The resource as that store holds it now, or null. */
  stored: (uid: string) => Promise<StoredResource | null>;
  /**
   * Makes that store's database refuse every update of the resource `uid` with `message`, as
   * a locked or failing database would, until the returned function lifts the refusal.
   */
  refuseUpdates: (uid: string, message: string) => () => void;
  /**
   * Makes that store's database refuse, with `message`, to append the outcome (any entry but
   * `pending`) of an action on `uid` to the audit log: the first `times` attempts, or every
   * one when `times` is absent, until the returned function lifts the refusal. With
   * `afterWriting`, a refused attempt writes the entry and then throws, as a write that
   * committed before its connection failed.
   */
  refuseOutcomeAudits: (
    uid: string,
    message: string,
    options?: { times?: number; afterWriting?: boolean },
  ) => () => void;
}

/**
 * A sandbox for `ccx compute` tests: one account and region with six instances, state
 * transitions shortened to a few milliseconds, and the config `ccx sandbox` writes, in a fresh
 * working folder. Started before the file's tests and stopped after them.
 */
export function useComputeSandbox(): ComputeSandbox {
  let sandbox: SandboxHandle | undefined;
  let cwd = '';
  const config = ['--config', '.ccx/sandbox.yaml'];
  const storeFile = () => join(cwd, '.ccx', 'data', 'ccx.db');
  const withDatabase = <T>(use: (db: Database.Database) => T): T => {
    const db = new Database(storeFile());
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  const withStore = async <T>(read: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openStore({ url: storeFile() });
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    cwd = tempCwd();
    sandbox = await startSandbox({
      stateDir: join(cwd, '.ccx', 'state'),
      estate: { accounts: 1, regions: ['us-east-1'], instancesPerRegion: 6 },
      transitionMs: 5,
    });
    await writeSandboxConfig(sandbox, join(cwd, '.ccx', 'sandbox.yaml'));
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  return {
    sandbox: () => {
      if (!sandbox) throw new Error('The compute sandbox has not started');
      return sandbox;
    },
    ccx: (...args) => runCcx(cwd, ['compute', ...args, ...config]),
    sync: () => runCcx(cwd, ['sync', ...config]),
    auditOf: (uid) =>
      withStore(async (store) => {
        const { items } = await store.audit.list({ target: uid, offset: 0, limit: 20 });
        return items.reverse();
      }),
    stored: (uid) => withStore((store) => store.resources.get(uid)),
    refuseUpdates: (uid, message) => {
      // Tied to the store's `resources` table layout on purpose: the refusal comes from the
      // real database the CLI writes to, through the real store, with no mock in between.
      const trigger = `refuse_update_${randomUUID().replaceAll('-', '')}`;
      withDatabase((db) =>
        db.exec(
          `CREATE TRIGGER ${trigger} BEFORE UPDATE ON resources WHEN OLD.uid = ${quote(uid)}
           BEGIN SELECT RAISE(ABORT, ${quote(message)}); END`,
        ),
      );
      return () => withDatabase((db) => db.exec(`DROP TRIGGER ${trigger}`));
    },
    refuseOutcomeAudits: (uid, message, { times, afterWriting = false } = {}) => {
      // Tied to the store's `audit_events` table as `refuseUpdates` is to `resources`. The
      // statement fails with RAISE(FAIL), which, unlike ABORT, keeps what it changed before the
      // raise: the count of refusals left and, in an AFTER trigger, the entry itself, committed
      // although the append throws. A BEFORE trigger refuses before the entry is written.
      const name = `refuse_outcome_${randomUUID().replaceAll('-', '')}`;
      const left = `${name}_left`;
      const counted = times !== undefined;
      const when = `NEW.target = ${quote(uid)} AND NEW.outcome <> 'pending'${
        counted ? ` AND (SELECT n FROM ${left}) > 0` : ''
      }`;
      withDatabase((db) =>
        db.exec(
          `${counted ? `CREATE TABLE ${left} (n INTEGER NOT NULL); INSERT INTO ${left} VALUES (${Math.trunc(times)});` : ''}
           CREATE TRIGGER ${name} ${afterWriting ? 'AFTER' : 'BEFORE'} INSERT ON audit_events
             WHEN ${when}
           BEGIN
             ${counted ? `UPDATE ${left} SET n = n - 1;` : ''}
             SELECT RAISE(FAIL, ${quote(message)});
           END`,
        ),
      );
      return () =>
        withDatabase((db) =>
          db.exec(`DROP TRIGGER ${name};${counted ? ` DROP TABLE ${left};` : ''}`),
        );
    },
  };
}

/** An SQL string literal. */
const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;
