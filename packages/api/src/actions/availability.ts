import type {
  ActionName,
  ComputeActions,
  ProviderConnection,
  ResourceRef,
  Role,
  ActionResult,
} from '@ccx/core';
import { ACTIONS, roleAllows } from '@ccx/core';
import type { StoredResource } from '@ccx/store';

/** Resource types the compute capability acts on. */
export const COMPUTE_TYPES: ReadonlySet<string> = new Set(['ec2.instance']);

/**
 * States in which an action makes sense; a state the table does not know (or null) allows
 * the action and lets the provider decide.
 */
const ALLOWED_FROM: Record<ActionName, ReadonlySet<string>> = {
  'compute.start': new Set(['stopped']),
  'compute.stop': new Set(['running', 'pending']),
  'compute.reboot': new Set(['running']),
};
const KNOWN_STATES = new Set([
  'pending',
  'running',
  'stopping',
  'stopped',
  'shutting-down',
  'terminated',
]);

/** The provider call for each action, so the action table and the dispatch stay one list. */
export const COMPUTE_CALLS: Record<
  ActionName,
  (compute: ComputeActions, ref: ResourceRef) => Promise<ActionResult>
> = {
  'compute.start': (compute, ref) => compute.startInstance(ref),
  'compute.stop': (compute, ref) => compute.stopInstance(ref),
  'compute.reboot': (compute, ref) => compute.rebootInstance(ref),
};

/** Actions `role` may run on `resource` right now, given its connection's capabilities. */
export function availableActions(
  resource: StoredResource,
  role: Role,
  connections: ReadonlyMap<string, ProviderConnection>,
): ActionName[] {
  if (resource.deletedAt || !COMPUTE_TYPES.has(resource.type)) return [];
  if (!connections.get(resource.connection)?.compute) return [];
  return (Object.keys(ACTIONS) as ActionName[]).filter((action) => {
    if (!roleAllows(role, ACTIONS[action].role)) return false;
    const state = resource.state;
    return state === null || !KNOWN_STATES.has(state) || ALLOWED_FROM[action].has(state);
  });
}
