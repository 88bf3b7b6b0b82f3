import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderConnection, Resource } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';
import { settled } from '../testing/operations';

/**
 * The compute API over the real AWS provider and SDK against the sandbox's EC2 and CloudWatch,
 * with transitions of a few milliseconds: a resize of a running instance goes through the
 * provider's whole stop → modify → start sequence. Nothing is mocked.
 */
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let sandbox: SandboxHandle;
let connection: ProviderConnection;
let h: Harness;
let olive: Caller;
let instances: Resource[];

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-api-compute-')),
    transitionMs: 5,
    estate: { accounts: 1, regions: ['us-east-1'], instancesPerRegion: 4 },
    s3Scale: 0,
    gcsScale: 0,
  });
  const config = awsProvider.configSchema.parse(sandbox.cliConfig().connections[0]);
  connection = await awsProvider.connect('sandbox-aws', config, { logger: silent });
  const [scope] = await connection.scopes();
  instances = [];
  for await (const r of connection.inventory!.list(scope!, 'ec2.instance')) instances.push(r);
  h = await createHarness({ connections: [connection] });
  await h.store.resources.applyBatch({
    scope: { ...scope!, connection: 'sandbox-aws' },
    type: 'ec2.instance',
    runId: 'seed',
    resources: instances,
  });
  await h.addUser('olive', 'operator');
  olive = await h.login('olive');
});
afterAll(async () => {
  await h.close();
  await connection.close();
  await sandbox.stop();
});

describe('compute API on the sandbox', () => {
  it('resizes a running instance through stop, modify and start, and audits it', async () => {
    const running = instances.find((i) => i.state === 'running')!;
    const size = running.attributes['instanceType'] === 'm5.xlarge' ? 'm5.large' : 'm5.xlarge';
    const response = await h.request(`/api/resources/${encodeURIComponent(running.uid)}/actions`, {
      method: 'POST',
      as: olive,
      body: JSON.stringify({ action: 'compute.resize', size }),
    });
    expect(response.status).toBe(202);
    const { operation } = (await response.json()) as { operation: { id: string } };
    const done = await settled(h, operation.id, olive);
    expect(done).toMatchObject({ status: 'succeeded', state: 'running', size });
    const steps = done.steps.map((s) => s.step);
    expect(steps.indexOf('stopped')).toBeGreaterThan(0);
    expect(steps.indexOf('modifying')).toBeGreaterThan(steps.indexOf('stopped'));
    expect(await h.store.resources.get(running.uid)).toMatchObject({
      state: 'running',
      attributes: { instanceType: size },
    });
    const { items } = await h.store.audit.list({ target: running.uid, offset: 0, limit: 5 });
    expect(items.reverse().map((e) => e.outcome)).toEqual(['pending', 'success']);
  });

  it('reports a stop the provider made as succeeded, with a warning, when the store cannot record it', async () => {
    const running = instances.find((i) => i.state === 'running')!;
    expect(await h.store.resources.get(running.uid)).toMatchObject({ state: 'running' });
    // The store refuses only the write of this resource's new state.
    const resources = h.store.resources;
    const refreshLive = resources.refreshLive.bind(resources);
    resources.refreshLive = (uid, input) =>
      uid === running.uid
        ? Promise.reject(new Error('database is locked'))
        : refreshLive(uid, input);
    const logged = h.logLines.length;
    let done;
    try {
      const response = await h.request(
        `/api/resources/${encodeURIComponent(running.uid)}/actions`,
        { method: 'POST', as: olive, body: JSON.stringify({ action: 'compute.stop' }) },
      );
      expect(response.status).toBe(202);
      const { operation } = (await response.json()) as { operation: { id: string } };
      done = await settled(h, operation.id, olive);
    } finally {
      resources.refreshLive = refreshLive;
    }
    expect(done).toMatchObject({ status: 'succeeded', state: 'stopped', error: null });
    expect(done.warning).toMatch(/inventory could not be updated.*until the next sync/);
    expect(h.logLines.slice(logged).join('')).toContain('the next sync will');
    const { items } = await h.store.audit.list({ target: running.uid, offset: 0, limit: 2 });
    expect(items.reverse().map((e) => e.outcome)).toEqual(['pending', 'success']);
    expect(items[1]!.detail).toMatchObject({ state: 'stopped', warning: done.warning });
    // The store still holds the state before the action: the next sync corrects it.
    expect(await h.store.resources.get(running.uid)).toMatchObject({ state: 'running' });
  });

  it('charts live CloudWatch metrics at the range period', async () => {
    const view = (await (
      await h.request(
        `/api/compute/${encodeURIComponent(instances[0]!.uid)}/metrics?range=24h&metrics=cpu`,
        { as: olive },
      )
    ).json()) as { source: string; periodSeconds: number; series: { values: number[] }[] };
    expect(view.source).toBe('provider');
    expect(view.periodSeconds).toBe(300);
    expect(view.series[0]!.values.length).toBeGreaterThan(200);
  });
});
