import { describe, expect, it } from 'vitest';
import type { AuditEventInput } from '@ccx/core';
import { minute } from './testing/fixtures';
import { useStore } from './testing/use-store';
import type { Store } from './types';

/** Users, sessions, API tokens, the audit log, sync runs and migrations. */
export function describeAccountsContract(open: () => Promise<Store>): void {
  describe('accounts, audit and runs', () => {
    const store = useStore(open);

    it('creates, finds, lists and updates users; usernames are unique', async () => {
      const { users } = store();
      expect(await users.count()).toBe(0);
      const ada = await users.create({ username: 'ada', role: 'admin', passwordHash: 'scrypt$x' });
      const sso = await users.create({
        username: 'bob',
        role: 'viewer',
        oidcIssuer: 'https://idp',
        oidcSubject: 'sub-1',
      });
      expect(ada).toMatchObject({
        username: 'ada',
        role: 'admin',
        displayName: null,
        disabledAt: null,
      });
      expect(await users.findById(ada.id)).toEqual(ada);
      expect(await users.findByUsername('bob')).toEqual(sso);
      expect(await users.findByOidc('https://idp', 'sub-1')).toEqual(sso);
      expect(await users.findByOidc('https://idp', 'other')).toBeNull();
      expect((await users.list()).map((user) => user.username)).toEqual(['ada', 'bob']);
      const updated = await users.update(sso.id, {
        role: 'operator',
        displayName: 'Bob',
        disabledAt: minute(1),
      });
      expect(updated).toEqual({
        ...sso,
        role: 'operator',
        displayName: 'Bob',
        disabledAt: minute(1),
      });
      expect(await users.count()).toBe(2);
      await expect(users.create({ username: 'ada', role: 'viewer' })).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(users.update('missing', { role: 'viewer' })).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(users.create({ username: 'x', role: 'root' as 'admin' })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });

    it('keeps sessions by hash, touches, deletes and sweeps expired ones', async () => {
      const { users, sessions } = store();
      const user = await users.create({ username: 'ada', role: 'admin' });
      const a = await sessions.create({
        idHash: 'h1',
        userId: user.id,
        csrfToken: 'c1',
        expiresAt: minute(10),
      });
      await sessions.create({
        idHash: 'h2',
        userId: user.id,
        csrfToken: 'c2',
        expiresAt: minute(5),
      });
      expect(await sessions.get('h1')).toEqual(a);
      await sessions.touch('h1', minute(4), minute(20));
      expect(await sessions.get('h1')).toMatchObject({
        lastSeenAt: minute(4),
        expiresAt: minute(20),
      });
      expect(await sessions.deleteExpired(minute(6))).toBe(1);
      expect(await sessions.get('h2')).toBeNull();
      await sessions.create({
        idHash: 'h3',
        userId: user.id,
        csrfToken: 'c3',
        expiresAt: minute(30),
      });
      await sessions.delete('h3');
      expect(await sessions.get('h3')).toBeNull();
      await sessions.deleteForUser(user.id);
      expect(await sessions.get('h1')).toBeNull();
    });

    it('stores API tokens by hash, lists per user, revokes and touches', async () => {
      const { users, tokens } = store();
      const ada = await users.create({ username: 'ada', role: 'admin' });
      const bob = await users.create({ username: 'bob', role: 'viewer' });
      const base = { role: 'viewer' as const, prefix: 'ccx_ab', expiresAt: null };
      const t1 = await tokens.create({
        ...base,
        id: 't1',
        name: 'ci',
        userId: ada.id,
        tokenHash: 'hash-1',
      });
      await tokens.create({ ...base, id: 't2', name: 'cli', userId: bob.id, tokenHash: 'hash-2' });
      expect(t1).toMatchObject({ id: 't1', lastUsedAt: null, revokedAt: null });
      expect(await tokens.findByHash('hash-1')).toEqual(t1);
      expect(await tokens.findByHash('nope')).toBeNull();
      expect((await tokens.list(bob.id)).map((token) => token.id)).toEqual(['t2']);
      expect(await tokens.list()).toHaveLength(2);
      await tokens.touch('t1', minute(2));
      await tokens.revoke('t1', minute(3));
      await tokens.revoke('t1', minute(4));
      expect(await tokens.findByHash('hash-1')).toMatchObject({
        lastUsedAt: minute(2),
        revokedAt: minute(3),
      });
      await expect(
        tokens.create({ ...base, id: 't3', name: 'dup', userId: ada.id, tokenHash: 'hash-1' }),
      ).rejects.toMatchObject({ code: 'conflict' });
    });

    it('appends audit events and lists them newest first with filters and totals', async () => {
      const { audit } = store();
      const actor = { kind: 'user' as const, id: 'u1', name: 'ada', role: 'admin' as const };
      const event = (n: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput => ({
        at: minute(n),
        actor,
        action: 'compute.stop',
        target: 'aws/1/r/ec2.instance/i-1',
        outcome: 'pending',
        correlationId: `c${n}`,
        detail: { n },
        sourceIp: '127.0.0.1',
        ...overrides,
      });
      const first = await audit.append(event(1));
      expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first).toMatchObject({ at: minute(1), detail: { n: 1 }, actor });
      await audit.append(event(2, { outcome: 'success', correlationId: 'c1' }));
      await audit.append(
        event(3, { action: 'user.create', target: null, actor: { ...actor, id: 'u2' } }),
      );
      // Same timestamp: insertion order decides.
      await audit.append(event(3, { action: 'token.create', target: null, detail: { n: 4 } }));
      const undated = await audit.append({ ...event(0), at: undefined });
      expect(Date.parse(undated.at)).not.toBeNaN();

      const listed = await audit.list({ offset: 0, limit: 10 });
      expect(listed.total).toBe(5);
      expect(listed.items.map((item) => item.action)).toEqual([
        'compute.stop',
        'token.create',
        'user.create',
        'compute.stop',
        'compute.stop',
      ]);
      expect(listed.items[4]).toEqual(first);
      expect(
        (await audit.list({ offset: 0, limit: 10, correlationId: 'c1' })).items.map(
          (i) => i.outcome,
        ),
      ).toEqual(['success', 'pending']);
      expect((await audit.list({ offset: 0, limit: 10, actorId: 'u2' })).total).toBe(1);
      expect((await audit.list({ offset: 0, limit: 10, outcome: 'success' })).total).toBe(1);
      expect(
        (await audit.list({ offset: 0, limit: 10, target: 'aws/1/r/ec2.instance/i-1' })).total,
      ).toBe(3);
      const page = await audit.list({ offset: 1, limit: 2, action: 'compute.stop' });
      expect(page.total).toBe(3);
      expect(page.items.map((item) => item.at)).toEqual([minute(2), minute(1)]);
    });

    it('writes an audit event appended again under its id once, and returns the stored one', async () => {
      const { audit } = store();
      const event: AuditEventInput = {
        id: 'outcome-1',
        at: minute(1),
        actor: { kind: 'user', id: 'u1', name: 'ada', role: 'operator' },
        action: 'compute.stop',
        target: 'aws/1/r/ec2.instance/i-1',
        outcome: 'success',
        correlationId: 'c1',
        detail: { state: 'stopped' },
        sourceIp: null,
      };
      const first = await audit.append(event);
      expect(first).toMatchObject({ id: 'outcome-1', at: minute(1), detail: { state: 'stopped' } });
      // A retry whose first attempt committed: nothing more is written, whatever it carries.
      const again = await audit.append({ ...event, at: minute(2), detail: { state: 'other' } });
      expect(again).toEqual(first);
      const other = await audit.append({ ...event, id: 'outcome-2' });
      expect(other.id).toBe('outcome-2');
      const listed = await audit.list({ offset: 0, limit: 10, correlationId: 'c1' });
      expect(listed.items.map((item) => item.id)).toEqual(['outcome-2', 'outcome-1']);
      expect(listed.total).toBe(2);
      await expect(audit.append({ ...event, id: '' })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });

    it('creates, finishes and lists sync runs newest first', async () => {
      const { syncRuns } = store();
      const run = await syncRuns.create({ id: 'run-1', trigger: 'manual', startedAt: minute(1) });
      expect(run).toEqual({
        id: 'run-1',
        trigger: 'manual',
        status: 'running',
        startedAt: minute(1),
        finishedAt: null,
        summary: {},
        errors: [],
      });
      await syncRuns.create({ id: 'run-2', trigger: 'schedule', startedAt: minute(5) });
      const errors = [{ scope: 'prod/1/us-east-1', type: 'ec2.instance', message: 'throttled' }];
      const finished = await syncRuns.finish('run-1', {
        status: 'partial',
        summary: { resources: { listed: 3 } },
        errors,
        finishedAt: minute(2),
      });
      expect(finished).toEqual({
        ...run,
        status: 'partial',
        finishedAt: minute(2),
        summary: { resources: { listed: 3 } },
        errors,
      });
      expect(await syncRuns.get('run-1')).toEqual(finished);
      expect(await syncRuns.get('nope')).toBeNull();
      expect((await syncRuns.list(10)).map((r) => r.id)).toEqual(['run-2', 'run-1']);
      expect(await syncRuns.list(1)).toHaveLength(1);
      await expect(
        syncRuns.finish('nope', { status: 'failed', summary: {}, errors: [] }),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(syncRuns.create({ id: 'run-1', trigger: 'manual' })).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('runs migrations again, also concurrently, without changing anything', async () => {
      const s = store();
      await s.users.create({ username: 'ada', role: 'admin' });
      await s.migrate();
      await Promise.all([s.migrate(), s.migrate()]);
      expect(await s.users.count()).toBe(1);
    });
  });
}
