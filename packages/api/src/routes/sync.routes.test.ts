import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

/** The sync service is a scripted fake: the API only relays its events and maps its errors. */
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

async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  needle: string,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(needle)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${needle}: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe('sync routes', () => {
  it('starts a run with 202, refuses a second with 409, and audits the start', async () => {
    const first = await h.request('/api/sync/runs', { method: 'POST', body: '{}', as: olive });
    expect(first.status).toBe(202);
    const { runId } = (await first.json()) as { runId: string };
    expect(runId).toBe(h.sync.service.current());
    const second = await h.request('/api/sync/runs', { method: 'POST', body: '{}', as: olive });
    expect(second.status).toBe(409);
    const audit = await h.store.audit.list({ action: 'sync.start', offset: 0, limit: 10 });
    // Newest first: the refused second start is audited too, each attempt pending first.
    expect(audit.items.map((e) => [e.outcome, e.target])).toEqual([
      ['failure', null],
      ['pending', null],
      ['success', runId],
      ['pending', null],
    ]);
    expect(audit.items[0]!.correlationId).toBe(audit.items[1]!.correlationId);
  });

  it('lists runs from the store', async () => {
    await h.store.syncRuns.create({ id: 'r1', trigger: 'test' });
    const response = await h.request('/api/sync/runs?limit=5', { as: olive });
    expect(((await response.json()) as { items: { id: string }[] }).items.map((r) => r.id)).toEqual(
      ['r1'],
    );
  });

  it('streams sync events as SSE and unsubscribes when the client leaves', async () => {
    const response = await h.request('/api/sync/events', { as: olive });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    await readUntil(reader, ': connected');
    expect(h.sync.listenerCount()).toBe(2); // the metrics counter and this stream
    h.sync.emit({ type: 'job.progress', runId: 'r9', jobId: 'j1', listed: 42 });
    const text = await readUntil(reader, '"listed":42');
    expect(text).toContain('event: job.progress');
    const data = /data: (.*)\n/.exec(text.slice(text.indexOf('event: job.progress')))![1]!;
    expect(JSON.parse(data)).toEqual({
      type: 'job.progress',
      runId: 'r9',
      jobId: 'j1',
      listed: 42,
    });
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.sync.listenerCount()).toBe(1);
  });

  it('ends open streams when the API closes', async () => {
    const response = await h.request('/api/sync/events', { as: olive });
    const reader = response.body!.getReader();
    await readUntil(reader, ': connected');
    await h.api.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.sync.listenerCount()).toBe(0);
  });
});
