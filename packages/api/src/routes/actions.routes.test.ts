import { CcxError, type ActionOptions, type ResourceRef, type WaitTarget } from '@ccx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';
import { gate, settled, type OperationBody } from '../testing/operations';

/** The provider side is the scripted fake connection: under test are validation and audit. */
let h: Harness;
let olive: Caller;
beforeEach(async () => {
  h = await createHarness();
  await h.addUser('olive', 'operator');
  olive = await h.login('olive');
});
afterEach(async () => {
  await h.close();
});

const act = (uid: string, body: Record<string, unknown>, as: Caller = olive) =>
  h.request(`/api/resources/${encodeURIComponent(uid)}/actions`, {
    method: 'POST',
    body: JSON.stringify(body),
    as,
  });

async function started(uid: string, body: Record<string, unknown>): Promise<OperationBody> {
  const response = await act(uid, body);
  expect(response.status).toBe(202);
  return ((await response.json()) as { operation: OperationBody }).operation;
}

async function trail(uid: string) {
  const { items } = await h.store.audit.list({ target: uid, offset: 0, limit: 20 });
  return items.reverse();
}

/**
 * Makes the store refuse the next `times` outcome entries (`success`, `failure`) audited for
 * `uid`, as a database that has just failed would; the `pending` entry still lands.
 */
function refuseOutcomes(uid: string, times = Number.POSITIVE_INFINITY) {
  const audit = h.store.audit;
  const append = audit.append.bind(audit);
  let refused = 0;
  audit.append = (event) => {
    if (event.target !== uid || event.outcome === 'pending' || refused >= times)
      return append(event);
    refused++;
    return Promise.reject(new Error('database is locked'));
  };
  return { refused: () => refused, lift: () => (audit.append = append) };
}

/**
 * Makes the first outcome entry audited for `uid` commit and then throw, as a connection lost
 * after the database took the write does; the retry then appends the same entry again.
 */
function loseOutcomeAnswer(uid: string) {
  const audit = h.store.audit;
  const append = audit.append.bind(audit);
  let lost = 0;
  audit.append = async (event) => {
    const written = await append(event);
    if (event.target === uid && event.outcome !== 'pending' && lost === 0) {
      lost++;
      throw new Error('connection terminated unexpectedly');
    }
    return written;
  };
  return { lost: () => lost, lift: () => (audit.append = append) };
}

describe('POST /api/resources/{uid}/actions', () => {
  it('audits pending before the call, then runs to the target and audits success', async () => {
    const instance = await h.seedInstance('i-1', 'running');
    let auditedBeforeCall = -1;
    const compute = h.compute.connection.compute!;
    const stop = compute.stopInstance.bind(compute);
    compute.stopInstance = async (ref: ResourceRef, options?: ActionOptions) => {
      auditedBeforeCall = (await h.store.audit.list({ target: instance.uid, offset: 0, limit: 9 }))
        .total;
      return stop(ref, options);
    };
    const operation = await started(instance.uid, { action: 'compute.stop' });
    expect(operation).toMatchObject({ action: 'compute.stop', target: instance.uid });
    const done = await settled(h, operation.id, olive);
    expect(done).toMatchObject({ status: 'succeeded', state: 'stopped', error: null });
    expect(done.steps.map((s) => s.step)).toEqual(['queued', 'started', 'accepted', 'done']);
    expect(auditedBeforeCall).toBe(1);
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'success']);
    expect(new Set(events.map((e) => e.correlationId))).toEqual(new Set([done.correlationId]));
    expect(events[0]).toMatchObject({
      action: 'compute.stop',
      actor: { kind: 'user', name: 'olive', role: 'operator' },
      detail: { previousState: 'running', previousSize: 't3.micro' },
    });
    expect(events[1]!.detail).toMatchObject({ state: 'stopped', operation: operation.id });
    expect(h.compute.calls.map((call) => call.op)).toEqual(['stopInstance', 'waitFor']);
    // The store shows what the provider read back, with a history entry outside any sync.
    const stored = await h.store.resources.get(instance.uid);
    expect(stored).toMatchObject({ state: 'stopped', attributes: { instanceType: 'm5.large' } });
    const [change] = await h.store.resources.history(instance.uid, { limit: 1 });
    expect(change).toMatchObject({ kind: 'updated', syncRunId: null });
  });

  it('resizes through the provider sequence and records each step', async () => {
    const instance = await h.seedInstance('i-r', 'running');
    const done = await settled(
      h,
      (await started(instance.uid, { action: 'compute.resize', size: 'm5.xlarge' })).id,
      olive,
    );
    expect(done).toMatchObject({ status: 'succeeded', size: 'm5.xlarge', state: 'running' });
    expect(done.steps.map((s) => s.step)).toEqual([
      'queued',
      'started',
      'stopping',
      'stopped',
      'modifying',
      'modified',
      'starting',
      'running',
      'accepted',
      'done',
    ]);
    expect((await h.store.resources.get(instance.uid))?.attributes).toMatchObject({
      instanceType: 'm5.xlarge',
    });
    const events = await trail(instance.uid);
    expect(events[0]!.detail).toMatchObject({ size: 'm5.xlarge', previousSize: 't3.micro' });
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'success']);
  });

  it('audits pending and failure with the error code, and the operation carries it', async () => {
    const instance = await h.seedInstance('i-2', 'stopped');
    h.compute.control.failWith = new CcxError('provider_error', 'EC2 said no');
    const done = await settled(
      h,
      (await started(instance.uid, { action: 'compute.start' })).id,
      olive,
    );
    expect(done).toMatchObject({
      status: 'failed',
      error: { code: 'provider_error', message: 'EC2 said no' },
    });
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'failure']);
    expect(events[1]!.detail).toMatchObject({ code: 'provider_error', message: 'EC2 said no' });
    expect(events[0]!.correlationId).toBe(events[1]!.correlationId);
  });

  it('hides the message of an unexpected provider error', async () => {
    const instance = await h.seedInstance('i-3', 'running');
    h.compute.control.failWith = new Error('socket hang up key=AKIAXXXX');
    const done = await settled(
      h,
      (await started(instance.uid, { action: 'compute.reboot' })).id,
      olive,
    );
    expect(done.error).toEqual({ code: 'provider_error', message: 'The provider call failed' });
    expect(JSON.stringify(await trail(instance.uid))).not.toContain('AKIA');
    expect(JSON.stringify(done)).not.toContain('AKIA');
  });

  it('refuses a second action while one runs on the resource, without auditing it', async () => {
    const instance = await h.seedInstance('i-busy', 'running');
    const hold = gate();
    const compute = h.compute.connection.compute!;
    const waitFor = compute.waitFor.bind(compute);
    compute.waitFor = async (ref: ResourceRef, target: WaitTarget) => {
      await hold.opened;
      return waitFor(ref, target);
    };
    const first = await started(instance.uid, { action: 'compute.stop' });
    const second = await act(instance.uid, { action: 'compute.reboot' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      error: { code: 'conflict', details: { operation: first.id } },
    });
    // While it runs, the compute view offers no action on it.
    const detail = (await (
      await h.request(`/api/compute/${encodeURIComponent(instance.uid)}`, { as: olive })
    ).json()) as { entry: { actions: string[] } };
    expect(detail.entry.actions).toEqual([]);
    hold.open();
    expect((await settled(h, first.id, olive)).status).toBe('succeeded');
    expect((await trail(instance.uid)).map((e) => e.action)).toEqual([
      'compute.stop',
      'compute.stop',
    ]);
    // Once it ended, the resource takes actions again.
    expect((await act(instance.uid, { action: 'compute.start' })).status).toBe(202);
  });

  it('answers 400 for bad input before anything is audited or sent', async () => {
    const instance = await h.seedInstance('i-5', 'running');
    const bad = [
      { action: 'compute.explode' },
      { action: 'compute.resize' },
      { action: 'compute.resize', size: '../../etc' },
      { action: 'compute.resize', size: 'Standard_D2s_v5' },
      { action: 'compute.resize', size: 't3.micro' },
      { action: 'compute.scale', count: -1 },
      { action: 'compute.scale', count: 1.5 },
      { action: 'compute.stop', force: true },
    ];
    for (const body of bad) {
      const response = await act(instance.uid, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(JSON.stringify(await (await act(instance.uid, bad[0]!)).json())).toContain(
      'json.action',
    );
    expect(await trail(instance.uid)).toEqual([]);
    expect(h.compute.calls).toEqual([]);
  });

  it('answers 409 when the state or the type does not allow the action', async () => {
    const running = await h.seedInstance('i-6', 'running');
    const stopping = await h.seedInstance('i-7', 'stopping');
    expect((await act(running.uid, { action: 'compute.start' })).status).toBe(409);
    expect((await act(running.uid, { action: 'compute.scale', count: 2 })).status).toBe(409);
    expect((await act(stopping.uid, { action: 'compute.resize', size: 'm5.large' })).status).toBe(
      409,
    );
    expect(await trail(running.uid)).toEqual([]);
  });

  it('answers 404 for an unknown resource and 409 when the connection cannot act', async () => {
    expect((await act('aws/1/r/ec2.instance/none', { action: 'compute.stop' })).status).toBe(404);
    const orphan = await h.seedInstance('i-4', 'running', { connection: 'gone' });
    expect((await act(orphan.uid, { action: 'compute.stop' })).status).toBe(409);
    expect(await trail(orphan.uid)).toEqual([]);
  });

  it('refuses viewers (audited as denied) and cookie calls without the CSRF token', async () => {
    const instance = await h.seedInstance('i-8', 'running');
    await h.addUser('vera', 'viewer');
    const vera = await h.login('vera');
    expect((await act(instance.uid, { action: 'compute.stop' }, vera)).status).toBe(403);
    const noCsrf = await act(instance.uid, { action: 'compute.stop' }, { cookie: olive.cookie! });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ error: { details: { reason: 'csrf' } } });
    expect(h.compute.calls).toEqual([]);
    const denied = await h.store.audit.list({ outcome: 'denied', offset: 0, limit: 5 });
    expect(denied.items.map((e) => e.actor.name)).toEqual(['vera']);
  });

  it('retries an outcome audit the store refused, so the trail is whole and nothing is flagged', async () => {
    const instance = await h.seedInstance('i-4', 'running');
    const refusal = refuseOutcomes(instance.uid, 2);
    let done;
    try {
      done = await settled(h, (await started(instance.uid, { action: 'compute.stop' })).id, olive);
    } finally {
      refusal.lift();
    }
    expect(refusal.refused()).toBe(2);
    expect(done).toMatchObject({ status: 'succeeded', state: 'stopped', warning: null });
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'success']);
    expect(events[1]!.detail).toMatchObject({ state: 'stopped', operation: done.id });
  });

  it('writes an outcome once when an append that committed threw and was retried', async () => {
    const instance = await h.seedInstance('i-11', 'running');
    const loss = loseOutcomeAnswer(instance.uid);
    let done;
    try {
      done = await settled(h, (await started(instance.uid, { action: 'compute.stop' })).id, olive);
    } finally {
      loss.lift();
    }
    expect(loss.lost()).toBe(1);
    expect(done).toMatchObject({ status: 'succeeded', state: 'stopped', warning: null });
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'success']);
    expect(events[1]!.detail).toMatchObject({ state: 'stopped', operation: done.id });
  });

  it('writes a failed outcome once when an append that committed threw and was retried', async () => {
    const instance = await h.seedInstance('i-12', 'stopped');
    h.compute.control.failWith = new CcxError('provider_error', 'EC2 said no');
    const loss = loseOutcomeAnswer(instance.uid);
    let done;
    try {
      done = await settled(h, (await started(instance.uid, { action: 'compute.start' })).id, olive);
    } finally {
      loss.lift();
    }
    expect(loss.lost()).toBe(1);
    expect(done).toMatchObject({ status: 'failed', warning: null });
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'failure']);
  });

  it('shows and logs a success whose outcome the store never took, after retrying it', async () => {
    const instance = await h.seedInstance('i-5', 'running');
    const refusal = refuseOutcomes(instance.uid);
    const logged = h.logLines.length;
    let done;
    try {
      done = await settled(h, (await started(instance.uid, { action: 'compute.stop' })).id, olive);
    } finally {
      refusal.lift();
    }
    // The first attempt and three retries.
    expect(refusal.refused()).toBe(4);
    expect(done).toMatchObject({ status: 'succeeded', state: 'stopped', error: null });
    expect(done.warning).toMatch(/outcome of this action could not be written to the audit log/);
    const log = h.logLines.slice(logged).join('');
    expect(log).toContain('could not record the outcome of an action');
    expect(log).toContain(done.id);
    expect((await trail(instance.uid)).map((e) => e.outcome)).toEqual(['pending']);
    // The action itself happened and the store recorded the new state.
    expect(await h.store.resources.get(instance.uid)).toMatchObject({ state: 'stopped' });
  });

  it('shows a failure whose outcome the store never took, with the error', async () => {
    const instance = await h.seedInstance('i-6', 'stopped');
    h.compute.control.failWith = new CcxError('provider_error', 'EC2 said no');
    const refusal = refuseOutcomes(instance.uid);
    let done;
    try {
      done = await settled(h, (await started(instance.uid, { action: 'compute.start' })).id, olive);
    } finally {
      refusal.lift();
    }
    expect(refusal.refused()).toBe(4);
    expect(done).toMatchObject({
      status: 'failed',
      error: { code: 'provider_error', message: 'EC2 said no' },
    });
    expect(done.warning).toMatch(/outcome of this action could not be written to the audit log/);
    expect((await trail(instance.uid)).map((e) => e.outcome)).toEqual(['pending']);
  });

  it('records "server stopped" for an action cut short by shutdown', async () => {
    const instance = await h.seedInstance('i-9', 'running');
    const compute = h.compute.connection.compute!;
    compute.waitFor = (_ref: ResourceRef, _target: WaitTarget, options = {}) =>
      new Promise((_resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(options.signal!.reason as Error));
      });
    const operation = await started(instance.uid, { action: 'compute.stop' });
    await h.api.close();
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'failure']);
    expect(events[1]!.detail).toMatchObject({
      code: 'unavailable',
      message: 'server stopped',
      operation: operation.id,
    });
  });
});

describe('GET /api/operations/{id}', () => {
  it('answers 404 for an unknown id and lets viewers follow an operation', async () => {
    await h.addUser('vera', 'viewer');
    const vera = await h.login('vera');
    expect((await h.request('/api/operations/nope', { as: vera })).status).toBe(404);
    const instance = await h.seedInstance('i-10', 'running');
    const operation = await started(instance.uid, { action: 'compute.reboot' });
    expect((await settled(h, operation.id, vera)).status).toBe('succeeded');
  });
});
