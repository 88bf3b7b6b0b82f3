import { describeComputeActionsContract } from '@ccx/provider-testing/compute-actions-contract';
import { describeMetricsContract } from '@ccx/provider-testing/metrics-contract';
import { COMPUTE_TYPES, type ProviderConnection, type Resource, type Scope } from '@ccx/core';
import { azureCliConnection, startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { azureConfigSchema } from '../config';
import { azureProvider } from '../provider';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A sandbox with short transitions, and the provider connected to its compute estate. */
async function connectToSandbox(subscriptionMetrics: 'served' | 'forbidden' = 'served'): Promise<{
  sandbox: SandboxHandle;
  connection: ProviderConnection;
  byScope: { scope: Scope; vms: Resource[] }[];
}> {
  const sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-azure-contract-')),
    s3Scale: 0,
    gcsScale: 0,
    transitionMs: 100,
    azureSubscriptionMetrics: subscriptionMetrics,
  });
  const { name, provider: _provider, ...config } = azureCliConnection(null, sandbox.azureCompute);
  const connection = await azureProvider.connect(
    name,
    azureConfigSchema.parse({ ...config, compute: { ...config.compute, pollIntervalMs: 20 } }),
    { logger: quiet, extraCaPem: sandbox.caPem },
  );
  const scopes = await connection.scopes();
  const byScope: { scope: Scope; vms: Resource[] }[] = [];
  for (const scope of scopes) {
    const vms: Resource[] = [];
    for await (const vm of connection.inventory!.list(scope, COMPUTE_TYPES.azureVm)) vms.push(vm);
    byScope.push({ scope, vms });
  }
  return { sandbox, connection, byScope };
}

describeComputeActionsContract('Azure VMs on the sandbox', async () => {
  const { sandbox, connection, byScope } = await connectToSandbox();
  const resizeTo = 'Standard_D8s_v5';
  const pick = (state: string) => (vm: Resource) =>
    vm.state === state && vm.attributes.vmSize !== resizeTo;
  // Both machines of one region (every seeded region offers the size).
  const vms =
    byScope.find(({ vms }) => vms.some(pick('running')) && vms.some(pick('deallocated')))?.vms ??
    [];
  const running = vms.find(pick('running'));
  const stopped = vms.find(pick('deallocated'));
  if (!running || !stopped)
    throw new Error('the seed has no region with a running and a deallocated VM');
  return {
    compute: connection.compute!,
    running,
    stopped,
    resizeTo,
    invalidSize: 'Standard_Nope_v9',
    waitTimeoutMs: 10_000,
    cleanup: () => sandbox.stop(),
  };
});

/** The first scope with three running VMs, and those three: what the metrics contract reads. */
function threeRunning(byScope: { scope: Scope; vms: Resource[] }[]): {
  scope: Scope;
  refs: Resource[];
} {
  for (const { scope, vms } of byScope) {
    const running = vms.filter((vm) => vm.state === 'running');
    if (running.length >= 3) return { scope, refs: running.slice(0, 3) };
  }
  throw new Error('the seed has no scope with three running VMs');
}

describeMetricsContract('Azure VMs on the sandbox', async () => {
  const { sandbox, connection, byScope } = await connectToSandbox();
  return {
    metrics: connection.metrics!,
    ...threeRunning(byScope),
    type: COMPUTE_TYPES.azureVm,
    callCount: () => sandbox.stats().byOperation['azure:metrics.listAtSubscriptionScope'] ?? 0,
    cleanup: () => sandbox.stop(),
  };
});

describeMetricsContract(
  'Azure VMs on the sandbox, per VM where the subscription-scope call is refused',
  async () => {
    const { sandbox, connection, byScope } = await connectToSandbox('forbidden');
    return {
      metrics: connection.metrics!,
      ...threeRunning(byScope),
      type: COMPUTE_TYPES.azureVm,
      // Every call of the scope: the refused batch call (once) and the per-VM ones.
      callCount: () => {
        const counts = sandbox.stats().byOperation;
        return (
          (counts['azure:metrics.listAtSubscriptionScope'] ?? 0) +
          (counts['azure:metrics.list'] ?? 0)
        );
      },
      cleanup: () => sandbox.stop(),
    };
  },
);
