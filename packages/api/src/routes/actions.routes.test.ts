import { CcxError } from '@ccx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

/** The provider side is a scripted fake connection: what is under test is the audit trail. */
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

const act = (uid: string, action: string) =>
  h.request(`/api/resources/${encodeURIComponent(uid)}/actions`, {
    method: 'POST',
    body: JSON.stringify({ action }),
    as: olive,
  });

async function trail(uid: string) {
  const { items } = await h.store.audit.list({ target: uid, offset: 0, limit: 10 });
  return items.reverse();
}

describe('POST /api/resources/{uid}/actions', () => {
  it('audits pending before the call and success after, sharing a correlation id', async () => {
    const instance = await h.seedInstance('i-1', 'running');
    let auditedBeforeCall = -1;
    const stop = h.compute.connection.compute!.stopInstance.bind(h.compute.connection.compute);
    h.compute.connection.compute!.stopInstance = async (ref) => {
      auditedBeforeCall = (await h.store.audit.list({ target: instance.uid, offset: 0, limit: 10 }))
        .total;
      return stop(ref);
    };
    const response = await act(instance.uid, 'compute.stop');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      correlationId: string;
      outcome: string;
      state: string;
    };
    expect(body).toMatchObject({ outcome: 'success', state: 'stopping' });
    expect(auditedBeforeCall).toBe(1);
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'success']);
    expect(new Set(events.map((e) => e.correlationId))).toEqual(new Set([body.correlationId]));
    expect(events[0]).toMatchObject({
      action: 'compute.stop',
      actor: { kind: 'user', name: 'olive', role: 'operator' },
    });
    expect(h.compute.calls).toEqual([
      { op: 'stopInstance', ref: expect.objectContaining({ id: 'i-1' }) as unknown },
    ]);
  });

  it('audits pending and failure with the error code, and answers with the mapped status', async () => {
    const instance = await h.seedInstance('i-2', 'stopped');
    h.compute.control.failWith = new CcxError('provider_error', 'EC2 said no', { details: {} });
    const response = await act(instance.uid, 'compute.start');
    expect(response.status).toBe(502);
    const events = await trail(instance.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'failure']);
    expect(events[1]!.detail).toMatchObject({ code: 'provider_error', message: 'EC2 said no' });
    expect(events[0]!.correlationId).toBe(events[1]!.correlationId);
  });

  it('hides the message of an unexpected provider error', async () => {
    const instance = await h.seedInstance('i-3', 'running');
    h.compute.control.failWith = new Error('socket hang up key=AKIAXXXX');
    const response = await act(instance.uid, 'compute.reboot');
    expect(response.status).toBe(502);
    const events = await trail(instance.uid);
    expect(JSON.stringify(events)).not.toContain('AKIA');
  });

  it('answers 404 for an unknown resource and 409 when the connection cannot act', async () => {
    expect((await act('aws/1/r/ec2.instance/none', 'compute.stop')).status).toBe(404);
    const orphan = await h.seedInstance('i-4', 'running', { connection: 'gone' });
    expect((await act(orphan.uid, 'compute.stop')).status).toBe(409);
    expect(await trail(orphan.uid)).toEqual([]);
  });

  it('rejects an unknown action with its path', async () => {
    const instance = await h.seedInstance('i-5', 'running');
    const response = await act(instance.uid, 'compute.explode');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('json.action');
  });
});
