import {
  COMPUTE_TYPES,
  type Logger,
  type MetricRequest,
  type MetricSeries,
  type ProviderConnection,
  type Resource,
  type Scope,
} from '@ccx/core';
import { azureCliConnection, startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureConfigSchema } from '../config';
import { azureProvider } from '../provider';

type Mode = 'served' | 'badRequest' | 'forbidden' | 'notFound';

const HOUR = 3_600_000;
/** Every sandbox of this file runs at the same instant, so their metric models agree. */
const NOW = Math.floor(Date.now() / HOUR) * HOUR + 17 * 60_000;
const BATCH = 'azure:metrics.listAtSubscriptionScope';
const PER_VM = 'azure:metrics.list';

interface Estate {
  sandbox: SandboxHandle;
  connection: ProviderConnection;
  scope: Scope;
  vms: Resource[];
  warnings: { obj: object; msg: string | undefined }[];
}

async function estate(mode: Mode): Promise<Estate> {
  const sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-azure-metrics-')),
    s3Scale: 0,
    gcsScale: 0,
    now: () => NOW,
    azureSubscriptionMetrics: mode,
  });
  const warnings: Estate['warnings'] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (obj, msg) => warnings.push({ obj, msg }),
    error() {},
  };
  const { name, provider: _provider, ...config } = azureCliConnection(null, sandbox.azureCompute);
  const connection = await azureProvider.connect(name, azureConfigSchema.parse(config), {
    logger,
    extraCaPem: sandbox.caPem,
  });
  const scope = (await connection.scopes()).find((s) => s.region === 'westeurope')!;
  const vms: Resource[] = [];
  for await (const vm of connection.inventory!.list(scope, COMPUTE_TYPES.azureVm)) vms.push(vm);
  return { sandbox, connection, scope, vms, warnings };
}

async function fetchAll(at: Estate, request: MetricRequest): Promise<MetricSeries[]> {
  const out: MetricSeries[] = [];
  for await (const series of at.connection.metrics!.fetch(at.scope, request)) out.push(series);
  return out.sort((a, b) => `${a.uid} ${a.metric}`.localeCompare(`${b.uid} ${b.metric}`));
}

describe('Azure VM metrics where the subscription-scope call is refused', () => {
  let served: Estate;
  let request: MetricRequest;
  let expected: MetricSeries[];
  const started: Estate[] = [];

  beforeAll(async () => {
    served = await estate('served');
    started.push(served);
    const end = new Date(Math.floor(NOW / HOUR) * HOUR);
    request = {
      refs: served.vms,
      metrics: ['cpu', 'cpuMax', 'networkIn', 'diskWrite'],
      start: new Date(end.getTime() - 24 * HOUR),
      end,
      periodSeconds: 3600,
    };
    served.sandbox.resetStats();
    expected = await fetchAll(served, request);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(started.map((at) => at.sandbox.stop()));
  });

  it('reads a whole region in one subscription-scope call where it is served', () => {
    expect(served.vms.filter((vm) => vm.state === 'running').length).toBeGreaterThanOrEqual(3);
    expect(served.sandbox.stats().byOperation[BATCH]).toBe(1);
    expect(served.sandbox.stats().byOperation[PER_VM] ?? 0).toBe(0);
    expect(expected).toHaveLength(served.vms.length * 4);
    expect(expected.some((s) => s.values.length === 24)).toBe(true);
    expect(served.warnings).toEqual([]);
  });

  it.each(['forbidden', 'badRequest', 'notFound'] as const)(
    'falls back to one call per VM when refused (%s), with the same series, and remembers it',
    async (mode) => {
      const refused = await estate(mode);
      started.push(refused);
      expect(refused.vms.map((vm) => vm.uid)).toEqual(served.vms.map((vm) => vm.uid));
      refused.sandbox.resetStats();
      expect(await fetchAll(refused, request)).toEqual(expected);
      // The refused call once, then each VM on its own.
      expect(refused.sandbox.stats().byOperation[BATCH]).toBe(1);
      expect(refused.sandbox.stats().byOperation[PER_VM]).toBe(refused.vms.length);
      // The next fetch of the scope goes straight to the per-VM calls.
      expect(await fetchAll(refused, request)).toEqual(expected);
      expect(refused.sandbox.stats().byOperation[BATCH]).toBe(1);
      expect(refused.sandbox.stats().byOperation[PER_VM]).toBe(2 * refused.vms.length);
      const status = { forbidden: 403, badRequest: 400, notFound: 404 }[mode];
      expect(refused.warnings).toEqual([
        {
          obj: {
            subscription: refused.scope.account,
            region: 'westeurope',
            status,
            azureCode: expect.any(String) as unknown,
          },
          msg: expect.stringMatching(/read per VM/) as unknown,
        },
      ]);
      expect(JSON.stringify(refused.warnings)).not.toMatch(/Bearer|secret/i);
    },
    60_000,
  );

  it('reads per VM past a VM deleted since the last sync, which has no series', async () => {
    const refused = await estate('forbidden');
    started.push(refused);
    const vm = refused.vms[0]!;
    const ghost = { ...vm, id: vm.id.replace(/[^/]+$/, 'vm-deleted-since-sync') };
    const withGhost = { ...request, refs: [...refused.vms, ghost] };
    expect(await fetchAll(refused, withGhost)).toEqual(expected);
    expect(refused.warnings).toHaveLength(2);
    expect(refused.warnings[1]).toEqual({
      obj: { subscription: refused.scope.account, region: 'westeurope', vms: { 404: 1 } },
      msg: expect.stringMatching(/no metrics this time/) as unknown,
    });
    expect(JSON.stringify(refused.warnings)).not.toMatch(/Bearer|secret/i);
    // Where the subscription-scope call is served, it leaves such a VM out just the same.
    expect(await fetchAll(served, withGhost)).toEqual(expected);
  }, 60_000);

  it('does not fall back on server errors, which fail the fetch as retryable', async () => {
    served.sandbox.resetStats();
    served.sandbox.setFaults('azure.error=1');
    try {
      await expect(fetchAll(served, request)).rejects.toMatchObject({
        code: 'unavailable',
        retryable: true,
      });
    } finally {
      served.sandbox.setFaults('');
    }
    expect(served.sandbox.stats().byOperation[BATCH]).toBeGreaterThanOrEqual(1);
    expect(served.sandbox.stats().byOperation[PER_VM] ?? 0).toBe(0);
    expect(served.warnings).toEqual([]);
    // And the scope still reads in one call once the errors stop.
    served.sandbox.resetStats();
    expect(await fetchAll(served, request)).toEqual(expected);
    expect(served.sandbox.stats().byOperation[BATCH]).toBe(1);
  });
});
