import type { ActionName, ProviderConnection, Role } from '@ccx/core';
import type { StoredResource } from '@ccx/store';
import { allowedActions } from '../compute/action-plan';

/** Actions `role` may run on `resource` right now, given its connection's capabilities. */
export function availableActions(
  resource: StoredResource,
  role: Role,
  connections: ReadonlyMap<string, ProviderConnection>,
): ActionName[] {
  return allowedActions(resource, connections.get(resource.connection)?.compute, role);
}
