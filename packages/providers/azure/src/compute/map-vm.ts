import type { Disk, VirtualMachine } from '@azure/arm-compute';
import { COMPUTE_TYPES, makeResource, type Resource } from '@ccx/core';
import { resourceGroupOf } from './arm-id';

/** Azure's power states in the product's vocabulary; `stopped` is still billed for compute. */
const POWER_STATES: Readonly<Record<string, string>> = {
  running: 'running',
  starting: 'pending',
  stopping: 'stopping',
  stopped: 'stopped',
  deallocating: 'deallocating',
  deallocated: 'deallocated',
};

/** The raw `PowerState/…` code of an instance view, if it has one. */
export function powerStateCode(statuses: readonly { code?: string }[] | undefined): string | null {
  return statuses?.find((status) => status.code?.startsWith('PowerState/'))?.code ?? null;
}

export function normalisedState(powerState: string | null): string | null {
  if (!powerState) return null;
  return POWER_STATES[powerState.slice('PowerState/'.length).toLowerCase()] ?? null;
}

const iso = (value: Date | string | undefined): string | null =>
  value === undefined ? null : new Date(value).toISOString();

/** A VM listed with `statusOnly` (instance view inline) as an `azure.vm` resource. */
export function vmResource(vm: VirtualMachine, subscriptionId: string): Resource | null {
  if (!vm.id || !vm.location) return null;
  const powerState = powerStateCode(vm.instanceView?.statuses);
  const provisioning = vm.instanceView?.statuses?.find((s) =>
    s.code?.startsWith('ProvisioningState/'),
  );
  return makeResource({
    provider: 'azure',
    account: subscriptionId,
    region: vm.location.toLowerCase(),
    type: COMPUTE_TYPES.azureVm,
    id: vm.id,
    name: vm.name ?? null,
    state: normalisedState(powerState),
    tags: { ...vm.tags },
    createdAt: iso(vm.timeCreated),
    attributes: {
      resourceGroup: resourceGroupOf(vm.id),
      vmSize: vm.hardwareProfile?.vmSize ?? null,
      osType: vm.storageProfile?.osDisk?.osType ?? null,
      osDiskId: vm.storageProfile?.osDisk?.managedDisk?.id ?? null,
      dataDiskIds: (vm.storageProfile?.dataDisks ?? []).flatMap((d) =>
        d.managedDisk?.id ? [d.managedDisk.id] : [],
      ),
      nicIds: (vm.networkProfile?.networkInterfaces ?? []).flatMap((n) => (n.id ? [n.id] : [])),
      zones: vm.zones ?? [],
      priority: vm.priority ?? null,
      powerState,
      provisioningState:
        vm.provisioningState ?? provisioning?.code?.slice('ProvisioningState/'.length) ?? null,
      vmId: vm.vmId ?? null,
    },
  });
}

/** A managed disk as an `azure.disk` resource; its state is its `diskState`. */
export function diskResource(disk: Disk, subscriptionId: string): Resource | null {
  if (!disk.id || !disk.location) return null;
  return makeResource({
    provider: 'azure',
    account: subscriptionId,
    region: disk.location.toLowerCase(),
    type: COMPUTE_TYPES.azureDisk,
    id: disk.id,
    name: disk.name ?? null,
    state: disk.diskState ? disk.diskState.toLowerCase() : null,
    tags: { ...disk.tags },
    createdAt: iso(disk.timeCreated),
    attributes: {
      resourceGroup: resourceGroupOf(disk.id),
      sizeGiB: disk.diskSizeGB ?? null,
      sku: disk.sku?.name ?? null,
      diskState: disk.diskState ?? null,
      managedBy: disk.managedBy ?? null,
      osType: disk.osType ?? null,
    },
  });
}
