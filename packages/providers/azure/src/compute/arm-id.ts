import { CcxError, COMPUTE_TYPES, type ResourceRef } from '@ccx/core';

/** The parts of a VM's ARM id the SDK's operations take. */
export interface VmCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/**
 * `/subscriptions/{guid}/resourceGroups/{group}/providers/Microsoft.Compute/virtualMachines/{name}`
 * with Azure's character rules for group (1–90 of letters, digits, `._-()`, not ending in `.`)
 * and VM names (1–64 of letters, digits, `._-`). Anything else is refused before it reaches a
 * URL or a Monitor filter, where a quote or a slash would change the request's meaning.
 */
const VM_ID =
  /^\/subscriptions\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/resourceGroups\/([\w.()-]{0,89}[\w()-])\/providers\/Microsoft\.Compute\/virtualMachines\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/i;

export function parseVmId(id: string): VmCoordinates | null {
  const match = VM_ID.exec(id);
  if (!match) return null;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  return { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, name };
}

/** The coordinates of a VM ref, checked against its type, provider and subscription. */
export function vmCoordinates(ref: ResourceRef): VmCoordinates {
  if (ref.provider !== 'azure' || ref.type !== COMPUTE_TYPES.azureVm)
    throw new CcxError('invalid_input', `Expected an Azure VM, not ${ref.provider} ${ref.type}`);
  const vm = parseVmId(ref.id);
  if (!vm) throw new CcxError('invalid_input', 'The VM id is not an Azure virtual machine id');
  if (vm.subscriptionId !== ref.account.toLowerCase())
    throw new CcxError('invalid_input', 'The VM id names another subscription than the resource');
  return vm;
}

/** The resource group of any ARM id (`/subscriptions/…/resourceGroups/{group}/…`). */
export function resourceGroupOf(id: string): string | null {
  return /\/resourceGroups\/([^/]+)\//i.exec(id)?.[1] ?? null;
}
