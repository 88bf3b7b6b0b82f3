import {
  CcxError,
  COMPUTE_TYPES,
  type ActionProgress,
  type ProviderConnection,
  type Resource,
  type Scope,
} from '@ccx/core';
import { azureCliConnection, startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { azureConfigSchema } from '../config';
import { azureProvider } from '../provider';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('Azure compute on the sandbox, through arm-compute, arm-monitor and identity', () => {
  let sandbox: SandboxHandle;
  let connection: ProviderConnection;
  let scopes: Scope[];
  /** The sandbox's clock: transitions finish only when a test moves it past them. */
  let clock = Date.now();
  const TRANSITION_MS = 60_000;
  const finishTransitions = () => {
    clock += TRANSITION_MS;
  };
  const connect = (overrides: Record<string, unknown> = {}, maxAttempts = 3) => {
    const { name, provider: _provider, ...config } = azureCliConnection(null, sandbox.azureCompute);
    return azureProvider.connect(
      name,
      azureConfigSchema.parse({
        ...config,
        maxAttempts,
        compute: { ...config.compute, pollIntervalMs: 20, ...overrides },
      }),
      { logger: quiet, extraCaPem: sandbox.caPem },
    );
  };
  const vmsOf = async (conn = connection) => {
    const vms: Resource[] = [];
    for (const scope of scopes)
      vms.push(...(await collect(conn.inventory!.list(scope, COMPUTE_TYPES.azureVm))));
    return vms;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: mkdtempSync(join(tmpdir(), 'ccx-azure-compute-')),
      s3Scale: 0,
      gcsScale: 0,
      transitionMs: TRANSITION_MS,
      now: () => clock,
    });
    connection = await connect();
    scopes = await connection.scopes();
  });
  afterAll(() => sandbox?.stop());

  it('finds each subscription × location from one listing, and lists every region from it', async () => {
    expect(scopes.length).toBeGreaterThanOrEqual(4);
    for (const scope of scopes) {
      expect(sandbox.azureCompute.subscriptions.map((s) => s.id)).toContain(scope.account);
      expect(scope.types).toEqual([COMPUTE_TYPES.azureVm, COMPUTE_TYPES.azureDisk]);
    }
    const listAllBefore = sandbox.stats().byOperation['azure:virtualMachines.listAll'] ?? 0;
    const vms = await vmsOf();
    // Every region read the listing scope discovery made: no second listing.
    expect(sandbox.stats().byOperation['azure:virtualMachines.listAll'] ?? 0).toBe(listAllBefore);
    expect(vms).toHaveLength(sandbox.azureCompute.vmCount);
    expect(new Set(vms.map((vm) => vm.state))).toEqual(
      new Set(['running', 'stopped', 'deallocated']),
    );
    const vm = vms[0]!;
    expect(vm.uid).toBe(`azure/${vm.account}/${vm.region}/azure.vm/${encodeURIComponent(vm.id)}`);
    expect(vm.attributes).toMatchObject({
      vmSize: expect.stringMatching(/^Standard_/) as unknown,
      osType: expect.stringMatching(/^(Linux|Windows)$/) as unknown,
      powerState: expect.stringMatching(/^PowerState\//) as unknown,
      provisioningState: 'Succeeded',
      resourceGroup: vm.id.split('/')[4],
    });
    expect((vm.attributes.osDiskId as string).toLowerCase()).toContain(
      '/providers/microsoft.compute/disks/',
    );
    expect(vm.tags.env).toBeDefined();
  });

  it('lists managed disks with their state, some unattached and billed for nothing', async () => {
    const disks: Resource[] = [];
    for (const scope of scopes)
      disks.push(...(await collect(connection.inventory!.list(scope, COMPUTE_TYPES.azureDisk))));
    const unattached = disks.filter((d) => d.state === 'unattached');
    expect(unattached.length).toBeGreaterThan(0);
    expect(unattached.every((d) => d.attributes.managedBy === null)).toBe(true);
    expect(disks.some((d) => d.state === 'reserved')).toBe(true);
    expect(
      disks.every(
        (d) => typeof d.attributes.sizeGiB === 'number' && typeof d.attributes.sku === 'string',
      ),
    ).toBe(true);
  });

  it('deallocates, starts and restarts a VM, following the state through waitFor', async () => {
    const compute = connection.compute!;
    const vm = (await vmsOf()).find((v) => v.state === 'running')!;
    const stopped = await compute.stopInstance(vm);
    expect(stopped.state).toBe('deallocating');
    expect(stopped.detail).toMatchObject({ previousState: 'running' });
    expect(typeof stopped.detail.requestId).toBe('string');
    finishTransitions();
    expect((await compute.waitFor(vm, 'stopped')).state).toBe('deallocated');
    // A deallocated VM does not start by itself: the wait gives up when its time is over.
    await expect(compute.waitFor(vm, 'running', { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
    await expect(compute.rebootInstance(vm)).rejects.toMatchObject({ code: 'conflict' });
    expect((await compute.startInstance(vm)).state).toBe('pending');
    finishTransitions();
    const steps: ActionProgress[] = [];
    expect((await compute.waitFor(vm, 'running', { onProgress: (p) => steps.push(p) })).state).toBe(
      'running',
    );
    expect(steps.at(-1)).toMatchObject({ step: 'running', state: 'running' });
    expect((await compute.rebootInstance(vm)).state).toBe('pending');
    finishTransitions();
    await compute.waitFor(vm, 'running');
    // The next listing is fresh: actions drop the subscription's cached one.
    const again = (await vmsOf()).find((v) => v.id === vm.id);
    expect(again?.state).toBe('running');
  });

  it('resizes a running VM to the end of the long-running operation, reporting its steps', async () => {
    const compute = connection.compute!;
    const vm = (await vmsOf()).find(
      (v) =>
        v.state === 'running' &&
        v.region === 'westeurope' &&
        v.attributes.vmSize !== 'Standard_E4s_v5',
    )!;
    const steps: ActionProgress[] = [];
    const result = await compute.resizeInstance!(vm, 'Standard_E4s_v5', {
      onProgress: (p) => {
        steps.push(p);
        // The restart that applies the size ends once the sandbox's clock passes it.
        if (p.step === 'polling') finishTransitions();
      },
    });
    expect(result).toMatchObject({
      state: 'running',
      detail: { size: 'Standard_E4s_v5', previousState: 'running' },
    });
    expect(steps.map((s) => s.step)).toEqual(['modifying', 'polling', 'running']);
    expect(steps[1]?.state).toBe('stopping');
    expect(await compute.describe(vm)).toEqual({ state: 'running', size: 'Standard_E4s_v5' });
    await expect(compute.resizeInstance!(vm, 'Standard_Q1')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(compute.resizeInstance!(vm, '../x')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('refuses hostile ids before they reach a URL, and VMs of another subscription', async () => {
    const compute = connection.compute!;
    const [vm] = await vmsOf();
    const sub = vm!.account;
    for (const id of [
      `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/a/../../b`,
      `/subscriptions/${sub}/resourceGroups/rg'or'1/providers/Microsoft.Compute/virtualMachines/x`,
      'i-0abc',
    ])
      await expect(compute.startInstance({ ...vm!, id })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    await expect(
      compute.describe({ ...vm!, account: '00000000-0000-0000-0000-000000000000' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const missing = await compute
      .describe({ ...vm!, id: vm!.id.replace(/[^/]+$/, 'no-such-vm') })
      .then(
        () => null,
        (error: unknown) => error as CcxError,
      );
    expect(missing?.code).toBe('not_found');
    // The SDK error kept as cause no longer carries the bearer token it was sent with.
    expect(JSON.stringify((missing?.cause as { request?: unknown })?.request ?? {})).not.toMatch(
      /Bearer /,
    );
  });

  it('fetches CPU, its maximum and network for a whole region in one Monitor call', async () => {
    const scope = scopes.find((s) => s.region === 'westeurope')!;
    const vms = await collect(connection.inventory!.list(scope, COMPUTE_TYPES.azureVm));
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const start = new Date(end.getTime() - 24 * 3_600_000);
    sandbox.resetStats();
    const series = await collect(
      connection.metrics!.fetch(scope, {
        refs: vms,
        metrics: ['cpu', 'cpuMax', 'networkIn'],
        start,
        end,
        periodSeconds: 3600,
      }),
    );
    expect(sandbox.stats().byOperation['azure:metrics.listAtSubscriptionScope']).toBe(1);
    expect(series).toHaveLength(vms.length * 3);
    const running = vms.filter((v) => v.state === 'running');
    for (const vm of running) {
      const cpu = series.find((s) => s.uid === vm.uid && s.metric === 'cpu')!;
      const max = series.find((s) => s.uid === vm.uid && s.metric === 'cpuMax')!;
      expect(cpu.timestamps).toHaveLength(24);
      expect(cpu.timestamps[0]).toBe(start.getTime() / 1000);
      cpu.values.forEach((value, i) => {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(max.values[i]).toBeGreaterThanOrEqual(value);
      });
    }
    const idle = vms.find((v) => v.state === 'deallocated');
    if (idle)
      expect(series.find((s) => s.uid === idle.uid && s.metric === 'cpu')?.values).toEqual([]);
    await expect(
      collect(
        connection.metrics!.fetch(scope, {
          refs: vms,
          metrics: ['memory'],
          start,
          end,
          periodSeconds: 3600,
        }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('retries throttled calls (429 with Retry-After) until they pass', async () => {
    const fresh = await connect({}, 10);
    sandbox.resetStats();
    // Every call is throttled until the sandbox has refused one, then all pass: the listing
    // meets a 429 and must retry past it, whatever order its concurrent calls reach the sandbox.
    // A throttle rate below 1 would leave both to chance.
    sandbox.setFaults('azure.throttle=1');
    try {
      const listing = fresh.scopes();
      // Handled here so a wait that times out reports itself, not an unhandled rejection; the
      // await below still fails the test if the listing does.
      listing.catch(() => undefined);
      await vi.waitFor(() => expect(sandbox.stats().throttled).toBeGreaterThan(0), {
        interval: 5,
      });
      sandbox.setFaults('');
      const [scope] = await listing;
      expect(scope).toBeDefined();
    } finally {
      sandbox.setFaults('');
    }
  });

  it('reports a rejected client secret as forbidden, with the AADSTS code and without the secret', async () => {
    const wrong = await connect({ clientSecret: 'wrong-secret-value' });
    const error = await wrong.scopes().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CcxError);
    expect((error as CcxError).code).toBe('forbidden');
    expect((error as CcxError).message).toMatch(/AADSTS7000215/);
    expect((error as CcxError).message).not.toContain('wrong-secret-value');
    expect((error as CcxError).message).not.toContain(sandbox.azureCompute.clientSecret);
  });
});
