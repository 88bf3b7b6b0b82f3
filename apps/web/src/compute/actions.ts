import { COMPUTE_TYPES, INSTANCE_TYPES, SERVICE_TYPES } from '@ccx/core';
import type { ActionName } from '@ccx/core';
import type { ComputeEntry } from '@ccx/api/contract';

/** The actions a type has at all, in button order; `entry.actions` says which are allowed now. */
export function actionsForType(type: string): ActionName[] {
  if (INSTANCE_TYPES.has(type))
    return ['compute.start', 'compute.stop', 'compute.reboot', 'compute.resize'];
  if (SERVICE_TYPES.has(type)) return ['compute.scale', 'compute.deploy'];
  if (type === COMPUTE_TYPES.ec2Address)
    return ['compute.associate-address', 'compute.disassociate-address'];
  return [];
}

/** Actions a list selection can take together, one confirmation for all. */
export const BULK_ACTIONS = [
  'compute.start',
  'compute.stop',
  'compute.reboot',
] as const satisfies readonly ActionName[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** What an action will do, in the words of the confirmation. */
export function consequence(
  action: ActionName,
  entry: Pick<ComputeEntry, 'provider' | 'state'>,
): string {
  switch (action) {
    case 'compute.start':
      return 'It is started; it is billed for compute while it runs.';
    case 'compute.stop':
      return entry.provider === 'azure'
        ? 'It is stopped and deallocated: compute billing stops, disks are kept.'
        : 'It is stopped: compute billing stops, volumes are kept and still billed.';
    case 'compute.reboot':
      return 'It is restarted; whatever runs on it is interrupted.';
    case 'compute.resize':
      return entry.state === 'running' || entry.state === 'pending'
        ? 'It is stopped, resized and started again: whatever runs on it is interrupted.'
        : 'Its size is changed; it stays stopped.';
    case 'compute.scale':
      return 'The service starts or stops tasks until the running count matches.';
    case 'compute.deploy':
      return 'A new revision of its task definition is registered and the service rolls its tasks over to it.';
    case 'compute.associate-address':
      return 'The address points at the instance; an address the instance held before is disassociated from it.';
    case 'compute.disassociate-address':
      return 'The address stops pointing at its instance; it stays allocated and is still billed.';
  }
}

/** Why a button is disabled, for its tooltip. */
export function disabledReason(canOperate: boolean): string {
  return canOperate
    ? 'Not possible in its current state'
    : 'Your role does not allow actions (operator or admin needed)';
}

/** What a bulk action does, for a selection that may mix providers. */
export function bulkConsequence(action: BulkAction): string {
  switch (action) {
    case 'compute.start':
      return 'Each is started; it is billed for compute while it runs.';
    case 'compute.stop':
      return 'Each is stopped (Azure VMs are deallocated): compute billing stops, disks are kept.';
    case 'compute.reboot':
      return 'Each is restarted; whatever runs on it is interrupted.';
  }
}
