import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

let h: Harness;
let ada: Caller;
beforeEach(async () => {
  h = await createHarness();
  await h.addUser('ada', 'admin');
  ada = await h.login('ada');
});
afterEach(async () => {
  await h.close();
});

/**
 * Makes the store refuse outcome entries (`success`, `failure`, `denied`) of `action`: the
 * first `times` of them, or every one, as a database that has just failed would. With
 * `afterWriting`, the entry is written and the call still throws, as when the connection is
 * lost after the database took the write.
 */
function refuseOutcomes(action: string, times = Number.POSITIVE_INFINITY, afterWriting = false) {
  const audit = h.store.audit;
  const append = audit.append.bind(audit);
  let refused = 0;
  audit.append = async (event) => {
    if (event.action !== action || event.outcome === 'pending' || refused >= times)
      return append(event);
    refused++;
    if (afterWriting) await append(event);
    throw new Error('database is locked');
  };
  return { refused: () => refused };
}

async function outcomes(action: string): Promise<string[]> {
  const { items } = await h.store.audit.list({ action, offset: 0, limit: 50 });
  return items.reverse().map((event) => event.outcome);
}

const createUser = (username: string) =>
  h.request('/api/users', {
    method: 'POST',
    body: JSON.stringify({ username, password: 'a long enough password', role: 'viewer' }),
    as: ada,
  });

describe('an audited change whose outcome the audit log refuses', () => {
  it('retries the outcome under one id, so a write that committed before it threw stays one entry', async () => {
    const refusal = refuseOutcomes('user.create', 1, true);
    const created = await createUser('neo');
    expect(created.status).toBe(201);
    expect(refusal.refused()).toBe(1);
    expect(await outcomes('user.create')).toEqual(['pending', 'success']);
  });

  it('answers with the change that was made and logs the unaudited outcome', async () => {
    refuseOutcomes('user.create');
    const created = await createUser('neo');
    expect(created.status).toBe(201);
    expect((await h.login('neo', 'a long enough password')).response.status).toBe(200);
    expect(await outcomes('user.create')).toEqual(['pending']);
    const line = h.logLines.find((entry) => entry.includes('refused the outcome of a change'));
    expect(line).toBeDefined();
    expect(line).toContain('user.create');
    expect(line).not.toContain('a long enough password');
  });

  it('answers a refused change with its own error, not the audit log’s', async () => {
    expect((await createUser('neo')).status).toBe(201);
    refuseOutcomes('user.create');
    const duplicate = await createUser('neo');
    expect(duplicate.status).toBe(409);
    expect(await outcomes('user.create')).toEqual(['pending', 'success', 'pending']);
  });
});
