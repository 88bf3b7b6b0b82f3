import { ComputeManagementClient } from '@azure/arm-compute';
import { MonitorClient } from '@azure/arm-monitor';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';

const POLL = { updateIntervalInMs: 10 };
const TRANSITION_MS = 60_000;

describe('the Azure compute sandbox through the official SDKs', () => {
  let sandbox: SandboxHandle;
  let credential: ClientSecretCredential;
  let tls: { ca: string[] };
  const client = (sub: string, cred: TokenCredential = credential) =>
    new ComputeManagementClient(cred, sub, {
      endpoint: sandbox.azureCompute.armUrl,
      credentials: { scopes: [`${sandbox.azureCompute.armUrl}/.default`] },
      tlsOptions: tls,
      retryOptions: { maxRetries: 10, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    });
  const sub = () => sandbox.azureCompute.subscriptions[0]!.id;
  /** The sandbox's clock: transitions finish only when a test moves it past them. */
  let clock = Date.now();
  const finishTransitions = () => {
    clock += TRANSITION_MS;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: mkdtempSync(join(tmpdir(), 'ccx-arm-')),
      s3Scale: 0,
      gcsScale: 0,
      transitionMs: TRANSITION_MS,
      now: () => clock,
    });
    tls = { ca: [sandbox.caPem] };
    const { tenantId, clientId, clientSecret, authorityHost } = sandbox.azureCompute;
    credential = new ClientSecretCredential(tenantId, clientId, clientSecret, {
      authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: tls,
    });
  });
  afterAll(() => sandbox?.stop());

  it('signs in with ClientSecretCredential and lists every VM, page after page, with power states', async () => {
    const { subscriptions, vmCount } = sandbox.azureCompute;
    expect(subscriptions).toHaveLength(2);
    expect(vmCount).toBeGreaterThanOrEqual(30);
    let total = 0;
    const states = new Set<string>();
    for (const { id } of subscriptions) {
      for await (const vm of client(id).virtualMachines.listAll({ statusOnly: 'true' })) {
        total++;
        expect(vm.id?.startsWith(`/subscriptions/${id}/resourceGroups/`)).toBe(true);
        const power = vm.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'));
        states.add(power?.code ?? 'none');
        expect(vm.hardwareProfile?.vmSize).toMatch(/^Standard_/);
        expect(vm.tags?.env).toMatch(/^(prod|dev|test)$/);
      }
    }
    expect(total).toBe(vmCount);
    expect([...states].sort()).toEqual([
      'PowerState/deallocated',
      'PowerState/running',
      'PowerState/stopped',
    ]);
    // More VMs than one page holds: the listing followed nextLink.
    expect(sandbox.stats().byOperation['azure:virtualMachines.listAll']).toBeGreaterThan(2);
  });

  it('writes the compute connection into the sandbox config, without Azurite', () => {
    const azure = sandbox.cliConfig().connections.find((c) => c.name === 'sandbox-azure');
    expect(azure).toMatchObject({
      provider: 'azure',
      sandbox: true,
      compute: {
        tenantId: sandbox.azureCompute.tenantId,
        clientId: sandbox.azureCompute.clientId,
        authorityHost: sandbox.azureCompute.armUrl,
        resourceManagerEndpoint: sandbox.azureCompute.armUrl,
        subscriptions: sandbox.azureCompute.subscriptions.map((s) => s.id),
      },
    });
    expect(azure).not.toHaveProperty('storageAccounts');
  });

  it('refuses a wrong client secret with the AADSTS code, and a request without a valid token', async () => {
    const { tenantId, clientId, authorityHost } = sandbox.azureCompute;
    const wrong = new ClientSecretCredential(tenantId, clientId, 'not-the-secret', {
      authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: tls,
    });
    await expect(wrong.getToken(`${authorityHost}/.default`)).rejects.toThrow(/AADSTS7000215/);
    const unknownApp = new ClientSecretCredential(
      tenantId,
      '00000000-0000-0000-0000-000000000000',
      'x',
      {
        authorityHost,
        disableInstanceDiscovery: true,
        tlsOptions: tls,
      },
    );
    await expect(unknownApp.getToken(`${authorityHost}/.default`)).rejects.toThrow(/AADSTS700016/);
    await expect(credential.getToken('https://vault.azure.net/.default')).rejects.toThrow(
      /AADSTS500011/,
    );
    const forged: TokenCredential = {
      getToken: (): Promise<AccessToken> =>
        Promise.resolve({
          token: 'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl',
          expiresOnTimestamp: Date.now() + 3_600_000,
        }),
    };
    await expect(client(sub(), forged).virtualMachines.listAll().next()).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
  });

  it('issues a Blob Storage token, which Resource Manager refuses for its audience', async () => {
    const storageToken = await credential.getToken('https://storage.azure.com/.default');
    const claims = JSON.parse(
      Buffer.from(storageToken.token.split('.')[1]!, 'base64url').toString('utf8'),
    ) as { aud: string; appid: string };
    expect(claims).toMatchObject({
      aud: 'https://storage.azure.com',
      appid: sandbox.azureCompute.clientId,
    });
    const asStorage: TokenCredential = { getToken: () => Promise.resolve(storageToken) };
    await expect(client(sub(), asStorage).virtualMachines.listAll().next()).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationTokenAudience',
    });
  });

  it('follows a deallocate and a start through Azure-AsyncOperation to the final power state', async () => {
    const compute = client(sub());
    let running: { group: string; name: string } | null = null;
    for await (const vm of compute.virtualMachines.listAll({ statusOnly: 'true' })) {
      const power = vm.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'));
      if (power?.code === 'PowerState/running' && vm.id && vm.name) {
        running = { group: vm.id.split('/')[4]!, name: vm.name };
        break;
      }
    }
    if (!running) throw new Error('no running VM in the seed');
    const powerOf = async () =>
      (await compute.virtualMachines.instanceView(running.group, running.name)).statuses?.find(
        (s) => s.code?.startsWith('PowerState/'),
      )?.code;
    const poller = await compute.virtualMachines.beginDeallocate(running.group, running.name, POLL);
    expect(await powerOf()).toBe('PowerState/deallocating');
    finishTransitions();
    await poller.pollUntilDone();
    expect(await powerOf()).toBe('PowerState/deallocated');
    await expect(
      compute.virtualMachines.beginRestartAndWait(running.group, running.name, POLL),
    ).rejects.toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
    const start = await compute.virtualMachines.beginStart(running.group, running.name, POLL);
    expect(await powerOf()).toBe('PowerState/starting');
    finishTransitions();
    await start.pollUntilDone();
    expect(await powerOf()).toBe('PowerState/running');
  });

  it('resizes a running VM by restarting it, and refuses unknown and unoffered sizes', async () => {
    const compute = client(sub());
    const vms = [];
    for await (const vm of compute.virtualMachines.listAll({ statusOnly: 'true' })) vms.push(vm);
    const vm = vms.find(
      (v) =>
        v.location === 'westeurope' &&
        v.instanceView?.statuses?.some((s) => s.code === 'PowerState/running') &&
        v.hardwareProfile?.vmSize !== 'Standard_D4s_v5',
    );
    if (!vm?.id || !vm.name) throw new Error('no running VM in westeurope');
    const group = vm.id.split('/')[4]!;
    const poller = await compute.virtualMachines.beginUpdate(
      group,
      vm.name,
      { hardwareProfile: { vmSize: 'Standard_D4s_v5' } },
      POLL,
    );
    const during = await compute.virtualMachines.get(group, vm.name, { expand: 'instanceView' });
    expect(during.provisioningState).toBe('Updating');
    expect(during.instanceView?.statuses?.map((s) => s.code)).toContain('PowerState/stopping');
    finishTransitions();
    const updated = await poller.pollUntilDone();
    expect(updated.hardwareProfile?.vmSize).toBe('Standard_D4s_v5');
    expect(updated.provisioningState).toBe('Succeeded');
    await expect(
      compute.virtualMachines.beginUpdateAndWait(
        group,
        vm.name,
        { hardwareProfile: { vmSize: 'Standard_Z99' } },
        POLL,
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    const sizes = [];
    for await (const size of compute.virtualMachines.listAvailableSizes(group, vm.name))
      sizes.push(size.name);
    expect(sizes).toContain('Standard_E8s_v5');
  });

  it('lists managed disks, some of them unattached', async () => {
    const disks = [];
    for (const { id } of sandbox.azureCompute.subscriptions)
      for await (const disk of client(id).disks.list()) disks.push(disk);
    expect(disks.some((d) => d.diskState === 'Unattached' && !d.managedBy)).toBe(true);
    expect(disks.some((d) => d.diskState === 'Attached' && d.managedBy)).toBe(true);
    expect(disks.some((d) => d.diskState === 'Reserved')).toBe(true);
  });

  it('serves Percentage CPU and network totals per VM through Azure Monitor', async () => {
    const compute = client(sub());
    let id: string | undefined;
    for await (const vm of compute.virtualMachines.listAll({ statusOnly: 'true' }))
      if (vm.instanceView?.statuses?.some((s) => s.code === 'PowerState/running')) {
        id = vm.id;
        break;
      }
    const monitor = new MonitorClient(credential, sub(), {
      endpoint: sandbox.azureCompute.armUrl,
      credentialScopes: [`${sandbox.azureCompute.armUrl}/.default`],
      tlsOptions: tls,
    });
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const start = new Date(end.getTime() - 6 * 3_600_000);
    const response = await monitor.metrics.list(id!, {
      timespan: `${start.toISOString()}/${end.toISOString()}`,
      interval: 'PT1H',
      metricnames: 'Percentage CPU,Network In Total',
      aggregation: 'Average,Maximum,Total',
    });
    const cpu = response.value.find((m) => m.name.value === 'Percentage CPU');
    const points = cpu?.timeseries?.[0]?.data ?? [];
    expect(points).toHaveLength(6);
    for (const point of points) {
      expect(point.average).toBeGreaterThanOrEqual(0);
      expect(point.maximum).toBeGreaterThanOrEqual(point.average!);
      expect(point.maximum).toBeLessThanOrEqual(100);
    }
    expect(response.value.find((m) => m.name.value === 'Network In Total')?.unit).toBe('Bytes');
  });

  it('throttles with 429 and Retry-After under injected faults, which the SDK retries', async () => {
    sandbox.resetStats();
    // The first two requests are refused whatever calls came before; the SDK must retry past both.
    sandbox.setFaults('azure.throttleNext=2');
    try {
      let count = 0;
      for await (const _vm of client(sub()).virtualMachines.listAll()) count++;
      expect(count).toBeGreaterThan(0);
      expect(sandbox.stats().throttled).toBe(2);
    } finally {
      sandbox.setFaults('');
    }
  });
});
